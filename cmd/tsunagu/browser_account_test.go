package main

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// programSlug is the demo's current Ota program, named after this year.
func programSlug() string {
	return "ota-sdgs-" + time.Now().In(time.FixedZone("JST", 9*3600)).Format("2006")
}

// TestBrowserStaffPages signs in as the demo's Ota admin and checks the
// staff pages render and meet WCAG 2.1 AA.
func TestBrowserStaffPages(t *testing.T) {
	src, err := os.ReadFile(checkerPath(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "--data", t.TempDir(), "--demo")
	ctx := browsertest.New(t, 4*time.Minute)
	browserLogin(t, ctx, s.url, "ota-admin@demo.tsunagu.example")
	for _, page := range []string{"/admin", "/admin/131113/programs/ota-sdgs-2021/entries", "/admin/131113/members",
		"/admin/131113/outbox", "/admin/131113/legal", "/admin/131113/legal/privacy",
		"/admin/131113/dashboard?program=ota-sdgs-2021&lang=en", "/admin/131113/dashboard/report?program=ota-sdgs-2021&lang=en",
		"/admin/131113/audit"} {
		resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(s.url+page))
		if err != nil || resp.Status != 200 {
			t.Fatalf("%s: %v %v", page, err, resp)
		}
		runAxe(t, ctx, src, page)
	}
	// Opening the entrant list was recorded in Ota's log.
	log, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`tbody`)))
	if err != nil || !strings.Contains(log, "entries.view") {
		t.Errorf("the audit log shows %q (%v)", log, err)
	}
}

// TestBrowserAllocation is the staff's allocation of the current cohort in
// Chromium (the 2021 one has agreements, which an allocation leaves alone): both methods side by side, pin one pair, run again, accept.
func TestBrowserAllocation(t *testing.T) {
	dir := t.TempDir()
	s := startServe(t, "--data", dir, "--demo")
	ctx := browsertest.New(t, 2*time.Minute)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// An allocation places only entries that passed 書類選考: staff move
	// those in screening on to 面談 first.
	passScreening(t, s.url, dir)
	browserLogin(t, ctx, s.url, "ota-staff@demo.tsunagu.example")
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`a[href$="/`+programSlug()+`/allocation"]`))); err != nil {
		t.Fatal(err)
	}
	assigned := func(method string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#method-`+method+` .assigned`)))
		must(err)
		return v
	}
	stable, optimal := assigned("stable"), assigned("optimal")
	if !strings.Contains(stable, " / ") || !strings.Contains(optimal, " / ") {
		t.Fatalf("placed: stable %q, optimal %q", stable, optimal)
	}
	// Pin the first entrant to their first choice, and run again.
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#add-t option").dataset.choices.trim().split(" ")[0]`))
	must(err)
	must(chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#add-p`), first),
		chromedp.Click(chromedp.CSS(`input[name=add_kind][value=pin]`))))
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#add-constraint button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	pins, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("li.pin").length`))
	must(err)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	if pins != 1 || !strings.Contains(loc, "pin=") {
		t.Fatalf("pinned %d, address %s", pins, loc)
	}
	// Accepting the optimal allocation first lists the decisions.
	optimal = assigned("optimal")
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#method-optimal form button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	listed, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#offers tbody tr").length`))
	must(err)
	if want := strings.TrimSpace(strings.Split(optimal, "/")[0]); strconv.Itoa(listed) != want {
		t.Errorf("the confirmation lists %d offers, the optimal allocation placed %s", listed, want)
	}
	axe, err := os.ReadFile(checkerPath(t, "axe-core/axe.min.js"))
	must(err)
	runAxe(t, ctx, axe, "allocation confirmation")
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`main form button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	note, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.note-box`)))
	must(err)
	if !strings.Contains(note, "配置案を採用し") {
		t.Errorf("after accepting: %q", note)
	}
	// The pinned entrant is now offered, and the change has a history.
	st, err := store.Open(context.Background(), "", dir)
	must(err)
	defer st.Close()
	p, err := st.Directory().ProgramBySlug(context.Background(), programSlug())
	must(err)
	rows, err := st.Entries().EntriesOfProgram(context.Background(), p.ID)
	must(err)
	offered := 0
	for _, e := range rows {
		if e.Status == "offered" {
			offered++
		}
	}
	if want := strings.TrimSpace(strings.Split(optimal, "/")[0]); strconv.Itoa(offered) != want || offered == 0 {
		t.Errorf("%d entries offered, the optimal allocation placed %s", offered, want)
	}
}

// passScreening moves the current program's entries in 書類選考 on to
// 面談 as the demo's staff, over HTTP.
func passScreening(t *testing.T, base, dir string) {
	t.Helper()
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.Directory().ProgramBySlug(context.Background(), programSlug())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.Entries().EntriesOfProgram(context.Background(), p.ID)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"to": {"interview"}}
	for _, e := range rows {
		if e.Status == "screening" {
			form.Add("entry", strconv.FormatInt(e.ID, 10))
		}
	}
	if len(form["entry"]) == 0 {
		t.Fatal("no entry of the current program is in screening")
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"email": {"ota-staff@demo.tsunagu.example"}, "password": {seed.DemoPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.PostForm(base+"/admin/131113/programs/"+programSlug()+"/entries/move", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("moving to 面談: %d", resp.StatusCode)
	}
}

// browserLogin signs a demo account in through the login form, in Japanese,
// landing on the staff pages.
func browserLogin(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login?lang=ja&next=/admin"),
		chromedp.SendKeys(chromedp.CSS(`#a-email`), email),
		chromedp.SendKeys(chromedp.CSS(`#a-password`), seed.DemoPassword)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.account button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserProfilePickers checks the profile form's place and country
// pickers against WCAG 2.1 AA in both languages, and fills Place 1
// without JavaScript's help: prefecture, the button, then the
// municipality, saved as its code.
func TestBrowserProfilePickers(t *testing.T) {
	src, err := os.ReadFile(checkerPath(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "--data", t.TempDir(), "--demo")
	ctx := browsertest.New(t, 2*time.Minute)
	browserLogin(t, ctx, s.url, "talent@demo.tsunagu.example")
	st := steps{t, s.url}
	for _, lang := range []string{"en", "ja"} {
		st.open(ctx, "/me/profile?lang="+lang)
		runAxe(t, ctx, src, "/me/profile?lang="+lang)
	}
	st.must(chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#a-pref-2`), "15")))
	st.click(ctx, `button[name="refresh"]`)
	runAxe(t, ctx, src, "/me/profile refreshed")
	st.must(chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#a-code-2`), "152137"),
		chromedp.SetValue(chromedp.CSS(`#a-kind-2`), "supporter")))
	st.click(ctx, `form.profile > .actions button[type="submit"]`)
	if got := st.text(ctx, `.note-box`); !strings.Contains(got, "プロフィールを保存しました") {
		t.Fatalf("after saving: %q", got)
	}
	// The saved places come back in the profile's order, so Tsubame may
	// now be any of the rows.
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("select[id^=a-code-]")].map(s => s.value).join(" ")`)); err != nil || !strings.Contains(v, "152137") {
		t.Errorf("places are %q (%v), want 152137 among them", v, err)
	}
}
