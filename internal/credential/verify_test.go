package credential

import (
	"bytes"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestVerifyRoundTrip(t *testing.T) {
	f := newFixture(t)
	tok := f.issue(t, nil)
	res, err := f.verify(tok, issuedAt().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"id", res.Credential.ID, testBase + "/credentials/c-0001"},
		{"kid", res.KeyID, "ota-2026-01"},
		{"issuer", res.IssuerID, testIssuer},
		{"issuer name", res.IssuerName, "大田区"},
		{"title", res.Title, "商店街のウェブサイト刷新"},
		{"description", res.Description, "蒲田の商店街連合会のサイトを作り直した。"},
		{"holder", res.HolderName, "山田 花子"},
		{"role", res.Role, "Web designer"},
		{"start", res.Start, time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)},
		{"end", res.End, time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)},
		{"hours", res.Hours, 40.0},
		{"valid from", res.ValidFrom, issuedAt()},
		{"status checked", res.StatusChecked, true},
		{"revoked", res.Revoked, false},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if !slices.Equal(res.SDGs, []int{9, 11}) {
		t.Errorf("SDGs = %v", res.SDGs)
	}
	if !slices.Equal(res.Outcomes, []string{"アクセス数が2倍", "スマホ対応"}) {
		t.Errorf("outcomes = %q", res.Outcomes)
	}
	if !res.ValidUntil.IsZero() {
		t.Errorf("valid until = %v, want none", res.ValidUntil)
	}
}

// Any town verifies any other town's credential with that town's keys.
func TestVerifyOtherTown(t *testing.T) {
	f := newFixture(t)
	other, err := NewKey("other-1", issuedAt())
	if err != nil {
		t.Fatal(err)
	}
	ks, _ := NewKeySet(other)
	jwks, _ := ks.JWKS()
	const otherBase = "https://tsunagu.other.example.jp"
	f.res.keys[otherBase+"/issuers/012025"] = jwks
	e := testExperience()
	e.BaseURL, e.IssuerLGCode, e.IssuerName, e.StatusListURL = otherBase, "012025", "函館市", ""
	c, err := Build(e)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := Sign(c, other)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.verify(tok, issuedAt())
	if err != nil {
		t.Fatal(err)
	}
	if res.IssuerName != "函館市" || res.StatusChecked {
		t.Fatalf("result = %+v", res)
	}
}

func TestVerifyTamperedPayload(t *testing.T) {
	f := newFixture(t)
	h, p, sig := tokenParts(t, f.issue(t, nil))
	i := bytes.Index(p, []byte(`"creditsEarned":40`))
	if i < 0 {
		t.Fatalf("payload has no creditsEarned: %s", p)
	}
	p[i+len(`"creditsEarned":`)] = '9' // 40 hours become 90
	_, err := f.verify(join(h, p, sig), issuedAt())
	wantCode(t, err, CodeInvalidSignature)
}

func TestVerifyRejectsOtherAlgorithms(t *testing.T) {
	f := newFixture(t)
	h, p, sig := tokenParts(t, f.issue(t, nil))
	none := bytes.Replace(h, []byte(`"EdDSA"`), []byte(`"none"`), 1)
	cases := map[string]string{
		"none, signature kept":  join(none, p, sig),
		"none, empty signature": strings.TrimSuffix(join(none, p, sig), sig),
	}
	// HS256 keyed with the public key: the classic algorithm confusion.
	hs := bytes.Replace(h, []byte(`"EdDSA"`), []byte(`"HS256"`), 1)
	input := base64.RawURLEncoding.EncodeToString(hs) + "." + base64.RawURLEncoding.EncodeToString(p)
	mac := hmac.New(sha256.New, f.key.Public())
	mac.Write([]byte(input))
	cases["HS256 with the public key"] = input + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := f.verify(tok, issuedAt())
			if c := CodeOf(err); c != CodeInvalidSignature && c != CodeMalformed {
				t.Fatalf("code = %q (err %v), want rejection", c, err)
			}
		})
	}
}

func TestVerifyWrongKid(t *testing.T) {
	f := newFixture(t)
	h, p, sig := tokenParts(t, f.issue(t, nil))
	h = bytes.Replace(h, []byte(`"ota-2026-01"`), []byte(`"ota-2099-99"`), 1)
	_, err := f.verify(join(h, p, sig), issuedAt())
	wantCode(t, err, CodeUnknownKey)
}

