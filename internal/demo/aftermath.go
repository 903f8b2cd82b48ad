package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Sizes of the 2021 program's life after the offers.
const (
	// NewBusinesses2021 is how many new businesses the 2021 program reported;
	// the plan records one new_business result per business.
	NewBusinesses2021 = 11
	unagreedOffers    = 3 // offers (内定) that never got terms
	pendingAgreements = 3 // terms some parties have not accepted yet
	// activeTeams is how many 2021 teams are still at work: none, the
	// program ended in March 2022.
	activeTeams = 0
)

// Aftermath is what happened in Ota's 2021 program after the offers: the
// terms of each offer, and the work of each team whose terms all sides
// accepted. IDs are the dataset's provisional ones; a loader remaps them.
type Aftermath struct {
	// Agreements are by entry ID; Accepted lists the parties that accepted
	// version 1, in the order they did.
	Agreements []domain.Agreement
	// Teams are by project ID, one per project with a complete agreement.
	Teams []Team
}

// Team is the work of one project team.
type Team struct {
	ProjectID    int64
	Members      []int64 // talents whose agreements are complete, by entry ID
	Goal         string
	Milestones   []Milestone
	Meetings     []domain.Meeting // EngagementID and AuthorID are left 0; a one-to-one's TalentID is a member
	Reports      []domain.Report  // TalentID is a member
	Messages     []Message
	Indicators   []Indicator
	Completed    bool
	Reviews      []domain.TeamReview // both ways, when Completed
	StoryConsent bool                // the business agrees to a public story
	StoryTalents []int64             // members who agree to be named in it
}

// Milestone is a step towards a team's goal.
type Milestone struct {
	Title string
	DueOn time.Time
	Done  bool
}

// Message is a note in a team's workspace from one of the three sides;
// TalentID names the member when From is the talent side.
type Message struct {
	From     domain.Party
	TalentID int64
	Body     string
}

// Indicator is an outcome indicator; Result counts only when Recorded.
type Indicator struct {
	Kind     domain.IndicatorKind
	SDG      int
	Baseline float64
	Result   float64
	Recorded bool
	Evidence string
}

// NewBusinesses counts the new businesses the teams recorded.
func (a *Aftermath) NewBusinesses() int {
	n := 0
	for _, t := range a.Teams {
		for _, in := range t.Indicators {
			if in.Kind == domain.IndicatorNewBusiness && in.Recorded {
				n += int(in.Result)
			}
		}
	}
	return n
}

// planner carries the state of one PlanAftermath call.
type planner struct {
	rng      *rand.Rand
	projects map[int64]domain.Project
	themes   map[int64]theme // by project ID
}

// PlanAftermath plans the life of the 2021 program after its offers: most
// offers get terms all three sides accept, a few are still being accepted
// or never got terms; each team sets a goal and milestones, meets, reports
// monthly, records its outcomes and, mostly, completes with reviews both
// ways. It is pure: the same dataset and seed give the same plan.
func PlanAftermath(ds *Dataset, seed uint64) (*Aftermath, error) {
	p := &planner{
		rng:      rand.New(rand.NewPCG(seed^0xaf7e4a7, seed+2021)),
		projects: map[int64]domain.Project{},
		themes:   map[int64]theme{},
	}
	for _, pr := range ds.Projects {
		if pr.ProgramID != ota2021ID {
			continue
		}
		th, ok := themeOf(pr)
		if !ok {
			return nil, fmt.Errorf("demo: project %q fits no theme", pr.Title)
		}
		p.projects[pr.ID], p.themes[pr.ID] = pr, th
	}
	var offered []domain.Entry
	for _, e := range ds.Entries {
		if _, ok := ds.Offers[e.ID]; ok && e.Status == domain.EntryOffered {
			offered = append(offered, e)
		}
	}
	if len(offered) < 2*(unagreedOffers+pendingAgreements) {
		return nil, fmt.Errorf("demo: only %d offers in 2021", len(offered))
	}
	a := &Aftermath{}
	members := map[int64][]int64{}
	perm := p.rng.Perm(len(offered))
	for i, e := range offered {
		pr, ok := p.projects[ds.Offers[e.ID]]
		if !ok {
			return nil, fmt.Errorf("demo: entry %d offered an unknown project", e.ID)
		}
		rank := slices.Index(perm, i)
		if rank < unagreedOffers {
			continue
		}
		ag := p.agreement(e, pr)
		if rank < unagreedOffers+pendingAgreements {
			ag.Accepted = ag.Accepted[:1+p.rng.IntN(2)]
		} else {
			members[pr.ID] = append(members[pr.ID], e.TalentID)
		}
		a.Agreements = append(a.Agreements, ag)
	}
	for _, pr := range ds.Projects {
		if len(members[pr.ID]) > 0 {
			a.Teams = append(a.Teams, Team{ProjectID: pr.ID, Members: members[pr.ID], Completed: true})
		}
	}
	if len(a.Teams) < activeTeams+NewBusinesses2021 {
		return nil, fmt.Errorf("demo: only %d teams in 2021", len(a.Teams))
	}
	for _, i := range p.rng.Perm(len(a.Teams))[:activeTeams] {
		a.Teams[i].Completed = false
	}
	founders := p.founders(a.Teams)
	for i := range a.Teams {
		p.work(&a.Teams[i], founders[i])
	}
	return a, nil
}

