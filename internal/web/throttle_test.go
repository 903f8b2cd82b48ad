package web

import (
	"context"
	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// browserFrom is a browser whose connections come from another loopback
// address, so the server sees another client.
func (w *world) browserFrom(t *testing.T, ip string) *http.Client {
	t.Helper()
	c := w.browser(t)
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	c.Transport = &http.Transport{DialContext: d.DialContext}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// secondInstance serves the world's database from a second store and
// server, as another instance behind a load balancer would.
func (w *world) secondInstance(t *testing.T) *httptest.Server {
	t.Helper()
	st, err := store.Open(context.Background(), w.dbURL, w.dir)
	must(t, err)
	t.Cleanup(func() { st.Close() })
	ref, err := refdata.Load()
	must(t, err)
	cat, err := i18n.Load()
	must(t, err)
	s, err := New(withServices(t, Config{Ref: ref, Catalog: cat, Search: analyzer(), Version: "test",
		Now: func() time.Time { return testNow }, BaseURL: "http://tsunagu.test"}, st, nil, credential.ResolverOptions{}))
	must(t, err)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

func TestLoginThrottleKeptInTheDatabase(t *testing.T) { eachEngine(t, loginThrottleScenario) }

// loginThrottleScenario: a stranger guessing an account from their address
// is slowed down, by every instance, without the password being checked,
// while the owner signing in from their own address is not delayed at all.
func loginThrottleScenario(t *testing.T, w *world) {
	ctx := context.Background()
	w.signedIn(t, "hanako@example.jp", "山田 花子") // from 127.0.0.1
	stranger := w.browserFrom(t, "127.0.0.2")
	guess := url.Values{"email": {"Hanako@example.jp"}, "password": {"is it this one"}}
	for i := range 6 {
		if status, body, _ := send(t, stranger, "POST", w.srv.URL+"/login", guess); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "メールアドレスまたはパスワードが違います") {
			t.Fatalf("guess %d: %d", i+1, status)
		}
	}
	status, body, h := send(t, stranger, "POST", w.srv.URL+"/login", guess)
	if status != http.StatusTooManyRequests || !strings.Contains(body, "2秒後にもう一度お試しください") || h.Get("Retry-After") != "2" {
		t.Errorf("seventh guess: %d %q", status, h.Get("Retry-After"))
	}
	// Too soon is not even checked: the right password is refused too.
	right := url.Values{"email": {"hanako@example.jp"}, "password": {testPassword}}
	if status, _, _ := send(t, stranger, "POST", w.srv.URL+"/login", right); status != http.StatusTooManyRequests {
		t.Errorf("the right password, too soon: %d", status)
	}
	w.signedOut(t, stranger, "the throttled stranger")
	if status, body, _ := send(t, stranger, "POST", w.srv.URL+"/login?lang=en", guess); status != http.StatusTooManyRequests ||
		!strings.Contains(body, "Please try again in 2 seconds.") {
		t.Errorf("in English: %d", status)
	}
	// Another instance on the same database knows.
	other := w.secondInstance(t)
	if status, _, _ := send(t, stranger, "POST", other.URL+"/login", guess); status != http.StatusTooManyRequests {
		t.Errorf("the other instance: %d", status)
	}
	// The owner, from their own address, is not delayed.
	w.login(t, w.browser(t), "hanako@example.jp", testPassword)

	// A success clears its own pair, but not its address.
	owner := w.browserFrom(t, "127.0.0.3")
	for range 3 {
		send(t, owner, "POST", w.srv.URL+"/login", url.Values{"email": {"hanako@example.jp"}, "password": {"typo typo typo"}})
	}
	w.login(t, owner, "hanako@example.jp", testPassword)
	keys := auth.LoginThrottles("hanako@example.jp", "127.0.0.3")
	pair, err := w.st.Accounts().LoginFailures(ctx, keys[0].Key)
	must(t, err)
	address, err := w.st.Accounts().LoginFailures(ctx, keys[1].Key)
	must(t, err)
	if pair.Count != 0 || address.Count != 3 {
		t.Errorf("after a success: pair %d, address %d failures; want 0 and 3", pair.Count, address.Count)
	}

	// One address trying many accounts is slowed down by its own key.
	sprayer := w.browserFrom(t, "127.0.0.4")
	for i := range 21 {
		send(t, sprayer, "POST", w.srv.URL+"/login", url.Values{"email": {"user" + string(rune('a'+i)) + "@example.jp"},
			"password": {"spring 2026 spring"}})
	}
	if status, _, _ := send(t, sprayer, "POST", w.srv.URL+"/login", url.Values{"email": {"fresh@example.jp"},
		"password": {"spring 2026 spring"}}); status != http.StatusTooManyRequests {
		t.Errorf("the 22nd account from one address: %d", status)
	}
	w.login(t, owner, "hanako@example.jp", testPassword) // another address is still free
}

// TestPasswordResetRequestsAreThrottled: every request for a reset link
// counts for the address, in the database; the 22nd in a row waits.
func TestPasswordResetRequestsAreThrottled(t *testing.T) {
	w := newWorld(t)
	c := w.browserFrom(t, "127.0.0.5")
	for i := range 21 {
		if status, _, _ := send(t, c, "POST", w.srv.URL+"/password/forgot", url.Values{"email": {"nobody@example.jp"}}); status != 200 {
			t.Fatalf("request %d: %d", i+1, status)
		}
	}
	status, body, h := send(t, c, "POST", w.srv.URL+"/password/forgot", url.Values{"email": {"nobody@example.jp"}})
	if status != http.StatusTooManyRequests || !strings.Contains(body, "2秒後にもう一度") || h.Get("Retry-After") != "2" {
		t.Errorf("22nd request: %d %q", status, h.Get("Retry-After"))
	}
	if status, _, _ := send(t, w.browser(t), "POST", w.srv.URL+"/password/forgot", url.Values{"email": {"nobody@example.jp"}}); status != 200 {
		t.Errorf("another address: %d", status)
	}
}

// TestWrongCurrentPasswordsAreThrottled: the password change form counts a
// wrong current password like a failed sign-in, so an open session cannot
// be used to guess.
func TestWrongCurrentPasswordsAreThrottled(t *testing.T) {
	w := newWorld(t)
	c := w.signedIn(t, "guess@example.jp", "推測 される")
	wrong := url.Values{"current_password": {"maybe this"}, "password": {"kamata sakura 2026"}, "password_confirm": {"kamata sakura 2026"}}
	for i := range 6 {
		if status, _, _ := send(t, c, "POST", w.srv.URL+"/me/password", wrong); status != http.StatusUnprocessableEntity {
			t.Fatalf("attempt %d: %d", i+1, status)
		}
	}
	right := url.Values{"current_password": {testPassword}, "password": {"kamata sakura 2026"}, "password_confirm": {"kamata sakura 2026"}}
	if status, body, _ := send(t, c, "POST", w.srv.URL+"/me/password", right); status != http.StatusTooManyRequests ||
		!strings.Contains(body, "2秒後") {
		t.Errorf("seventh attempt: %d", status)
	}
}

// TestWrongDeletionPasswordsAreThrottled: the password that confirms a
// deletion is throttled like a sign-in, and nothing is deleted meanwhile.
func TestWrongDeletionPasswordsAreThrottled(t *testing.T) {
	w := newWorld(t)
	c := w.signedIn(t, "guess@example.jp", "推測 される")
	for i := range 6 {
		status, body, _ := send(t, c, "POST", w.srv.URL+"/me/delete", url.Values{"password": {"maybe this"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "パスワードが違います") {
			t.Fatalf("attempt %d: %d", i+1, status)
		}
	}
	if status, body, h := send(t, c, "POST", w.srv.URL+"/me/delete", url.Values{"password": {testPassword}}); status != http.StatusTooManyRequests ||
		!strings.Contains(body, "2秒後") || h.Get("Retry-After") != "2" {
		t.Errorf("seventh attempt: %d Retry-After %q", status, h.Get("Retry-After"))
	}
	w.stillSignedIn(t, c, "after throttled deletions")
}
