package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestProjectReviewSteps(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		// A draft can be edited; the edit replaces goals and skills.
		edit := f.cafe
		edit.Title, edit.SDGs, edit.RequiredSkills = "商店街のInstagram発信", []int{8, 11}, []string{"mkt-sns"}
		mustNil(t, s.Projects().UpdateProject(ctx, &edit))
		got, err := s.Projects().Project(ctx, f.cafe.ID)
		mustNil(t, err)
		if got.Title != "商店街のInstagram発信" || len(got.SDGs) != 2 || len(got.RequiredSkills) != 1 {
			t.Fatalf("edited draft = %+v", got)
		}
		// Publishing a draft skips review: refused.
		if _, err := s.Projects().MoveProject(ctx, f.cafe.ID, domain.ProjectPublished, 0, ""); domain.ErrorCode(err) != domain.CodeConflict {
			t.Fatalf("draft → published: %v", err)
		}
		_, err = s.Projects().MoveProject(ctx, f.cafe.ID, domain.ProjectReview, 0, "")
		mustNil(t, err)
		// Submitted: no more edits, and a return needs a comment.
		if err := s.Projects().UpdateProject(ctx, &edit); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("edit in review: %v", err)
		}
		if _, err := s.Projects().MoveProject(ctx, f.cafe.ID, domain.ProjectDraft, 0, ""); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("return without comment: %v", err)
		}
		_, err = s.Projects().MoveProject(ctx, f.cafe.ID, domain.ProjectDraft, 0, "報酬の欄を埋めてください")
		mustNil(t, err)
		_, err = s.Projects().MoveProject(ctx, f.cafe.ID, domain.ProjectReview, 0, "")
		mustNil(t, err)
		p, err := s.Projects().MoveProject(ctx, f.cafe.ID, domain.ProjectPublished, 0, "")
		mustNil(t, err)
		if p.Status != domain.ProjectPublished {
			t.Errorf("status %s", p.Status)
		}
		hist, err := s.Projects().ProjectHistory(ctx, f.cafe.ID)
		mustNil(t, err)
		if len(hist) != 4 || hist[1].To != domain.ProjectDraft || hist[1].Comment != "報酬の欄を埋めてください" {
			t.Errorf("history = %+v", hist)
		}
		// The fixture program's entry period ended in 2021: its published
		// projects close, drafts stay.
		n, err := s.Projects().CloseEndedProjects(ctx)
		mustNil(t, err)
		if n != 3 {
			t.Errorf("closed %d, want web, green and cafe", n)
		}
		if n, _ := s.Projects().CloseEndedProjects(ctx); n != 0 {
			t.Errorf("closed again: %d", n)
		}
	})
}

