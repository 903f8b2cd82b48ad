package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestParseTrustedProxies(t *testing.T) {
	got, err := ParseTrustedProxies([]string{"10.0.0.0/8, 192.168.1.7", "2001:db8::/32", "::ffff:172.16.0.1", " ", "10.1.2.3/16"})
	must(t, err)
	want := []string{"10.0.0.0/8", "192.168.1.7/32", "2001:db8::/32", "172.16.0.1/32", "10.1.0.0/16"}
	var names []string
	for _, p := range got {
		names = append(names, p.String())
	}
	if !slices.Equal(names, want) {
		t.Errorf("got %v, want %v", names, want)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example.jp", "10.0.0", "fe80::1%eth0"} {
		if _, err := ParseTrustedProxies([]string{bad}); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

func TestForwardedFor(t *testing.T) {
	proxies, err := ParseTrustedProxies([]string{"10.0.0.0/8", "2001:db8:ffff::/48"})
	must(t, err)
	peer := netip.MustParseAddr("10.0.0.1")
	cases := []struct {
		name    string
		headers []string
		want    string
	}{
		{"no header", nil, "10.0.0.1"},
		{"one client", []string{"203.0.113.7"}, "203.0.113.7"},
		{"a client's own claim is passed over", []string{"198.51.100.9, 203.0.113.7"}, "203.0.113.7"},
		{"a chain of trusted proxies", []string{"203.0.113.7, 10.0.0.2, 10.9.9.9"}, "203.0.113.7"},
		{"several header lines", []string{"198.51.100.9", "203.0.113.7", "10.0.0.2"}, "203.0.113.7"},
		{"garbage next to us", []string{"203.0.113.7, unknown"}, "10.0.0.1"},
		{"garbage behind a trusted hop", []string{"203.0.113.7, _hidden, 10.0.0.2"}, "10.0.0.2"},
		{"garbage beyond the client", []string{"nonsense, 203.0.113.7"}, "203.0.113.7"},
		{"only trusted proxies", []string{"10.0.0.3, 10.0.0.2"}, "10.0.0.3"},
		{"an address with a port", []string{"203.0.113.7:5123"}, "203.0.113.7"},
		{"IPv6 with a port", []string{"[2001:db8:1:2::7]:443"}, "2001:db8:1:2::7"},
		{"IPv6 behind a trusted IPv6 proxy", []string{"2001:db8:1:2::7, 2001:db8:ffff::1"}, "2001:db8:1:2::7"},
		{"IPv4 written as IPv6", []string{"::ffff:203.0.113.7"}, "203.0.113.7"},
	}
	for _, tc := range cases {
		if got := forwardedFor(peer, tc.headers, proxies); got.String() != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestForwardedHTTPS(t *testing.T) {
	cases := []struct {
		headers      []string
		https, known bool
	}{
		{nil, false, false},
		{[]string{"https"}, true, true},
		{[]string{"HTTP"}, false, true},
		{[]string{"https, http"}, false, true}, // the client wrote https; our proxy says http
		{[]string{"http", "https"}, true, true},
		{[]string{""}, false, false},
	}
	for _, tc := range cases {
		if https, known := forwardedHTTPS(tc.headers); https != tc.https || known != tc.known {
			t.Errorf("%q: %v %v, want %v %v", tc.headers, https, known, tc.https, tc.known)
		}
	}
}

// serverWith starts another server on the world's store with a changed
// configuration.
func (w *world) serverWith(t *testing.T, change func(*Config)) *httptest.Server {
	t.Helper()
	cfg := Config{App: w.app.app, Ref: w.app.ref, Catalog: w.app.cat, Search: analyzer(), Version: "test",
		Now: func() time.Time { return testNow }, BaseURL: "http://tsunagu.test"}
	change(&cfg)
	s, err := New(cfg)
	must(t, err)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// TestForwardedHeadersOnlyFromTrustedProxies logs in through servers that
// trust the test's loopback peer or not: the audit log records the
// forwarded client only when the peer is trusted, and the https decision
// (HSTS, the Secure cookie) follows X-Forwarded-Proto only then.
func TestForwardedHeadersOnlyFromTrustedProxies(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	u := domain.User{Email: "proxy@example.jp", Name: "経由 する人"}
	must(t, w.st.Accounts().CreateUser(ctx, &u))
	hash, err := auth.HashPassword("correct horse battery", auth.DefaultParams())
	must(t, err)
	must(t, w.st.Accounts().SetPassword(ctx, u.ID, hash))
	must(t, w.st.Accounts().MarkEmailVerified(ctx, u.ID))
	behindProxy := w.serverWith(t, func(c *Config) {
		c.BaseURL, c.TrustedProxies = "https://tsunagu.example.jp", []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	})
	elsewhere := w.serverWith(t, func(c *Config) {
		c.BaseURL, c.TrustedProxies = "https://tsunagu.example.jp", []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	})
	loginFrom := func(base string, header http.Header) string {
		t.Helper()
		form := url.Values{"email": {"proxy@example.jp"}, "password": {"correct horse battery"}}
		status, _, _ := request(t, w.browser(t), "POST", base+"/login", "application/x-www-form-urlencoded", []byte(form.Encode()), header)
		if status != http.StatusSeeOther {
			t.Fatalf("login: %d", status)
		}
		log, err := w.st.Compliance().AuditLog(ctx, 0, 1)
		must(t, err)
		if len(log) != 1 || log[0].Action != "user.login" {
			t.Fatalf("audit %+v", log)
		}
		return log[0].Address
	}
	spoof := http.Header{"X-Forwarded-For": {"198.51.100.9"}, "X-Forwarded-Proto": {"http"}}
	if got := loginFrom(w.srv.URL, spoof); got != "127.0.0.1" {
		t.Errorf("no trusted proxy: recorded %q, want the peer 127.0.0.1", got)
	}
	if got := loginFrom(elsewhere.URL, spoof); got != "127.0.0.1" {
		t.Errorf("an untrusted peer: recorded %q, want the peer 127.0.0.1", got)
	}
	if got := loginFrom(behindProxy.URL, http.Header{"X-Forwarded-For": {"198.51.100.9, 203.0.113.7"}}); got != "203.0.113.7" {
		t.Errorf("behind a trusted proxy: recorded %q, want 203.0.113.7", got)
	}
	if got := loginFrom(behindProxy.URL, http.Header{"X-Forwarded-For": {"2001:db8:1:2:3:4:5:6"}}); got != "2001:db8:1:2::/64" {
		t.Errorf("an IPv6 client: recorded %q, want its /64", got)
	}

	cases := []struct {
		name   string
		base   string
		header http.Header
		https  bool
	}{
		{"http base URL, a spoofed https", w.srv.URL, http.Header{"X-Forwarded-Proto": {"https"}}, false},
		{"https base URL, an untrusted peer says http", elsewhere.URL, http.Header{"X-Forwarded-Proto": {"http"}}, true},
		{"https base URL, the trusted proxy says https", behindProxy.URL, http.Header{"X-Forwarded-Proto": {"https"}}, true},
		{"https base URL, the trusted proxy says http", behindProxy.URL, http.Header{"X-Forwarded-Proto": {"http"}}, false},
		{"https base URL, no word from the proxy", behindProxy.URL, nil, true},
	}
	for _, tc := range cases {
		_, _, h := request(t, w.browser(t), "GET", tc.base+"/?lang=en", "", nil, tc.header)
		hsts := h.Get("Strict-Transport-Security")
		if tc.https && hsts != "max-age=31536000; includeSubDomains" || !tc.https && hsts != "" {
			t.Errorf("%s: Strict-Transport-Security %q", tc.name, hsts)
		}
		cookie := h.Get("Set-Cookie")
		if !strings.HasPrefix(cookie, "lang=en;") || strings.Contains(cookie, "; Secure") != tc.https {
			t.Errorf("%s: cookie %q", tc.name, cookie)
		}
	}
}

func TestStaticDirectoriesAreNotListed(t *testing.T) {
	w := newWorld(t)
	for _, path := range []string{"/static/", "/static//", "/static/../static/", "/static/nope.css"} {
		status, body, h := w.get(t, path, "")
		if status != http.StatusNotFound || !strings.Contains(body, "ページが見つかりません") || strings.Contains(body, `href="app.css"`) ||
			h.Get("Cache-Control") == "public, max-age=3600" {
			t.Errorf("%s: %d %q\n%s", path, status, h.Get("Cache-Control"), body)
		}
	}
	if status, body, h := w.get(t, "/static/app.css", ""); status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/css") ||
		h.Get("Cache-Control") != "public, max-age=3600" || len(body) == 0 {
		t.Errorf("app.css: %d %s %q", status, h.Get("Content-Type"), h.Get("Cache-Control"))
	}
}
