package auth

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
)

func TestNewToken(t *testing.T) {
	seen := make(map[string]bool, 1000)
	for range 1000 {
		plain, hash, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if len(plain) != 43 {
			t.Fatalf("len(%q) = %d, want 43", plain, len(plain))
		}
		if b, err := base64.RawURLEncoding.DecodeString(plain); err != nil || len(b) != TokenBytes {
			t.Fatalf("%q is not %d bytes of URL-safe base64: %v", plain, TokenBytes, err)
		}
		if seen[plain] {
			t.Fatalf("token %q repeated", plain)
		}
		seen[plain] = true
		if !bytes.Equal(HashToken(plain), hash) {
			t.Fatalf("HashToken(%q) differs from the hash NewToken returned", plain)
		}
		if want := sha256.Sum256([]byte(plain)); !bytes.Equal(hash, want[:]) {
			t.Fatalf("hash of %q is not its SHA-256", plain)
		}
	}
}

func TestHashTokenDistinguishes(t *testing.T) {
	if bytes.Equal(HashToken("a"), HashToken("b")) {
		t.Error("different tokens hash alike")
	}
	if len(HashToken("")) != sha256.Size {
		t.Errorf("hash length %d, want %d", len(HashToken("")), sha256.Size)
	}
}

func TestNewAPIToken(t *testing.T) {
	a, hashA, err := NewAPIToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := NewAPIToken()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a, "tsu_") || len(a) != 4+43 {
		t.Errorf("API token %q: want tsu_ and 43 characters", a)
	}
	if a == b {
		t.Error("two API tokens are equal")
	}
	if !bytes.Equal(HashToken(a), hashA) {
		t.Error("API token hash is not HashToken of the whole token")
	}
	if bytes.Equal(HashToken(strings.TrimPrefix(a, "tsu_")), hashA) {
		t.Error("API token hash ignores the prefix")
	}
}

func TestAPITokenDays(t *testing.T) {
	for days, want := range map[int]string{0: ProblemTokenDays, -30: ProblemTokenDays, 1: "", 30: "", 90: "", 365: "",
		366: ProblemTokenDays} {
		if got := CheckAPITokenDays(days); got != want {
			t.Errorf("CheckAPITokenDays(%d) = %q, want %q", days, got, want)
		}
	}
	for _, d := range APITokenDayChoices() {
		if CheckAPITokenDays(d) != "" {
			t.Errorf("offered choice %d is refused", d)
		}
	}
	if DefaultAPITokenDays != 90 {
		t.Errorf("default lifetime %d days, want 90", DefaultAPITokenDays)
	}
}