func TestScreeningMovesReviewsInterviews(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		u := domain.User{Email: "hanako@example.jp", Name: "山田 花子"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		mustNil(t, s.Talents().LinkTalentUser(ctx, f.talent.ID, u.ID))
		staff := domain.User{Email: "staff@city.example.jp", Name: "区 職員"}
		mustNil(t, s.Accounts().CreateUser(ctx, &staff))
		mustNil(t, s.Accounts().AddMembership(ctx, &domain.Membership{UserID: staff.ID, OrganizationID: f.office.ID,
			MunicipalityID: f.ota.ID, Role: domain.RoleMunicipalityStaff}))
		e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID,
			Choices: []int64{f.web.ID}, Motivation: "町工場の力になりたい", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
		mustNil(t, s.Entries().CreateEntry(ctx, &e))

		// 見送り without a reason is refused and changes nothing.
		if _, err := s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntryDeclined, staff.ID, ""); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("decline without reason: %v", err)
		}
		// Each moved entry names its entrant's account, for the notice.
		moved, err := s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntryScreening, staff.ID, "")
		mustNil(t, err)
		if len(moved) != 1 || moved[0].From != domain.EntrySubmitted || moved[0].UserID != u.ID {
			t.Fatalf("moved %+v", moved)
		}
		mustNil(t, s.Messaging().Notify(ctx, moved[0].UserID, "notice.stage", map[string]any{"Stage": string(moved[0].Entry.Status)}, "/me"))
		// An entry of another program cannot be moved through this one.
		if _, err := s.Entries().MoveEntries(ctx, f.program2.ID, []int64{e.ID}, domain.EntryInterview, staff.ID, ""); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("cross-program move: %v", err)
		}

		mustNil(t, s.Entries().AssignReviewer(ctx, e.ID, staff.ID, staff.ID))
		mustNil(t, s.Entries().AssignReviewer(ctx, e.ID, staff.ID, staff.ID))
		revs, err := s.Entries().ReviewersOfProgram(ctx, f.program.ID)
		mustNil(t, err)
		if len(revs) != 1 || revs[0].Name != "区 職員" {
			t.Errorf("reviewers = %+v", revs)
		}
		bad := domain.Review{EntryID: e.ID, ReviewerID: staff.ID, Scores: map[domain.Criterion]int{domain.CriterionSkills: 6}}
		if err := s.Entries().SaveReview(ctx, &bad); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("score 6: %v", err)
		}
		r := domain.Review{EntryID: e.ID, ReviewerID: staff.ID, Note: "実務経験が豊富",
			Scores: map[domain.Criterion]int{domain.CriterionSkills: 4, domain.CriterionMotivation: 5}}
		mustNil(t, s.Entries().SaveReview(ctx, &r))
		r.Scores[domain.CriterionSkills] = 3
		mustNil(t, s.Entries().SaveReview(ctx, &r))
		got, err := s.Entries().Reviews(ctx, 0, e.ID)
		mustNil(t, err)
		if len(got) != 1 || got[0].Scores[domain.CriterionSkills] != 3 || got[0].Scores[domain.CriterionMotivation] != 5 ||
			len(got[0].Scores) != 2 || got[0].Note != "実務経験が豊富" || got[0].Mean() != 4 {
			t.Errorf("reviews = %+v", got)
		}

		start := time.Date(2021, 8, 20, 10, 0, 0, 0, domain.Japan())
		iv := domain.Interview{EntryID: e.ID, StartsAt: start, EndsAt: start.Add(45 * time.Minute),
			VideoURL: "https://meet.example.jp/abc", CreatedBy: staff.ID}
		_, err = s.Entries().CreateInterview(ctx, &iv)
		mustNil(t, err)
		ivs, err := s.Entries().Interviews(ctx, e.ID)
		mustNil(t, err)
		if len(ivs) != 1 || !ivs[0].StartsAt.Equal(start) || ivs[0].VideoURL != iv.VideoURL {
			t.Errorf("interviews = %+v", ivs)
		}
		cur, _ := s.Entries().Entry(ctx, e.ID)
		if cur.Status != domain.EntryInterview {
			t.Errorf("after interview scheduled: %s", cur.Status)
		}
		// 合意 needs 内定 first; the entrant answers the offer.
		if _, err := s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntryAgreed, staff.ID, ""); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("agree before offer: %v", err)
		}
		_, err = s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntryOffered, staff.ID, "")
		mustNil(t, err)
		// Accepting the 内定 keeps the entry at 内定 with the answer noted:
		// 合意 follows the terms. A second answer finds no open offer.
		m, err := s.Entries().AnswerOffer(ctx, e.ID, f.talent.ID, true)
		mustNil(t, err)
		if m.Entry.Status != domain.EntryOffered || !m.Entry.OfferAccepted {
			t.Errorf("accept → %s %v", m.Entry.Status, m.Entry.OfferAccepted)
		}
		if cur, _ := s.Entries().Entry(ctx, e.ID); cur.Status != domain.EntryOffered || !cur.OfferAccepted {
			t.Errorf("stored after accept: %s %v", cur.Status, cur.OfferAccepted)
		}
		if _, err := s.Entries().AnswerOffer(ctx, e.ID, f.talent.ID, false); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("second answer: %v", err)
		}
		_, err = s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntryAgreed, u.ID, "")
		mustNil(t, err)
		hist, err := s.Entries().EntryHistory(ctx, e.ID)
		mustNil(t, err)
		want := []domain.EntryStatus{domain.EntryScreening, domain.EntryInterview, domain.EntryOffered, domain.EntryAgreed}
		if len(hist) != len(want) {
			t.Fatalf("history = %+v", hist)
		}
		for i, h := range hist {
			if h.To != want[i] {
				t.Errorf("history[%d] = %s, want %s", i, h.To, want[i])
			}
		}
		if hist[3].ActorID != u.ID || hist[0].ActorID != staff.ID {
			t.Errorf("actors = %d, %d", hist[0].ActorID, hist[3].ActorID)
		}
		ns, err := s.Messaging().Notifications(ctx, u.ID, 10)
		mustNil(t, err)
		if len(ns) != 1 || ns[0].Args["Stage"] != "screening" {
			t.Errorf("notifications = %+v", ns)
		}
		if n, _ := s.Messaging().UnreadNotifications(ctx, u.ID); n != 1 {
			t.Errorf("unread = %d", n)
		}
		mustNil(t, s.Messaging().MarkNotificationsRead(ctx, u.ID))
		if n, _ := s.Messaging().UnreadNotifications(ctx, u.ID); n != 0 {
			t.Errorf("unread after read = %d", n)
		}
	})
}

