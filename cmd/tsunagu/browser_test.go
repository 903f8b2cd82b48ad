package main

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
)

// TestBrowserJourney walks home → list → filter by SDG 9 → detail in real
// Chromium against the real program with the demo, in Japanese and English.
func TestBrowserJourney(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	for _, tc := range []struct {
		lang, nav, apply, goal9 string
	}{
		{"ja", "プロジェクトを探す", "この条件で探す", "産業と技術革新の基盤をつくろう"},
		{"en", "Find projects", "Search", "Industry, Innovation and Infrastructure"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			ctx := browsertest.New(t, 90*time.Second)
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(chromedp.Do(ctx, chromedp.Navigate(s.url+"/?lang="+tc.lang)))
			lang, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.documentElement.lang"))
			must(err)
			if lang != tc.lang {
				t.Fatalf("home declares lang %q", lang)
			}
			// Home → list through the main menu.
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`header nav a[href="/projects"]`))); err != nil {
				t.Fatal(err)
			}
			navText, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`header nav a[href="/projects"]`)))
			must(err)
			if strings.TrimSpace(navText) != tc.nav {
				t.Errorf("menu says %q, want %q", navText, tc.nav)
			}
			before, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".results article").length`))
			must(err)
			// Filter by goal 9 with the form, as a person would.
			must(chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#f-sdg`), "9")))
			resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))
			must(err)
			if resp.Status != 200 {
				t.Fatalf("filtered list answered %d", resp.Status)
			}
			loc, err := chromedp.Run(ctx, chromedp.Location())
			must(err)
			u, _ := url.Parse(loc)
			if u.Path != "/projects" || u.Query().Get("sdg") != "9" {
				t.Fatalf("after filtering the address is %s", loc)
			}
			counts, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[...document.querySelectorAll(".results article")].map(a => a.querySelectorAll(".sdg-9").length)`))
			must(err)
			if len(counts) == 0 || before == 0 {
				t.Fatalf("no results: before %d, after %d", before, len(counts))
			}
			for i, n := range counts {
				if n != 1 {
					t.Errorf("result %d does not carry goal 9", i)
				}
			}
			// Open the first result.
			title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.results article h3 a`)))
			must(err)
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`.results article h3 a`))); err != nil {
				t.Fatal(err)
			}
			h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`)))
			must(err)
			if strings.TrimSpace(h1) != strings.TrimSpace(title) {
				t.Errorf("detail heading %q, clicked %q", h1, title)
			}
			badge, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.project-detail .sdg-9`)))
			must(err)
			if !strings.Contains(badge, tc.goal9) {
				t.Errorf("goal 9 badge reads %q", badge)
			}
		})
	}
}

// TestBrowserPhoneAndKeyboard checks the list on a phone-sized screen: no
// sideways scrolling, and the first Tab reaches the skip link.
func TestBrowserPhoneAndKeyboard(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	ctx := browsertest.New(t, 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.url+"/projects?lang=ja")); err != nil {
		t.Fatal(err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow {
		t.Error("the list scrolls sideways on a 390px-wide phone")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
	if err != nil {
		t.Fatal(err)
	}
	if focused != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link", focused)
	}
}

// TestBrowserDocumentsOnAPhone: the privacy notice, terms and contact
// pages, and the sign-up form that shows the first two, read on a
// 390px-wide phone in both languages without sideways scrolling, with
// every disclosure opened.
func TestBrowserDocumentsOnAPhone(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	ctx := browsertest.New(t, 90*time.Second)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"/privacy", "/terms", "/contact", "/municipalities/131113/privacy", "/signup"} {
		for _, lang := range []string{"ja", "en"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.url+page+"?lang="+lang)); err != nil {
				t.Fatal(err)
			}
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("details").forEach(d => d.open = true);
				document.documentElement.scrollWidth > window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow {
				t.Errorf("%s?lang=%s scrolls sideways on a 390px-wide phone", page, lang)
			}
		}
	}
}

// TestBrowserSearch types a Japanese query into the list's search box and
// checks that every result marks the words it matched.
func TestBrowserSearch(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	ctx := browsertest.New(t, 90*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/projects?lang=ja"),
		chromedp.SendKeys(chromedp.CSS(`#f-q`), "販路開拓")); err != nil {
		t.Fatal(err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))
	if err != nil || resp.Status != 200 {
		t.Fatalf("search: %v %v", err, resp)
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll(".results article")].map(a => [...a.querySelectorAll("mark")].map(m => m.textContent).join(""))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) == 0 {
		t.Fatal("no results for 販路開拓")
	}
	for i, m := range marks {
		if !strings.Contains(m, "販路") {
			t.Errorf("result %d marks %q", i, m)
		}
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.count`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(status, "「販路開拓」の検索結果") {
		t.Errorf("the page does not say what was searched: %q", status)
	}
}
