package store

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestAgreementToCompletion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID,
			Choices: []int64{f.web.ID, f.green.ID}, Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
		mustNil(t, s.Entries().CreateEntry(ctx, &e))
		start := time.Date(2021, 10, 1, 0, 0, 0, 0, domain.Japan())
		a := domain.Agreement{EntryID: e.ID, ProjectID: f.web.ID, Type: domain.AgreementContract, RewardYen: 30000,
			HoursPerMonth: 20, StartsOn: start, EndsOn: start.AddDate(0, 3, 0), Deliverables: "新しいホームページ"}
		// Terms come after 内定.
		if err := s.Agreements().SaveAgreement(ctx, &a, 0); domain.ErrorCode(err) != domain.CodeConflict {
			t.Fatalf("agreement before an offer: %v", err)
		}
		_, err := s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntryOffered, 0, "")
		mustNil(t, err)
		bad := a
		bad.ProjectID = f.cafe.ID
		if err := s.Agreements().SaveAgreement(ctx, &bad, 0); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("agreement on a project not chosen: %v", err)
		}
		mustNil(t, s.Agreements().SaveAgreement(ctx, &a, 0))
		_, err = s.Agreements().AcceptAgreement(ctx, a.ID, 1, domain.PartyBusiness, 0)
		mustNil(t, err)
		_, err = s.Agreements().AcceptAgreement(ctx, a.ID, 1, domain.PartyTalent, 0)
		mustNil(t, err)
		// A change voids both acceptances; the old version can no longer be accepted.
		a.HoursPerMonth = 25
		mustNil(t, s.Agreements().SaveAgreement(ctx, &a, 0))
		if a.Version != 2 {
			t.Fatalf("version %d", a.Version)
		}
		if _, err := s.Agreements().AcceptAgreement(ctx, a.ID, 1, domain.PartyMunicipality, 0); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("accepting an old version: %v", err)
		}
		cur, err := s.Agreements().AgreementOfEntry(ctx, e.ID)
		mustNil(t, err)
		if len(cur.Accepted) != 0 || cur.HoursPerMonth != 25 {
			t.Fatalf("after a change: %+v", cur)
		}
		if _, err := s.Workspaces().EngagementOfProject(ctx, f.web.ID); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("a workspace before all accepted: %v", err)
		}
		for _, p := range domain.Parties() {
			cur, err = s.Agreements().AcceptAgreement(ctx, a.ID, 2, p, 0)
			mustNil(t, err)
		}
		if !cur.Complete() {
			t.Fatalf("not complete: %+v", cur.Accepted)
		}
		got, _ := s.Entries().Entry(ctx, e.ID)
		if got.Status != domain.EntryAgreed {
			t.Errorf("entry after agreement: %s", got.Status)
		}
		g, err := s.Workspaces().EngagementOfProject(ctx, f.web.ID)
		mustNil(t, err)
		team, err := s.Workspaces().Team(ctx, g)
		mustNil(t, err)
		if len(team) != 1 || team[0].TalentID != f.talent.ID || !g.StartedOn.Equal(start) {
			t.Fatalf("team %+v, engagement %+v", team, g)
		}

		// The workspace: goal, milestone, meeting, reports, messages.
		mustNil(t, s.Workspaces().SetGoal(ctx, g.ID, "3か月で問い合わせを月5件に"))
		m := domain.Milestone{EngagementID: g.ID, Title: "サイト公開", DueOn: start.AddDate(0, 2, 0)}
		mustNil(t, s.Workspaces().AddMilestone(ctx, &m))
		mustNil(t, s.Workspaces().SetMilestoneDone(ctx, g.ID, m.ID, true))
		ms, _ := s.Workspaces().Milestones(ctx, g.ID)
		if len(ms) != 1 || ms[0].DoneAt.IsZero() {
			t.Errorf("milestones %+v", ms)
		}
		mustNil(t, s.Workspaces().LogMeeting(ctx, &domain.Meeting{EngagementID: g.ID, Kind: domain.MeetingOneToOne, TalentID: f.talent.ID, HeldOn: start.AddDate(0, 0, 7),
			Minutes: 30, Notes: "進め方の確認"}))
		if err := s.Workspaces().LogMeeting(ctx, &domain.Meeting{EngagementID: g.ID, Kind: "party", Minutes: 1}); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("bad meeting: %v", err)
		}
		r := domain.Report{EngagementID: g.ID, TalentID: f.talent.ID, Month: "2021-10", Hours: 18, Done: "取材"}
		mustNil(t, s.Workspaces().SubmitReport(ctx, &r))
		r.Hours = 22
		mustNil(t, s.Workspaces().SubmitReport(ctx, &r))
		reps, _ := s.Workspaces().Reports(ctx, g.ID)
		if len(reps) != 1 || reps[0].Hours != 22 {
			t.Errorf("reports %+v", reps)
		}
		if err := s.Workspaces().SubmitReport(ctx, &domain.Report{EngagementID: g.ID, TalentID: f.talent.ID, Month: "2021-13", Done: "x"}); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("month 13: %v", err)
		}
		mustNil(t, s.Workspaces().PostMessage(ctx, &domain.Message{EngagementID: g.ID, Body: "よろしくお願いします"}))
		msgs, _ := s.Workspaces().Messages(ctx, g.ID, 10)
		if len(msgs) != 1 || msgs[0].Body != "よろしくお願いします" {
			t.Errorf("messages %+v", msgs)
		}
		// November is late once the 5th of December is past; October is in.
		late, err := s.Workspaces().LateReports(ctx, time.Date(2021, 12, 10, 0, 0, 0, 0, domain.Japan()), 5)
		mustNil(t, err)
		if len(late) != 1 || late[0].Month != "2021-11" {
			t.Errorf("late %+v", late)
		}
		first, err := s.Workspaces().ClaimReminder(ctx, late[0])
		mustNil(t, err)
		again, err := s.Workspaces().ClaimReminder(ctx, late[0])
		mustNil(t, err)
		if !first || again {
			t.Errorf("reminder claimed %v then %v, want once", first, again)
		}
		late, _ = s.Workspaces().LateReports(ctx, time.Date(2021, 11, 10, 0, 0, 0, 0, domain.Japan()), 5)
		if len(late) != 0 {
			t.Errorf("late for a reported month: %+v", late)
		}

		// Outcomes, then completion and reviews.
		in := domain.Indicator{EngagementID: g.ID, Kind: domain.IndicatorCustomers, SDG: 8, Baseline: 1, Result: math.NaN()}
		mustNil(t, s.Workspaces().SaveIndicator(ctx, &in))
		in.Result = 6
		if err := s.Workspaces().SaveIndicator(ctx, &in); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("result without evidence: %v", err)
		}
		in.Evidence = "問い合わせフォームの記録"
		mustNil(t, s.Workspaces().SaveIndicator(ctx, &in))
		ins, _ := s.Workspaces().Indicators(ctx, g.ID)
		if len(ins) != 1 || ins[0].Result != 6 || ins[0].RecordedAt.IsZero() {
			t.Errorf("indicators %+v", ins)
		}
		rv := domain.TeamReview{EngagementID: g.ID, Side: domain.ReviewByBusiness, TalentID: f.talent.ID, Score: 5, Comment: "助かりました"}
		if err := s.Workspaces().SaveTeamReview(ctx, &rv); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("review before completion: %v", err)
		}
		mustNil(t, s.Workspaces().CompleteEngagement(ctx, g.ID))
		if err := s.Workspaces().CompleteEngagement(ctx, g.ID); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("completing twice: %v", err)
		}
		mustNil(t, s.Workspaces().SaveTeamReview(ctx, &rv))
		mustNil(t, s.Workspaces().SaveTeamReview(ctx, &domain.TeamReview{EngagementID: g.ID, Side: domain.ReviewByTalent, TalentID: f.talent.ID, Score: 4}))
		rvs, _ := s.Workspaces().TeamReviews(ctx, g.ID)
		if len(rvs) != 2 {
			t.Errorf("reviews %+v", rvs)
		}
	})
}