func TestInvitationsAndConsents(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		inv := domain.Invitation{Email: " Owner@Maruya.example.jp ", MunicipalityID: f.ota.ID, OrganizationID: f.shop.ID,
			Role: domain.RoleBusinessOwner, Lang: "ja"}
		mustNil(t, s.Accounts().CreateInvitation(ctx, &inv, []byte("hash-1"), 72*time.Hour))
		if inv.Email != "owner@maruya.example.jp" {
			t.Errorf("email = %q", inv.Email)
		}
		// An organization of another municipality cannot be invited into.
		wrong := domain.Invitation{Email: "x@example.jp", MunicipalityID: f.ota.ID, OrganizationID: f.other.ID,
			Role: domain.RoleBusinessOwner}
		if err := s.Accounts().CreateInvitation(ctx, &wrong, []byte("hash-2"), time.Hour); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("cross-municipality invitation: %v", err)
		}
		u := domain.User{Email: "owner@maruya.example.jp", Name: "丸屋 店主"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		mustNil(t, s.Accounts().MarkEmailVerified(ctx, u.ID))
		_, err := s.Accounts().AcceptInvitation(ctx, []byte("hash-1"), u.ID)
		mustNil(t, err)
		if _, err := s.Accounts().AcceptInvitation(ctx, []byte("hash-1"), u.ID); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("second accept: %v", err)
		}
		ms, err := s.Accounts().Memberships(ctx, u.ID)
		mustNil(t, err)
		if len(ms) != 1 || ms[0].Role != domain.RoleBusinessOwner || ms[0].OrganizationID != f.shop.ID {
			t.Errorf("memberships = %+v", ms)
		}
		members, err := s.Accounts().Members(ctx, f.ota.ID)
		mustNil(t, err)
		if len(members) != 1 || members[0].Email != u.Email {
			t.Errorf("members = %+v", members)
		}

		mustNil(t, s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, Purpose: domain.ConsentScout, Granted: true}))
		mustNil(t, s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, Purpose: domain.ConsentScout, Granted: false}))
		mustNil(t, s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, Purpose: domain.ConsentStory, Granted: true}))
		if err := s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, Purpose: "sell"}); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("unknown purpose: %v", err)
		}
		cur, err := s.Compliance().CurrentConsents(ctx, u.ID)
		mustNil(t, err)
		if cur[domain.ConsentScout].Granted || !cur[domain.ConsentStory].Granted || len(cur) != 2 {
			t.Errorf("current = %+v", cur)
		}
		hist, _ := s.Compliance().ConsentHistory(ctx, u.ID)
		if len(hist) != 3 || hist[0].At.IsZero() {
			t.Errorf("history = %+v", hist)
		}
	})
}

