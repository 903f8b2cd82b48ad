package demo

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func plan(t *testing.T) (*Dataset, *Aftermath) {
	t.Helper()
	ds, _ := generate(t)
	a, err := PlanAftermath(ds, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	return ds, a
}

func TestAftermathDeterministic(t *testing.T) {
	ds, a := plan(t)
	b, err := PlanAftermath(ds, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two plans from the same dataset and seed differ")
	}
	c, err := PlanAftermath(ds, DefaultSeed+1)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.Teams, c.Teams) {
		t.Fatal("another seed gives the same teams")
	}
}

func TestEveryOfferIsOfferedOneChoice(t *testing.T) {
	ds, _ := generate(t)
	perProject := map[int64]int{}
	offered := 0
	for _, e := range ds.Entries {
		p, ok := ds.Offers[e.ID]
		if e.Status == domain.EntryOffered {
			offered++
		}
		if ok != (e.Status == domain.EntryOffered) || ok && !slices.Contains(e.Choices, p) {
			t.Errorf("entry %d (%s): offered project %d, choices %v", e.ID, e.Status, p, e.Choices)
		}
		perProject[p]++
	}
	for _, p := range ds.Projects {
		if perProject[p.ID] > p.TeamSize {
			t.Errorf("project %q: %d offers for a team of %d", p.Title, perProject[p.ID], p.TeamSize)
		}
	}
	if offered != len(ds.Offers) {
		t.Errorf("%d offered entries, %d offers", offered, len(ds.Offers))
	}
}

func TestAftermathAgreements(t *testing.T) {
	ds, a := plan(t)
	complete, pending := map[int64][]int64{}, 0
	types := map[domain.AgreementType]int{}
	for _, ag := range a.Agreements {
		p := ds.Projects[ag.ProjectID-1]
		if err := ag.Validate(); err != nil {
			t.Errorf("agreement of entry %d: %v", ag.EntryID, err)
		}
		if ds.Offers[ag.EntryID] != p.ID || ds.Entries[ag.EntryID-1].TalentID != ag.TalentID {
			t.Errorf("agreement of entry %d is for project %d, talent %d", ag.EntryID, p.ID, ag.TalentID)
		}
		types[ag.Type]++
		paid := ag.Type == domain.AgreementContract || ag.Type == domain.AgreementQuasiMandate
		if paid != (p.RewardType == domain.RewardPaid) || ag.RewardYen != p.RewardYen || ag.HoursPerMonth != p.HoursPerMonth {
			t.Errorf("entry %d: %s %d yen %d h for a %s project of %d yen %d h", ag.EntryID, ag.Type, ag.RewardYen,
				ag.HoursPerMonth, p.RewardType, p.RewardYen, p.HoursPerMonth)
		}
		jst := domain.Japan()
		start, end := ag.StartsOn.In(jst), ag.EndsOn.In(jst).AddDate(0, 0, 1)
		n := (end.Year()-start.Year())*12 + int(end.Month()-start.Month())
		if !start.Equal(time.Date(2021, 10, 1, 0, 0, 0, 0, jst)) || end.Day() != 1 || n < 3 || n > 5 {
			t.Errorf("entry %d: %s to %s", ag.EntryID, start, ag.EndsOn.In(jst))
		}
		if !strings.HasPrefix(ag.Deliverables, "・") {
			t.Errorf("entry %d: deliverables %q", ag.EntryID, ag.Deliverables)
		}
		if ag.Complete() {
			complete[p.ID] = append(complete[p.ID], ag.TalentID)
		} else {
			pending++
		}
	}
	if pending != pendingAgreements || len(a.Agreements) != len(ds.Offers)-unagreedOffers {
		t.Errorf("%d agreements, %d pending, of %d offers", len(a.Agreements), pending, len(ds.Offers))
	}
	for _, k := range domain.AgreementTypes() {
		if types[k] == 0 {
			t.Errorf("no %s agreement: %v", k, types)
		}
	}
	if types[domain.AgreementContract] < types[domain.AgreementQuasiMandate] {
		t.Errorf("fewer 業務委託 than 準委任: %v", types)
	}
	if len(a.Teams) != len(complete) {
		t.Errorf("%d teams for %d projects with complete agreements", len(a.Teams), len(complete))
	}
	for _, team := range a.Teams {
		if !slices.Equal(team.Members, complete[team.ProjectID]) {
			t.Errorf("project %d: members %v, complete agreements %v", team.ProjectID, team.Members, complete[team.ProjectID])
		}
	}
}

