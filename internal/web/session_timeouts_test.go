package web

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// testClock is a clock a test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// sessionCookie logs c in and returns the session cookie the server set.
func (w *world) sessionCookie(t *testing.T, c *http.Client, email string) *http.Cookie {
	t.Helper()
	req, err := http.NewRequest("POST", w.srv.URL+"/login",
		strings.NewReader(url.Values{"email": {email}, "password": {testPassword}}.Encode()))
	must(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", email, resp.StatusCode)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == "tsunagu_session" {
			return ck
		}
	}
	t.Fatalf("login as %s set no session cookie", email)
	return nil
}

func TestStaffSessionsEndSooner(t *testing.T) { eachEngine(t, staffSessionScenario) }

// staffSessionScenario: a member's session lasts 12 hours at most and ends
// after 30 minutes without a request; a talent's lasts 14 days and 3 idle
// days (ASVS 3.3.1, 3.3.2).
func staffSessionScenario(t *testing.T, w *world) {
	clock := &testClock{now: testNow}
	w.app.now = clock.Now
	office := w.orgNamed(t, "大田区 産業経済部")
	w.member(t, "staff@ota.example.jp", "大田 職員", domain.RoleMunicipalityStaff, office.ID)
	w.signedIn(t, "talent@example.jp", "副業 花子")

	staff, talent := w.browser(t), w.browser(t)
	staffCookie := w.sessionCookie(t, staff, "staff@ota.example.jp")
	talentCookie := w.sessionCookie(t, talent, "talent@example.jp")
	// The cookie expires at the nearer of the deadline and the idle limit
	// the session store enforces (its Expires is rounded to the second).
	if left := time.Until(staffCookie.Expires); left > staffSessionLifetime+time.Second || left < staffSessionLifetime-time.Minute {
		t.Errorf("staff cookie lasts %v, want %v", left, staffSessionLifetime)
	}
	if left := time.Until(talentCookie.Expires); left < 3*24*time.Hour-time.Minute {
		t.Errorf("talent cookie lasts %v, want the 3 idle days", left)
	}
	for _, ck := range []*http.Cookie{staffCookie, talentCookie} {
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure {
			t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, Path=/ and (over http) not Secure", ck)
		}
	}

	// Requests 29 minutes apart keep the staff session alive...
	for range 3 {
		clock.Advance(29 * time.Minute)
		if status, _, _ := send(t, staff, "GET", w.srv.URL+"/admin", nil); status != http.StatusOK {
			t.Fatalf("staff after 29 idle minutes: GET /admin = %d, want 200", status)
		}
	}
	// ...31 minutes without one end it, and the talent's goes on.
	clock.Advance(31 * time.Minute)
	if status, _, h := send(t, staff, "GET", w.srv.URL+"/admin", nil); status != http.StatusSeeOther ||
		!strings.HasPrefix(h.Get("Location"), "/login?next=") {
		t.Errorf("staff after 31 idle minutes: GET /admin = %d %s, want a redirect to log in", status, h.Get("Location"))
	}
	clock.Advance(24 * time.Hour)
	w.stillSignedIn(t, talent, "talent a day later")
}

// TestLogoutClearsTheBrowser: ending a session asks the browser to drop
// its cached copies of signed-in pages (ASVS 8.2.3).
func TestLogoutClearsTheBrowser(t *testing.T) {
	w := newWorld(t)
	c := w.signedIn(t, "talent@example.jp", "副業 花子")
	if _, _, h := send(t, c, "GET", w.srv.URL+"/me", nil); h.Get("Clear-Site-Data") != "" {
		t.Errorf("a signed-in page clears site data: %q", h.Get("Clear-Site-Data"))
	}
	status, _, h := send(t, c, "POST", w.srv.URL+"/logout", url.Values{})
	if status != http.StatusSeeOther || h.Get("Clear-Site-Data") != `"cache", "storage"` {
		t.Errorf("logout: %d, Clear-Site-Data %q", status, h.Get("Clear-Site-Data"))
	}
	w.signedOut(t, c, "after logout")
}

// TestSecureSessionCookie: over HTTPS the cookie is Secure and carries the
// __Host- prefix, so neither a subdomain nor a plain-http page can set it.
func TestSecureSessionCookie(t *testing.T) {
	w := newWorld(t)
	for _, tc := range []struct {
		secure bool
		name   string
	}{{false, "tsunagu_session"}, {true, "__Host-tsunagu_session"}} {
		sm := newSessions(w.app.app.Sessions(), tc.secure)
		ck := sm.Cookie
		if ck.Name != tc.name || ck.Secure != tc.secure || ck.Path != "/" || ck.Domain != "" || !ck.HttpOnly ||
			ck.SameSite != http.SameSiteLaxMode {
			t.Errorf("secure=%v: cookie %+v", tc.secure, ck)
		}
	}
}

// TestSignInRenewsTheToken: every sign-in issues a new session token and
// the one before it stops working, so a token planted or seen before the
// sign-in is worth nothing after it (ASVS 3.2.1).
func TestSignInRenewsTheToken(t *testing.T) {
	w := newWorld(t)
	w.signedIn(t, "talent@example.jp", "副業 花子")
	c := w.browser(t)
	first := w.sessionCookie(t, c, "talent@example.jp")
	second := w.sessionCookie(t, c, "talent@example.jp")
	if first.Value == second.Value {
		t.Fatal("signing in again kept the session token")
	}
	w.stillSignedIn(t, c, "with the new token")
	old := w.browser(t)
	u, err := url.Parse(w.srv.URL)
	must(t, err)
	old.Jar.SetCookies(u, []*http.Cookie{{Name: first.Name, Value: first.Value, Path: "/"}})
	w.signedOut(t, old, "with the token from before")
}
