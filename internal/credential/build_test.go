package credential

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func decodeMap(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return m
}

// lookup follows a dotted path; a number step indexes an array.
func lookup(v any, path string) any {
	for _, step := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[step]
		case []any:
			i := int(step[0] - '0')
			if len(step) != 1 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func checkPaths(t *testing.T, doc map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		if got := lookup(doc, path); !reflect.DeepEqual(got, w) {
			t.Errorf("%s = %#v, want %#v", path, got, w)
		}
	}
}

func TestBuildJSONShape(t *testing.T) {
	c, err := Build(testExperience())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	doc := decodeMap(t, b)
	s := "credentialSubject."
	a := s + "achievement."
	checkPaths(t, doc, map[string]any{
		"@context":                              []any{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		"id":                                    "https://tsunagu.example.jp/credentials/c-0001",
		"type":                                  []any{"VerifiableCredential", "OpenBadgeCredential"},
		"issuer.id":                             "https://tsunagu.example.jp/issuers/131113",
		"issuer.type":                           []any{"Profile"},
		"issuer.name":                           "大田区",
		"validFrom":                             "2026-04-01T09:00:00Z",
		"validUntil":                            nil,
		"name":                                  "商店街のウェブサイト刷新",
		s + "id":                                nil,
		s + "type":                              []any{"AchievementSubject"},
		s + "identifier.0.type":                 "IdentityObject",
		s + "identifier.0.hashed":               false,
		s + "identifier.0.identityType":         "name",
		s + "identifier.0.identityHash":         "山田 花子",
		s + "activityStartDate":                 "2026-01-10T00:00:00Z",
		s + "activityEndDate":                   "2026-03-20T00:00:00Z",
		s + "creditsEarned":                     40.0,
		s + "role":                              "Web designer",
		s + "result.0.type":                     []any{"Result"},
		s + "result.0.value":                    "アクセス数が2倍",
		s + "result.1.value":                    "スマホ対応",
		s + "result.2":                          nil,
		a + "id":                                "https://tsunagu.example.jp/credentials/c-0001#achievement",
		a + "type":                              []any{"Achievement"},
		a + "name":                              "商店街のウェブサイト刷新",
		a + "description":                       "蒲田の商店街連合会のサイトを作り直した。",
		a + "criteria.narrative":                "発注内容どおりに納品し、検収を受けた。",
		a + "tag":                               []any{"SDG 9", "SDG 11"},
		a + "alignment.0.type":                  []any{"Alignment"},
		a + "alignment.0.targetName":            "SDG 9: Industry, Innovation and Infrastructure",
		a + "alignment.0.targetUrl":             "https://sdgs.un.org/goals/goal9",
		a + "alignment.1.targetUrl":             "https://sdgs.un.org/goals/goal11",
		"credentialStatus.id":                   testListURL + "#42",
		"credentialStatus.type":                 "BitstringStatusListEntry",
		"credentialStatus.statusPurpose":        "revocation",
		"credentialStatus.statusListIndex":      "42",
		"credentialStatus.statusListCredential": testListURL,
	})
}

func TestBuildOptionalFields(t *testing.T) {
	e := testExperience()
	id, err := NewCredentialID()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) {
		t.Fatalf("NewCredentialID = %q", id)
	}
	e.CredentialID, e.HolderID, e.AchievementID = id, "did:example:hanako", "https://tsunagu.example.jp/projects/77"
	e.TalentName, e.Criteria, e.Role, e.Hours, e.SDGs, e.Outcomes, e.StatusListURL = "", "", "", 0, nil, nil, ""
	e.End, e.ValidUntil = time.Time{}, issuedAt().AddDate(3, 0, 0)
	c, err := Build(e)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(c)
	doc := decodeMap(t, b)
	checkPaths(t, doc, map[string]any{
		"id":                               id,
		"validUntil":                       "2029-04-01T09:00:00Z",
		"credentialSubject.id":             "did:example:hanako",
		"credentialSubject.achievement.id": "https://tsunagu.example.jp/projects/77",
		"credentialSubject.achievement.criteria.narrative": `Completed the project "商店街のウェブサイト刷新" for 大田区.`,
	})
	for _, absent := range []string{"credentialStatus", "identifier", "role", "creditsEarned", "result", "tag", "alignment", "activityEndDate"} {
		if bytes.Contains(b, []byte(`"`+absent+`"`)) {
			t.Errorf("%s present in %s", absent, b)
		}
	}
}

