package app

import (
	"context"
	"sort"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Cohort is a program's allocation problem, built from its entries'
// ranked choices and the fit score of each pair, with the names staff
// recognise.
type Cohort struct {
	Program  domain.Program
	Instance match.Instance
	Entrants map[string]EntryRow       // by talent id
	Projects map[string]domain.Project // by project id
	// Placed counts the entries of each project placed by an earlier
	// allocation (内定 or 合意); they take seats of its capacity.
	Placed map[string]int
	// Open is true for entrants who chose no project: every open project
	// is their candidate, ranked by fit.
	Open map[string]bool
}

// Settings are what staff set on an allocation: pins and bans of pairs,
// and per project (by id) its seats, its minimum and its quota of local
// people (在住 or 在勤 in the municipality). Zero values leave the
// project's team size and no minimum or quota.
type Settings struct {
	Pins, Bans []match.Pair
	Seats      map[string]int
	Minimum    map[string]int
	Local      map[string]int
}

// LocalAttr is the attribute of entrants who live or work in the
// program's municipality, which local quotas count.
const LocalAttr = "local"

// Method is one allocation of the cohort.
type Method struct {
	Name       string
	Result     match.Result
	ByProject  map[string][]string // project id → talent ids
	MeanScore  int
	Unassigned []match.Unplaced
	Err        string
}

// Plan is both allocations of a program's cohort side by side, under the
// settings staff chose.
type Plan struct {
	ProgramScope
	Cohort   Cohort
	Settings Settings
	Methods  []Method     // stable, then optimal
	Pins     []match.Pair // the pins honoured
	Unmet    []match.Pair // the pins that cannot be: the talent is no candidate of the project
}

// Plan runs both allocations of a program's cohort, for the people who
// screen every entry: the allocation needs the whole cohort, which a
// leader, who sees only the entries assigned to them, may not see.
func (s *Allocation) Plan(ctx context.Context, lgcode, slug string, set Settings) (Plan, error) {
	sc, err := s.app.Screening.ProgramFor(ctx, lgcode, slug, policy.ScreenEntries)
	pl := Plan{ProgramScope: sc, Settings: set}
	if err != nil {
		return pl, err
	}
	if pl.Cohort, err = s.cohort(ctx, sc, set); err != nil {
		return pl, err
	}
	pl.Pins, pl.Unmet = pl.Cohort.validPins(set.Pins)
	cons := pl.Cohort.constraints(pl.Pins, set)
	pl.Methods = []Method{pl.Cohort.run("stable", cons), pl.Cohort.run("optimal", cons)}
	return pl, nil
}

// constraints are the engine's constraints for the valid pins and the
// settings.
func (c Cohort) constraints(pins []match.Pair, set Settings) match.Constraints {
	cons := match.Constraints{Pinned: pins, Forbidden: set.Bans}
	for _, id := range c.projectIDs() {
		if n := set.Minimum[id]; n > 0 {
			cons.Minimums = append(cons.Minimums, match.Minimum{Project: id, Min: n})
		}
		if n := set.Local[id]; n > 0 {
			cons.Quotas = append(cons.Quotas, match.Quota{Project: id, Attr: LocalAttr, Min: n})
		}
	}
	return cons
}

// projectIDs are the cohort's project ids in the instance's order.
func (c Cohort) projectIDs() []string {
	ids := make([]string, len(c.Instance.Projects))
	for i, p := range c.Instance.Projects {
		ids[i] = p.ID
	}
	return ids
}

// cohort builds the program's allocation problem: its published and
// closed projects with the seats left, and every entry an allocation may
// place (domain.Program.Allocable) with the fit score of each candidate
// project: its choices, or every project when it chose none.
func (s *Allocation) cohort(ctx context.Context, sc ProgramScope, set Settings) (Cohort, error) {
	p, mu := sc.Program, sc.Municipality
	c := Cohort{Program: p, Entrants: map[string]EntryRow{}, Projects: map[string]domain.Project{},
		Placed: map[string]int{}, Open: map[string]bool{}}
	page, err := s.app.st.Projects().ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished, domain.ProjectClosed}})
	if err != nil {
		return c, err
	}
	entries, err := s.app.st.Entries().EntriesOfProgram(ctx, p.ID)
	if err != nil {
		return c, err
	}
	for _, e := range entries {
		if e.Placement != 0 && (e.Status == domain.EntryOffered || e.Status == domain.EntryAgreed) {
			c.Placed[strconv.FormatInt(e.Placement, 10)]++
		}
	}
	var all []string
	for _, pr := range page.Projects {
		id := strconv.FormatInt(pr.ID, 10)
		seats := pr.TeamSize
		if n, ok := set.Seats[id]; ok && n >= 0 {
			seats = n
		}
		c.Projects[id] = pr
		c.Instance.Projects = append(c.Instance.Projects, match.Slot{ID: id, Capacity: max(seats-c.Placed[id], 0)})
		all = append(all, id)
	}
	var entrants []int64
	for _, e := range entries {
		if p.Allocable(e.Status) {
			entrants = append(entrants, e.TalentID)
		}
	}
	var pool *match.Pool
	if len(entrants) > 0 {
		if pool, err = s.pool(ctx, entrants); err != nil {
			return c, err
		}
	}
	for _, e := range entries {
		if !p.Allocable(e.Status) {
			continue
		}
		tid := strconv.FormatInt(e.TalentID, 10)
		entrant := match.Entrant{ID: tid}
		candidates := make([]string, 0, len(e.Choices))
		for _, pid := range e.Choices {
			candidates = append(candidates, strconv.FormatInt(pid, 10))
		}
		if len(candidates) == 0 {
			candidates, c.Open[tid] = all, true
		}
		for _, id := range candidates {
			pr, ok := c.Projects[id]
			if !ok {
				continue
			}
			r, err := pool.Score(MatchProject(pr, mu, s.app.ref), tid, match.DefaultWeights())
			if err != nil {
				return c, err
			}
			entrant.Choices = append(entrant.Choices, match.Choice{Project: id, Score: r.Score})
		}
		if c.Open[tid] {
			// Without choices of their own, the best fit comes first.
			sort.SliceStable(entrant.Choices, func(i, j int) bool { return entrant.Choices[i].Score > entrant.Choices[j].Score })
		}
		if t, err := s.app.st.Talents().Talent(ctx, e.TalentID); err == nil && isLocal(t, mu.LGCode) {
			entrant.Attrs = []string{LocalAttr}
		} else if err != nil {
			return c, err
		}
		c.Entrants[tid] = e
		c.Instance.Talents = append(c.Instance.Talents, entrant)
	}
	return c, nil
}