// agreement drafts the terms of an offer, accepted by all three sides: a
// paid project's reward under 業務委託 or 準委任, or none for pro bono and
// in-kind projects; the project's hours; a period of three to five months
// from October 2021.
func (p *planner) agreement(e domain.Entry, pr domain.Project) domain.Agreement {
	ag := domain.Agreement{EntryID: e.ID, ProjectID: pr.ID, TalentID: e.TalentID, HoursPerMonth: pr.HoursPerMonth,
		Version: 1}
	switch pr.RewardType {
	case domain.RewardPaid:
		ag.Type, ag.RewardYen = domain.AgreementContract, pr.RewardYen
		if p.rng.IntN(5) < 2 {
			ag.Type = domain.AgreementQuasiMandate
		}
	case domain.RewardProBono:
		ag.Type = domain.AgreementProBono
	default:
		ag.Type = domain.AgreementInKind
	}
	ag.StartsOn, ag.EndsOn = period(pr)
	th := p.themes[pr.ID]
	picked := p.subset(len(th.deliverables), 2+p.rng.IntN(2))
	for _, k := range picked {
		ag.Deliverables += "・" + th.deliverables[k] + "\n"
	}
	for _, party := range domain.Parties() {
		ag.Accepted = append(ag.Accepted, domain.Acceptance{Party: party})
	}
	return ag
}

// period is the work period of a project's agreements: from 1 October 2021
// for as many months as the project lasts, three to five.
func period(pr domain.Project) (time.Time, time.Time) {
	jst := domain.Japan()
	s, e := pr.StartsOn.In(jst), pr.EndsOn.In(jst)
	n := (e.Year()-s.Year())*12 + int(e.Month()-s.Month()) + 1
	n = min(max(n, 3), 5)
	start := time.Date(2021, time.October, 1, 0, 0, 0, 0, jst)
	return start.UTC(), start.AddDate(0, n, -1).UTC()
}

// months lists the first days of the months of a period, in Japan.
func months(from, to time.Time) []time.Time {
	jst := domain.Japan()
	var out []time.Time
	for m := from.In(jst); !m.After(to); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return out
}

// subset draws n distinct indexes below size and returns them in order.
func (p *planner) subset(size, n int) []int {
	idx := p.rng.Perm(size)[:min(n, size)]
	slices.Sort(idx)
	return idx
}

// founders picks the completed teams that record a new business: those
// whose theme suits one first, then any, NewBusinesses2021 in all.
func (p *planner) founders(teams []Team) []bool {
	type cand struct{ team, rank int }
	var cs []cand
	for _, i := range p.rng.Perm(len(teams)) {
		if !teams[i].Completed {
			continue
		}
		rank := len(themes())
		if th := p.themes[teams[i].ProjectID]; len(th.newBusiness) > 0 {
			rank = th.nbRank
		}
		cs = append(cs, cand{i, rank})
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.rank - b.rank })
	out := make([]bool, len(teams))
	for _, c := range cs[:min(NewBusinesses2021, len(cs))] {
		out[c.team] = true
	}
	return out
}
