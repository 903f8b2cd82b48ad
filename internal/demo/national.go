package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// NationalSize is how big the national dataset is.
type NationalSize struct {
	// ProgramShare is the share of municipalities running a program.
	ProgramShare float64
	// Projects, Talents and Entries are the totals across the country.
	Projects, Talents, Entries int
	// BoardEntries is the number of entries of the measured program
	// (Ota's 2021 size), whose screening board is timed.
	BoardEntries int
	// PoolConsents is how many talents let the pool municipality (Tsubame)
	// find them; a further share let their hometown find them.
	PoolConsents int
	// TeamShare is the share of a closed program's projects that formed a
	// team under agreements.
	TeamShare float64
}

// NationalDefaults is the size of issue 15: every municipality, about 30%
// of them running a program, 17,000 projects, a million talents and
// 230,000 entries.
func NationalDefaults() NationalSize {
	return NationalSize{ProgramShare: 0.3, Projects: 17_000, Talents: 1_000_000, Entries: 230_000,
		BoardEntries: talentCount2021, PoolConsents: 120_000, TeamShare: 0.3}
}

// ScoutConsent is a talent's answer letting a municipality's staff find
// them in the talent pool (dataset IDs).
type ScoutConsent struct{ TalentID, MunicipalityID int64 }

// NationalData is a synthetic dataset of the whole country for load tests:
// every municipality with its office, a share of them running a program
// with projects and entries, and the talents of the hub. Its Dataset has
// provisional IDs like Generate's; talent i has ID i+1.
type NationalData struct {
	Dataset
	// Board is the program with exactly BoardEntries entries, in
	// screening; Pool is the municipality most talents let find them.
	Board, Pool int64
	// Scouts are the talents' consents to be found, by municipality.
	Scouts []ScoutConsent
	// Agreements are the terms of the closed programs' offers, accepted
	// by all; Completed marks the projects whose team finished.
	Agreements []domain.Agreement
	Completed  map[int64]bool
	// Closed lists the programs whose entries are decided.
	Closed map[int64]bool
}

// national carries the state of one National call.
type national struct {
	rng       *rand.Rand
	ds        *NationalData
	base      *Dataset
	now       time.Time
	munis     []refdata.Municipality
	size      NationalSize
	tmplProj  []domain.Project
	tmplTal   []domain.Talent
	business  []domain.Organization
	motives   []string
	programOf []int64 // municipality index -> program ID (0 for none)
}

// National generates the national dataset. It is deterministic: the same
// ref, seed, now and size give the same data.
func National(ref *refdata.Data, seed uint64, now time.Time, size NationalSize) (*NationalData, error) {
	base, err := Generate(ref, seed, now)
	if err != nil {
		return nil, err
	}
	n := &national{rng: rand.New(rand.NewPCG(seed^0x4a9a4, seed)), base: base, now: now.Round(0), size: size,
		ds: &NationalData{Completed: map[int64]bool{}, Closed: map[int64]bool{}}}
	for _, m := range ref.Municipalities() {
		if !strings.Contains(m.Name, " ") { // wards of designated cities are not municipalities
			n.munis = append(n.munis, m)
		}
	}
	for _, p := range base.Projects {
		if p.MunicipalityID == otaID {
			n.tmplProj = append(n.tmplProj, p)
		}
	}
	n.tmplTal = base.Talents
	for _, o := range base.Organizations {
		if o.Kind == domain.OrgBusiness {
			n.business = append(n.business, o)
		}
	}
	for _, e := range base.Entries {
		n.motives = append(n.motives, e.Motivation)
	}
	if size.BoardEntries > size.Talents || size.PoolConsents > size.Talents {
		return nil, fmt.Errorf("demo: %d talents cannot make %d entries or %d consents", size.Talents,
			size.BoardEntries, size.PoolConsents)
	}
	n.municipalities()
	n.programs()
	n.projects()
	n.talents()
	n.entries()
	n.scouts()
	return n.ds, nil
}

