package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestStaffHearWhatNeedsThem(t *testing.T) { eachEngine(t, staffNoticesScenario) }

// noticeKeys lists the keys of a person's in-app notices, oldest first.
func (w *world) noticeKeys(t *testing.T, userID int64) []string {
	t.Helper()
	ns, err := w.st.Messaging().Notifications(context.Background(), userID, 100)
	must(t, err)
	var out []string
	for _, n := range ns {
		out = append(out, n.Key)
	}
	slices.Sort(out)
	return out
}

// mailedTo lists, sorted, who got a mail whose subject has s.
func (w *world) mailedTo(t *testing.T, subject string) []string {
	t.Helper()
	box, err := w.st.Messaging().Outbox(context.Background(), 200, false)
	must(t, err)
	var out []string
	for _, m := range box {
		if strings.Contains(m.Subject, subject) {
			out = append(out, m.To)
		}
	}
	slices.Sort(out)
	return out
}

func staffNoticesScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office, mill := w.orgNamed(t, "大田区 産業経済部"), w.orgNamed(t, "有限会社森田製作所")
	partnerOrg := domain.Organization{MunicipalityID: w.ota.ID, Kind: domain.OrgPartner, Name: "一般社団法人まちプロ"}
	must(t, w.st.Directory().CreateOrganization(ctx, &partnerOrg))
	tsOffice := w.orgNamed(t, "燕市 商工振興課")
	staff, _ := w.member(t, "kamata@example.jp", "蒲田 職員", domain.RoleMunicipalityStaff, office.ID)
	admin, _ := w.member(t, "ota-admin@example.jp", "大田 管理者", domain.RoleMunicipalityAdmin, office.ID)
	partner, _ := w.member(t, "machipro@example.jp", "まちプロ 担当", domain.RolePartnerStaff, partnerOrg.ID)
	leader, _ := w.member(t, "haneda@example.jp", "羽田 リーダー", domain.RoleLeaderTalent, office.ID)
	owner, ownerC := w.member(t, "morita@example.jp", "森田 社長", domain.RoleBusinessOwner, mill.ID)
	tsStaff, _ := w.member(t, "tsubame@example.jp", "燕 職員", domain.RoleMunicipalityStaff, tsOffice.ID)

	// A project submitted for review: those who review projects hear.
	status, _, _ := send(t, ownerC, "POST", w.srv.URL+"/admin/131113/projects/"+strconv.FormatInt(w.draft.ID, 10)+"/status",
		url.Values{"action": {"submit"}})
	if status != http.StatusSeeOther {
		t.Fatalf("submit: %d", status)
	}
	submitted := []string{"notice.project_submitted"}
	for _, c := range []struct {
		who  string
		id   int64
		want []string
	}{{"staff", staff, submitted}, {"admin", admin, submitted}, {"partner", partner, nil}, {"leader", leader, nil},
		{"owner", owner, nil}, {"tsubame", tsStaff, nil}} {
		if got := w.noticeKeys(t, c.id); !slices.Equal(got, c.want) {
			t.Errorf("after the submission, %s has %v, want %v", c.who, got, c.want)
		}
	}

	// Two teams at work: a member with an account reports October; the
	// other team's is late. Those who follow teams hear of both.
	w.signedIn(t, "aki@example.jp", "秋 一郎")
	u, err := w.st.Accounts().Credentials(ctx, "aki@example.jp")
	must(t, err)
	aki := domain.Talent{UserID: u.User.ID, Name: "秋 一郎", NameKana: "アキ イチロウ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &aki))
	e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: w.web.ProgramID, TalentID: aki.ID, Choices: []int64{w.web.ID},
		Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: testNow}
	must(t, w.st.Entries().CreateEntry(ctx, &e))
	reporting := w.team(t, e, w.web.ID, false)
	w.team(t, w.entrant(t, "遅れ 太郎", w.green.ProgramID, w.green.ID), w.green.ID, false)
	akiC := w.browser(t)
	w.login(t, akiC, "aki@example.jp", "correct horse battery")
	status, _, _ = send(t, akiC, "POST", w.srv.URL+"/engagements/"+strconv.FormatInt(reporting.engagement, 10)+"/reports",
		url.Values{"month": {"2026-10"}, "hours": {"12"}, "done": {"取材"}})
	if status != http.StatusSeeOther {
		t.Fatalf("report: %d", status)
	}
	n, err := w.app.app.Engagements.RemindLateReports(ctx)
	if err != nil || n != 1 {
		t.Fatalf("reminded %d: %v", n, err)
	}
	teams := []string{"notice.report_late_staff", "notice.report_submitted"}
	for _, c := range []struct {
		who  string
		id   int64
		want []string
	}{{"staff", staff, append(teams, submitted...)}, {"admin", admin, append(teams, submitted...)}, {"partner", partner, teams},
		{"leader", leader, nil}, {"owner", owner, nil}, {"tsubame", tsStaff, nil}} {
		got := w.noticeKeys(t, c.id)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("after the reports, %s has %v, want %v", c.who, got, want)
		}
	}

	// The daily digest: yesterday's (Japan time) entries of each
	// municipality, to those who screen them, by notice and mail, once.
	yesterday := testNow.Add(-24 * time.Hour)
	for _, x := range []struct {
		name    string
		program int64
		project int64
		at      time.Time
	}{{"昨日 一", w.shop.ProgramID, w.shop.ID, yesterday}, {"昨日 二", w.shop.ProgramID, w.shop.ID, yesterday.Add(time.Hour)},
		{"今日 三", w.shop.ProgramID, w.shop.ID, testNow}, {"燕 四", w.ts1.ProgramID, w.ts1.ID, yesterday}} {
		tal := domain.Talent{Name: x.name, NameKana: "テスト", ResidenceCountry: "JP"}
		must(t, w.st.Talents().CreateTalent(ctx, &tal))
		p, err := w.st.Projects().Project(ctx, x.project)
		must(t, err)
		e := domain.Entry{MunicipalityID: p.MunicipalityID, ProgramID: x.program, TalentID: tal.ID, Choices: []int64{x.project},
			Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: x.at}
		must(t, w.st.Entries().CreateEntry(ctx, &e))
	}
	for run, want := range []int{2, 0} { // the second run repeats nothing
		if n, err := w.app.app.Screening.DigestNewEntries(ctx); err != nil || n != want {
			t.Fatalf("digest run %d: %d %v", run, n, err)
		}
	}
	wantMail := []string{"kamata@example.jp", "machipro@example.jp", "ota-admin@example.jp", "tsubame@example.jp"}
	if got := w.mailedTo(t, "新しいエントリーのお知らせ"); !slices.Equal(got, wantMail) {
		t.Errorf("digest mailed to %v, want %v", got, wantMail)
	}
	body, _ := w.mailTo(t, "kamata@example.jp", "新しいエントリーのお知らせ")
	if want := "2026-11-22に新しいエントリーが2件ありました（大田区SDGs副業 2026 2）。"; !containsLine(body, want) {
		t.Errorf("digest body:\n%s\nwant a line %q", body, want)
	}
	for _, c := range []struct {
		who    string
		id     int64
		digest bool
	}{{"staff", staff, true}, {"admin", admin, true}, {"partner", partner, true}, {"leader", leader, false},
		{"owner", owner, false}, {"tsubame", tsStaff, true}} {
		if got := slices.Contains(w.noticeKeys(t, c.id), "notice.staff_digest"); got != c.digest {
			t.Errorf("%s has the digest notice: %v, want %v", c.who, got, c.digest)
		}
	}
}

// containsLine reports whether text has line as one of its lines.
func containsLine(text, line string) bool {
	return slices.Contains(strings.Split(text, "\n"), line)
}