func TestEventsAndIdeas(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		var users []int64
		for _, e := range []string{"a@example.jp", "b@example.jp", "c@example.jp"} {
			u := domain.User{Email: e, Name: e}
			mustNil(t, s.Accounts().CreateUser(ctx, &u))
			users = append(users, u.ID)
		}
		start := time.Date(2026, 12, 5, 19, 0, 0, 0, domain.Japan())
		ev := domain.Event{MunicipalityID: f.ota.ID, Title: "副業人材交流会", StartsAt: start, EndsAt: start.Add(2 * time.Hour),
			Place: "大田区産業プラザPiO", Capacity: 2}
		mustNil(t, s.Community().CreateEvent(ctx, &ev))
		if err := s.Community().CreateEvent(ctx, &domain.Event{MunicipalityID: f.ota.ID, Title: "x", StartsAt: start, EndsAt: start.Add(time.Hour),
			Online: true, URL: "http://insecure"}); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("insecure link: %v", err)
		}
		mustNil(t, s.Community().RSVP(ctx, ev.ID, users[0]))
		mustNil(t, s.Community().RSVP(ctx, ev.ID, users[0])) // twice is once
		mustNil(t, s.Community().RSVP(ctx, ev.ID, users[1]))
		if err := s.Community().RSVP(ctx, ev.ID, users[2]); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("over capacity: %v", err)
		}
		mustNil(t, s.Community().CancelRSVP(ctx, ev.ID, users[1]))
		mustNil(t, s.Community().RSVP(ctx, ev.ID, users[2]))
		got, _ := s.Community().EventByID(ctx, ev.ID)
		if got.Going != 2 {
			t.Errorf("going %d", got.Going)
		}
		if list, _ := s.Community().Events(ctx, 0, start.Add(3*time.Hour)); len(list) != 0 {
			t.Errorf("a past event listed: %+v", list)
		}

		idea := domain.Idea{MunicipalityID: f.ota.ID, AuthorID: users[0], Title: "工場見学ツアー", Body: "週末に町工場を巡るツアーを"}
		mustNil(t, s.Community().CreateIdea(ctx, &idea))
		mustNil(t, s.Community().SupportIdea(ctx, idea.ID, users[1], true))
		mustNil(t, s.Community().SupportIdea(ctx, idea.ID, users[1], true))
		mustNil(t, s.Community().SupportIdea(ctx, idea.ID, users[2], true))
		mustNil(t, s.Community().SupportIdea(ctx, idea.ID, users[2], false))
		ans, err := s.Community().AnswerIdea(ctx, idea.ID, domain.IdeaAdopted, "来年度に実施します")
		mustNil(t, err)
		if ans.Supporters != 1 || ans.Status != domain.IdeaAdopted || ans.AnsweredAt.IsZero() {
			t.Errorf("idea %+v", ans)
		}
		if _, err := s.Community().AnswerIdea(ctx, idea.ID, "maybe", ""); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("unknown status: %v", err)
		}
	})
}