func TestAftermathTeams(t *testing.T) {
	ds, a := plan(t)
	completed := 0
	for _, team := range a.Teams {
		p := ds.Projects[team.ProjectID-1]
		if team.Goal == "" || len(team.Milestones) < 2 || len(team.Milestones) > 4 || len(team.Messages) < 1 ||
			len(team.Messages) > 3 || len(team.Indicators) < 1 || len(team.Indicators) > 3 {
			t.Errorf("%s: goal %q, %d milestones, %d messages, %d indicators", p.Title, team.Goal, len(team.Milestones),
				len(team.Messages), len(team.Indicators))
		}
		from, to := period(p)
		ms := months(from, to)
		reported := map[string]int{}
		for _, r := range team.Reports {
			reported[r.Month]++
			if err := r.Validate(); err != nil || r.Hours < p.HoursPerMonth*3/4 || r.Hours > p.HoursPerMonth*5/4+1 {
				t.Errorf("%s: report %+v (%v)", p.Title, r, err)
			}
		}
		for _, m := range ms {
			if reported[m.Format("2006-01")] != len(team.Members) {
				t.Errorf("%s: %d reports for %s from %d members", p.Title, reported[m.Format("2006-01")],
					m.Format("2006-01"), len(team.Members))
			}
		}
		team1on1, teamMeetings := 0, 0
		for _, m := range team.Meetings {
			if err := m.Validate(); err != nil {
				t.Errorf("%s: meeting %+v: %v", p.Title, m, err)
			}
			if m.Kind == domain.MeetingTeam {
				teamMeetings++
			} else {
				team1on1++
				if !slices.Contains(team.Members, m.TalentID) {
					t.Errorf("%s: a one-to-one with %d, who is not on the team", p.Title, m.TalentID)
				}
			}
		}
		if teamMeetings != len(ms) || team1on1 < 1 || team1on1 > 3 {
			t.Errorf("%s: %d team meetings over %d months, %d one-to-ones", p.Title, teamMeetings, len(ms), team1on1)
		}
		for _, in := range team.Indicators {
			if !in.Kind.Valid() || !slices.Contains(p.SDGs, in.SDG) || in.Recorded && (in.Evidence == "" || in.Result < in.Baseline) {
				t.Errorf("%s: indicator %+v", p.Title, in)
			}
		}
		if !team.Completed {
			if len(team.Reviews) != 0 || team.Milestones[len(team.Milestones)-1].Done {
				t.Errorf("%s is still at work but has reviews or reached its last milestone", p.Title)
			}
			continue
		}
		completed++
		if len(team.Reviews) != 2*len(team.Members) {
			t.Errorf("%s: %d reviews from %d members", p.Title, len(team.Reviews), len(team.Members))
		}
		for _, r := range team.Reviews {
			if err := r.Validate(); err != nil || r.Comment == "" || !slices.Contains(team.Members, r.TalentID) {
				t.Errorf("%s: review %+v (%v)", p.Title, r, err)
			}
		}
	}
	if completed != len(a.Teams)-activeTeams {
		t.Errorf("%d of %d teams completed", completed, len(a.Teams))
	}
}

func TestAftermathOutcomes(t *testing.T) {
	ds, a := plan(t)
	if n := a.NewBusinesses(); n != NewBusinesses2021 {
		t.Errorf("%d new businesses, the 2021 program reported %d", n, NewBusinesses2021)
	}
	kinds := map[domain.IndicatorKind]int{}
	stories := 0
	for _, team := range a.Teams {
		for _, in := range team.Indicators {
			kinds[in.Kind]++
		}
		if team.StoryConsent {
			stories++
		}
		if !team.Completed && (team.StoryConsent || len(team.StoryTalents) > 0) {
			t.Errorf("project %d consents to a story before completing", team.ProjectID)
		}
	}
	for _, k := range domain.IndicatorKinds() {
		if kinds[k] == 0 {
			t.Errorf("no %s indicator: %v", k, kinds)
		}
	}
	if stories == 0 || stories == len(a.Teams) {
		t.Errorf("%d of %d teams consent to a story", stories, len(a.Teams))
	}
	for _, p := range ds.Projects {
		th, ok := themeOf(p)
		if p.ProgramID == ota2021ID && (!ok || len(th.milestones) != 4 || len(th.steps) < 4) {
			t.Errorf("project %q: theme %+v", p.Title, th)
		}
	}
}
