package credential

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestKeyRotation(t *testing.T) {
	f := newFixture(t)
	first := f.key
	tok1 := f.issue(t, nil)

	rotatedAt := issuedAt().Add(24 * time.Hour)
	ks, second, err := f.keys.Rotate("ota-2026-02", rotatedAt)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.keys.Keys()) != 1 {
		t.Fatal("Rotate changed the receiver")
	}
	f.keys = ks
	f.publishKeys(t)
	active, err := ks.Active(rotatedAt)
	if err != nil || active.ID != second.ID {
		t.Fatalf("active = %v, %v; want %s", active, err, second.ID)
	}
	if old, _ := ks.Lookup(first.ID); !old.RetiredAt(rotatedAt) {
		t.Fatal("old key not retired by rotation")
	}

	later := func(e *Experience) { e.CredentialID, e.IssuedAt = "c-0002", rotatedAt.Add(time.Hour) }
	c2, err := Build(func() Experience { e := testExperience(); later(&e); return e }())
	if err != nil {
		t.Fatal(err)
	}
	retired, _ := ks.Lookup(first.ID)
	if _, err := Sign(c2, retired); err == nil {
		t.Fatal("a retired key signed a new credential")
	}
	f.key = active
	tok2 := f.issue(t, later)

	now := rotatedAt.Add(2 * time.Hour)
	for name, tok := range map[string]string{"before rotation": tok1, "after rotation": tok2} {
		res, err := f.verify(tok, now)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("%s: signed by %s", name, res.KeyID)
	}
	if res, _ := f.verify(tok1, now); res.KeyID != first.ID {
		t.Errorf("kid = %s, want %s", res.KeyID, first.ID)
	}
	assertPublicOnly(t, f.res.keys[testIssuer], first, second)

	// Dropping a compromised key makes what it signed unverifiable.
	f.keys = f.keys.Without(first.ID)
	f.publishKeys(t)
	_, err = f.verify(tok1, now)
	wantCode(t, err, CodeUnknownKey)
}

// assertPublicOnly checks a JWK Set holds exactly keys' public halves.
func assertPublicOnly(t *testing.T, jwks []byte, keys ...Key) {
	t.Helper()
	var set struct {
		Keys []map[string]any `json:"keys"`
	}
	if err := json.Unmarshal(jwks, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Keys) != len(keys) {
		t.Fatalf("%d keys in %s, want %d", len(set.Keys), jwks, len(keys))
	}
	for i, k := range keys {
		got := set.Keys[i]
		want := map[string]any{
			"kty": "OKP", "crv": "Ed25519", "kid": k.ID, "use": "sig", "alg": "EdDSA",
			"x": base64.RawURLEncoding.EncodeToString(k.Public()),
		}
		if len(got) != len(want) {
			t.Errorf("key %d has members %v, want exactly %v", i, got, want)
		}
		for name, v := range want {
			if got[name] != v {
				t.Errorf("key %d: %s = %v, want %v", i, name, got[name], v)
			}
		}
		if _, ok := got["d"]; ok {
			t.Errorf("key %d has a private member d", i)
		}
		for _, s := range secretForms(k) {
			if bytes.Contains(jwks, []byte(s)) {
				t.Errorf("JWKS contains private material of %s", k.ID)
			}
		}
	}
}

// secretForms are ways a private key could show up in text.
func secretForms(k Key) []string {
	seed := k.Private.Seed()
	var out []string
	for _, b := range [][]byte{seed, k.Private} {
		out = append(out,
			hex.EncodeToString(b), strings.ToUpper(hex.EncodeToString(b)),
			base64.StdEncoding.EncodeToString(b), base64.RawURLEncoding.EncodeToString(b),
			strings.Trim(fmt.Sprint(b[:8]), "[]"), // the start of a decimal byte dump
		)
	}
	return out
}

