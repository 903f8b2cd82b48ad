package credential

import (
	"context"
	"net/http"
	"net/http/httptest"
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
	case "/status/131113/1":
		w.Header().Set("Content-Type", "application/vc+jwt")
		w.Write([]byte(list + "\n"))
	case "/redirect-out":
		http.Redirect(w, r, "http://tsunagu.example.invalid/status", http.StatusFound)
	case "/slow":
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
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

func TestHTTPResolverVerify(t *testing.T) {
	for _, tlsOn := range []bool{false, true} {
		name := map[bool]string{false: "http on loopback", true: "https"}[tlsOn]
		t.Run(name, func(t *testing.T) {
			s := &site{}
			var srv *httptest.Server
			if tlsOn {
				srv = httptest.NewTLSServer(s)
			} else {
				srv = httptest.NewServer(s)
			}
			defer srv.Close()
			r := HTTPResolver{Client: srv.Client(), Timeout: 5 * time.Second}

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
			s.mu.Lock()
			paths := strings.Join(s.paths, " ")
			s.mu.Unlock()
			if paths != "/.well-known/jwks.json /status/131113/1" {
				t.Fatalf("fetched %q", paths)
			}

			if err := list.Set(42, true); err != nil {
				t.Fatal(err)
			}
			publish()
			_, err = Verify(ctx, tok, r, issuedAt())
			wantCode(t, err, CodeRevoked)
		})
	}
}

func TestHTTPResolverRefuses(t *testing.T) {
	s := &site{}
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx := context.Background()
	r := HTTPResolver{Client: srv.Client(), Timeout: 200 * time.Millisecond, MaxStatusListBytes: 1024}

	for _, u := range []string{
		"http://tsunagu.example.jp/issuers/131113", // plain http off loopback: no request is made
		"ftp://127.0.0.1/issuers/1",
		"/issuers/131113",
		"https://user:pw@tsunagu.example.jp/issuers/1",
	} {
		if _, err := r.Keys(ctx, u); err == nil {
			t.Errorf("Keys(%q) accepted", u)
		}
		if _, err := r.StatusList(ctx, u); err == nil {
			t.Errorf("StatusList(%q) accepted", u)
		}
	}
	cases := map[string]string{
		"not found":              "/missing",
		"redirect to plain http": "/redirect-out",
		"timeout":                "/slow",
		"body over the limit":    "/big",
	}
	for name, path := range cases {
		start := time.Now()
		if _, err := r.StatusList(ctx, srv.URL+path); err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
		if time.Since(start) > 3*time.Second {
			t.Errorf("%s: took %v", name, time.Since(start))
		}
	}

	s.set(make([]byte, 100), "")
	small := HTTPResolver{Client: srv.Client(), MaxJWKSBytes: 99}
	if _, err := small.Keys(ctx, srv.URL+"/issuers/1"); err == nil {
		t.Error("JWKS over the limit accepted")
	}
	deny := HTTPResolver{Client: srv.Client(), AllowHost: func(h string) bool { return h == "tsunagu.example.jp" }}
	if _, err := deny.Keys(ctx, srv.URL+"/issuers/1"); err == nil {
		t.Error("host outside AllowHost fetched")
	}
	for _, h := range []string{"127.0.0.1", "127.8.9.10", "::1", "localhost"} {
		if !isLoopback(h) {
			t.Errorf("%s is loopback", h)
		}
	}
	for _, h := range []string{"10.0.0.1", "example.com", "localhost.example.com", "0.0.0.0"} {
		if isLoopback(h) {
			t.Errorf("%s is not loopback", h)
		}
	}
}
