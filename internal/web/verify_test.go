package web

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// appWith builds another server over the world's store: reached at
// baseURL, fetching other instances with fetch.
func (w *world) appWith(t *testing.T, baseURL string, fetch credential.ResolverOptions) *Server {
	t.Helper()
	ref, err := refdata.Load()
	must(t, err)
	cat, err := i18n.Load()
	must(t, err)
	s, err := New(withServices(t, Config{Ref: ref, Catalog: cat, Search: analyzer(), Version: "test",
		Now: func() time.Time { return testNow }, BaseURL: baseURL}, w.st, w.keys, fetch))
	must(t, err)
	return s
}

// tlsInstance serves a handler over TLS on loopback, with the handler set
// once the address (its base URL) is known. It records the paths asked.
type tlsInstance struct {
	srv     *httptest.Server
	mu      sync.Mutex
	handler http.Handler
	paths   []string
}

func newTLSInstance(t *testing.T) *tlsInstance {
	in := &tlsInstance{}
	in.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in.mu.Lock()
		in.paths = append(in.paths, r.URL.Path)
		h := in.handler
		in.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(in.srv.Close)
	return in
}

func (in *tlsInstance) serve(h http.Handler) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.handler = h
}

func (in *tlsInstance) asked() string {
	in.mu.Lock()
	defer in.mu.Unlock()
	return strings.Join(in.paths, " ")
}

// verifyAPI posts a credential to the JSON API.
func verifyAPI(t *testing.T, base, token string) (int, map[string]any, http.Header) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"credential": token})
	resp, err := http.Post(base+"/api/v1/credentials/verify?lang=ja", "application/json", bytes.NewReader(body))
	must(t, err)
	defer resp.Body.Close()
	var out map[string]any
	must(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out, resp.Header
}

// attackerCredential is what the review made: a server of its own that
// signs a credential naming itself 大田区.
func attackerCredential(t *testing.T, attacker *tlsInstance) string {
	t.Helper()
	key, err := credential.NewKey("131113-20260101-evil00", testNow.AddDate(0, -1, 0))
	must(t, err)
	ks, err := credential.NewKeySet(key)
	must(t, err)
	jwks, err := ks.JWKS()
	must(t, err)
	attacker.serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(jwks) }))
	c, err := credential.Build(credential.Experience{CredentialID: "forged-1", IssuerLGCode: "131113", IssuerName: "大田区",
		BaseURL: attacker.srv.URL, TalentName: "偽 太郎", ProjectTitle: "偽りの実績", ProjectDescription: "偽",
		Start: testNow.AddDate(0, -3, 0), End: testNow.AddDate(0, -1, 0), IssuedAt: testNow.AddDate(0, 0, -1)})
	must(t, err)
	tok, err := credential.Sign(c, key)
	must(t, err)
	return tok
}

// TestVerifyTrustsOnlyRegisteredIssuers: this hub's own credential is
// valid and named from its records; an attacker's server that names
// itself 大田区 is shown as an unregistered issuer without a single
// request to it; another instance's credential counts once that instance
// is registered, under its registered name, with revocation seen after
// the cached list expires.
func TestVerifyTrustsOnlyRegisteredIssuers(t *testing.T) { eachEngine(t, trustScenario) }

