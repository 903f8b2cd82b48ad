package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
)

// TestBrowserPasswordAndSessionsOnAPhone: on a 390px-wide phone, a talent
// changes their password with the form (no script needed), sees it
// confirmed, then logs out everywhere. The account pages fit the screen
// and meet WCAG 2.1 AA when axe-core is installed.
func TestBrowserPasswordAndSessionsOnAPhone(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	ctx := browsertest.New(t, 2*time.Minute)
	st := steps{t: t, base: s.url}
	st.must(chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)))
	browserLogin(t, ctx, s.url, "talent@demo.tsunagu.example")
	axe, err := os.ReadFile(checkerPath(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"/me/password?lang=ja", "/me/password?lang=en", "/me/tokens?lang=ja", "/me?lang=ja"} {
		st.open(ctx, page)
		fitsThePhone(t, ctx, page)
		runAxe(t, ctx, axe, page)
	}
	st.open(ctx, "/me/password?lang=ja")
	st.must(chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#a-current_password`), seed.DemoPassword),
		chromedp.SendKeys(chromedp.CSS(`#a-password`), "ikegami honmonji 2026"),
		chromedp.SendKeys(chromedp.CSS(`#a-password_confirm`), "ikegami honmonji 2026")))
	st.click(ctx, `form.account button[type=submit]`)
	if note := st.text(ctx, `.note-box`); !strings.Contains(note, "パスワードを変更しました") {
		t.Errorf("after the change: %q", note)
	}
	st.click(ctx, `form[action="/me/sessions/end"] button`)
	if heading := st.text(ctx, `h1`); !strings.Contains(heading, "すべての端末からログアウトしました") {
		t.Errorf("after logging out everywhere: %q", heading)
	}
	fitsThePhone(t, ctx, "the notice")
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(s.url+"/me"))
	if err != nil || !strings.Contains(resp.URL, "/login") {
		t.Errorf("my page afterwards: %v %v", err, resp)
	}
}

// fitsThePhone fails the test when the page scrolls sideways.
func fitsThePhone(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow {
		t.Errorf("%s scrolls sideways on a 390px-wide phone", page)
	}
}
