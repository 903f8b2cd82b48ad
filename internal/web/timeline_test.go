package web

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestProgramTimelineForm(t *testing.T) { eachEngine(t, timelineFormScenario) }

func timelineFormScenario(t *testing.T, w *world) {
	office := w.orgNamed(t, "大田区 産業経済部")
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	form := url.Values{"title": {"大田区SDGs副業 2027"}, "slug": {"ota-sdgs-2027"}, "opens": {"2026-11-01"}, "closes": {"2026-11-20"},
		"host": {id(office.ID)}, "selection_on": {"2026-11-25"}, "announce_on": {"2026-12-10"}, "kickoff_on": {"2026-12-05"},
		"midterm_on": {"2027-02-01"}, "final_on": {"2027-03-20"}, "end_on": {"2027-03-31"}}
	// Kickoff before the announcement: the form comes back naming both,
	// the days kept.
	status, body, _ := send(t, staff, "POST", w.srv.URL+"/admin/131113/programs", form)
	if status != 422 || !strings.Contains(body, "キックオフは結果発表より後の日付にしてください。") ||
		!strings.Contains(body, `name="kickoff_on" type="date" value="2026-12-05"`) {
		t.Fatalf("kickoff before the announcement: %d", status)
	}
	// A day that is no date is named too, and no program is made.
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("kickoff_on", "2026-12-15")
	bad.Set("midterm_on", "来年")
	status, body, _ = send(t, staff, "POST", w.srv.URL+"/admin/131113/programs", bad)
	if status != 422 || !strings.Contains(body, "中間報告の日付の形式が正しくありません（例：2027-02-01）。") {
		t.Fatalf("a day that is no date: %d", status)
	}
	if _, err := w.st.Directory().ProgramBySlug(context.Background(), "ota-sdgs-2027"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("a program was made from a bad form: %v", err)
	}
	form.Set("kickoff_on", "2026-12-15")
	status, _, h := send(t, staff, "POST", w.srv.URL+"/admin/131113/programs", form)
	if status != 303 || h.Get("Location") != "/programs/ota-sdgs-2027?flash=program_created" {
		t.Fatalf("create: %d %s", status, h.Get("Location"))
	}
	p, err := w.st.Directory().ProgramBySlug(context.Background(), "ota-sdgs-2027")
	must(t, err)
	if !p.Timeline.KickoffOn.Equal(time.Date(2026, 12, 15, 0, 0, 0, 0, domain.Japan())) ||
		!p.Timeline.EndsOn.Equal(time.Date(2027, 3, 31, 0, 0, 0, 0, domain.Japan())) {
		t.Errorf("stored timeline: %+v", p.Timeline)
	}
	// On 23 November the entries are closed and the selection comes next:
	// the entry step is the current one.
	_, body, _ = send(t, w.browser(t), "GET", w.srv.URL+"/programs/ota-sdgs-2027", nil)
	for _, want := range []string{`<ol class="timeline">`, `<li class="current" aria-current="step">`, "応募受付", "書類選考・面談",
		"2026年11月25日", "成果報告会", "2027年3月31日"} {
		if !strings.Contains(body, want) {
			t.Errorf("the public page lacks %q", want)
		}
	}
	if strings.Count(body, `aria-current="step"`) != 1 {
		t.Error("not exactly one current step")
	}
}

func TestTimelineOnPagesInBothLanguages(t *testing.T) { eachEngine(t, timelinePagesScenario) }

func timelinePagesScenario(t *testing.T, w *world) {
	tw := newTeamWorld(t, w)
	// The 2021 program ended on 31 March 2022: its last step is current.
	_, body, _ := send(t, w.browser(t), "GET", w.srv.URL+"/programs/ota-sdgs-2021", nil)
	i := strings.Index(body, `aria-current="step"`)
	if i < 0 || !strings.Contains(body[i:], "終了") || !strings.Contains(body[i:], "2022年3月31日") {
		t.Error("the 2021 program's end is not its current step")
	}
	_, body, _ = send(t, tw.hanako, "GET", tw.work, nil)
	for _, want := range []string{`id="timeline"`, "キックオフ", "2021年10月1日", "中間報告", "2021年12月10日"} {
		if !strings.Contains(body, want) {
			t.Errorf("the workspace lacks %q", want)
		}
	}
	_, body, _ = send(t, w.browser(t), "GET", w.srv.URL+"/programs/ota-sdgs-2021?lang=en", nil)
	if !strings.Contains(body, "Midterm review") || !strings.Contains(body, "Final presentation") {
		t.Error("the English page lacks the steps")
	}
}

func TestTimelineNotices(t *testing.T) { eachEngine(t, timelineNoticeScenario) }

func timelineNoticeScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office, tsOffice := w.orgNamed(t, "大田区 産業経済部"), w.orgNamed(t, "燕市 商工振興課")
	staffID, _ := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	tsStaffID, _ := w.member(t, "staff@tsubame.example.jp", "市 職員", domain.RoleMunicipalityStaff, tsOffice.ID)
	jst := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, domain.Japan()) }
	// Today is 23 November: the selection (in two days) and the
	// announcement (in three) are near, the kickoff (in four) is not.
	p := domain.Program{MunicipalityID: w.ota.ID, Slug: "ota-autumn-2026", Title: "秋の副業", HostIDs: []int64{office.ID},
		EntryOpensAt: jst(10, 1), EntryClosesAt: jst(11, 15),
		Timeline: domain.Timeline{SelectionOn: jst(11, 25), AnnouncedOn: jst(11, 26), KickoffOn: jst(11, 27)}}
	must(t, w.st.Directory().CreateProgram(ctx, &p))
	pr := w.web
	pr.ID, pr.ProgramID, pr.Title = 0, p.ID, "秋の案件"
	must(t, w.st.Projects().CreateProject(ctx, &pr))
	entrant := func(email, name string) (int64, domain.Entry) {
		w.signedIn(t, email, name)
		creds, err := w.st.Accounts().Credentials(ctx, email)
		must(t, err)
		tal := domain.Talent{UserID: creds.User.ID, Name: name, NameKana: "テスト", ResidenceCountry: "JP"}
		must(t, w.st.Talents().CreateTalent(ctx, &tal))
		e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: p.ID, TalentID: tal.ID, Choices: []int64{pr.ID},
			Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: testNow}
		must(t, w.st.Entries().CreateEntry(ctx, &e))
		return creds.User.ID, e
	}
	running, _ := entrant("running@example.jp", "応募 中")
	gone, e := entrant("gone@example.jp", "辞退 済")
	must(t, w.st.Entries().WithdrawEntry(ctx, e.ID, e.TalentID))
	w.entrant(t, "アカウント なし", p.ID, pr.ID) // no account: no one to tell

	sent, err := w.app.app.Engagements.RemindTimeline(ctx)
	must(t, err)
	if sent != 4 {
		t.Errorf("told %d, want 4 (the entrant and Ota's staff, of two steps)", sent)
	}
	want := map[int64][]string{running: {"timeline.announce", "timeline.selection"}, staffID: {"timeline.announce", "timeline.selection"},
		gone: nil, tsStaffID: nil}
	for uid, steps := range want {
		ns, err := w.st.Messaging().Notifications(ctx, uid, 10)
		must(t, err)
		var got []string
		for _, n := range ns {
			if n.Key == "notice.timeline_step" {
				got = append(got, n.Args["Step"].(string))
				if n.Args["Program"] != "秋の副業" || n.Link != "/programs/ota-autumn-2026#h-timeline" {
					t.Errorf("notice: %+v", n)
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, steps) {
			t.Errorf("user %d was told of %v, want %v", uid, got, steps)
		}
	}
	// Each is told once: the job again tells no one.
	if again, err := w.app.app.Engagements.RemindTimeline(ctx); err != nil || again != 0 {
		t.Errorf("again: %d %v", again, err)
	}
	// The mails wait in the outbox, one per notice.
	mails, err := w.st.Messaging().Outbox(ctx, 100, true)
	must(t, err)
	n := 0
	for _, m := range mails {
		if strings.Contains(m.Body, "「秋の副業」の") {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d mails of the timeline, want 4", n)
	}
}

func TestMilestonesStartFromTheProgram(t *testing.T) { eachEngine(t, defaultMilestonesScenario) }

func defaultMilestonesScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	e := w.entrant(t, "緑 太郎", w.green.ProgramID, w.green.ID)
	_, err := w.st.Entries().MoveEntries(ctx, e.ProgramID, []int64{e.ID}, domain.EntryOffered, 0, "")
	must(t, err)
	a := domain.Agreement{EntryID: e.ID, ProjectID: w.green.ID, Type: domain.AgreementQuasiMandate, RewardYen: 30000,
		HoursPerMonth: 20, StartsOn: day2021(10, 1), EndsOn: day2021(14, 28), Deliverables: "成果物"}
	must(t, w.st.Agreements().SaveAgreement(ctx, &a, 0))
	for _, p := range []domain.Party{domain.PartyBusiness, domain.PartyTalent} {
		_, err := w.st.Agreements().AcceptAgreement(ctx, a.ID, a.Version, p, 0)
		must(t, err)
	}
	status, _, _ := send(t, staff, "POST", w.srv.URL+"/agreements/"+id(a.ID)+"/accept",
		url.Values{"party": {"municipality"}, "version": {"1"}})
	if status != 303 {
		t.Fatalf("accept: %d", status)
	}
	g, err := w.st.Workspaces().EngagementOfProject(ctx, w.green.ID)
	must(t, err)
	ms, err := w.st.Workspaces().Milestones(ctx, g.ID)
	must(t, err)
	if len(ms) != 2 || ms[0].Title != "中間報告" || !ms[0].DueOn.Equal(day2021(12, 10)) ||
		ms[1].Title != "成果報告会" || !ms[1].DueOn.Equal(day2021(14, 25)) {
		t.Errorf("milestones: %+v", ms)
	}
}
