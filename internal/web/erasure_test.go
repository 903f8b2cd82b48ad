package web

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// everything is a person who did everything on the hub, and the words
// only they (or others about them) wrote.
type everything struct {
	userID, talentID, entryID int64
	team                      teamIDs
	jwt                       string   // their credential as issued
	words                     []string // each appears nowhere else
}

// personWhoDidEverything signs up, fills in a profile, enters, is
// reviewed and interviewed, joins a team, reports, writes messages and
// meeting notes, reviews and is reviewed, reviews another's entry as a
// reviewer, proposes and supports an idea, replies to an event and a
// scout, gets notices and mail, and receives a credential.
func personWhoDidEverything(t *testing.T, w *world) everything {
	t.Helper()
	ctx := context.Background()
	p := everything{words: []string{"消去 太郎", "ショウキョ タロウ", "everything@example.jp", "旋盤加工の職人歴二十年",
		"消去される志望動機です", "消去キー-7731", "消去される面談メモ", "消去される審査の所見", "消去される審査メモ",
		"消去される月報の本文", "消去される次の一手", "消去される困りごと", "消去されるメッセージ", "消去される打ち合わせメモ",
		"消去されるチーム評価", "消去される事業者からの評価", "消去されるアイデアの題", "消去されるアイデアの本文",
		"消去される声かけ", "消去される通知", "消去されるメールの本文"}}
	w.signedIn(t, "everything@example.jp", "消去 太郎")
	creds, err := w.st.Accounts().Credentials(ctx, "everything@example.jp")
	must(t, err)
	p.userID = creds.User.ID
	tal := domain.Talent{UserID: p.userID, Name: "消去 太郎", NameKana: "ショウキョ タロウ", Background: "旋盤加工の職人歴二十年",
		ResidenceCountry: "JP", HoursPerMonth: 20, WorkStyle: domain.WorkRemote, Skills: []domain.TalentSkill{{Code: "web-homepage", Level: 2}},
		SDGs: []int{9}, Affinities: []domain.Affinity{{LGCode: "152137", Kind: domain.AffinityBorn}}}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	p.talentID = tal.ID
	prog, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: prog.ID, TalentID: tal.ID, Choices: []int64{w.web.ID},
		Motivation: "消去される志望動機です", Status: domain.EntrySubmitted, SubmittedAt: testNow, IdempotencyKey: "消去キー-7731"}
	must(t, w.st.Entries().CreateEntry(ctx, &e))
	p.entryID = e.ID
	staffID, _ := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "大田区 産業経済部").ID)
	must(t, w.st.Entries().SaveReview(ctx, &domain.Review{EntryID: e.ID, ReviewerID: staffID, Note: "消去される審査の所見",
		Scores: map[domain.Criterion]int{domain.CriterionSkills: 4}}))
	start := time.Date(2021, 9, 1, 10, 0, 0, 0, domain.Japan())
	_, err = w.st.Entries().CreateInterview(ctx, &domain.Interview{EntryID: e.ID, StartsAt: start, EndsAt: start.Add(time.Hour),
		Place: "大田区役所", Note: "消去される面談メモ", CreatedBy: staffID})
	must(t, err)
	// As a reviewer of someone else's entry.
	other := w.entrant(t, "他の 応募者", prog.ID, w.green.ID)
	must(t, w.st.Entries().SaveReview(ctx, &domain.Review{EntryID: other.ID, ReviewerID: p.userID, Note: "消去される審査メモ",
		Scores: map[domain.Criterion]int{domain.CriterionMotivation: 3}}))
	// The team's work.
	p.team = w.team(t, e, w.web.ID, false)
	g := p.team.engagement
	must(t, w.st.Workspaces().SubmitReport(ctx, &domain.Report{EngagementID: g, TalentID: tal.ID, Month: "2021-10", Hours: 12,
		Done: "消去される月報の本文", Next: "消去される次の一手", Blockers: "消去される困りごと"}))
	must(t, w.st.Workspaces().PostMessage(ctx, &domain.Message{EngagementID: g, AuthorID: p.userID, Body: "消去されるメッセージ"}))
	must(t, w.st.Workspaces().LogMeeting(ctx, &domain.Meeting{EngagementID: g, Kind: domain.MeetingTeam, HeldOn: start, Minutes: 45,
		Notes: "消去される打ち合わせメモ", AuthorID: p.userID}))
	must(t, w.st.Workspaces().CompleteEngagement(ctx, g))
	must(t, w.st.Workspaces().SaveTeamReview(ctx, &domain.TeamReview{EngagementID: g, Side: domain.ReviewByTalent, AuthorID: p.userID,
		TalentID: tal.ID, Score: 5, Comment: "消去されるチーム評価"}))
	must(t, w.st.Workspaces().SaveTeamReview(ctx, &domain.TeamReview{EngagementID: g, Side: domain.ReviewByBusiness, AuthorID: staffID,
		TalentID: tal.ID, Score: 4, Comment: "消去される事業者からの評価"}))
	if n, err := w.app.app.Credentials.Issuer().IssueFor(ctx, g); err != nil || n != 1 {
		t.Fatalf("issue: %d %v", n, err)
	}
	issued, err := w.st.Issuance().IssuedCredentials(ctx, 0, tal.ID)
	must(t, err)
	p.jwt = issued[0].JWT
	p.words = append(p.words, p.jwt)
	// The community.
	idea := domain.Idea{MunicipalityID: w.ota.ID, AuthorID: p.userID, Title: "消去されるアイデアの題", Body: "消去されるアイデアの本文"}
	must(t, w.st.Community().CreateIdea(ctx, &idea))
	must(t, w.st.Community().SupportIdea(ctx, idea.ID, p.userID, true))
	ev := domain.Event{MunicipalityID: w.ota.ID, Title: "交流会", StartsAt: testNow.AddDate(0, 0, 7),
		EndsAt: testNow.AddDate(0, 0, 7).Add(time.Hour), Place: "蒲田"}
	must(t, w.st.Community().CreateEvent(ctx, &ev))
	must(t, w.st.Community().RSVP(ctx, ev.ID, p.userID))
	must(t, w.st.Community().Bookmark(ctx, p.userID, w.shop.ID))
	must(t, w.st.Compliance().RecordConsent(ctx, &domain.Consent{UserID: p.userID, MunicipalityID: w.tsubame.ID, Purpose: domain.ConsentScout, Granted: true}))
	offer := domain.ScoutOffer{MunicipalityID: w.tsubame.ID, TalentID: tal.ID, Message: "消去される声かけ"}
	must(t, w.st.Talents().SendScout(ctx, &offer))
	_, err = w.st.Talents().AnswerScout(ctx, offer.ID, tal.ID, true, false)
	must(t, err)
	must(t, w.st.Messaging().Notify(ctx, p.userID, "notice.agreement", map[string]any{"Title": "消去される通知"}, "/me"))
	must(t, w.st.Messaging().QueueMail(ctx, &store.Mail{To: "everything@example.jp", Lang: "ja", Subject: "お知らせ",
		Body: "消去 太郎 様\n消去されるメールの本文"}))
	return p
}

