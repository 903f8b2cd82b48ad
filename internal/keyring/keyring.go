// Package keyring seals the secrets Tsunagu keeps in its database (the
// municipalities' private signing keys) with a key that lives outside the
// database, in a file of its own.
//
// Sealing is AES-256-GCM from the standard library with a random 96-bit
// nonce per value and associated data chosen by the caller (the row the
// secret belongs to), so a sealed value copied into another row does not
// open. A sealed value names the key that sealed it by a short
// fingerprint, so a wrong key file is reported as such instead of as a
// corrupt value.
package keyring

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// KeySize is the length of a key in bytes (AES-256).
const KeySize = 32

// prefix starts every sealed value, with the format's version.
const prefix = "tsk1:"

// ErrWrongKey means a value was sealed with another key than the ring's.
var ErrWrongKey = errors.New("keyring: sealed with another key")

// ErrNotSealed means a value is not in the sealed format (for example a
// key stored in plain text before sealing existed).
var ErrNotSealed = errors.New("keyring: value is not sealed")

// Ring seals and opens values with one key. Its formatting never shows
// the key.
type Ring struct {
	aead        cipher.AEAD
	fingerprint string
}

// New returns a ring for a KeySize-byte key.
func New(key []byte) (*Ring, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("keyring: a key is %d bytes, not %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Ring{aead: aead, fingerprint: fingerprint(key)}, nil
}

// Generate returns a fresh random key.
func Generate() []byte {
	key := make([]byte, KeySize)
	rand.Read(key) // never fails (crypto/rand panics rather than return an error)
	return key
}

// fingerprint names a key without revealing it: the first 8 bytes of a
// domain-separated SHA-256, in hex.
func fingerprint(key []byte) string {
	sum := sha256.Sum256(append([]byte("tsunagu keyring fingerprint\x00"), key...))
	return hex.EncodeToString(sum[:8])
}

// Fingerprint names the ring's key, for logs and error messages.
func (r *Ring) Fingerprint() string { return r.fingerprint }

// Seal encrypts plain, bound to aad, as text: "tsk1:" + fingerprint + ":"
// + base64url(nonce || ciphertext).
func (r *Ring) Seal(plain, aad []byte) string {
	nonce := make([]byte, r.aead.NonceSize())
	rand.Read(nonce)
	sealed := r.aead.Seal(nonce, nonce, plain, aad)
	return prefix + r.fingerprint + ":" + base64.RawURLEncoding.EncodeToString(sealed)
}

// Open decrypts a value Seal made with the same key and aad.
func (r *Ring) Open(sealed string, aad []byte) ([]byte, error) {
	fp, body, err := split(sealed)
	if err != nil {
		return nil, err
	}
	if fp != r.fingerprint {
		return nil, fmt.Errorf("%w: the value was sealed with key %s, this key file holds key %s", ErrWrongKey, fp, r.fingerprint)
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(body)
	if err != nil || len(raw) < r.aead.NonceSize()+r.aead.Overhead() {
		return nil, errors.New("keyring: sealed value is damaged")
	}
	n := r.aead.NonceSize()
	plain, err := r.aead.Open(nil, raw[:n], raw[n:], aad)
	if err != nil {
		return nil, errors.New("keyring: sealed value was altered or belongs to another row")
	}
	return plain, nil
}

// FingerprintOf reports which key sealed a value.
func FingerprintOf(sealed string) (string, error) {
	fp, _, err := split(sealed)
	return fp, err
}

// IsSealed reports whether a value is in the sealed format.
func IsSealed(v string) bool {
	_, _, err := split(v)
	return err == nil
}

func split(sealed string) (fingerprint, body string, err error) {
	rest, ok := strings.CutPrefix(sealed, prefix)
	if !ok {
		return "", "", ErrNotSealed
	}
	fingerprint, body, ok = strings.Cut(rest, ":")
	if !ok || len(fingerprint) != 16 || body == "" {
		return "", "", ErrNotSealed
	}
	return fingerprint, body, nil
}

// String names the key by its fingerprint only.
func (r *Ring) String() string { return "keyring.Ring(" + r.fingerprint + ")" }

// GoString names the key by its fingerprint only.
func (r *Ring) GoString() string { return r.String() }

// Format keeps every fmt verb from walking into the cipher's state.
func (r *Ring) Format(f fmt.State, _ rune) { fmt.Fprint(f, r.String()) }

// LogValue makes log/slog record the fingerprint only.
func (r *Ring) LogValue() slog.Value { return slog.StringValue(r.fingerprint) }
