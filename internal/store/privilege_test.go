package store

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// openTeam enters the fixture's talent for the web project, offers it and
// has all three sides accept, which opens the team's workspace.
func openTeam(t *testing.T, s *Store, f *fixture) (domain.Entry, domain.Engagement) {
	t.Helper()
	ctx := context.Background()
	e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID, Choices: []int64{f.web.ID},
		Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
	mustNil(t, s.Entries().CreateEntry(ctx, &e))
	_, err := s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntryOffered, 0, "")
	mustNil(t, err)
	start := time.Date(2021, 10, 1, 0, 0, 0, 0, domain.Japan())
	a := domain.Agreement{EntryID: e.ID, ProjectID: f.web.ID, Type: domain.AgreementProBono, HoursPerMonth: 10,
		StartsOn: start, EndsOn: start.AddDate(0, 3, 0), Deliverables: "x"}
	mustNil(t, s.Agreements().SaveAgreement(ctx, &a, 0))
	for _, p := range domain.Parties() {
		_, err := s.Agreements().AcceptAgreement(ctx, a.ID, a.Version, p, 0)
		mustNil(t, err)
	}
	g, err := s.Workspaces().EngagementOfProject(ctx, f.web.ID)
	mustNil(t, err)
	return e, g
}

func newUser(t *testing.T, s *Store, email, name string) int64 {
	t.Helper()
	u := domain.User{Email: email, Name: name}
	mustNil(t, s.Accounts().CreateUser(context.Background(), &u))
	return u.ID
}

func TestTeamLeadersAndReviewers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		e, g := openTeam(t, s, f)
		leader := newUser(t, s, "leader@example.jp", "リーダー 一郎")
		staff := newUser(t, s, "staff@example.jp", "職員 二郎")
		mustNil(t, s.Accounts().AddMembership(ctx, &domain.Membership{UserID: leader, OrganizationID: f.office.ID, Role: domain.RoleLeaderTalent}))
		mustNil(t, s.Accounts().AddMembership(ctx, &domain.Membership{UserID: staff, OrganizationID: f.office.ID, Role: domain.RoleMunicipalityStaff}))

		cands, err := s.Workspaces().LeaderCandidates(ctx, f.ota.ID)
		mustNil(t, err)
		if len(cands) != 1 || cands[0].UserID != leader || cands[0].Name != "リーダー 一郎" || cands[0].Role != domain.RoleLeaderTalent {
			t.Errorf("candidates %+v", cands)
		}
		mustNil(t, s.Workspaces().AssignTeamLeader(ctx, g.ID, leader))
		mustNil(t, s.Workspaces().AssignTeamLeader(ctx, g.ID, leader)) // twice is once
		want := []TeamLeader{{EngagementID: g.ID, UserID: leader, Name: "リーダー 一郎"}}
		for _, q := range [][2]int64{{0, g.ID}, {f.ota.ID, 0}} {
			got, err := s.Workspaces().TeamLeaders(ctx, q[0], q[1])
			mustNil(t, err)
			if len(got) != 1 || got[0] != want[0] {
				t.Errorf("leaders %v: %+v", q, got)
			}
		}
		if got, _ := s.Workspaces().TeamLeaders(ctx, f.tsubame.ID, 0); len(got) != 0 {
			t.Errorf("Tsubame's leaders: %+v", got)
		}
		if err := s.Workspaces().AssignTeamLeader(ctx, 99999, leader); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("a team that does not exist: %v", err)
		}
		mustNil(t, s.Workspaces().UnassignTeamLeader(ctx, g.ID, leader))
		if got, _ := s.Workspaces().TeamLeaders(ctx, 0, g.ID); len(got) != 0 {
			t.Errorf("after removing: %+v", got)
		}

		mustNil(t, s.Entries().AssignReviewer(ctx, e.ID, leader, staff))
		for _, c := range []struct {
			user int64
			want bool
		}{{leader, true}, {staff, false}} {
			got, err := s.Entries().IsReviewer(ctx, e.ID, c.user)
			mustNil(t, err)
			if got != c.want {
				t.Errorf("user %d reviews the entry: %v, want %v", c.user, got, c.want)
			}
		}
		if email, err := s.Talents().TalentEmail(ctx, f.talent.ID); err != nil || email != "" {
			t.Errorf("email of a talent without one: %q %v", email, err)
		}
		mustNil(t, s.Talents().SetTalentContactEmail(ctx, f.talent.ID, "hanako@example.jp"))
		if email, err := s.Talents().TalentEmail(ctx, f.talent.ID); err != nil || email != "hanako@example.jp" {
			t.Errorf("contact email: %q %v", email, err)
		}
	})
}

func TestOneToOneNamesItsTalent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		_, g := openTeam(t, s, f)
		day := time.Date(2021, 10, 8, 0, 0, 0, 0, domain.Japan())
		m := domain.Meeting{EngagementID: g.ID, Kind: domain.MeetingOneToOne, HeldOn: day, Minutes: 30, Notes: "悩みの相談"}
		err := s.Workspaces().LogMeeting(ctx, &m)
		var de *domain.Error
		if domain.ErrorCode(err) != domain.CodeInvalid || !errorsAs(err, &de) || de.Fields[0].Field != "talent" ||
			de.Fields[0].Key != "error.meeting_talent" {
			t.Fatalf("a one-to-one with nobody: %v", err)
		}
		m.TalentID = f.talent.ID
		mustNil(t, s.Workspaces().LogMeeting(ctx, &m))
		team := domain.Meeting{EngagementID: g.ID, Kind: domain.MeetingTeam, HeldOn: day, Minutes: 60, Notes: "定例", TalentID: f.talent.ID}
		if err := s.Workspaces().LogMeeting(ctx, &team); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("a team meeting naming one talent: %v", err)
		}
		got, err := s.Workspaces().Meetings(ctx, g.ID)
		mustNil(t, err)
		if len(got) != 1 || got[0].TalentID != f.talent.ID || got[0].Kind != domain.MeetingOneToOne || got[0].Notes != "悩みの相談" {
			t.Errorf("meetings %+v", got)
		}
	})
}

