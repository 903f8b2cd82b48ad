package credential

import (
	"context"
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a Tsunagu origin on httptest: it serves its JWK Set and one
// status list, and records the paths asked for.
type site struct {
	mu    sync.Mutex
	jwks  []byte
	list  string
	paths []string
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.paths = append(s.paths, r.URL.Path)
	jwks, list := s.jwks, s.list
	s.mu.Unlock()
	switch r.URL.Path {
	case "/.well-known/jwks.json":
		w.Header().Set("Content-Type", "application/jwk-set+json")
		w.Write(jwks)
	case "/status/131113/1", "/status/131113/2":
		w.Header().Set("Content-Type", "application/vc+jwt")
		w.Write([]byte(list + "\n"))
	case "/redirect-same":
		http.Redirect(w, r, "/status/131113/1", http.StatusFound)
	case "/slow":
		<-r.Context().Done() // answers only when the client gives up
	case "/big":
		w.Write([]byte(strings.Repeat("x", 2048)))
	default:
		http.NotFound(w, r)
	}
}

func (s *site) set(jwks []byte, list string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jwks, s.list = jwks, list
}

func (s *site) asked() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.paths, " ")
}

// loopback is what the tests let the resolver reach: the httptest servers.
var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// tlsSite starts a site over TLS and returns it with a resolver that
// trusts its origin and may reach loopback, and a clock for the cache.
func tlsSite(t *testing.T, opts ResolverOptions) (*site, *httptest.Server, *HTTPResolver, *fakeClock) {
	t.Helper()
	s := &site{}
	srv := httptest.NewTLSServer(s)
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	clock := &fakeClock{t: issuedAt()}
	if opts.Trusted == nil {
		opts.Trusted = func(_ context.Context, origin string) bool { return origin == srv.URL }
	}
	opts.RootCAs, opts.Now = pool, clock.now
	if opts.UnsafeAllow == nil {
		opts.UnsafeAllow = loopback
	}
	return s, srv, NewHTTPResolver(opts), clock
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestHTTPResolverVerify(t *testing.T) {
	s, srv, r, clock := tlsSite(t, ResolverOptions{})
	key, _ := NewKey("ota-2026-01", issuedAt())
	ks, _ := NewKeySet(key)
	jwks, _ := ks.JWKS()
	issuer := srv.URL + "/issuers/131113"
	listURL := srv.URL + "/status/131113/1"
	list, _ := NewStatusList(0)
	publish := func() {
		sc, err := BuildStatusListCredential(listURL, issuer, "大田区", issuedAt(), list)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := SignStatusList(sc, key)
		if err != nil {
			t.Fatal(err)
		}
		s.set(jwks, tok)
	}
	publish()

	e := testExperience()
	e.BaseURL, e.StatusListURL = srv.URL, listURL
	c, err := Build(e)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := Sign(c, key)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := Verify(ctx, tok, r, issuedAt())
	if err != nil {
		t.Fatal(err)
	}
	if !res.StatusChecked || res.IssuerID != issuer {
		t.Fatalf("result = %+v", res)
	}
	if got := s.asked(); got != "/.well-known/jwks.json /status/131113/1" {
		t.Fatalf("fetched %q", got)
	}
	// Revoked: seen once the cached list expires, and not before.
	if err := list.Set(42, true); err != nil {
		t.Fatal(err)
	}
	publish()
	if _, err := Verify(ctx, tok, r, issuedAt()); err != nil {
		t.Errorf("within the cache's time: %v", err)
	}
	if got := s.asked(); got != "/.well-known/jwks.json /status/131113/1" {
		t.Errorf("a second check fetched again: %q", got)
	}
	clock.advance(DefaultStatusTTL)
	_, err = Verify(ctx, tok, r, issuedAt())
	wantCode(t, err, CodeRevoked)
	if got := s.asked(); got != "/.well-known/jwks.json /status/131113/1 /status/131113/1" {
		t.Errorf("after the list expired, fetched %q", got)
	}
}

// TestHTTPResolverRefusals asks for each kind of URL the verifier must
// not fetch, and checks the exact reason.
func TestHTTPResolverRefusals(t *testing.T) {
	s, srv, allowLoopback, _ := tlsSite(t, ResolverOptions{Timeout: 100 * time.Millisecond, MaxBytes: 1024})
	ctx := context.Background()
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	trustAll := func(context.Context, string) bool { return true }
	strict := NewHTTPResolver(ResolverOptions{Trusted: trustAll, Timeout: 100 * time.Millisecond})
	for _, c := range []struct {
		name, url string
		r         *HTTPResolver
		want      Refusal
	}{
		{"an origin not registered", "https://tsunagu.example.org/status/131113/1", allowLoopback, RefusedUntrusted},
		{"plain http", "http://tsunagu.example.jp/status/131113/1", strict, RefusedNotHTTPS},
		{"another scheme", "ftp://127.0.0.1/status/1", strict, RefusedNotHTTPS},
		{"a relative URL", "/status/131113/1", strict, RefusedNotHTTPS},
		{"user information", "https://user:pw@tsunagu.example.jp/status/1", strict, RefusedNotHTTPS},
		{"loopback", srv.URL + "/status/131113/1", strict, RefusedLoopback},
		{"a name that resolves to loopback", "https://localhost" + port + "/status/131113/1", strict, RefusedLoopback},
		{"IPv6 loopback", "https://[::1]/status/1", strict, RefusedLoopback},
		{"private", "https://10.20.30.40/status/1", strict, RefusedPrivate},
		{"private 192.168", "https://192.168.1.1/status/1", strict, RefusedPrivate},
		{"cloud metadata (link-local)", "https://169.254.169.254/latest/meta-data", strict, RefusedLinkLocal},
		{"carrier-grade NAT", "https://100.64.0.1/status/1", strict, RefusedSpecial},
		{"unspecified", "https://0.0.0.0" + port + "/status/1", strict, RefusedSpecial},
		{"a redirect, even to the same site", srv.URL + "/redirect-same", allowLoopback, RefusedRedirect},
		{"a body over the limit", srv.URL + "/big", allowLoopback, RefusedTooLarge},
		{"a slow answer", srv.URL + "/slow", allowLoopback, RefusedTimeout},
		{"not found", srv.URL + "/missing", allowLoopback, RefusedHTTPStatus},
	} {
		_, err := c.r.StatusList(ctx, c.url)
		if got := RefusalOf(err); got != c.want {
			t.Errorf("%s: refusal %q (%v), want %q", c.name, got, err, c.want)
		}
	}
	if got := s.asked(); got != "/redirect-same /big /slow /missing" {
		t.Errorf("the site was asked for %q", got)
	}
	// Keys refuse the same way, and derive the URL from the issuer's origin.
	if _, err := allowLoopback.Keys(ctx, "https://tsunagu.example.org/issuers/131113"); RefusalOf(err) != RefusedUntrusted {
		t.Errorf("keys of an unregistered issuer: %v", err)
	}
	if _, err := strict.Keys(ctx, srv.URL+"/issuers/131113"); RefusalOf(err) != RefusedLoopback {
		t.Errorf("keys on loopback: %v", err)
	}
}

func TestAddressClassification(t *testing.T) {
	for addr, want := range map[string]Refusal{
		"127.0.0.1": RefusedLoopback, "127.8.9.10": RefusedLoopback, "::1": RefusedLoopback, "::ffff:127.0.0.1": RefusedLoopback,
		"10.0.0.1": RefusedPrivate, "172.16.5.4": RefusedPrivate, "192.168.0.1": RefusedPrivate, "fd00::1": RefusedPrivate,
		"::ffff:10.1.2.3": RefusedPrivate,
		"169.254.169.254": RefusedLinkLocal, "fe80::1": RefusedLinkLocal,
		"0.0.0.0": RefusedSpecial, "::": RefusedSpecial, "100.64.0.1": RefusedSpecial, "192.0.2.1": RefusedSpecial,
		"198.18.0.1": RefusedSpecial, "203.0.113.9": RefusedSpecial, "240.0.0.1": RefusedSpecial, "255.255.255.255": RefusedSpecial,
		"224.0.0.1": RefusedLinkLocal, "239.1.1.1": RefusedSpecial, "ff02::1": RefusedLinkLocal, "ff05::1": RefusedSpecial, "2001:db8::1": RefusedSpecial,
		"64:ff9b::a00:1": RefusedSpecial, "2002:a00:1::": RefusedSpecial, "2001::1": RefusedSpecial, "fec0::1": RefusedSpecial,
		"8.8.8.8": "", "133.242.0.1": "", "2001:4860:4860::8888": "", "2400:cb00::1": "",
	} {
		if got := classify(netip.MustParseAddr(addr)); got != want {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
}

func TestResolverCacheIsBounded(t *testing.T) {
	s, srv, r, clock := tlsSite(t, ResolverOptions{CacheEntries: 2})
	s.set([]byte(`{"keys":[]}`), "list")
	ctx := context.Background()
	for _, path := range []string{"/status/131113/1", "/status/131113/1", "/.well-known/jwks.json"} {
		if _, err := r.StatusList(ctx, srv.URL+path); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.asked(); got != "/status/131113/1 /.well-known/jwks.json" {
		t.Errorf("asked %q", got)
	}
	// A third URL pushes out the oldest entry.
	for _, path := range []string{"/status/131113/2", "/status/131113/1"} {
		if _, err := r.StatusList(ctx, srv.URL+path); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.asked(); got != "/status/131113/1 /.well-known/jwks.json /status/131113/2 /status/131113/1" {
		t.Errorf("asked %q", got)
	}
	if r.cache.len() != 2 {
		t.Errorf("the cache holds %d entries, want 2", r.cache.len())
	}
	// Key sets are kept for KeysTTL, then fetched again.
	for range 2 {
		if _, err := r.Keys(ctx, srv.URL+"/issuers/131113"); err != nil {
			t.Fatal(err)
		}
	}
	clock.advance(DefaultKeysTTL)
	if _, err := r.Keys(ctx, srv.URL+"/issuers/131113"); err != nil {
		t.Fatal(err)
	}
	if got := s.asked(); !strings.HasSuffix(got, "/status/131113/1 /.well-known/jwks.json /.well-known/jwks.json") {
		t.Errorf("key set fetches: %q", got)
	}
}

func TestOriginOf(t *testing.T) {
	for raw, want := range map[string]string{
		"https://Tsunagu.Tsubame.example.JP":            "https://tsunagu.tsubame.example.jp",
		"https://tsunagu.example.jp:443/issuers/152137": "https://tsunagu.example.jp",
		"https://tsunagu.example.jp:8443/x?y#z":         "https://tsunagu.example.jp:8443",
		"HTTPS://[2001:db8::1]/":                        "https://[2001:db8::1]",
		"https://[2001:db8::1]:8443":                    "https://[2001:db8::1]:8443",
	} {
		if got, err := OriginOf(raw); err != nil || got != want {
			t.Errorf("OriginOf(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	for _, raw := range []string{"http://tsunagu.example.jp", "//tsunagu.example.jp", "https://", "https://u@tsunagu.example.jp",
		"tsunagu.example.jp", "mailto:x@example.jp"} {
		if got, err := OriginOf(raw); err == nil {
			t.Errorf("OriginOf(%q) = %q, want an error", raw, got)
		}
	}
}
