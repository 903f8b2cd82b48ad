package credential

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Key is one Ed25519 signing key of an issuer. Its formatting (fmt, slog,
// encoding/json) shows only the kid and dates, never the private key.
type Key struct {
	ID      string
	Private ed25519.PrivateKey
	Created time.Time
	// Retired, when set, is the instant from which the key no longer
	// signs; it stays in the JWK Set so that what it signed still
	// verifies.
	Retired time.Time
}

// NewKey generates a fresh Ed25519 key.
func NewKey(id string, now time.Time) (Key, error) {
	if err := checkKeyID(id); err != nil {
		return Key{}, err
	}
	_, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return Key{}, err
	}
	return Key{ID: id, Private: priv, Created: now.UTC()}, nil
}

// Public returns the public half of the key.
func (k Key) Public() ed25519.PublicKey {
	if len(k.Private) != ed25519.PrivateKeySize {
		return nil
	}
	return k.Private.Public().(ed25519.PublicKey)
}

// RetiredAt reports whether the key is retired at t.
func (k Key) RetiredAt(t time.Time) bool {
	return !k.Retired.IsZero() && !t.Before(k.Retired)
}

// MarshalPrivate encodes the private key as a PKCS#8 PEM block, for the
// caller to store (encrypted at rest). The kid and dates are not part of
// it; store them alongside.
func (k Key) MarshalPrivate() ([]byte, error) {
	if len(k.Private) != ed25519.PrivateKeySize {
		return nil, errors.New("credential: key has no private key")
	}
	der, err := x509.MarshalPKCS8PrivateKey(k.Private)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// ParsePrivate reads a key written by MarshalPrivate.
func ParsePrivate(id string, created time.Time, pemBytes []byte) (Key, error) {
	if err := checkKeyID(id); err != nil {
		return Key{}, err
	}
	block, _ := pem.Decode(pemBytes)
	if block == nil || block.Type != "PRIVATE KEY" {
		return Key{}, errors.New("credential: no PKCS#8 PEM block")
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return Key{}, fmt.Errorf("credential: parse private key: %w", err)
	}
	priv, ok := parsed.(ed25519.PrivateKey)
	if !ok {
		return Key{}, fmt.Errorf("credential: private key is %T, not Ed25519", parsed)
	}
	return Key{ID: id, Private: priv, Created: created.UTC()}, nil
}

func checkKeyID(id string) error {
	if id == "" || len(id) > 128 {
		return errors.New("credential: key id must be 1 to 128 characters")
	}
	for _, r := range id {
		if r <= ' ' || r > '~' || r == '"' || r == '\\' {
			return fmt.Errorf("credential: key id %q must be printable ASCII without spaces or quotes", id)
		}
	}
	return nil
}

// String shows the kid only.
func (k Key) String() string { return "credential.Key(" + k.ID + ")" }

// GoString shows the kid and dates, with the private key redacted.
func (k Key) GoString() string {
	return fmt.Sprintf("credential.Key{ID:%q, Private:<redacted>, Created:%s, Retired:%s}",
		k.ID, k.Created.Format(time.RFC3339), k.Retired.Format(time.RFC3339))
}

// Format makes every fmt verb (%v, %+v, %#v, %s, %x, %d, ...) print the
// redacted forms above instead of walking the struct's fields.
func (k Key) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, k.GoString())
		return
	}
	fmt.Fprint(f, k.String())
}

// LogValue makes log/slog record the kid only.
func (k Key) LogValue() slog.Value { return slog.StringValue(k.ID) }

// MarshalJSON writes public metadata only, so that a Key that ends up in
// a JSON document (a log line, an API answer) leaks nothing secret.
func (k Key) MarshalJSON() ([]byte, error) {
	v := struct {
		ID      string    `json:"kid"`
		Created time.Time `json:"created,omitzero"`
		Retired time.Time `json:"retired,omitzero"`
	}{k.ID, k.Created, k.Retired}
	return json.Marshal(v)
}

// kidList is a short description of several keys for String methods.
func kidList(keys []Key) string {
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.ID
	}
	return strings.Join(ids, ",")
}
