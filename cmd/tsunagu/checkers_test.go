package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
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
		"/programs/ota-sdgs-2021", "/projects/1", "/no-such-page", "/projects?q=%E8%B2%A9%E8%B7%AF%E9%96%8B%E6%8B%93",
		"/hometown", "/hometown?pref=15", "/hometown?municipality=152137", "/signup", "/login", "/signup/sent", "/password/forgot", "/password/reset?token=x"} {
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
	jar := checkerPath(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		if os.Getenv("TSUNAGU_REQUIRE_BROWSER") == "1" {
			t.Fatal("java is needed for the HTML checker")
		}
		t.Skip("no java for the HTML checker")
	}
	s := startServe(t, "--data", t.TempDir(), "--demo")
	dir := t.TempDir()
	var files []string
	for i, page := range checkedPages() {
		resp, err := http.Get(s.url + page)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		name := filepath.Join(dir, fmt.Sprintf("page%02d.html", i))
		if err := os.WriteFile(name, body, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	out, _ := exec.Command(java, append([]string{"-jar", jar, "--format", "json", "--errors-only"}, files...)...).CombinedOutput()
	var report struct {
		Messages []struct {
			Type, Message, URL string
			LastLine           int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("checker output: %v\n%s", err, out)
	}
	pages := checkedPages()
	for _, m := range report.Messages {
		var i int
		fmt.Sscanf(filepath.Base(m.URL), "page%02d.html", &i)
		t.Errorf("%s line %d: %s: %s", pages[i], m.LastLine, m.Type, m.Message)
	}
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
