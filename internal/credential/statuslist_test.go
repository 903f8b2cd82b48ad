package credential

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"strings"
	"testing"
)

// inflate decodes an encodedList with the standard library only.
func inflate(t *testing.T, enc string) []byte {
	t.Helper()
	if !strings.HasPrefix(enc, "u") {
		t.Fatalf("no multibase prefix: %q", enc)
	}
	z, err := base64.RawURLEncoding.DecodeString(enc[1:])
	if err != nil {
		t.Fatal(err)
	}
	r, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func deflate(t *testing.T, bits []byte) string {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(bits); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

func TestStatusListBitOrder(t *testing.T) {
	l, err := NewStatusList(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 6, 9, l.Len() - 1} {
		if err := l.Set(i, true); err != nil {
			t.Fatal(err)
		}
	}
	enc, err := l.Encode()
	if err != nil {
		t.Fatal(err)
	}
	raw := inflate(t, enc)
	if len(raw) != 16384 {
		t.Fatalf("bitstring is %d bytes, want 16384", len(raw))
	}
	// Index 0 is the leftmost (most significant) bit of the first byte.
	if raw[0] != 0x82 || raw[1] != 0x40 || raw[len(raw)-1] != 0x01 {
		t.Fatalf("first bytes %#x %#x, last %#x; want 0x82 0x40 0x01", raw[0], raw[1], raw[len(raw)-1])
	}
	for _, b := range raw[2 : len(raw)-1] {
		if b != 0 {
			t.Fatal("unexpected bit set")
		}
	}
}

func TestStatusListRoundTrip(t *testing.T) {
	l, _ := NewStatusList(200000)
	if l.Len() != 200000 {
		t.Fatalf("len = %d", l.Len())
	}
	set := map[int]bool{}
	for i := 1; i < l.Len(); i = i*3 + 1 {
		set[i] = true
		if err := l.Set(i, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Set(4, false); err != nil { // 4 is in the sequence: clear it again
		t.Fatal(err)
	}
	delete(set, 4)
	enc, err := l.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeStatusList(enc)
	if err != nil {
		t.Fatal(err)
	}
	if back.Len() != l.Len() {
		t.Fatalf("len %d, want %d", back.Len(), l.Len())
	}
	for i := range l.Len() {
		got, err := back.Revoked(i)
		if err != nil {
			t.Fatal(err)
		}
		if got != set[i] {
			t.Fatalf("bit %d = %v, want %v", i, got, set[i])
		}
	}
}

// The encodedList of the examples in the Bitstring Status List v1.0
// specification: 16 KiB of zeros, gzipped by another implementation.
func TestDecodeSpecExample(t *testing.T) {
	l, err := DecodeStatusList("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != MinStatusListEntries {
		t.Fatalf("len = %d", l.Len())
	}
	for _, i := range []int{0, 1, 4242, MinStatusListEntries - 1} {
		if r, err := l.Revoked(i); err != nil || r {
			t.Fatalf("bit %d = %v, %v", i, r, err)
		}
	}
	// And ours of an empty list inflates to the same bytes.
	empty, _ := NewStatusList(0)
	enc, err := empty.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(inflate(t, enc), make([]byte, 16384)) {
		t.Fatal("empty list does not inflate to 16 KiB of zeros")
	}
}

func TestStatusListLimits(t *testing.T) {
	l, _ := NewStatusList(10)
	if l.Len() != MinStatusListEntries {
		t.Fatalf("len = %d, want the minimum %d", l.Len(), MinStatusListEntries)
	}
	for _, i := range []int{-1, l.Len()} {
		if err := l.Set(i, true); err == nil {
			t.Errorf("Set(%d) accepted", i)
		}
		if _, err := l.Revoked(i); err == nil {
			t.Errorf("Revoked(%d) accepted", i)
		}
	}
	if _, err := NewStatusList(MaxStatusListEntries + 1); err == nil {
		t.Error("oversized list accepted")
	}
	if _, err := (StatusList{}).Encode(); err == nil {
		t.Error("zero list encoded")
	}
	valid := deflate(t, make([]byte, 16384))
	bad := map[string]string{
		"too short":        deflate(t, make([]byte, 16383)),
		"no prefix":        valid[1:],
		"base58 prefix":    "z" + valid[1:],
		"padded":           valid + "==",
		"not gzip":         "u" + base64.RawURLEncoding.EncodeToString(make([]byte, 16384)),
		"truncated gzip":   valid[:len(valid)-6],
		"inflates too far": deflate(t, make([]byte, MaxStatusListEntries/8+1)),
	}
	for name, enc := range bad {
		if _, err := DecodeStatusList(enc); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
	if _, err := DecodeStatusList(valid); err != nil {
		t.Fatalf("valid list: %v", err)
	}
}

func TestStatusListCredentialShape(t *testing.T) {
	l, _ := NewStatusList(0)
	sc, err := BuildStatusListCredential(testListURL, testIssuer, "大田区", issuedAt(), l)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := NewKey("ota-2026-01", issuedAt())
	tok, err := SignStatusList(sc, key)
	if err != nil {
		t.Fatal(err)
	}
	h, p, _ := tokenParts(t, tok)
	for _, want := range []string{`"typ":"vc+jwt"`, `"alg":"EdDSA"`, `"kid":"ota-2026-01"`} {
		if !bytes.Contains(h, []byte(want)) {
			t.Errorf("header %s lacks %s", h, want)
		}
	}
	doc := decodeMap(t, p)
	checkPaths(t, doc, map[string]any{
		"@context":                        []any{ContextVC},
		"id":                              testListURL,
		"type":                            []any{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer.id":                       testIssuer,
		"validFrom":                       "2026-04-01T09:00:00Z",
		"credentialSubject.id":            testListURL + "#list",
		"credentialSubject.type":          "BitstringStatusList",
		"credentialSubject.statusPurpose": "revocation",
		"iss":                             testIssuer,
		"jti":                             testListURL,
	})
	if enc, _ := lookup(doc, "credentialSubject.encodedList").(string); !bytes.Equal(inflate(t, enc), make([]byte, 16384)) {
		t.Error("encodedList is not the empty list")
	}
	if _, err := BuildStatusListCredential("/status/1", testIssuer, "", issuedAt(), l); err == nil {
		t.Error("relative status list id accepted")
	}
}
