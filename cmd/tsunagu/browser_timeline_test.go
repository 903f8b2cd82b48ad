package main

import (
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
)

// TestBrowserTimelineOnAPhone: on a 390px-wide phone, the 2021 program's
// timeline, the demo talent's public credential, a team's workspace with
// its timeline and the program form with its days fit the screen and meet
// WCAG 2.1 AA, in both languages.
func TestBrowserTimelineOnAPhone(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	axe, err := os.ReadFile(checkerPath(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	anon := browsertest.New(t, 3*time.Minute)
	st := steps{t: t, base: s.url}
	st.must(chromedp.Do(anon, chromedp.EmulateViewport(390, 844)))
	for _, page := range []string{"/programs/ota-sdgs-2021?lang=ja", "/programs/ota-sdgs-2021?lang=en",
		seed.DemoCredentialPath + "?lang=ja", seed.DemoCredentialPath + "?lang=en"} {
		st.open(anon, page)
		fitsThePhone(t, anon, page)
		runAxe(t, anon, axe, page)
	}
	staff := browsertest.New(t, 3*time.Minute)
	st.must(chromedp.Do(staff, chromedp.EmulateViewport(390, 844)))
	browserLogin(t, staff, s.url, "ota-admin@demo.tsunagu.example")
	for _, page := range []string{"/engagements/1?lang=ja", "/engagements/1?lang=en", "/admin/131113/programs/new?lang=ja",
		"/admin/131113/programs/new?lang=en"} {
		st.open(staff, page)
		fitsThePhone(t, staff, page)
		runAxe(t, staff, axe, page)
	}
}