// isLocal reports whether a talent lives or works in the municipality.
func isLocal(t domain.Talent, lgcode string) bool {
	if t.ResidenceLGCode == lgcode {
		return true
	}
	for _, a := range t.Affinities {
		if a.LGCode == lgcode && (a.Kind == domain.AffinityLives || a.Kind == domain.AffinityWorks) {
			return true
		}
	}
	return false
}

// validPins keeps the pins whose talent is a candidate of the project and
// returns the others apart: the engine can only pin a pair the talent
// accepts.
func (c Cohort) validPins(pins []match.Pair) (ok, unmet []match.Pair) {
	for _, p := range pins {
		valid := false
		for _, e := range c.Instance.Talents {
			if e.ID != p.Talent {
				continue
			}
			for _, ch := range e.Choices {
				valid = valid || ch.Project == p.Project
			}
		}
		if valid {
			ok = append(ok, p)
		} else {
			unmet = append(unmet, p)
		}
	}
	return ok, unmet
}

// run allocates the cohort by one method ("stable" or "optimal").
func (c Cohort) run(name string, cons match.Constraints) Method {
	m := Method{Name: name, ByProject: map[string][]string{}}
	var err error
	if name == "stable" {
		m.Result, err = match.Stable(c.Instance, cons)
	} else {
		m.Result, err = match.Optimal(c.Instance, cons)
	}
	if err != nil {
		m.Err = err.Error()
		return m
	}
	for _, a := range m.Result.Assignments {
		m.ByProject[a.Project] = append(m.ByProject[a.Project], a.Talent)
	}
	if m.Result.Assigned > 0 {
		m.MeanScore = m.Result.TotalScore / m.Result.Assigned
	}
	m.Unassigned = m.Result.Unplaced
	return m
}