func TestDeletionLeavesNoTrace(t *testing.T) { eachEngine(t, deletionScenario) }

func deletionScenario(t *testing.T, w *world) {
	ctx := context.Background()
	p := personWhoDidEverything(t, w)
	prog, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	before, err := w.st.Insights().ProgramStats(ctx, prog.ID)
	must(t, err)
	// Sign in afresh (the earlier session is the other part's to end) and delete.
	c := w.browser(t)
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/login", url.Values{"email": {"everything@example.jp"},
		"password": {"correct horse battery"}}); status != 303 {
		t.Fatalf("login: %d", status)
	}
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/me/delete", url.Values{"password": {"correct horse battery"},
		"credentials": {"keep"}}); status != 200 {
		t.Fatalf("delete: %d", status)
	}

	// On SQLite, not a byte of their words is left in the files.
	if w.st.Engine() == store.SQLite {
		for _, name := range []string{"tsunagu.db", "tsunagu.db-wal", "tsunagu.db-shm"} {
			raw, err := os.ReadFile(filepath.Join(w.dir, name))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			for _, word := range p.words {
				if bytes.Contains(raw, []byte(word)) {
					t.Errorf("%s still holds %q", name, word)
				}
			}
		}
	}
	// On both engines, no row holds them.
	tables, err := w.st.Personal().Tables(ctx)
	must(t, err)
	for _, table := range tables {
		rows, err := w.st.Personal().Dump(ctx, table)
		must(t, err)
		for _, row := range rows {
			for col, v := range row {
				text, _ := v.(string)
				for _, word := range p.words {
					if strings.Contains(text, word) {
						t.Errorf("%s.%s still holds %q", table, col, word)
					}
				}
			}
		}
	}
	for _, ref := range []struct{ table, column string }{
		{"event_rsvps", "user_id"}, {"idea_supports", "user_id"}, {"bookmarks", "user_id"}, {"notifications", "user_id"},
		{"consents", "user_id"}, {"entry_reviews", "reviewer_id"}, {"engagement_messages", "author_id"}, {"ideas", "author_id"},
		{"team_reviews", "author_id"}, {"meetings", "author_id"}, {"memberships", "user_id"}, {"user_tokens", "user_id"},
	} {
		if n := rowsReferring(t, w, ref.table, ref.column, p.userID); n != 0 {
			t.Errorf("%s: %d rows still refer to the person by %s", ref.table, n, ref.column)
		}
	}
	if n := rowsReferring(t, w, "scout_offers", "talent_id", p.talentID); n != 0 {
		t.Errorf("scout offers: %d left", n)
	}

	// What others rely on stays, without personal data.
	if after, err := w.st.Insights().ProgramStats(ctx, prog.ID); err != nil || after.Entries != before.Entries {
		t.Errorf("the program's entries: %d before, %+v after (%v)", before.Entries, after, err)
	}
	reports, err := w.st.Workspaces().Reports(ctx, p.team.engagement)
	must(t, err)
	if len(reports) != 1 || reports[0].Hours != 12 || reports[0].Done != "" {
		t.Errorf("report tombstone %+v", reports)
	}
	meetings, err := w.st.Workspaces().Meetings(ctx, p.team.engagement)
	must(t, err)
	if len(meetings) != 1 || meetings[0].Minutes != 45 || meetings[0].Notes != "" {
		t.Errorf("meeting tombstone %+v", meetings)
	}
	reviews, err := w.st.Workspaces().TeamReviews(ctx, p.team.engagement)
	must(t, err)
	if len(reviews) != 2 || reviews[0].Score+reviews[1].Score != 9 || reviews[0].Comment+reviews[1].Comment != "" {
		t.Errorf("team review tombstones %+v", reviews)
	}
	issued, err := w.st.Issuance().IssuedCredentials(ctx, 0, p.talentID)
	must(t, err)
	if len(issued) != 1 || issued[0].JWT != "" || issued[0].Public || !issued[0].RevokedAt.IsZero() {
		t.Fatalf("credential tombstone %+v", issued)
	}
	if _, err := w.app.verifyToken(ctx, p.jwt); err != nil {
		t.Errorf("the holder's own copy no longer verifies: %v", err)
	}
	for _, path := range []string{"/credentials/" + issued[0].ID, "/credentials/" + issued[0].ID + "/jwt"} {
		if status, _, _ := w.get(t, path, ""); status != 404 {
			t.Errorf("%s: %d, want 404", path, status)
		}
	}
}

// rowsReferring counts a table's rows whose column holds the id.
func rowsReferring(t *testing.T, w *world, table, column string, id int64) int {
	t.Helper()
	rows, err := w.st.Personal().Dump(context.Background(), table)
	must(t, err)
	n := 0
	for _, row := range rows {
		if fmt.Sprint(row[column]) == fmt.Sprint(id) {
			n++
		}
	}
	return n
}
