package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// TestBrowserTeamLife runs the whole life of one team on the demo in
// Chromium: a project is posted and published, the demo talent enters and
// is offered it, the three sides accept the agreement, the talent reports
// a month, a meeting is logged, an outcome recorded, the work completed,
// reviews exchanged and the story published; the dashboard follows.
func TestBrowserTeamLife(t *testing.T) {
	dir := t.TempDir()
	s := startServe(t, "--data", dir, "--demo")
	do := steps{t, s.url}
	must, click, text, open := do.must, do.click, do.text, do.open
	st, err := store.Open(context.Background(), "", dir)
	must(err)
	defer st.Close()
	program, err := st.Directory().ProgramBySlug(context.Background(), programSlug())
	must(err)
	dashboard := "/admin/131113/dashboard?program=" + programSlug()
	figure := func(ctx context.Context, n int) string {
		t.Helper()
		return text(ctx, `.figures-grid li:nth-child(`+strconv.Itoa(n)+`) .big`)
	}

	// The ward's dashboard before: no team in this year's program.
	staff := browsertest.New(t, 4*time.Minute)
	browserLogin(t, staff, s.url, "ota-staff@demo.tsunagu.example")
	open(staff, dashboard)
	if teams, completed := figure(staff, 3), figure(staff, 4); teams != "0" || completed != "0" {
		t.Fatalf("before: %s teams, %s completed", teams, completed)
	}

	// A factory posts a project; the ward publishes it.
	owner := browsertest.New(t, 4*time.Minute)
	browserLogin(t, owner, s.url, "owner@demo.tsunagu.example")
	open(owner, "/admin/131113/projects/new")
	must(chromedp.Do(owner,
		chromedp.SetValue(chromedp.CSS(`#f-program`), strconv.FormatInt(program.ID, 10)),
		chromedp.SendKeys(chromedp.CSS(`#f-title`), "受発注の管理を表計算からクラウドへ"),
		chromedp.SendKeys(chromedp.CSS(`#f-description`), "紙とFAXの受発注を、小さく始められるクラウドの仕組みに移したい。"),
		chromedp.Click(chromedp.CSS(`input[name=sdg][value="9"]`))))
	click(owner, `form.project-form button[type=submit]`)
	loc, err := chromedp.Run(owner, chromedp.Location())
	must(err)
	projectPath := strings.SplitN(strings.TrimPrefix(loc, s.url), "?", 2)[0]
	projectID := projectPath[strings.LastIndex(projectPath, "/")+1:]
	click(owner, `input[name=action][value=submit] ~ button`)
	open(staff, projectPath)
	click(staff, `input[name=action][value=publish] ~ button`)

	// The demo talent enters with it and consents to public stories.
	talent := browsertest.New(t, 4*time.Minute)
	browserLogin(t, talent, s.url, "talent@demo.tsunagu.example")
	open(talent, "/programs/"+programSlug()+"/entry")
	must(chromedp.Do(talent, chromedp.SetValue(chromedp.CSS(`#c-0`), projectID),
		chromedp.SendKeys(chromedp.CSS(`#f-motivation`), "受発注の仕組みづくりを手伝いたいです。")))
	click(talent, `form.account button[type=submit]`)
	click(talent, `button[name=step][value=submit]`) // sent from the confirmation
	open(talent, "/me/profile")
	must(chromedp.Do(talent, chromedp.Click(chromedp.CSS(`input[name=consent_story]`))))
	click(talent, `form.profile > .actions button[type=submit]`)
	var entryID int64
	rows, err := st.Entries().EntriesOfProgram(context.Background(), program.ID)
	must(err)
	for _, e := range rows {
		if len(e.Choices) > 0 && strconv.FormatInt(e.Choices[0], 10) == projectID {
			entryID = e.ID
		}
	}
	if entryID == 0 {
		t.Fatal("the entry is not in the database")
	}
	entryPath := "/admin/131113/entries/" + strconv.FormatInt(entryID, 10)

	// The ward makes the offer and drafts the terms.
	open(staff, entryPath)
	must(chromedp.Do(staff, chromedp.SetValue(chromedp.CSS(`#m-to`), "offered")))
	click(staff, `#m-to ~ button`)
	open(staff, entryPath+"/agreement")
	must(chromedp.Do(staff, chromedp.Click(chromedp.CSS(`input[name=type][value=quasi_mandate]`)),
		chromedp.SetValue(chromedp.CSS(`#ag-reward`), "30000"),
		chromedp.SetValue(chromedp.CSS(`#ag-hours`), "20"),
		chromedp.SetValue(chromedp.CSS(`#ag-starts`), time.Now().Format("2006-01-02")),
		chromedp.SetValue(chromedp.CSS(`#ag-ends`), time.Now().AddDate(0, 3, 0).Format("2006-01-02")),
		chromedp.SendKeys(chromedp.CSS(`#ag-deliverables`), "受発注管理の仕組みと使い方の手引き")))
	click(staff, `form.account button[type=submit]`)
	agreementURL, err := chromedp.Run(staff, chromedp.Location())
	must(err)
	agreementPath := strings.SplitN(strings.TrimPrefix(agreementURL, s.url), "?", 2)[0]

	// All three sides accept; the workspace opens.
	for _, side := range []struct {
		ctx   context.Context
		party string
	}{{talent, "talent"}, {owner, "business"}, {staff, "municipality"}} {
		open(side.ctx, agreementPath)
		click(side.ctx, `input[name=party][value=`+side.party+`] ~ button`)
	}
	if acc := text(staff, `.acceptances`); strings.Count(acc, "に承認") != 3 {
		t.Fatalf("acceptances: %q", acc)
	}
	click(staff, `a.button[href^="/engagements/"]`)
	workURL, err := chromedp.Run(staff, chromedp.Location())
	must(err)
	workPath := strings.SplitN(strings.TrimPrefix(workURL, s.url), "?", 2)[0]

	// The talent reports a month; the business logs a meeting and records an outcome.
	open(talent, workPath)
	must(chromedp.Do(talent, chromedp.SetValue(chromedp.CSS(`#w-hours`), "18"),
		chromedp.SendKeys(chromedp.CSS(`#w-done`), "現状の受発注の流れを聞き取り"),
		chromedp.SendKeys(chromedp.CSS(`#w-next`), "クラウドの候補を比べる")))
	click(talent, `form.report-form button[type=submit]`)
	if reports := text(talent, `#reports table`); !strings.Contains(reports, "現状の受発注の流れを聞き取り") {
		t.Fatalf("report: %q", reports)
	}
	open(owner, workPath)
	must(chromedp.Do(owner, chromedp.SetValue(chromedp.CSS(`#w-held`), time.Now().Format("2006-01-02")),
		chromedp.SendKeys(chromedp.CSS(`#w-notes`), "キックオフ。目標と役割を確認した。")))
	click(owner, `#meetings form button[type=submit]`)
	must(chromedp.Do(owner, chromedp.Click(chromedp.CSS(`#outcomes summary`)),
		chromedp.SetValue(chromedp.CSS(`#w-kind2`), "tools_adopted"),
		chromedp.SetValue(chromedp.CSS(`#w-base`), "0"),
		chromedp.SetValue(chromedp.CSS(`#w-res`), "2"),
		chromedp.SendKeys(chromedp.CSS(`#w-ev`), "クラウド受発注と在庫表を導入")))
	click(owner, `#outcomes form button[type=submit]`)
	if meetings, outcomes := text(owner, `#meetings ul`), text(owner, `#outcomes table`); !strings.Contains(meetings, "キックオフ") ||
		!strings.Contains(outcomes, "導入したツール") {
		t.Fatalf("meeting %q, outcome %q", meetings, outcomes)
	}

	// The ward completes the work; both sides review; the business agrees to a story.
	open(staff, workPath)
	click(staff, `#reviews form button[type=submit]`)
	open(owner, workPath)
	must(chromedp.Do(owner, chromedp.SetValue(chromedp.CSS(`#reviews select`), "5"),
		chromedp.SendKeys(chromedp.CSS(`#reviews textarea`), "現場の話をよく聞いてくれました")))
	click(owner, `#reviews form.review-form button[type=submit]`)
	open(owner, workPath)
	must(chromedp.Do(owner, chromedp.Click(chromedp.CSS(`input[name=consent]`))))
	click(owner, `form[action$="/story"] button[type=submit]`)
	open(talent, workPath)
	must(chromedp.Do(talent, chromedp.SetValue(chromedp.CSS(`#rv-me`), "4"),
		chromedp.SendKeys(chromedp.CSS(`#rc-me`), "任せてもらえて動きやすかったです")))
	click(talent, `#reviews form.review-form button[type=submit]`)
	if reviews := text(talent, `#reviews ul`); !strings.Contains(reviews, "5 / 5") || !strings.Contains(reviews, "4 / 5") {
		t.Fatalf("reviews: %q", reviews)
	}

	// The talent agrees that stories may name them (the demo's talent had
	// not), so the story can be told.
	open(talent, "/me/profile?lang=ja")
	if _, err := chromedp.Run(talent, chromedp.Evaluate[bool](`document.querySelector('input[name=consent_story]').checked = true`)); err != nil {
		t.Fatal(err)
	}
	click(talent, `form.profile > .actions button[type="submit"]`)

	// The story is public, with its outcome.
	anon := browsertest.New(t, 2*time.Minute)
	open(anon, "/stories?lang=ja")
	click(anon, `a[href="/stories/`+workPath[strings.LastIndex(workPath, "/")+1:]+`"]`)
	if story := text(anon, `main`); !strings.Contains(story, "受発注の管理を表計算からクラウドへ") || !strings.Contains(story, "導入したツール") {
		t.Fatalf("story: %q", story)
	}

	// The dashboard now counts the team, its hours and its outcome.
	open(staff, dashboard)
	if teams, completed, hours := figure(staff, 3), figure(staff, 4), figure(staff, 5); teams != "1" || completed != "1" || hours != "18" {
		t.Errorf("after: %s teams, %s completed, %s hours", teams, completed, hours)
	}
	funnel, err := chromedp.Run(staff, chromedp.Evaluate[[]string](
		`[...document.querySelector("#t-funnel").parentElement.querySelectorAll("tbody tr")].map(r => r.textContent)`))
	must(err)
	if len(funnel) != 5 || !strings.HasPrefix(funnel[3], "合意（三者承認）1") || !strings.HasPrefix(funnel[4], "完了1") {
		t.Errorf("funnel rows: %q", funnel)
	}
	// The new pages meet WCAG 2.1 AA, when the checker is installed.
	src, err := os.ReadFile(filepath.Join("..", "..", "tools", "checkers", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("TSUNAGU_REQUIRE_BROWSER") == "1" {
			t.Fatal("axe-core is not installed (npm ci --prefix tools/checkers)")
		}
		return
	}
	for _, page := range []string{dashboard, "/admin/131113/dashboard/report?program=ota-sdgs-2021", workPath, agreementPath,
		entryPath + "/agreement", "/admin/131113/engagements"} {
		open(staff, page)
		runAxe(t, staff, src, page)
	}
	for _, page := range []string{workPath, "/me"} {
		open(talent, page)
		runAxe(t, talent, src, page)
	}
	open(anon, "/stories?lang=ja")
	runAxe(t, anon, src, "/stories")
}