func trustScenario(t *testing.T, w *world) {
	ctx := context.Background()
	attacker, partner := newTLSInstance(t), newTLSInstance(t)
	pool := x509.NewCertPool()
	pool.AddCert(attacker.srv.Certificate())
	pool.AddCert(partner.srv.Certificate())
	var clockMu sync.Mutex
	clock := testNow
	hub := w.appWith(t, "http://tsunagu.test", credential.ResolverOptions{RootCAs: pool,
		UnsafeAllow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")},
		Now:         func() time.Time { clockMu.Lock(); defer clockMu.Unlock(); return clock }})
	srv := httptest.NewServer(hub.Handler())
	t.Cleanup(srv.Close)

	// This hub's own credential.
	p, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	team := w.team(t, w.entrant(t, "本物 花子", p.ID, w.green.ID), w.green.ID, true)
	if n, err := hub.app.Credentials.Issuer().IssueFor(ctx, team.engagement); err != nil || n != 1 {
		t.Fatalf("issue: %d %v", n, err)
	}
	issued, err := w.st.Issuance().IssuedCredentials(ctx, w.ota.ID, 0)
	must(t, err)
	status, got, _ := verifyAPI(t, srv.URL, issued[0].JWT)
	if status != 200 || got["status"] != "valid" || got["valid"] != true ||
		!reflect.DeepEqual(got["issuer"], map[string]any{"id": "http://tsunagu.test/issuers/131113", "name": "大田区", "registered": true}) {
		t.Fatalf("own credential: %d %+v", status, got)
	}

	// The attacker's: refused before anything is fetched.
	forged := attackerCredential(t, attacker)
	status, got, _ = verifyAPI(t, srv.URL, forged)
	want := map[string]any{"valid": false, "status": "untrusted_issuer", "code": "untrusted_issuer",
		"reason": "この証明書の発行者は、このサイトに登録されていません。登録されていない発行者の証明書は、署名を確かめず、有効とはみなしません。発行した自治体に、登録済みの発行者か確認してください。",
		"issuer": map[string]any{"id": attacker.srv.URL + "/issuers/131113", "registered": false}}
	if status != 200 || !reflect.DeepEqual(got, want) {
		t.Errorf("forged credential: %d\n got %+v\nwant %+v", status, got, want)
	}
	status, page, _ := send(t, w.browser(t), "POST", srv.URL+"/credentials/verify?lang=ja", url.Values{"credential": {forged}})
	if status != 200 || !strings.Contains(page, "登録されていない発行者の証明書です") || strings.Contains(page, "有効な証明書です") ||
		strings.Contains(page, "偽りの実績") || strings.Contains(page, "偽 太郎") {
		t.Errorf("forged credential on the page: %d\n%s", status, page)
	}
	if asked := attacker.asked(); asked != "" {
		t.Errorf("the verifier asked the attacker's server for %q", asked)
	}

	// Another instance's credential: untrusted until registered.
	pw := newWorld(t)
	other := pw.appWith(t, partner.srv.URL, credential.ResolverOptions{})
	partner.serve(other.Handler())
	pp, err := pw.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	pteam := pw.team(t, pw.entrant(t, "遠方 次郎", pp.ID, pw.web.ID), pw.web.ID, true)
	if n, err := other.app.Credentials.Issuer().IssueFor(ctx, pteam.engagement); err != nil || n != 1 {
		t.Fatalf("issue on the other instance: %d %v", n, err)
	}
	pissued, err := pw.st.Issuance().IssuedCredentials(ctx, pw.ota.ID, 0)
	must(t, err)
	if _, got, _ = verifyAPI(t, srv.URL, pissued[0].JWT); got["status"] != "untrusted_issuer" {
		t.Errorf("before registering: %+v", got)
	}
	must(t, w.st.Issuance().AddTrustedIssuer(ctx, &store.TrustedIssuer{Origin: partner.srv.URL, Name: "遠方つなぐ"}))
	_, got, _ = verifyAPI(t, srv.URL, pissued[0].JWT)
	if got["status"] != "valid" || !reflect.DeepEqual(got["issuer"],
		map[string]any{"id": partner.srv.URL + "/issuers/131113", "name": "遠方つなぐ", "registered": true}) {
		t.Fatalf("a registered instance's credential: %+v", got)
	}
	status, page, _ = send(t, w.browser(t), "POST", srv.URL+"/credentials/verify?lang=ja", url.Values{"credential": {pissued[0].JWT}})
	if status != 200 || !strings.Contains(page, "有効な証明書です") || !strings.Contains(page, "<dd>遠方つなぐ</dd>") ||
		!strings.Contains(page, `<dd class="small break">`+partner.srv.URL+"/issuers/131113</dd>") {
		t.Errorf("a registered instance's credential on the page: %d", status)
	}
	if asked := partner.asked(); asked != "/.well-known/jwks.json /status/131113" {
		t.Errorf("the registered instance was asked for %q", asked)
	}
	// Revoked there: seen here once the cached list expires.
	must(t, pw.st.Issuance().RevokeCredential(ctx, pissued[0].ID, "誤り"))
	if _, got, _ = verifyAPI(t, srv.URL, pissued[0].JWT); got["status"] != "valid" {
		t.Errorf("within the cache time: %+v", got)
	}
	clockMu.Lock()
	clock = clock.Add(credential.DefaultStatusTTL)
	clockMu.Unlock()
	if _, got, _ = verifyAPI(t, srv.URL, pissued[0].JWT); got["status"] != "invalid" || got["code"] != "revoked" || got["revoked"] != true {
		t.Errorf("revoked on the other instance: %+v", got)
	}
	// Unregistered again: refused, and nothing more is fetched.
	_, err = w.st.Issuance().RemoveTrustedIssuer(ctx, partner.srv.URL)
	must(t, err)
	before := partner.asked()
	if _, got, _ = verifyAPI(t, srv.URL, pissued[0].JWT); got["status"] != "untrusted_issuer" || partner.asked() != before {
		t.Errorf("after removing the instance: %+v, asked %q", got, partner.asked())
	}
}

