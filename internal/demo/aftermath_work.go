package demo

import (
	"math"
	"slices"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// work fills in a team's goal, milestones, meetings, reports, messages,
// outcomes and, for a completed team, its reviews and story consents.
func (p *planner) work(t *Team, founder bool) {
	pr, th := p.projects[t.ProjectID], p.themes[t.ProjectID]
	from, to := period(pr)
	ms := months(from, to)
	t.Goal = p.pick(th.goals)
	p.milestones(t, th, ms)
	p.meetings(t, th, ms)
	p.reports(t, th, pr, ms)
	p.messages(t, th)
	p.indicators(t, th, pr, founder)
	if !t.Completed {
		return
	}
	for _, m := range t.Members {
		t.Reviews = append(t.Reviews,
			domain.TeamReview{Side: domain.ReviewByBusiness, TalentID: m, Score: p.score(),
				Comment: p.pick(businessReviews())},
			domain.TeamReview{Side: domain.ReviewByTalent, TalentID: m, Score: p.score(),
				Comment: p.pick(talentReviews())})
		if p.rng.IntN(3) < 2 {
			t.StoryTalents = append(t.StoryTalents, m)
		}
	}
	t.StoryConsent = p.rng.IntN(5) < 3
}

// pick returns one of xs.
func (p *planner) pick(xs []string) string { return xs[p.rng.IntN(len(xs))] }

// score is a review score: mostly 4 or 5.
func (p *planner) score() int { return []int{5, 5, 5, 5, 4, 4, 4, 3}[p.rng.IntN(8)] }

// day returns a day of a month in Japan, in UTC.
func day(month time.Time, d int) time.Time {
	return month.AddDate(0, 0, d-1).UTC()
}

// step returns the theme's work step for month i of n.
func step(th theme, i, n int) string { return th.steps[i*len(th.steps)/n] }

// milestones adds two to four of the theme's milestones, spread over the
// period and always ending with its last; a team still at work has not
// reached the last.
func (p *planner) milestones(t *Team, th theme, ms []time.Time) {
	last := len(th.milestones) - 1
	picked := append(p.subset(last, 1+p.rng.IntN(3)), last)
	for i, k := range picked {
		month := ms[max(0, (i+1)*len(ms)/len(picked)-1)]
		t.Milestones = append(t.Milestones, Milestone{Title: th.milestones[k], DueOn: day(month.AddDate(0, 1, 0), 0),
			Done: t.Completed || k != last})
	}
}

// meetings adds a kickoff and a team meeting each month, ending with a final
// report for a completed team, and one to three one-to-ones with its
// members.
func (p *planner) meetings(t *Team, th theme, ms []time.Time) {
	for i, m := range ms {
		notes := "定例ミーティング。" + step(th, i, len(ms)) + p.pick(teamNotes())
		switch {
		case i == 0:
			notes = kickoffNotes
		case i == len(ms)-1 && t.Completed:
			notes = finalNotes
		case i == len(ms)-1:
			notes = extendedNotes
		}
		t.Meetings = append(t.Meetings, domain.Meeting{Kind: domain.MeetingTeam, HeldOn: day(m, 4+p.rng.IntN(10)),
			Minutes: 60 + 15*p.rng.IntN(3), Notes: notes})
	}
	// The members take turns (no draw, so the rest of the demo stays as it was).
	for n, i := range p.subset(len(ms), 1+p.rng.IntN(3)) {
		t.Meetings = append(t.Meetings, domain.Meeting{Kind: domain.MeetingOneToOne, TalentID: t.Members[n%len(t.Members)],
			HeldOn: day(ms[i], 15+p.rng.IntN(10)), Minutes: 30, Notes: p.pick(oneToOneNotes())})
	}
}

// reports adds every member's report for every month of the period, with
// hours near the agreed ones.
func (p *planner) reports(t *Team, th theme, pr domain.Project, ms []time.Time) {
	for i, m := range ms {
		for _, member := range t.Members {
			r := domain.Report{TalentID: member, Month: m.Format("2006-01"),
				Hours: max(1, int(math.Round(float64(pr.HoursPerMonth)*(0.75+0.5*p.rng.Float64())))),
				Done:  step(th, i, len(ms)) + p.pick(doneVerbs()) + p.pick(doneDetails()),
				Next:  lastNext}
			if i+1 < len(ms) {
				r.Next = step(th, i+1, len(ms)) + "に取りかかります。"
			}
			if p.rng.IntN(10) < 3 {
				r.Blockers = p.pick(blockers())
			}
			t.Reports = append(t.Reports, r)
		}
	}
}

// messages adds one to three messages: the program office's welcome, then
// notes from the members or the business.
func (p *planner) messages(t *Team, th theme) {
	t.Messages = append(t.Messages, Message{From: domain.PartyMunicipality, Body: p.pick(officeMessages())})
	for range p.rng.IntN(3) {
		if p.rng.IntN(2) == 0 {
			m := t.Members[p.rng.IntN(len(t.Members))]
			t.Messages = append(t.Messages, Message{From: domain.PartyTalent, TalentID: m,
				Body: th.steps[p.rng.IntN(len(th.steps))] + p.pick(talentMessages())})
		} else {
			t.Messages = append(t.Messages, Message{From: domain.PartyBusiness, Body: p.pick(businessMessages())})
		}
	}
}

// indicators adds the theme's outcome indicators, and a new business for a
// founder. A team still at work has recorded only its first result.
func (p *planner) indicators(t *Team, th theme, pr domain.Project, founder bool) {
	kinds := slices.Clone(th.kinds)
	if founder {
		kinds = append(kinds, domain.IndicatorNewBusiness)
	}
	for i, k := range kinds {
		base, result := p.values(k)
		in := Indicator{Kind: k, SDG: sdgFor(k, pr.SDGs), Baseline: base}
		if t.Completed || i == 0 {
			in.Result, in.Recorded, in.Evidence = result, true, p.pick(evidence(k))
			if k == domain.IndicatorNewBusiness {
				in.Evidence = p.pick(th.newBusiness)
			}
		}
		t.Indicators = append(t.Indicators, in)
	}
}

// values draws a plausible baseline and result for an indicator kind.
func (p *planner) values(k domain.IndicatorKind) (float64, float64) {
	f := p.rng.Float64
	switch k {
	case domain.IndicatorWebVisits:
		base := float64(200 + 50*p.rng.IntN(27))
		return base, math.Round(base * (1.3 + 1.2*f()))
	case domain.IndicatorCustomers:
		base := float64(p.rng.IntN(4))
		return base, base + float64(2+p.rng.IntN(7))
	case domain.IndicatorSales:
		base := float64(100_000 + 10_000*p.rng.IntN(70))
		return base, 1000 * math.Round(base*(1.15+0.6*f())/1000)
	case domain.IndicatorTools:
		base := float64(p.rng.IntN(2))
		return base, base + float64(1+p.rng.IntN(3))
	case domain.IndicatorCO2:
		return 0, 10 * math.Round((800+11_000*f())/10)
	default: // a new business
		return 0, 1
	}
}

// sdgFor picks the project's goal that fits an indicator kind best.
func sdgFor(k domain.IndicatorKind, goals []int) int {
	prefer := map[domain.IndicatorKind][]int{
		domain.IndicatorCO2:         {13, 7, 12, 14},
		domain.IndicatorWebVisits:   {9, 8, 11},
		domain.IndicatorCustomers:   {8, 11, 9, 17},
		domain.IndicatorSales:       {8, 12, 9},
		domain.IndicatorTools:       {9, 8, 12},
		domain.IndicatorNewBusiness: {9, 8, 12, 11},
	}[k]
	for _, g := range prefer {
		if slices.Contains(goals, g) {
			return g
		}
	}
	return goals[0]
}