// A credential that claims Ota as issuer but is signed by a key Ota does
// not publish must fail, whatever kid it names.
func TestVerifyForgedIssuer(t *testing.T) {
	f := newFixture(t)
	for name, kid := range map[string]string{"own kid": "attacker-1", "Ota's kid": f.key.ID} {
		t.Run(name, func(t *testing.T) {
			attacker, err := NewKey(kid, issuedAt())
			if err != nil {
				t.Fatal(err)
			}
			c, err := Build(testExperience())
			if err != nil {
				t.Fatal(err)
			}
			tok, err := Sign(c, attacker)
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.verify(tok, issuedAt())
			want := CodeUnknownKey
			if kid == f.key.ID {
				want = CodeInvalidSignature
			}
			wantCode(t, err, want)
		})
	}
}

func TestVerifyValidityWindow(t *testing.T) {
	f := newFixture(t)
	until := issuedAt().AddDate(1, 0, 0)
	tok := f.issue(t, func(e *Experience) { e.ValidUntil = until })
	cases := []struct {
		name string
		now  time.Time
		want Code
	}{
		{"long before", issuedAt().Add(-time.Hour), CodeNotYetValid},
		{"just before, within skew", issuedAt().Add(-4 * time.Minute), ""},
		{"at validFrom", issuedAt(), ""},
		{"just after validUntil, within skew", until.Add(4 * time.Minute), ""},
		{"after validUntil", until.Add(ClockSkew), CodeExpired},
		{"long after", until.AddDate(1, 0, 0), CodeExpired},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := f.verify(tok, c.now)
			wantCode(t, err, c.want)
			if res.Title == "" {
				t.Fatal("result should be filled in for a credential whose signature is good")
			}
		})
	}
}

func TestVerifyRevoked(t *testing.T) {
	f := newFixture(t)
	tok := f.issue(t, nil)
	other := f.issue(t, func(e *Experience) { e.CredentialID, e.StatusIndex = "c-0002", 43 })
	if err := f.list.Set(42, true); err != nil {
		t.Fatal(err)
	}
	f.publishList(t, f.key, testIssuer)
	res, err := f.verify(tok, issuedAt().Add(time.Hour))
	wantCode(t, err, CodeRevoked)
	if !res.Revoked || !res.StatusChecked || res.Title == "" {
		t.Fatalf("result = %+v", res)
	}
	if _, err := f.verify(other, issuedAt().Add(time.Hour)); err != nil {
		t.Fatalf("neighbouring index: %v", err)
	}
	if err := f.list.Set(42, false); err != nil {
		t.Fatal(err)
	}
	f.publishList(t, f.key, testIssuer)
	if _, err := f.verify(tok, issuedAt().Add(time.Hour)); err != nil {
		t.Fatalf("after reinstating: %v", err)
	}
}

func TestVerifyStatusListProblems(t *testing.T) {
	cases := map[string]struct {
		setup func(t *testing.T, f *fixture) string
		inner Code // the wrapped reason, if any
	}{
		"signed by a key outside the issuer's set": {func(t *testing.T, f *fixture) string {
			stranger, _ := NewKey("stranger", issuedAt())
			f.publishList(t, stranger, testIssuer)
			return f.issue(t, nil)
		}, CodeUnknownKey},
		"signed by a stranger using the issuer's kid": {func(t *testing.T, f *fixture) string {
			stranger, _ := NewKey(f.key.ID, issuedAt())
			f.publishList(t, stranger, testIssuer)
			return f.issue(t, nil)
		}, CodeInvalidSignature},
		"names another issuer": {func(t *testing.T, f *fixture) string {
			f.publishList(t, f.key, testBase+"/issuers/012025")
			return f.issue(t, nil)
		}, CodeMalformed},
		"not served": {func(t *testing.T, f *fixture) string {
			delete(f.res.lists, testListURL)
			return f.issue(t, nil)
		}, ""},
		"index beyond the list": {func(t *testing.T, f *fixture) string {
			return f.issue(t, func(e *Experience) { e.StatusIndex = MinStatusListEntries })
		}, ""},
		"served at another URL than its id": {func(t *testing.T, f *fixture) string {
			f.res.lists[testListURL+"x"] = f.res.lists[testListURL]
			return f.issue(t, func(e *Experience) { e.StatusListURL = testListURL + "x" })
		}, CodeMalformed},
		"an OpenBadgeCredential instead of a status list": {func(t *testing.T, f *fixture) string {
			tok := f.issue(t, nil)
			f.res.lists[testListURL] = tok
			return tok
		}, CodeWrongType},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			tok := c.setup(t, f)
			res, err := f.verify(tok, issuedAt())
			wantCode(t, err, CodeStatusUnavailable)
			if res.Title != "" {
				t.Error("result should be zero when status is unknown")
			}
			if c.inner != "" {
				var inner *Error
				if !errors.As(errors.Unwrap(err), &inner) || inner.Code != c.inner {
					t.Fatalf("inner reason of %v, want %q", err, c.inner)
				}
			}
		})
	}
}