func TestBuildRejects(t *testing.T) {
	cases := map[string]func(*Experience){
		"no base URL":          func(e *Experience) { e.BaseURL = "" },
		"ftp base URL":         func(e *Experience) { e.BaseURL = "ftp://example.jp" },
		"base URL with query":  func(e *Experience) { e.BaseURL = testBase + "?x=1" },
		"lgcode letters":       func(e *Experience) { e.IssuerLGCode = "13111a" },
		"lgcode too long":      func(e *Experience) { e.IssuerLGCode = "1311130" },
		"id with slash":        func(e *Experience) { e.CredentialID = "a/b" },
		"bad uuid":             func(e *Experience) { e.CredentialID = "urn:uuid:1234" },
		"no issuer name":       func(e *Experience) { e.IssuerName = " " },
		"no title":             func(e *Experience) { e.ProjectTitle = "" },
		"no description":       func(e *Experience) { e.ProjectDescription = "" },
		"no start":             func(e *Experience) { e.Start = time.Time{} },
		"end before start":     func(e *Experience) { e.End = e.Start.Add(-time.Hour) },
		"negative hours":       func(e *Experience) { e.Hours = -1 },
		"SDG 18":               func(e *Experience) { e.SDGs = []int{18} },
		"SDG 0":                func(e *Experience) { e.SDGs = []int{0} },
		"no issued-at":         func(e *Experience) { e.IssuedAt = time.Time{} },
		"valid-until too soon": func(e *Experience) { e.ValidUntil = e.IssuedAt },
		"relative status URL":  func(e *Experience) { e.StatusListURL = "/status/1" },
		"negative index":       func(e *Experience) { e.StatusIndex = -1 },
		"relative achievement": func(e *Experience) { e.AchievementID = "projects/1" },
	}
	for name, edit := range cases {
		e := testExperience()
		edit(&e)
		if _, err := Build(e); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// The token is header.payload.signature with the VC itself as the claims
// set, and the signature is plain Ed25519 over the signing input, so any
// JOSE implementation can check it.
func TestSignedTokenShape(t *testing.T) {
	f := newFixture(t)
	tok := f.issue(t, nil)
	h, p, sig := tokenParts(t, tok)
	checkPaths(t, decodeMap(t, h), map[string]any{
		"alg": "EdDSA", "kid": "ota-2026-01", "typ": "vc+jwt", "cty": "vc",
	})
	doc := decodeMap(t, p)
	checkPaths(t, doc, map[string]any{
		"iss":       testIssuer,
		"jti":       testBase + "/credentials/c-0001",
		"nbf":       float64(issuedAt().Unix()),
		"iat":       float64(issuedAt().Unix()),
		"exp":       nil,
		"sub":       nil,
		"vc":        nil,
		"type":      []any{"VerifiableCredential", "OpenBadgeCredential"},
		"validFrom": "2026-04-01T09:00:00Z",
	})
	rawSig, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil {
		t.Fatal(err)
	}
	input := tok[:strings.LastIndex(tok, ".")]
	if !ed25519.Verify(f.key.Public(), []byte(input), rawSig) {
		t.Fatal("signature does not verify with crypto/ed25519")
	}
}

// A token made with nothing but the standard library verifies: the
// package does not depend on its own serialization quirks.
func TestVerifyHandMadeToken(t *testing.T) {
	f := newFixture(t)
	c, err := Build(testExperience())
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(c)
	header := []byte(`{"kid":"ota-2026-01","alg":"EdDSA","typ":"application/vc+jwt"}`)
	input := base64.RawURLEncoding.EncodeToString(header) + "." + base64.RawURLEncoding.EncodeToString(payload)
	sig := ed25519.Sign(f.key.Private, []byte(input))
	res, err := f.verify(input+"."+base64.RawURLEncoding.EncodeToString(sig), issuedAt())
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != c.Name {
		t.Fatalf("title = %q", res.Title)
	}
}