// RFC 8037 appendix A.1 and A.2: an Ed25519 key and its public JWK.
func TestJWKSMatchesRFC8037(t *testing.T) {
	seed, err := base64.RawURLEncoding.DecodeString("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")
	if err != nil {
		t.Fatal(err)
	}
	k := Key{ID: "rfc8037", Private: ed25519.NewKeyFromSeed(seed)}
	ks, err := NewKeySet(k)
	if err != nil {
		t.Fatal(err)
	}
	jwks, err := ks.JWKS()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(jwks, []byte(`"x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"`)) {
		t.Fatalf("JWKS %s lacks the RFC 8037 public key", jwks)
	}
	assertPublicOnly(t, jwks, k)
}

func TestKeyFormattingHidesPrivateKey(t *testing.T) {
	k, err := NewKey("ota-2026-01", issuedAt())
	if err != nil {
		t.Fatal(err)
	}
	ks, _ := NewKeySet(k)
	type holder struct{ Signing Key }
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"} {
		for _, v := range []any{k, &k, ks, &ks, holder{k}, []Key{k}} {
			outs = append(outs, fmt.Sprintf(verb, v))
		}
	}
	outs = append(outs, fmt.Sprint(k), fmt.Sprintln(ks), k.String(), k.GoString())

	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("signing", "key", k, "keys", ks)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("signing", "key", k, "keys", ks)
	outs = append(outs, text.String(), js.String())
	b, err := json.Marshal(k)
	if err != nil {
		t.Fatal(err)
	}
	outs = append(outs, string(b))

	for _, out := range outs {
		for _, secret := range secretForms(k) {
			if strings.Contains(out, secret) {
				t.Fatalf("output %q shows the private key", out)
			}
		}
	}
	if !strings.Contains(fmt.Sprintf("%+v", k), "ota-2026-01") || !strings.Contains(js.String(), `"key":"ota-2026-01"`) {
		t.Fatalf("kid missing from %q / %q", fmt.Sprintf("%+v", k), js.String())
	}
}

func TestPrivateKeyStorageRoundTrip(t *testing.T) {
	k, err := NewKey("ota-2026-01", issuedAt())
	if err != nil {
		t.Fatal(err)
	}
	pemBytes, err := k.MarshalPrivate()
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(pemBytes)
	if block == nil || block.Type != "PRIVATE KEY" {
		t.Fatalf("not a PKCS#8 PEM block: %s", pemBytes)
	}
	back, err := ParsePrivate(k.ID, k.Created, pemBytes)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Private.Equal(k.Private) || back.ID != k.ID || !back.Created.Equal(k.Created) {
		t.Fatal("key changed in the round trip")
	}

	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(ec)
	bad := map[string][]byte{
		"empty":      nil,
		"not PEM":    []byte("hello"),
		"wrong type": pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: block.Bytes}),
		"P-256 key":  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}),
		"garbage":    pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{1, 2, 3}}),
	}
	for name, b := range bad {
		if _, err := ParsePrivate("x", issuedAt(), b); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}

func TestKeySetRules(t *testing.T) {
	for _, id := range []string{"", "has space", `q"uote`, strings.Repeat("k", 129), "日本"} {
		if _, err := NewKey(id, issuedAt()); err == nil {
			t.Errorf("NewKey(%q) accepted", id)
		}
	}
	a, _ := NewKey("a", issuedAt())
	b, _ := NewKey("a", issuedAt())
	if _, err := NewKeySet(a, b); err == nil {
		t.Error("duplicate kid accepted")
	}
	if _, err := NewKeySet(Key{ID: "empty"}); err == nil {
		t.Error("key without private part accepted")
	}
	if _, err := (KeySet{}).Active(issuedAt()); err == nil {
		t.Error("empty set has an active key")
	}
	a.Created, a.Retired = issuedAt().Add(-time.Hour), issuedAt()
	ks, _ := NewKeySet(a)
	if _, err := ks.Active(issuedAt()); err == nil {
		t.Error("retired key is active")
	}
	if _, err := ks.Active(issuedAt().Add(-time.Second)); err != nil {
		t.Errorf("key before its retirement: %v", err)
	}
}