// municipalities adds every municipality, each with its office.
func (n *national) municipalities() {
	for i, m := range n.munis {
		id := int64(i + 1)
		n.ds.Municipalities = append(n.ds.Municipalities, domain.Municipality{ID: id, LGCode: m.LGCode,
			Slug: "lg" + m.LGCode, Name: m.Name, PrefCode: m.PrefCode})
		site := m.URL
		if !strings.HasPrefix(site, "https://") { // a few official sites still answer on http only
			site = ""
		}
		n.ds.Organizations = append(n.ds.Organizations, domain.Organization{ID: int64(len(n.ds.Organizations) + 1),
			MunicipalityID: id, Kind: domain.OrgMunicipalityOffice, Name: m.Name + " 企画政策課",
			NameKana: "キカクセイサクカ", Description: "地域の副業・兼業人材の受け入れを担当している。", Website: site})
		if m.LGCode == TsubameLGCode {
			n.ds.Pool = id
		}
	}
}

// officeOf is the office organization of a municipality (IDs match).
func officeOf(muni int64) int64 { return muni }

// programs picks the municipalities running a program (Ota and Tsubame
// always) and gives each a program with a few local businesses; about 60%
// are closed and decided, the rest take entries now. Ota's is the board.
func (n *national) programs() {
	want := max(2, int(float64(len(n.munis))*n.size.ProgramShare+0.5))
	n.programOf = make([]int64, len(n.munis))
	order := n.rng.Perm(len(n.munis))
	for i, m := range n.munis {
		if m.LGCode == OtaLGCode || m.LGCode == TsubameLGCode {
			order = slices.DeleteFunc(order, func(k int) bool { return k == i })
			order = append([]int{i}, order...)
		}
	}
	jst := domain.Japan()
	for _, mi := range order[:min(want, len(order))] {
		muni := int64(mi + 1)
		hosts := []int64{officeOf(muni)}
		for range 3 {
			b := n.business[n.rng.IntN(len(n.business))]
			b.ID, b.MunicipalityID = int64(len(n.ds.Organizations)+1), muni
			b.Area = ""
			n.ds.Organizations = append(n.ds.Organizations, b)
		}
		id := int64(len(n.ds.Programs) + 1)
		m := n.munis[mi]
		closed := m.LGCode != OtaLGCode && n.rng.Float64() < 0.6
		opens := time.Date(n.now.In(jst).Year(), n.now.In(jst).Month(), 1, 0, 0, 0, 0, jst).AddDate(0, -1, 0)
		if closed {
			opens = time.Date(2022+n.rng.IntN(3), time.Month(1+n.rng.IntN(12)), 1, 0, 0, 0, 0, jst)
		}
		p := domain.Program{ID: id, MunicipalityID: muni, Slug: fmt.Sprintf("lg%s-%d", m.LGCode, opens.Year()),
			Title: m.Name + " 副業・兼業プロジェクト", TitleEN: "Side-job projects", HostIDs: hosts,
			EntryOpensAt: opens.UTC(), EntryClosesAt: opens.AddDate(0, 2, 0).UTC()}
		n.ds.Programs = append(n.ds.Programs, p)
		n.programOf[mi] = id
		if closed {
			n.ds.Closed[id] = true
		}
		if m.LGCode == OtaLGCode {
			n.ds.Board = id
		}
	}
}

// businessesOf lists the organization IDs of a municipality's businesses.
func (n *national) businessesOf(muni int64) []int64 {
	var out []int64
	for _, o := range n.ds.Organizations {
		if o.MunicipalityID == muni && o.Kind == domain.OrgBusiness {
			out = append(out, o.ID)
		}
	}
	return out
}

// projects spreads the projects over the programs, varying the demo's.
func (n *national) projects() {
	per := n.size.Projects / len(n.ds.Programs)
	extra := n.size.Projects % len(n.ds.Programs)
	for pi, prog := range n.ds.Programs {
		hosts := n.businessesOf(prog.MunicipalityID)
		m := n.ds.Municipalities[prog.MunicipalityID-1]
		count := per
		if pi < extra {
			count++
		}
		for range count {
			t := n.tmplProj[n.rng.IntN(len(n.tmplProj))]
			p := t
			p.ID, p.ProgramID, p.MunicipalityID = int64(len(n.ds.Projects)+1), prog.ID, prog.MunicipalityID
			p.HostID = hosts[n.rng.IntN(len(hosts))]
			if p.WorkStyle != domain.WorkRemote {
				p.Place = m.Name
			}
			p.HoursPerMonth = 5 + n.rng.IntN(8)*5
			if p.RewardType == domain.RewardPaid {
				p.RewardYen = 20000 + n.rng.IntN(9)*10000
			}
			p.Status = domain.ProjectPublished
			if n.ds.Closed[prog.ID] {
				p.Status = domain.ProjectClosed
			}
			p.SDGs = slices.Clone(t.SDGs)
			p.RequiredSkills = slices.Clone(t.RequiredSkills)
			p.PreferredSkills = slices.Clone(t.PreferredSkills)
			n.ds.Projects = append(n.ds.Projects, p)
		}
	}
}

