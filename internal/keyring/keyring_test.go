package keyring

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustRing(t *testing.T, key []byte) *Ring {
	t.Helper()
	r, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSealOpensOnlyWithTheSameKeyAndRow(t *testing.T) {
	key := bytes.Repeat([]byte{7}, KeySize)
	r := mustRing(t, key)
	secret := []byte("-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n")
	aad := []byte("issuer_keys/1/131113-20260401-abcdef")
	sealed := r.Seal(secret, aad)
	if !strings.HasPrefix(sealed, "tsk1:"+r.Fingerprint()+":") || strings.Contains(sealed, "PRIVATE KEY") || !IsSealed(sealed) {
		t.Fatalf("sealed = %q", sealed)
	}
	if again := r.Seal(secret, aad); again == sealed {
		t.Error("two seals of one value are equal: the nonce is not fresh")
	}
	got, err := r.Open(sealed, aad)
	if err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if fp, err := FingerprintOf(sealed); err != nil || fp != r.Fingerprint() {
		t.Errorf("FingerprintOf = %q, %v", fp, err)
	}

	// Another row's associated data: refused.
	if _, err := r.Open(sealed, []byte("issuer_keys/2/152137-20260401-abcdef")); err == nil ||
		err.Error() != "keyring: sealed value was altered or belongs to another row" {
		t.Errorf("another row: %v", err)
	}
	// One byte of the ciphertext changed: refused.
	raw := []byte(sealed)
	raw[len(raw)-3] ^= 1
	if raw[len(raw)-3] == '-' || raw[len(raw)-3] == '_' {
		raw[len(raw)-3] = 'A'
	}
	if _, err := r.Open(string(raw), aad); err == nil {
		t.Error("a changed ciphertext opened")
	}
	// Another key: named as such, with both fingerprints.
	other := mustRing(t, bytes.Repeat([]byte{8}, KeySize))
	_, err = other.Open(sealed, aad)
	want := fmt.Sprintf("keyring: sealed with another key: the value was sealed with key %s, this key file holds key %s",
		r.Fingerprint(), other.Fingerprint())
	if !errors.Is(err, ErrWrongKey) || err.Error() != want {
		t.Errorf("other key: %v", err)
	}
	// Plain text is not a sealed value.
	if _, err := r.Open(string(secret), aad); !errors.Is(err, ErrNotSealed) || IsSealed(string(secret)) {
		t.Errorf("plain text: %v", err)
	}
	if _, err := New(key[:16]); err == nil {
		t.Error("a 16-byte key was accepted")
	}
}

func TestRingNeverPrintsItsKey(t *testing.T) {
	key := bytes.Repeat([]byte{0xAB}, KeySize)
	r := mustRing(t, key)
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("ring", "ring", r)
	want := "keyring.Ring(" + r.Fingerprint() + ")"
	for _, s := range []string{fmt.Sprint(r), fmt.Sprintf("%+v", r), fmt.Sprintf("%#v", r), fmt.Sprintf("%x", r), logged.String()} {
		if strings.Contains(s, "ab ab") || strings.Contains(s, "abab") || strings.Contains(s, "171") ||
			(!strings.Contains(s, want) && !strings.Contains(s, "ring="+r.Fingerprint())) {
			t.Errorf("printed %q", s)
		}
	}
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tsunagu.key")
	created, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v; want 0600", info.Mode().Perm(), err)
	}
	loaded, err := Load(path)
	if err != nil || loaded.Fingerprint() != created.Fingerprint() {
		t.Fatalf("Load = %v, %v", loaded, err)
	}
	if _, err := Create(path); err == nil || err.Error() != "keyring: "+path+" already exists; a key file is never overwritten" {
		t.Errorf("second Create: %v", err)
	}
	again, made, err := LoadOrCreate(path)
	if err != nil || made || again.Fingerprint() != created.Fingerprint() {
		t.Errorf("LoadOrCreate of an existing file: %v %v %v", again, made, err)
	}
	fresh, made, err := LoadOrCreate(filepath.Join(dir, "new.key"))
	if err != nil || !made || fresh.Fingerprint() == created.Fingerprint() {
		t.Errorf("LoadOrCreate of a new file: %v %v %v", fresh, made, err)
	}

	key := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{1}, KeySize))
	for name, c := range map[string]struct {
		text string
		ok   bool
	}{
		"key only":              {key, true},
		"comments and newlines": {"# comment\n\n" + key + "\r\n", true},
		"empty":                 {"# nothing\n", false},
		"two keys":              {key + "\n" + key + "\n", false},
		"short key":             {base64.StdEncoding.EncodeToString(make([]byte, 16)), false},
		"not base64":            {"not a key!", false},
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		if err := os.WriteFile(p, []byte(c.text), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(p)
		if (err == nil) != c.ok {
			t.Errorf("%s: Load error %v, want ok=%v", name, err, c.ok)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file loaded")
	}
}