func TestProgramStages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID,
			Choices: []int64{f.web.ID}, Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
		mustNil(t, s.Entries().CreateEntry(ctx, &e))
		_, err := s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntryScreening, 0, "")
		mustNil(t, err)
		// 書類選考 holds an entry, so it cannot be left out yet.
		noScreening := []domain.EntryStatus{domain.EntrySubmitted, domain.EntryInterview, domain.EntryOffered, domain.EntryAgreed}
		if err := s.Directory().SetProgramStages(ctx, f.program.ID, noScreening); domain.ErrorCode(err) != domain.CodeConflict {
			t.Fatalf("leaving out a stage in use: %v", err)
		}
		if err := s.Directory().SetProgramStages(ctx, f.program.ID, []domain.EntryStatus{domain.EntrySubmitted, domain.EntryAgreed}); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("leaving out 内定: %v", err)
		}
		_, err = s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntrySubmitted, 0, "")
		mustNil(t, err)
		mustNil(t, s.Directory().SetProgramStages(ctx, f.program.ID, noScreening))
		p, err := s.Directory().ProgramBySlug(ctx, f.program.Slug)
		mustNil(t, err)
		if len(p.StageList()) != 4 || p.UsesStage(domain.EntryScreening) {
			t.Fatalf("stages = %v", p.StageList())
		}
		if _, err := s.Entries().MoveEntries(ctx, f.program.ID, []int64{e.ID}, domain.EntryScreening, 0, ""); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("move to an unused stage: %v", err)
		}
		// Back to the default, stored as such.
		mustNil(t, s.Directory().SetProgramStages(ctx, f.program.ID, domain.Stages()))
		p, _ = s.Directory().ProgramBySlug(ctx, f.program.Slug)
		if p.Stages != nil || len(p.StageList()) != 5 {
			t.Errorf("default stages = %v", p.Stages)
		}
	})
}

func TestPoolFollowsConsentPerMunicipality(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		u := domain.User{Email: "hanako@example.jp", Name: "山田 花子"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		mustNil(t, s.Talents().LinkTalentUser(ctx, f.talent.ID, u.ID))
		consent := func(m int64, granted bool) {
			mustNil(t, s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, MunicipalityID: m, Purpose: domain.ConsentScout, Granted: granted}))
		}
		pool := func(m int64) int {
			p, err := s.Talents().Pool(ctx, m, PoolFilter{})
			mustNil(t, err)
			return len(p)
		}
		consent(f.ota.ID, true)
		if pool(f.ota.ID) != 1 || pool(f.tsubame.ID) != 0 {
			t.Fatalf("pools after consenting to Ota only: %d, %d", pool(f.ota.ID), pool(f.tsubame.ID))
		}
		offer := domain.ScoutOffer{MunicipalityID: f.tsubame.ID, TalentID: f.talent.ID, Message: "燕市の案件にいかがですか"}
		if err := s.Talents().SendScout(ctx, &offer); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("an offer from a municipality without consent: %v", err)
		}
		offer.MunicipalityID = f.ota.ID
		mustNil(t, s.Talents().SendScout(ctx, &offer))
		got, err := s.Talents().AnswerScout(ctx, offer.ID, f.talent.ID, true, false)
		mustNil(t, err)
		if got.Status != domain.ScoutAccepted {
			t.Errorf("answer %+v", got)
		}
		if _, err := s.Talents().AnswerScout(ctx, offer.ID, f.talent.ID, false, false); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("answering twice: %v", err)
		}
		// Withdrawing takes the talent out of the pool at once.
		consent(f.ota.ID, false)
		if pool(f.ota.ID) != 0 {
			t.Error("still in the pool after withdrawing")
		}
		cur, err := s.Talents().ScoutConsents(ctx, u.ID)
		mustNil(t, err)
		if cur[f.ota.ID].Granted || cur[f.ota.ID].At.IsZero() {
			t.Errorf("current consents %+v", cur)
		}
		// Granting again puts them back; the newest answer counts.
		consent(f.ota.ID, true)
		consent(f.tsubame.ID, true)
		consent(f.tsubame.ID, false)
		if pool(f.ota.ID) != 1 || pool(f.tsubame.ID) != 0 {
			t.Fatalf("pools after granting Ota again and withdrawing from Tsubame: %d, %d", pool(f.ota.ID), pool(f.tsubame.ID))
		}
		// Erasing the account leaves no trace of who could be found.
		mustNil(t, s.Personal().DeleteAccount(ctx, u.ID))
		var left int
		mustNil(t, s.queryRow(ctx, `SELECT COUNT(*) FROM scout_findable WHERE talent_id = $1`, f.talent.ID).Scan(&left))
		if left != 0 || pool(f.ota.ID) != 0 {
			t.Errorf("after erasure: %d findable rows, pool of %d", left, pool(f.ota.ID))
		}
	})
}