func TestOutcomesLockWhenTheTeamIsCompleted(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		_, g := openTeam(t, s, f)
		in := domain.Indicator{EngagementID: g.ID, Kind: domain.IndicatorCustomers, SDG: 8, Baseline: 1, Result: 6, Evidence: "記録"}
		mustNil(t, s.Workspaces().SaveIndicator(ctx, &in))
		// Correcting is for completed teams; an active team edits as usual.
		fix := in
		fix.Result = 5
		if _, err := s.Workspaces().CorrectIndicator(ctx, &fix, "数え直し"); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("correcting an active team: %v", err)
		}
		mustNil(t, s.Workspaces().CompleteEngagement(ctx, g.ID))

		edit := in
		edit.Result = 60
		err := s.Workspaces().SaveIndicator(ctx, &edit)
		var de *domain.Error
		if domain.ErrorCode(err) != domain.CodeConflict || !errorsAs(err, &de) || de.Key != "error.outcome_locked" {
			t.Errorf("editing after completion: %v", err)
		}
		added := domain.Indicator{EngagementID: g.ID, Kind: domain.IndicatorSales, SDG: 8, Result: math.NaN()}
		if err := s.Workspaces().SaveIndicator(ctx, &added); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("adding after completion: %v", err)
		}
		if _, err := s.Workspaces().CorrectIndicator(ctx, &fix, "  "); !hasField(err, "reason", "error.correction_reason") {
			t.Errorf("a correction without a reason: %v", err)
		}
		added.Evidence = "x"
		if _, err := s.Workspaces().CorrectIndicator(ctx, &added, "追加したい"); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("adding by correction: %v", err)
		}
		unknown := fix
		unknown.ID = 99999
		if _, err := s.Workspaces().CorrectIndicator(ctx, &unknown, "数え直し"); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("correcting an unknown indicator: %v", err)
		}
		before, err := s.Workspaces().CorrectIndicator(ctx, &fix, "重複していた1件を除いた")
		mustNil(t, err)
		if before.ID != in.ID || before.Result != 6 || before.Baseline != 1 || before.Evidence != "記録" {
			t.Errorf("before the correction: %+v", before)
		}
		got, err := s.Workspaces().Indicators(ctx, g.ID)
		mustNil(t, err)
		if len(got) != 1 || got[0].Result != 5 || got[0].Kind != domain.IndicatorCustomers {
			t.Errorf("after the correction: %+v", got)
		}
	})
}

func TestAuditLogNamesActorAndSubject(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		e, g := openTeam(t, s, f)
		staff := newUser(t, s, "staff@example.jp", "職員 二郎")
		gone := newUser(t, s, "gone@example.jp", "退会 三郎")
		for _, ev := range []AuditEvent{
			{ActorID: staff, Action: "entry.move.declined", SubjectType: "entry", SubjectID: e.ID, MunicipalityID: f.ota.ID,
				Address: "192.0.2.1", Detail: "reason=スキルが合わない"},
			{ActorID: gone, Action: "engagement.view", SubjectType: "engagement", SubjectID: g.ID, MunicipalityID: f.ota.ID},
			{ActorID: staff, Action: "credential.revoke", SubjectType: "credential", SubjectKey: "urn:uuid:x", MunicipalityID: f.ota.ID},
			{Action: "program.view", SubjectType: "program", SubjectID: f.program.ID, MunicipalityID: f.ota.ID},
		} {
			mustNil(t, s.Compliance().Audit(ctx, ev))
		}
		mustNil(t, s.Personal().DeleteAccount(ctx, gone))
		log, err := s.Compliance().AuditLog(ctx, f.ota.ID, 10)
		mustNil(t, err)
		if len(log) != 4 {
			t.Fatalf("%d lines", len(log))
		}
		type seen struct {
			action, actor string
			gone          bool
			label, key    string
			detail        string
		}
		want := []seen{
			{"program.view", "", false, "大田区SDGs副業 2021", "", ""},
			{"credential.revoke", "職員 二郎", false, "", "urn:uuid:x", ""},
			{"engagement.view", "", true, "ホームページ刷新", "", ""},
			{"entry.move.declined", "職員 二郎", false, "山田 花子", "", "reason=スキルが合わない"},
		}
		for i, w := range want {
			l := log[i]
			if got := (seen{l.Action, l.ActorName, l.ActorGone, l.SubjectLabel, l.SubjectKey, l.Detail}); got != w {
				t.Errorf("line %d: %+v, want %+v", i, got, w)
			}
		}
	})
}

func errorsAs(err error, target **domain.Error) bool { return errors.As(err, target) }

// hasField reports whether err is invalid with the given problem on the field.
func hasField(err error, field, key string) bool {
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.CodeInvalid {
		return false
	}
	for _, f := range de.Fields {
		if f.Field == field && f.Key == key {
			return true
		}
	}
	return false
}