func TestVerifyIssuerUnreachable(t *testing.T) {
	f := newFixture(t)
	tok := f.issue(t, nil)
	delete(f.res.keys, testIssuer)
	_, err := f.verify(tok, issuedAt())
	wantCode(t, err, CodeIssuerUnreachable)
	f.res.keys[testIssuer] = []byte("<html>not a key set</html>")
	_, err = f.verify(tok, issuedAt())
	wantCode(t, err, CodeIssuerUnreachable)
}

func TestVerifyWrongType(t *testing.T) {
	f := newFixture(t)
	c, err := Build(testExperience())
	if err != nil {
		t.Fatal(err)
	}
	c.Type = Types{TypeVerifiableCredential}
	rc := claimsFor(c.ID, c.Issuer.ID, "", c.ValidFrom, c.ValidUntil)
	tok, err := signJSON(c, rc, f.key, c.ValidFrom.Time)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.verify(tok, issuedAt())
	wantCode(t, err, CodeWrongType)

	// A status list credential is not an experience credential.
	_, err = f.verify(f.res.lists[testListURL], issuedAt())
	wantCode(t, err, CodeWrongType)

	// Nor is a JWT of another media type.
	h, p, _ := tokenParts(t, f.issue(t, nil))
	h = bytes.Replace(h, []byte(`"vc+jwt"`), []byte(`"JWT"`), 1)
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(p)
	sig := ed25519.Sign(f.key.Private, []byte(input))
	_, err = f.verify(input+"."+base64.RawURLEncoding.EncodeToString(sig), issuedAt())
	wantCode(t, err, CodeWrongType)
}

func TestVerifyRegisteredClaimsMustAgree(t *testing.T) {
	f := newFixture(t)
	c, err := Build(testExperience())
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]func(*registeredClaims){
		"iss": func(rc *registeredClaims) { rc.Iss = testBase + "/issuers/012025" },
		"jti": func(rc *registeredClaims) { rc.Jti = "urn:uuid:00000000-0000-4000-8000-000000000000" },
		"nbf": func(rc *registeredClaims) { rc.Nbf-- },
		"exp": func(rc *registeredClaims) { rc.Exp = issuedAt().AddDate(5, 0, 0).Unix() },
		"sub": func(rc *registeredClaims) { rc.Sub = "did:example:someone-else" },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			rc := claimsFor(c.ID, c.Issuer.ID, "", c.ValidFrom, c.ValidUntil)
			edit(&rc)
			tok, err := signJSON(c, rc, f.key, c.ValidFrom.Time)
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.verify(tok, issuedAt())
			wantCode(t, err, CodeMalformed)
		})
	}
}

func TestVerifyMalformed(t *testing.T) {
	f := newFixture(t)
	h, p, sig := tokenParts(t, f.issue(t, nil))
	b64 := base64.RawURLEncoding.EncodeToString
	cases := map[string]string{
		"empty":              "",
		"one part":           "abc",
		"two parts":          "abc.def",
		"four parts":         join(h, p, sig) + ".x",
		"padded":             b64(h) + "=." + b64(p) + "." + sig,
		"not base64":         "e30.%%%." + sig,
		"header not JSON":    b64([]byte("EdDSA")) + "." + b64(p) + "." + sig,
		"payload not JSON":   b64(h) + "." + b64([]byte("hello")) + "." + sig,
		"crit header":        join(bytes.Replace(h, []byte("{"), []byte(`{"crit":["exp"],`), 1), p, sig),
		"JSON serialization": `{"payload":"` + b64(p) + `","signatures":[]}`,
		"issuer not a URL":   join(h, bytes.Replace(p, []byte(`"id":"`+testIssuer+`"`), []byte(`"id":"ota"`), 1), sig),
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := f.verify(tok, issuedAt())
			wantCode(t, err, CodeMalformed)
		})
	}
	// A header without kid cannot name a key.
	noKid := bytes.Replace(h, []byte(`"kid":"ota-2026-01"`), []byte(`"x":"y"`), 1)
	_, err := f.verify(join(noKid, p, sig), issuedAt())
	wantCode(t, err, CodeUnknownKey)
}