// TestPoolFindsProfilesLinkedAfterConsent: a consent given before the
// profile is linked to the account counts once it is linked.
func TestPoolFindsProfilesLinkedAfterConsent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		u := domain.User{Email: "jiro@example.jp", Name: "山田 次郎"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		mustNil(t, s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, MunicipalityID: f.ota.ID,
			Purpose: domain.ConsentScout, Granted: true}))
		pool := func() []int64 {
			p, err := s.Talents().Pool(ctx, f.ota.ID, PoolFilter{})
			mustNil(t, err)
			var ids []int64
			for _, x := range p {
				ids = append(ids, x.ID)
			}
			return ids
		}
		if got := pool(); len(got) != 0 {
			t.Fatalf("before the profile is linked: %v, want none", got)
		}
		mustNil(t, s.Talents().LinkTalentUser(ctx, f.talent.ID, u.ID))
		if got := pool(); len(got) != 1 || got[0] != f.talent.ID {
			t.Fatalf("after linking: %v, want [%d]", got, f.talent.ID)
		}
	})
}

func TestPersonalDataAndDeletion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		u := domain.User{Email: "hanako@example.jp", Name: "山田 花子"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		mustNil(t, s.Talents().LinkTalentUser(ctx, f.talent.ID, u.ID))
		e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID, Choices: []int64{f.web.ID},
			Motivation: "町工場の力になりたい", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
		mustNil(t, s.Entries().CreateEntry(ctx, &e))
		mustNil(t, s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, Purpose: domain.ConsentStory, Granted: true}))
		mustNil(t, s.Compliance().Audit(ctx, AuditEvent{ActorID: u.ID, Action: "profile.save", SubjectType: "talent", SubjectID: f.talent.ID}))
		data, err := s.Personal().PersonalData(ctx, u.ID)
		mustNil(t, err)
		if len(data["user"]) != 1 || data["user"][0]["email"] != "hanako@example.jp" || len(data["entries"]) != 1 ||
			data["entries"][0]["motivation"] != "町工場の力になりたい" || len(data["consents"]) != 1 || len(data["skills"]) != 1 ||
			len(data["ties"]) != 2 || len(data["audit"]) != 1 {
			t.Fatalf("personal data %+v", data)
		}
		mustNil(t, s.Messaging().QueueMail(ctx, &Mail{To: "hanako@example.jp", Lang: "ja", Subject: "件名", Body: "山田 花子 様"}))
		mustNil(t, s.Personal().DeleteAccount(ctx, u.ID))
		// Nothing anywhere still holds her name, reading, address or words.
		tables, err := s.Personal().Tables(ctx)
		mustNil(t, err)
		if len(tables) < 30 {
			t.Fatalf("only %d tables", len(tables))
		}
		for _, table := range tables {
			rows, err := s.Personal().Dump(ctx, table)
			mustNil(t, err)
			for _, row := range rows {
				for col, v := range row {
					text, _ := v.(string)
					for _, secret := range []string{"山田 花子", "ヤマダ ハナコ", "hanako@example.jp", "町工場の力になりたい"} {
						if strings.Contains(text, secret) {
							t.Errorf("%s.%s still holds %q", table, col, secret)
						}
					}
				}
			}
		}
		if _, err := s.Accounts().UserByID(ctx, u.ID); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("the user is still there: %v", err)
		}
		tal, err := s.Talents().Talent(ctx, f.talent.ID)
		mustNil(t, err)
		if tal.Name != "" || tal.UserID != 0 || len(tal.Skills) != 0 || len(tal.Affinities) != 0 {
			t.Errorf("the profile keeps personal data: %+v", tal)
		}
		got, err := s.Entries().Entry(ctx, e.ID)
		mustNil(t, err)
		if got.Motivation != "" || got.ProgramID != f.program.ID {
			t.Errorf("entry tombstone %+v", got)
		}
		if st, _ := s.Insights().ProgramStats(ctx, f.program.ID); st.Entries != 1 {
			t.Errorf("the program's count changed: %d", st.Entries)
		}
		if hist, _ := s.Compliance().ConsentHistory(ctx, u.ID); len(hist) != 0 {
			t.Errorf("consents kept: %+v", hist)
		}
		log, err := s.Compliance().AuditLog(ctx, 0, 10)
		mustNil(t, err)
		found := false
		for _, ev := range log {
			found = found || (ev.Action == "user.delete" && ev.SubjectID == u.ID)
		}
		if !found {
			t.Error("the deletion left no tombstone in the audit log")
		}
	})
}
