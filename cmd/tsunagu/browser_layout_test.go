package main

import (
	"context"
	"fmt"
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

// layoutWidths are a phone (390 px, an iPhone 12 to 15) and a laptop.
var layoutWidths = []int64{390, 1280}

// overflowJS measures whether the page scrolls sideways and, if it does,
// names the widest element that sticks out past the window: its tag, id,
// classes, width and the start of its text. Elements inside a container
// that scrolls or clips on its own do not count.
const overflowJS = `(() => {
  const vw = window.innerWidth, sw = document.documentElement.scrollWidth;
  if (sw <= vw) return "";
  const clipped = el => { for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o !== "visible") return true; } return false; };
  let worst = null, right = vw;
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right > right + 0.5 && !clipped(el)) { worst = el; right = r.right; }
    else if (worst && r.right >= right - 0.5 && worst.contains(el) && !clipped(el)) { worst = el; } // the innermost of equals
  }
  if (!worst) return "scrollWidth " + sw + " > " + vw + " (no single element found)";
  return "scrollWidth " + sw + " > " + vw + "; widest: " + ` + describeJS + ` + " (right edge " + Math.round(right) +
    " px, " + Math.round(worst.getBoundingClientRect().width) + " px wide)";
})()`

// describeJS names the element worst by its path and the start of its text.
const describeJS = `(() => {
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + [...el.classList].map(c => "." + c).join("");
  const path = [];
  for (let p = worst; p && p !== document.body && path.length < 4; p = p.parentElement) path.unshift(name(p));
  return path.join(" > ") + " “" + (worst.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40) + "”";
})()`

// cramJS finds table headers squeezed to a character or two per line, and
// tables that scroll inside their container without a name or a way to
// scroll them by keyboard.
const cramJS = `(() => {
  const out = [];
  for (const worst of document.querySelectorAll("th")) {
    const chars = [...(worst.textContent || "").replace(/\s+/g, "")].length;
    const range = document.createRange();
    range.selectNodeContents(worst);
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
    if (chars >= 3 && lines >= 3 && chars / lines < 1.6)
      out.push("header squeezed to one character a line (" + lines + " lines): " + ` + describeJS + `);
  }
  for (const worst of document.querySelectorAll("table")) {
    let box = worst.parentElement;
    while (box && box !== document.body && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
    if (!box || box === document.body || box.scrollWidth <= box.clientWidth + 1) continue;
    if (box.tabIndex < 0 || !(box.getAttribute("aria-label") || box.getAttribute("aria-labelledby")))
      out.push("a table scrolls sideways in a box without a name or tabindex=0: " + ` + describeJS + `);
  }
  return out;
})()`

// layoutRole is an account of the demo (or a visitor, with no email) and
// the pages it starts from; more are found by following its menus.
type layoutRole struct {
	name, email string
	pages       []string
	// menus are pages whose links within the site's staff and personal
	// areas are this role's main pages.
	menus []string
}

// TestBrowserLayout signs in as each role of the demo and opens its main
// pages at 390 and 1280 px in Japanese and English, saving a screenshot of
// each: of the whole page to the directory TSUNAGU_SCREENSHOTS when set,
// else of the window to a temporary directory;
// it fails on any page that scrolls sideways, naming the page, the width,
// the language and the widest element sticking out.
func TestBrowserLayout(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	bctx := browsertest.New(t, 4*time.Minute)
	shots := os.Getenv("TSUNAGU_SCREENSHOTS")
	full := shots != ""
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	slug := programSlug()
	roles := []layoutRole{
		{name: "visitor", pages: []string{"/", "/projects", "/projects?closed=1", "/projects/1", "/programs/ota-sdgs-2021",
			"/programs/" + slug, "/hometown", "/stories", "/events", "/ideas", "/municipalities/131113", "/login", "/signup",
			"/credentials/verify", "/privacy"}},
		{name: "talent", email: "talent@demo.tsunagu.example", pages: []string{"/me", "/me/profile", "/me/notifications",
			"/me/tokens", "/me/password", "/programs/" + slug + "/entry"}, menus: []string{"/me"}},
		{name: "owner", email: "owner@demo.tsunagu.example", pages: []string{"/admin", "/me"}, menus: []string{"/admin"}},
		{name: "leader", email: "leader@demo.tsunagu.example", pages: []string{"/admin", "/me"}, menus: []string{"/admin"}},
		{name: "partner", email: "partner@demo.tsunagu.example", pages: []string{"/admin"}, menus: []string{"/admin"}},
		{name: "staff", email: "ota-staff@demo.tsunagu.example", pages: []string{"/admin", "/admin/131113/entries/1",
			"/agreements/1", "/admin/131113/projects/1"}, menus: []string{"/admin"}},
		{name: "admin", email: "ota-admin@demo.tsunagu.example", pages: []string{"/admin",
			"/admin/131113/dashboard/report?program=ota-sdgs-2021", "/admin/131113/legal/privacy",
			"/admin/131113/programs/" + slug + "/import"}, menus: []string{"/admin"}},
		{name: "tsubame-staff", email: "tsubame-staff@demo.tsunagu.example", pages: []string{"/admin"}, menus: []string{"/admin"}},
	}
	start := time.Now()
	visited := 0
	// A page found in a menu is checked for the first role that has it:
	// staff, admin and partner share most of theirs.
	checked := map[string]bool{}
	for _, role := range roles {
		t.Run(role.name, func(t *testing.T) {
			// Each role in its own browser profile, so sign-ins do not mix.
			ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
			defer cancel()
			if role.email != "" {
				layoutLogin(t, ctx, s.url, role.email)
			}
			pages := append([]string(nil), role.pages...)
			for _, m := range role.menus {
				for _, p := range menuPages(t, ctx, s.url, m) {
					if !checked[p] {
						pages = append(pages, p)
					}
				}
			}
			seen := map[string]bool{}
			for _, page := range pages {
				if seen[page] {
					continue
				}
				seen[page], checked[page] = true, true
				for _, lang := range []string{"ja", "en"} {
					checkLayout(t, ctx, s.url, shots, full, role.name, page, lang)
					visited++
				}
			}
		})
	}
	t.Logf("%d page loads at %d widths in %s; screenshots in %s", visited, len(layoutWidths),
		time.Since(start).Round(time.Second), shots)
}

// checkLayout opens one page in one language, then measures it at each
// width (resizing the window, without loading again) and saves a
// screenshot of each.
func checkLayout(t *testing.T, ctx context.Context, base, shots string, full bool, role, page, lang string) {
	t.Helper()
	sep := "?"
	if strings.Contains(page, "?") {
		sep = "&"
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(layoutWidths[0], 844)); err != nil {
		t.Fatal(err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+page+sep+"lang="+lang))
	if err != nil {
		t.Fatalf("%s %s: %v", page, lang, err)
	}
	if resp.Status != 200 {
		t.Errorf("%s %s (%s): status %d", page, lang, role, resp.Status)
	}
	for _, w := range layoutWidths {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 844)); err != nil {
			t.Fatal(err)
		}
		problem, err := chromedp.Run(ctx, chromedp.Evaluate[string](overflowJS))
		if err != nil {
			t.Fatalf("%s: measure: %v", page, err)
		}
		if problem != "" {
			t.Errorf("%s at %d px in %s (%s) scrolls sideways: %s", page, w, lang, role, problem)
		}
		crammed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](cramJS))
		if err != nil {
			t.Fatalf("%s: measure tables: %v", page, err)
		}
		for _, c := range crammed {
			t.Errorf("%s at %d px in %s (%s): %s", page, w, lang, role, c)
		}
		shot := chromedp.CaptureScreenshot() // the window: quick
		if full {
			shot = chromedp.FullScreenshot(100) // the whole page, as PNG, for people to look at
		}
		png, err := chromedp.Run(ctx, shot)
		if err != nil {
			t.Fatalf("%s: screenshot: %v", page, err)
		}
		name := fmt.Sprintf("%s_%s_%d_%s.png", role, strings.Trim(regexp.MustCompile(`[^a-zA-Z0-9]+`).ReplaceAllString(page, "-"), "-"), w, lang)
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// layoutLogin signs a demo account in through the login form.
func layoutLogin(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login?lang=ja&next=/me"),
		chromedp.SendKeys(chromedp.CSS(`#a-email`), email),
		chromedp.SendKeys(chromedp.CSS(`#a-password`), seed.DemoPassword)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.account button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "/me?flash=signed_in") {
		t.Fatalf("%s did not sign in: at %s (%v)", email, loc, err)
	}
}

// menuLink is a link to a page of the staff or personal areas; downloads
// and forms that only post are left out.
var menuLink = regexp.MustCompile(`^/(admin/[0-9]{6}/[a-z-]+(/[a-z0-9-]+(/[a-z]+)?)?|me/notifications|engagements/[0-9]+|agreements/[0-9]+)$`)

// menuPages reads the links of a role's menu page, and the first team
// workspace of its list of teams: the role's main pages.
func menuPages(t *testing.T, ctx context.Context, base, menu string) []string {
	t.Helper()
	links := func(page string) []string {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page)); err != nil {
			t.Fatal(err)
		}
		hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`[...document.querySelectorAll("main a[href^='/']")].map(a => a.getAttribute("href"))`))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range hrefs {
			u, err := url.Parse(h)
			if err == nil && u.RawQuery == "" && menuLink.MatchString(u.Path) && !strings.HasSuffix(u.Path, "/export") {
				out = append(out, u.Path)
			}
		}
		return out
	}
	out := links(menu)
	for _, p := range out {
		if strings.HasSuffix(p, "/engagements") {
			for _, team := range links(p) {
				if strings.HasPrefix(team, "/engagements/") {
					return append(out, team)
				}
			}
		}
	}
	return out
}
