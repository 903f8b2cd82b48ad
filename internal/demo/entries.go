package demo

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Sizes of the current programs' entries.
const (
	otaCurrentEntries     = 40
	tsubameCurrentEntries = 7
	tsubameTiedEntries    = 4 // of which tied to Niigata
	withdrawn2021         = 11
)

// entries adds one entry per talent to the 2021 program, then entries from
// some of the same talents to the two open programs.
func (g *generator) entries() error {
	g.entries2021()
	g.currentEntries(otaCurrentID, g.sample(otaCurrentEntries, 0, nil), domain.MaxChoices)
	g.currentEntries(tsubameCurrentID, g.sample(tsubameCurrentEntries, tsubameTiedEntries, g.tiedToNiigata), 3)
	return nil
}

// entries2021 writes the 440 entries of the closed 2021 program, decides them
// and numbers them in order of submission.
func (g *generator) entries2021() {
	prog := g.ds.Programs[ota2021ID-1]
	projects := g.projectsOf(ota2021ID)
	var es []domain.Entry
	for ti := range g.ds.Talents {
		n := 1 + g.pick([]float64{15, 20, 30, 15, 20})
		choices := g.rank(ti, projects, n)
		es = append(es, domain.Entry{
			MunicipalityID: prog.MunicipalityID,
			ProgramID:      prog.ID,
			TalentID:       g.ds.Talents[ti].ID,
			Choices:        choices,
			Motivation:     g.motivation(ti, g.ds.Projects[choices[0]-1]),
			Status:         domain.EntryDeclined,
			SubmittedAt:    g.submittedAt(prog.EntryOpensAt, prog.EntryClosesAt),
		})
	}
	for _, i := range g.rng.Perm(len(es))[:withdrawn2021] {
		es[i].Status = domain.EntryWithdrawn
	}
	offers := g.decide(es, projects)
	slices.SortStableFunc(es, func(a, b domain.Entry) int { return a.SubmittedAt.Compare(b.SubmittedAt) })
	g.appendEntries(es)
	g.ds.Offers = map[int64]int64{}
	for _, e := range g.ds.Entries {
		if p, ok := offers[e.TalentID]; ok && e.ProgramID == prog.ID {
			g.ds.Offers[e.ID] = p
		}
	}
}

// rank draws up to n distinct projects for a talent, weighting each by its
// popularity and by how well the talent's skills fit it; it returns their IDs.
func (g *generator) rank(ti int, projects []int, n int) []int64 {
	t := g.ds.Talents[ti]
	w := make([]float64, len(projects))
	for k, pi := range projects {
		p := g.ds.Projects[pi]
		w[k] = g.popularity[pi] * (0.05 + float64(fit(t, p)))
		if p.WorkStyle == domain.WorkOnSite && t.WorkStyle == domain.WorkRemote {
			w[k] *= 0.2
		}
	}
	var ids []int64
	for _, k := range g.pickN(w, n) {
		ids = append(ids, g.ds.Projects[projects[k]].ID)
	}
	return ids
}

// fit counts the project's skills the talent has: required skills count two,
// preferred skills one.
func fit(t domain.Talent, p domain.Project) int {
	n := 0
	for _, s := range t.Skills {
		if slices.Contains(p.RequiredSkills, s.Code) {
			n += 2
		} else if slices.Contains(p.PreferredSkills, s.Code) {
			n++
		}
	}
	return n
}

