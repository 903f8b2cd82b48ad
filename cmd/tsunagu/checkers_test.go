package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
)

// checkerPath finds a validator installed by `npm ci --prefix tools/checkers`.
// Without it the test skips, unless TSUNAGU_REQUIRE_BROWSER=1 (CI).
func checkerPath(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "tools", "checkers", "node_modules", rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("TSUNAGU_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s is missing: run npm ci --prefix tools/checkers", p)
		}
		t.Skipf("%s is not installed (npm ci --prefix tools/checkers)", rel)
	}
	return p
}

// checkedPages are the pages every validator sees, in both languages.
func checkedPages() []string {
	var out []string
	for _, p := range []string{"/", "/projects", "/projects?sdg=9&style=remote", "/projects?sdg=99",
		"/programs/ota-sdgs-2021", "/projects/1", "/projects/34", "/projects?closed=1", "/no-such-page", "/projects?q=%E8%B2%A9%E8%B7%AF%E9%96%8B%E6%8B%93",
		"/hometown", "/hometown?pref=15", "/hometown?municipality=152137", "/stories", "/events", "/events/1", "/ideas", "/municipalities/131113", "/municipalities/152137", "/organizations/4", "/organizations/2", "/signup", "/login", "/signup/sent", "/password/forgot", "/password/reset?token=x",
		"/privacy", "/terms", "/contact", "/municipalities/131113/privacy", "/municipalities/131113/terms", "/municipalities/152137/contact", "/credentials/verify", seed.DemoCredentialPath} {
		sep := "?"
		if strings.Contains(p, "?") {
			sep = "&"
		}
		out = append(out, p+sep+"lang=ja", p+sep+"lang=en")
	}
	return out
}

// TestPagesPassHTMLChecker runs the Nu HTML Checker over every page.
func TestPagesPassHTMLChecker(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	var bodies [][]byte
	for _, page := range checkedPages() {
		bodies = append(bodies, fetch(t, http.DefaultClient, s.url+page, false))
	}
	browsertest.CheckHTML(t, checkedPages(), bodies, true)
}

// TestSignedInPagesPassHTMLChecker checks the pages of staff, businesses
// and talents, signed in as the demo's accounts, in both languages.
func TestSignedInPagesPassHTMLChecker(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	slug := programSlug()
	byAccount := map[string][]string{
		"ota-admin@demo.tsunagu.example": {"/admin", "/admin/131113/programs/" + slug + "/entries",
			"/admin/131113/programs/ota-sdgs-2021/entries?stage=offered", "/admin/131113/entries/1",
			"/admin/131113/projects", "/admin/131113/projects/new", "/admin/131113/projects/1", "/admin/131113/members",
			"/admin/131113/outbox", "/admin/131113/audit", "/admin/131113/programs/" + slug + "/import",
			"/admin/131113/programs/ota-sdgs-2021/allocation", "/admin/131113/dashboard",
			"/admin/131113/dashboard?program=ota-sdgs-2021", "/admin/131113/dashboard/report",
			"/admin/131113/programs/ota-sdgs-2021/allocation/confirm?method=optimal", "/admin/131113/programs/new",
			"/admin/131113/dashboard/report?program=ota-sdgs-2021", "/admin/131113/engagements", "/admin/131113/talents", "/engagements/1",
			"/engagements/2", "/agreements/1", "/admin/131113/entries/1/agreement", "/admin/131113/events",
			"/admin/131113/ideas", "/admin/131113/legal", "/admin/131113/legal/privacy", "/entries/1/messages", "/me",
			"/admin/131113/organizations", "/admin/131113/organizations/4", "/admin/131113/organizations/2"},
		"talent@demo.tsunagu.example": {"/me", "/me?flash=withdrawn", "/me/delete", "/me/password", "/me/profile", "/credentials/verify", "/me/notifications", "/me/tokens", "/ideas", "/events/2", "/programs/" + slug + "/entry", "/programs/" + slug + "/entry?project=34"},
		"owner@demo.tsunagu.example":  {"/me", "/admin/131113/projects", "/admin/131113/projects/new", "/admin/131113/engagements"},
		// The partner runs the 2021 program, delegated to it.
		"partner@demo.tsunagu.example": {"/me", "/admin", "/admin/131113/programs/ota-sdgs-2021/entries", "/admin/131113/members",
			"/admin/131113/programs/ota-sdgs-2021/import"},
		"ota-staff@demo.tsunagu.example": {"/me"},
		// The alumni pool, narrowed, and the demo's scout conversation.
		"tsubame-staff@demo.tsunagu.example": {"/admin/152137/talents", "/admin/152137/talents?tie=born&prefecture=15",
			"/scouts/1/messages"},
		"alumnus@demo.tsunagu.example": {"/me"},
		// The leader sees only what is assigned to them: the demo assigns
		// the first 2021 entries and some teams (their pages are added below).
		"leader@demo.tsunagu.example": {"/me", "/admin", "/admin/131113/programs/ota-sdgs-2021/entries", "/admin/131113/entries/1",
			"/admin/131113/engagements"},
	}
	var pages []string
	var bodies [][]byte
	for email, paths := range byAccount {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		resp, err := c.PostForm(s.url+"/login", url.Values{"email": {email}, "password": {seed.DemoPassword}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if strings.HasPrefix(email, "leader@") {
			paths = append(paths, ledTeams(t, c, s.url)...)
		}
		if strings.HasPrefix(email, "ota-admin@") {
			// The import's mapping step answers the upload of a form export.
			for _, lang := range []string{"ja", "en"} {
				pages = append(pages, email+" import mapping step lang="+lang)
				bodies = append(bodies, mappingStep(t, c, s.url+"/admin/131113/programs/"+slug+"/import?lang="+lang))
			}
		}
		if strings.HasPrefix(email, "owner@") {
			paths = append(paths, ownCandidates(t, c, s.url)...)
		}
		if strings.HasPrefix(email, "talent@") {
			// The entry's confirmation step answers a POST.
			for _, lang := range []string{"ja", "en"} {
				pages = append(pages, email+" POST /programs/"+slug+"/entry confirm lang="+lang)
				bodies = append(bodies, entryConfirmation(t, c, s.url, slug, lang))
			}
		}
		for _, p := range paths {
			for _, lang := range []string{"ja", "en"} {
				sep := "?"
				if strings.Contains(p, "?") {
					sep = "&"
				}
				pages = append(pages, email+" "+p+sep+"lang="+lang)
				bodies = append(bodies, fetch(t, c, s.url+p+sep+"lang="+lang, true))
			}
		}
	}
	browsertest.CheckHTML(t, pages, bodies, true)
}

// mappingStep uploads a pre-entry form export to the import page and
// returns the mapping step's page.
func mappingStep(t *testing.T, c *http.Client, u string) []byte {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("step", "map")
	fw, _ := mw.CreateFormFile("file", "form.csv")
	fw.Write([]byte("タイムスタンプ,メールアドレス,氏名,フリガナ,お住まいの都道府県,大田区との関わり,スキル,第1希望,志望動機\r\n" +
		"2021/07/15 10:23:45,kamata@example.jp,蒲田 一郎,カマタ イチロウ,東京都,在住,HP制作、茶道,未定,町工場を応援したい\r\n" +
		"2021/07/16 9:03,bad-address,森 環,モリ タマキ,埼玉県,応援したい,脱炭素,未定,脱炭素に関わりたい\r\n"))
	mw.Close()
	resp, err := c.Post(u, mw.FormDataContentType(), &b)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`name="map_0"`)) {
		t.Errorf("mapping step: %d", resp.StatusCode)
	}
	return body
}