// talents varies the demo's profiles under new names, living all over
// Japan (a third around Tokyo), half born somewhere else.
func (n *national) talents() {
	families, givens := familyNames(), givenNames()
	var capital []int
	for i, m := range n.munis {
		if capitalRegion(m.LGCode) {
			capital = append(capital, i)
		}
	}
	n.ds.Talents = make([]domain.Talent, 0, n.size.Talents)
	for i := range n.size.Talents {
		t := n.tmplTal[n.rng.IntN(len(n.tmplTal))]
		f, g := families[n.rng.IntN(len(families))], givens[n.rng.IntN(len(givens))]
		t.ID, t.Leader = int64(i+1), n.rng.IntN(50) == 0
		t.Name, t.NameKana = f.Kanji+" "+g.Kanji, f.Kana+" "+g.Kana
		t.HoursPerMonth = 5 + n.rng.IntN(8)*5
		t.Skills = slices.Clone(t.Skills)
		for k := range t.Skills {
			t.Skills[k].Level = 1 + n.rng.IntN(3)
		}
		t.SDGs = slices.Clone(t.SDGs)
		t.ResidenceCountry, t.TimeZone = "JP", "Asia/Tokyo"
		lives := n.rng.IntN(len(n.munis))
		if n.rng.IntN(3) == 0 {
			lives = capital[n.rng.IntN(len(capital))]
		}
		home := n.munis[lives]
		t.ResidencePref, t.ResidenceLGCode = home.PrefCode, home.LGCode
		t.Affinities = []domain.Affinity{{LGCode: home.LGCode, Kind: domain.AffinityLives}}
		if n.rng.IntN(2) == 0 {
			if born := n.munis[n.rng.IntN(len(n.munis))]; born.LGCode != home.LGCode {
				t.Affinities = append(t.Affinities, domain.Affinity{LGCode: born.LGCode, Kind: domain.AffinityBorn})
			}
		}
		if n.rng.IntN(10) == 0 {
			if w := n.munis[n.rng.IntN(len(n.munis))]; w.LGCode != home.LGCode {
				t.Affinities = append(t.Affinities, domain.Affinity{LGCode: w.LGCode, Kind: domain.AffinitySupporter})
			}
		}
		n.ds.Talents = append(n.ds.Talents, t)
	}
}

// entries gives the board program exactly BoardEntries entries and spreads
// the rest over the other programs; a closed program's entries are
// decided, with offers for a share of its projects, which the talents
// agreed to.
func (n *national) entries() {
	byProgram := map[int64][]int{}
	for i, p := range n.ds.Projects {
		byProgram[p.ProgramID] = append(byProgram[p.ProgramID], i)
	}
	others := max(len(n.ds.Programs)-1, 1)
	rest := max(n.size.Entries-n.size.BoardEntries, 0)
	j := 0
	for _, prog := range n.ds.Programs {
		count := n.size.BoardEntries
		if prog.ID != n.ds.Board {
			count = rest / others
			if j < rest%others {
				count++
			}
			j++
		}
		count = min(count, len(n.ds.Talents))
		n.programEntries(prog, byProgram[prog.ID], count)
	}
}