// decide offers each 2021 project to as many entrants as its team size,
// preferring those who ranked it higher and fit it better, leaders a little;
// everyone else is declined. It returns the project offered to each
// offered talent, by talent ID.
func (g *generator) decide(es []domain.Entry, projects []int) map[int64]int64 {
	offers := map[int64]int64{}
	for _, pi := range projects {
		p := g.ds.Projects[pi]
		type candidate struct {
			entry int
			score float64
		}
		var cs []candidate
		for ei := range es {
			e := &es[ei]
			rank := slices.Index(e.Choices, p.ID)
			if rank < 0 || e.Status != domain.EntryDeclined {
				continue
			}
			t := g.ds.Talents[e.TalentID-1]
			score := 2*float64(fit(t, p)) + 1.5*float64(domain.MaxChoices-rank) + 3*g.rng.Float64()
			if t.Leader {
				score++
			}
			cs = append(cs, candidate{ei, score})
		}
		slices.SortStableFunc(cs, func(a, b candidate) int { return cmp.Compare(b.score, a.score) })
		for _, c := range cs[:min(p.TeamSize, len(cs))] {
			es[c.entry].Status = domain.EntryOffered
			offers[es[c.entry].TalentID] = p.ID
		}
	}
	return offers
}

// submittedAt draws a submission time inside an entry window: a burst in the
// first ten days, a rush in the last three and a steady rise in between.
func (g *generator) submittedAt(opens, closes time.Time) time.Time {
	span := closes.Sub(opens)
	u := g.rng.Float64()
	switch {
	case u < 0.12:
		return g.between(opens, opens.Add(min(span, 10*24*time.Hour)))
	case u < 0.30:
		return g.between(closes.Add(-min(span, 3*24*time.Hour)), closes)
	}
	offset := time.Duration(float64(span) * math.Sqrt(g.rng.Float64()))
	return opens.Add(offset).Truncate(time.Second)
}

// sample returns n distinct talent indexes in random order, up to
// preferred of them talents for which prefer is true.
func (g *generator) sample(n, preferred int, prefer func(int) bool) []int {
	var first, rest []int
	for _, ti := range g.rng.Perm(len(g.ds.Talents)) {
		if prefer != nil && len(first) < preferred && prefer(ti) {
			first = append(first, ti)
		} else {
			rest = append(rest, ti)
		}
	}
	out := append(first, rest...)
	return out[:min(n, len(out))]
}

// tiedToNiigata reports whether a talent lives in or grew up in Niigata
// Prefecture, which includes Tsubame.
func (g *generator) tiedToNiigata(ti int) bool {
	for _, a := range g.ds.Talents[ti].Affinities {
		if a.LGCode[:2] == "15" {
			return true
		}
	}
	return false
}

// currentEntries adds entries from the given talents to an open program:
// submitted since the window opened, some already in screening.
func (g *generator) currentEntries(programID int64, talents []int, maxChoices int) {
	prog := g.ds.Programs[programID-1]
	projects := g.projectsOf(programID)
	latest := g.now.UTC()
	if prog.EntryClosesAt.Before(latest) {
		latest = prog.EntryClosesAt
	}
	var es []domain.Entry
	for _, ti := range talents {
		n := 1 + g.rng.IntN(min(maxChoices, len(projects)))
		choices := g.rank(ti, projects, n)
		e := domain.Entry{
			MunicipalityID: prog.MunicipalityID,
			ProgramID:      prog.ID,
			TalentID:       g.ds.Talents[ti].ID,
			Choices:        choices,
			Motivation:     g.motivation(ti, g.ds.Projects[choices[0]-1]),
			Status:         domain.EntrySubmitted,
			SubmittedAt:    g.between(prog.EntryOpensAt, latest),
		}
		if latest.Sub(e.SubmittedAt) > 7*24*time.Hour && g.rng.Float64() < 0.6 {
			e.Status = domain.EntryScreening
		}
		es = append(es, e)
	}
	slices.SortStableFunc(es, func(a, b domain.Entry) int { return a.SubmittedAt.Compare(b.SubmittedAt) })
	g.appendEntries(es)
}

// appendEntries numbers entries after the existing ones and adds them.
func (g *generator) appendEntries(es []domain.Entry) {
	for i := range es {
		es[i].ID = int64(len(g.ds.Entries) + 1)
		g.ds.Entries = append(g.ds.Entries, es[i])
	}
}