// ownCandidates finds the candidates pages of the owner's projects.
func ownCandidates(t *testing.T, c *http.Client, base string) []string {
	t.Helper()
	body := string(fetch(t, c, base+"/admin/131113/projects", true))
	projects := regexp.MustCompile(`href="(/admin/131113/projects/[0-9]+)"`).FindAllStringSubmatch(body, -1)
	if len(projects) == 0 {
		t.Fatal("the demo owner has no project")
	}
	return []string{projects[0][1] + "/candidates"}
}

// entryConfirmation is the entry's confirmation page (確認) for the first
// project the form offers, in the language given.
func entryConfirmation(t *testing.T, c *http.Client, base, slug, lang string) []byte {
	t.Helper()
	form := string(fetch(t, c, base+"/programs/"+slug+"/entry?lang="+lang, true))
	project := regexp.MustCompile(`<option value="([0-9]+)"`).FindStringSubmatch(form)
	if project == nil {
		t.Fatal("the entry form offers no project")
	}
	resp, err := c.PostForm(base+"/programs/"+slug+"/entry?lang="+lang, url.Values{"key": {"checker"}, "step": {"confirm"},
		"choice_1": {project[1]}, "motivation": {"町工場の発信を手伝いたい。\n二行目"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Errorf("entry confirmation (%s): %d", lang, resp.StatusCode)
	}
	return body
}

// ledTeams finds the workspaces on the leader's list of teams.
func ledTeams(t *testing.T, c *http.Client, base string) []string {
	t.Helper()
	body := string(fetch(t, c, base+"/admin/131113/engagements", true))
	teams := regexp.MustCompile(`href="(/engagements/[0-9]+)"`).FindAllStringSubmatch(body, -1)
	if len(teams) == 0 {
		t.Fatal("the demo leader leads no team")
	}
	var out []string
	for _, m := range teams {
		out = append(out, m[1])
	}
	return out
}

// fetch gets a page; with ok set it must answer 200 (public pages include
// error pages on purpose).
func fetch(t *testing.T, c *http.Client, u string, ok bool) []byte {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if ok && resp.StatusCode != 200 {
		t.Errorf("%s: %d", u, resp.StatusCode)
	}
	return body
}

// axeViolation is one failed axe-core rule on a page.
type axeViolation struct {
	ID, Help string
	Nodes    []struct{ Target []string }
}

// runAxe checks the page open in ctx against WCAG 2.1 A and AA with
// axe-core and reports each violation as a test error.
func runAxe(t *testing.T, ctx context.Context, src []byte, page string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(src)+";true")); err != nil {
		t.Fatalf("load axe: %v", err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: run axe: %v", page, err)
	}
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, strings.Join(n.Target, " "))
		}
		t.Errorf("%s: %s (%s) at %v", page, v.ID, v.Help, where)
	}
}

// TestPagesPassAxe runs axe-core (WCAG 2.1 A and AA rules) in Chromium on
// every public page.
func TestPagesPassAxe(t *testing.T) {
	src, err := os.ReadFile(checkerPath(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "--data", t.TempDir(), "--demo")
	ctx := browsertest.New(t, 3*time.Minute)
	for _, page := range checkedPages() {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.url+page)); err != nil {
			t.Fatal(err)
		}
		runAxe(t, ctx, src, page)
	}
}