// programEntries adds count entries from distinct talents to a program.
func (n *national) programEntries(prog domain.Program, projects []int, count int) {
	if len(projects) == 0 {
		return
	}
	seen := make(map[int]bool, count)
	closed := n.ds.Closed[prog.ID]
	latest := min(prog.EntryClosesAt.Unix(), n.now.Unix())
	first := len(n.ds.Entries)
	for len(seen) < count {
		ti := n.rng.IntN(len(n.ds.Talents))
		if seen[ti] {
			continue
		}
		seen[ti] = true
		k := 1 + n.rng.IntN(min(domain.MaxChoices, len(projects)))
		var choices []int64
		for _, c := range n.rng.Perm(len(projects))[:k] {
			choices = append(choices, n.ds.Projects[projects[c]].ID)
		}
		e := domain.Entry{ID: int64(len(n.ds.Entries) + 1), MunicipalityID: prog.MunicipalityID, ProgramID: prog.ID,
			TalentID: n.ds.Talents[ti].ID, Choices: choices, Motivation: n.motives[n.rng.IntN(len(n.motives))],
			Status:      domain.EntrySubmitted,
			SubmittedAt: time.Unix(prog.EntryOpensAt.Unix()+n.rng.Int64N(max(latest-prog.EntryOpensAt.Unix(), 1)), 0).UTC()}
		switch {
		case closed:
			e.Status = domain.EntryDeclined
			if n.rng.IntN(40) == 0 {
				e.Status = domain.EntryWithdrawn
			}
		case n.rng.IntN(3) == 0:
			e.Status = domain.EntryScreening
		}
		n.ds.Entries = append(n.ds.Entries, e)
	}
	if closed {
		n.offers(n.ds.Entries[first:], projects)
	}
}

// offers places up to three entrants who chose a project in it, for a
// share of the projects, and plans their agreements; most teams completed.
func (n *national) offers(es []domain.Entry, projects []int) {
	placed := map[int64]bool{}
	for _, pi := range projects {
		if n.rng.Float64() >= n.size.TeamShare {
			continue
		}
		p := n.ds.Projects[pi]
		team, size := 0, 1+n.rng.IntN(3)
		for i := range es {
			e := &es[i]
			if team == size || placed[e.ID] || e.Status != domain.EntryDeclined || e.Choices[0] != p.ID {
				continue
			}
			e.Status, e.Placement = domain.EntryOffered, p.ID
			placed[e.ID] = true
			team++
			n.ds.Agreements = append(n.ds.Agreements, n.agreement(*e, p))
		}
		if team > 0 && n.rng.IntN(10) < 8 {
			n.ds.Completed[p.ID] = true
		}
	}
}

// agreement drafts the terms of an offer: the project's reward and hours
// for three months from the month after the entry window.
func (n *national) agreement(e domain.Entry, p domain.Project) domain.Agreement {
	prog := n.ds.Programs[e.ProgramID-1]
	jst := domain.Japan()
	c := prog.EntryClosesAt.In(jst)
	starts := time.Date(c.Year(), c.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	a := domain.Agreement{EntryID: e.ID, ProjectID: p.ID, MunicipalityID: e.MunicipalityID, TalentID: e.TalentID,
		HoursPerMonth: max(p.HoursPerMonth, 1), StartsOn: starts, EndsOn: starts.AddDate(0, 3, -1),
		Deliverables: "・" + p.Title + "の成果物と報告書\n", Version: 1}
	switch p.RewardType {
	case domain.RewardPaid:
		a.Type, a.RewardYen = domain.AgreementContract, p.RewardYen
	case domain.RewardProBono:
		a.Type = domain.AgreementProBono
	default:
		a.Type = domain.AgreementInKind
	}
	return a
}

// scouts lets PoolConsents talents be found by the pool municipality and
// one in five other talents by where they were born.
func (n *national) scouts() {
	lg := map[string]int64{}
	for _, m := range n.ds.Municipalities {
		lg[m.LGCode] = m.ID
	}
	for _, t := range n.ds.Talents {
		if n.ds.Pool != 0 && n.rng.IntN(n.size.Talents) < n.size.PoolConsents {
			n.ds.Scouts = append(n.ds.Scouts, ScoutConsent{TalentID: t.ID, MunicipalityID: n.ds.Pool})
			continue
		}
		for _, a := range t.Affinities {
			if a.Kind == domain.AffinityBorn && n.rng.IntN(5) == 0 {
				n.ds.Scouts = append(n.ds.Scouts, ScoutConsent{TalentID: t.ID, MunicipalityID: lg[a.LGCode]})
			}
		}
	}
}
