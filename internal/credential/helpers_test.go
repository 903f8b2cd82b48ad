package credential

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

const (
	testBase    = "https://tsunagu.example.jp"
	testIssuer  = testBase + "/issuers/131113"
	testListURL = testBase + "/status/131113/1"
)

func issuedAt() time.Time { return time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC) }

// memResolver serves JWK Sets and status lists from maps.
type memResolver struct {
	keys  map[string][]byte
	lists map[string]string
}

func (m memResolver) Keys(_ context.Context, issuerID string) ([]byte, error) {
	b, ok := m.keys[issuerID]
	if !ok {
		return nil, errors.New("no such issuer")
	}
	return b, nil
}

func (m memResolver) StatusList(_ context.Context, url string) (string, error) {
	s, ok := m.lists[url]
	if !ok {
		return "", errors.New("no such status list")
	}
	return s, nil
}

func testExperience() Experience {
	return Experience{
		CredentialID:       "c-0001",
		IssuerLGCode:       "131113",
		IssuerName:         "大田区",
		BaseURL:            testBase + "/",
		TalentName:         "山田 花子",
		ProjectTitle:       "商店街のウェブサイト刷新",
		ProjectDescription: "蒲田の商店街連合会のサイトを作り直した。",
		Criteria:           "発注内容どおりに納品し、検収を受けた。",
		Role:               "Web designer",
		Start:              time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC),
		End:                time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC),
		Hours:              40,
		SDGs:               []int{9, 11},
		Outcomes:           []string{"アクセス数が2倍", "  ", "スマホ対応"},
		StatusIndex:        42,
		StatusListURL:      testListURL,
		IssuedAt:           issuedAt(),
	}
}

// fixture is one issuer with a key, a published JWK Set and a status list.
type fixture struct {
	keys KeySet
	key  Key
	list StatusList
	res  memResolver
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	key, err := NewKey("ota-2026-01", issuedAt().Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	ks, err := NewKeySet(key)
	if err != nil {
		t.Fatal(err)
	}
	list, err := NewStatusList(0)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{keys: ks, key: key, list: list,
		res: memResolver{keys: map[string][]byte{}, lists: map[string]string{}}}
	f.publishKeys(t)
	f.publishList(t, key, testIssuer)
	return f
}

func (f *fixture) publishKeys(t *testing.T) {
	t.Helper()
	jwks, err := f.keys.JWKS()
	if err != nil {
		t.Fatal(err)
	}
	f.res.keys[testIssuer] = jwks
}

// publishList signs the current status list with key, naming issuer.
func (f *fixture) publishList(t *testing.T, key Key, issuer string) {
	t.Helper()
	sc, err := BuildStatusListCredential(testListURL, issuer, "大田区", issuedAt(), f.list)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := SignStatusList(sc, key)
	if err != nil {
		t.Fatal(err)
	}
	f.res.lists[testListURL] = tok
}

func (f *fixture) issue(t *testing.T, edit func(*Experience)) string {
	t.Helper()
	e := testExperience()
	if edit != nil {
		edit(&e)
	}
	c, err := Build(e)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := Sign(c, f.key)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func (f *fixture) verify(tok string, now time.Time) (Result, error) {
	return Verify(context.Background(), tok, f.res, now)
}

func wantCode(t *testing.T, err error, want Code) {
	t.Helper()
	t.Logf("err: %v", err)
	if got := CodeOf(err); got != want {
		t.Fatalf("code = %q, want %q (err: %v)", got, want, err)
	}
}

// tokenParts splits a compact JWS and decodes its header and payload.
func tokenParts(t *testing.T, tok string) (header, payload []byte, sig string) {
	t.Helper()
	p := strings.Split(tok, ".")
	if len(p) != 3 {
		t.Fatalf("not a compact JWS: %q", tok)
	}
	h, err := base64.RawURLEncoding.DecodeString(p[0])
	if err != nil {
		t.Fatal(err)
	}
	b, err := base64.RawURLEncoding.DecodeString(p[1])
	if err != nil {
		t.Fatal(err)
	}
	return h, b, p[2]
}

func join(header, payload []byte, sig string) string {
	return base64.RawURLEncoding.EncodeToString(header) + "." +
		base64.RawURLEncoding.EncodeToString(payload) + "." + sig
}