// TestVerifyIsRateLimited: each client address may check 20 credentials
// at once and one more every 3 seconds; the 21st answers 429 with a
// translated message, on the page and in the API alike.
func TestVerifyIsRateLimited(t *testing.T) {
	w := newWorld(t)
	srv := httptest.NewServer(w.appWith(t, "http://tsunagu.test", credential.ResolverOptions{}).Handler())
	t.Cleanup(srv.Close)
	c := w.browser(t)
	for i := range verifyBurst {
		if status, _, _ := send(t, c, "POST", srv.URL+"/credentials/verify", url.Values{"credential": {"not.a.jwt"}}); status != 200 {
			t.Fatalf("check %d: %d", i+1, status)
		}
	}
	status, body, h := send(t, c, "POST", srv.URL+"/credentials/verify?lang=ja", url.Values{"credential": {"not.a.jwt"}})
	if status != 429 || h.Get("Retry-After") != "3" || !strings.Contains(body, "短い間に確認の回数が多すぎます。1分ほど待ってから、もう一度お試しください。") {
		t.Errorf("page over the limit: %d %q", status, h.Get("Retry-After"))
	}
	status, got, h := verifyAPI(t, srv.URL, "not.a.jwt")
	want := map[string]any{"error": map[string]any{"code": "rate_limited",
		"message": "短い間に確認の回数が多すぎます。1分ほど待ってから、もう一度お試しください。", "reference": h.Get("X-Request-Id")}}
	if status != 429 || h.Get("Retry-After") != "3" || !reflect.DeepEqual(got, want) {
		t.Errorf("API over the limit: %d %+v", status, got)
	}
	status, body, _ = send(t, c, "POST", srv.URL+"/credentials/verify?lang=en", url.Values{"credential": {"not.a.jwt"}})
	if status != 429 || !strings.Contains(body, "Too many checks in a short time. Please wait about a minute and try again.") {
		t.Errorf("English page over the limit: %d", status)
	}
	// The form itself is not limited.
	if status, _, _ := send(t, c, "GET", srv.URL+"/credentials/verify", nil); status != 200 {
		t.Errorf("the form: %d", status)
	}
}

// TestExportsHoldNoKeys downloads a municipality's export and a person's
// data after a credential was issued, and finds no private key in them.
func TestExportsHoldNoKeys(t *testing.T) { eachEngine(t, exportsScenario) }

func exportsScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	_, admin := w.member(t, "admin@city.example.jp", "区 管理者", domain.RoleMunicipalityAdmin, office.ID)
	c := w.signedIn(t, "holder@example.jp", "証明 持子")
	creds, err := w.st.Accounts().Credentials(ctx, "holder@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: creds.User.ID, Name: "証明 持子", NameKana: "ショウメイ モチコ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().CreateTalent(ctx, &tal))
	p, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: p.ID, TalentID: tal.ID, Choices: []int64{w.web.ID},
		Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: testNow}
	must(t, w.st.Entries().CreateEntry(ctx, &e))
	team := w.team(t, e, w.web.ID, true)
	if n, err := w.app.app.Credentials.Issuer().IssueFor(ctx, team.engagement); err != nil || n != 1 {
		t.Fatalf("issue: %d %v", n, err)
	}
	keys, err := w.st.Issuance().IssuerKeys(ctx, w.ota.ID)
	must(t, err)
	if len(keys) != 1 {
		t.Fatalf("%d keys", len(keys))
	}
	secrets := []string{"PRIVATE KEY", "tsk1:", keys[0].PrivateKey, keys[0].PrivateKey[len(keys[0].PrivateKey)-40:]}
	for name, get := range map[string]struct {
		c    *http.Client
		path string
	}{
		"municipality export": {admin, "/admin/131113/export"},
		"my data":             {c, "/me/data"},
	} {
		status, body, _ := send(t, get.c, "GET", w.srv.URL+get.path, nil)
		if status != 200 || !strings.Contains(body, "131113") && name == "municipality export" {
			t.Fatalf("%s: %d", name, status)
		}
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("%s holds %q", name, s[:min(len(s), 12)])
			}
		}
	}
}

// verifyToken checks a credential from this hub or a registered instance.
func (s *Server) verifyToken(ctx context.Context, token string) (app.Verification, error) {
	c := s.app.Credentials.Verify(ctx, token)
	return c.Verification, c.Err
}
