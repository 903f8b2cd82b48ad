package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
)

// TestBrowserMyPages opens each role's /me in Chromium, in both languages
// and 390 px wide: it shows that role's desk, meets WCAG 2.1 AA (axe) and
// does not scroll sideways. The header offers visitors sign-up, the idea
// board and credential verification, and every expandable section of the
// profile shows its open/close marker.
func TestBrowserMyPages(t *testing.T) {
	src, err := os.ReadFile(checkerPath(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "--data", t.TempDir(), "--demo")
	ctx := browsertest.New(t, 4*time.Minute)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)))
	scrollWidth := func(page string) {
		t.Helper()
		w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		must(err)
		if w > 390 {
			t.Errorf("%s: %d px wide at 390 px", page, w)
		}
	}

	// A visitor's header, at 390 px.
	must(chromedp.Do(ctx, chromedp.Navigate(s.url+"/?lang=ja")))
	for _, href := range []string{"/login", "/signup", "/ideas", "/credentials/verify"} {
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const a = document.querySelector('header nav a[href="`+href+`"]');
			return !!a && a.getBoundingClientRect().width > 0 && a.getBoundingClientRect().right <= 390 })()`))
		must(err)
		if !shown {
			t.Errorf("the header does not show %s at 390 px", href)
		}
	}
	scrollWidth("/")

	for _, x := range []struct{ email, desk string }{
		{"owner@demo.tsunagu.example", "h-desk-host"},
		{"ota-staff@demo.tsunagu.example", "h-desk-staff"},
		{"partner@demo.tsunagu.example", "h-desk-staff"},
		{"leader@demo.tsunagu.example", "h-desk-leader"},
		{"talent@demo.tsunagu.example", "recommended"},
	} {
		browserLogin(t, ctx, s.url, x.email)
		for _, lang := range []string{"ja", "en"} {
			page := x.email + " /me?lang=" + lang
			resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(s.url+"/me?lang="+lang))
			if err != nil || resp.Status != 200 {
				t.Fatalf("%s: %v %v", page, err, resp)
			}
			has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.getElementById("`+x.desk+`")`))
			must(err)
			if !has {
				t.Errorf("%s: no #%s", page, x.desk)
			}
			scrollWidth(page)
			runAxe(t, ctx, src, page)
		}
		if x.email == "talent@demo.tsunagu.example" {
			break // stay signed in for the profile
		}
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action="/logout"] button`))); err != nil {
			t.Fatalf("%s: log out: %v", x.email, err)
		}
	}

	// Every summary of the profile (the skill categories, the consent
	// history) draws its marker, closed ▸ and open ▾.
	must(chromedp.Do(ctx, chromedp.Navigate(s.url+"/me/profile?lang=ja")))
	markers, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("summary")].map(s =>
		getComputedStyle(s, "::before").content + (s.parentElement.open ? " open" : " closed"))`))
	must(err)
	if len(markers) < 12 {
		t.Fatalf("the profile has %d summaries: %q", len(markers), markers)
	}
	for i, m := range markers {
		if want := map[bool]string{true: `"▾" / "" open`, false: `"▸" / "" closed`}[strings.HasSuffix(m, " open")]; m != want {
			t.Errorf("summary %d: marker %q, want %q", i, m, want)
		}
	}
	// Opening one turns its marker.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const d = [...document.querySelectorAll("details")].find(d => !d.open); d.querySelector("summary").click(); return true })()`))
	must(err)
	open, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("details[open] > summary")].filter(s =>
		getComputedStyle(s, "::before").content === '"▾" / ""').length`))
	must(err)
	if want := strings.Count(strings.Join(markers, ","), " open") + 1; open != want {
		t.Errorf("after opening one: %d open markers, want %d", open, want)
	}
}