func TestMobilityFlows(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		// Tsubame's program gets a project the talent later joins.
		tsProject := domain.Project{MunicipalityID: f.tsubame.ID, ProgramID: f.program2.ID, HostID: f.other.ID, Title: "洋食器の販路",
			SDGs: []int{9}, TeamSize: 1, HoursPerMonth: 10, WorkStyle: domain.WorkRemote, RewardType: domain.RewardProBono,
			Status: domain.ProjectPublished}
		mustNil(t, s.Projects().CreateProject(ctx, &tsProject))
		team := func(programID, projectID int64, start time.Time) domain.Engagement {
			t.Helper()
			e := domain.Entry{MunicipalityID: 0, ProgramID: programID, TalentID: f.talent.ID, Choices: []int64{projectID},
				Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
			p, err := s.Projects().Project(ctx, projectID)
			mustNil(t, err)
			e.MunicipalityID = p.MunicipalityID
			mustNil(t, s.Entries().CreateEntry(ctx, &e))
			_, err = s.Entries().MoveEntries(ctx, programID, []int64{e.ID}, domain.EntryOffered, 0, "")
			mustNil(t, err)
			a := domain.Agreement{EntryID: e.ID, ProjectID: projectID, Type: domain.AgreementProBono, HoursPerMonth: 10,
				StartsOn: start, EndsOn: start.AddDate(0, 3, 0), Deliverables: "x"}
			mustNil(t, s.Agreements().SaveAgreement(ctx, &a, 0))
			for _, p := range domain.Parties() {
				_, err := s.Agreements().AcceptAgreement(ctx, a.ID, a.Version, p, 0)
				mustNil(t, err)
			}
			g, err := s.Workspaces().EngagementOfProject(ctx, projectID)
			mustNil(t, err)
			return g
		}
		ota := team(f.program.ID, f.web.ID, time.Date(2021, 10, 1, 0, 0, 0, 0, domain.Japan()))
		if flows, _ := s.Insights().MobilityFlows(ctx); len(flows) != 0 {
			t.Fatalf("flows before any completion: %+v", flows)
		}
		mustNil(t, s.Workspaces().CompleteEngagement(ctx, ota.ID))
		team(f.program2.ID, tsProject.ID, time.Now().AddDate(0, 0, 7))
		flows, err := s.Insights().MobilityFlows(ctx)
		mustNil(t, err)
		if len(flows) != 1 || flows[0].FromID != f.ota.ID || flows[0].ToID != f.tsubame.ID || flows[0].Talents != 1 {
			t.Errorf("flows %+v", flows)
		}
		// Scouted by Tsubame after completing in Ota: one flow, however
		// many offers; an offer from Ota itself does not count.
		if got, err := s.Insights().ScoutFlows(ctx); err != nil || len(got) != 0 {
			t.Fatalf("scout flows before any offer: %+v %v", got, err)
		}
		u := domain.User{Email: "scouted@example.jp", Name: "卒業生"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		mustNil(t, s.Talents().LinkTalentUser(ctx, f.talent.ID, u.ID))
		for _, m := range []int64{f.tsubame.ID, f.ota.ID} {
			mustNil(t, s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, MunicipalityID: m,
				Purpose: domain.ConsentScout, Granted: true}))
		}
		for _, m := range []int64{f.tsubame.ID, f.tsubame.ID, f.ota.ID} {
			mustNil(t, s.Talents().SendScout(ctx, &domain.ScoutOffer{MunicipalityID: m, TalentID: f.talent.ID, Message: "ぜひ"}))
		}
		scouted, err := s.Insights().ScoutFlows(ctx)
		mustNil(t, err)
		if len(scouted) != 1 || scouted[0] != (Flow{FromID: f.ota.ID, ToID: f.tsubame.ID, Talents: 1}) {
			t.Errorf("scout flows %+v", scouted)
		}
	})
}
