package credential

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
)

// KeySet is an issuer's keys: the newest non-retired one signs, and all of
// them are published for verification. A KeySet is a value; the methods
// that change it return a new one and leave the receiver as it was.
type KeySet struct {
	keys []Key
}

// NewKeySet collects keys, rejecting duplicate or invalid ones.
func NewKeySet(keys ...Key) (KeySet, error) {
	var ks KeySet
	for _, k := range keys {
		next, err := ks.Add(k)
		if err != nil {
			return KeySet{}, err
		}
		ks = next
	}
	return ks, nil
}

// Add returns a set that also holds k.
func (ks KeySet) Add(k Key) (KeySet, error) {
	if err := checkKeyID(k.ID); err != nil {
		return KeySet{}, err
	}
	if len(k.Private) != 64 {
		return KeySet{}, fmt.Errorf("credential: key %s has no Ed25519 private key", k.ID)
	}
	if _, dup := ks.Lookup(k.ID); dup {
		return KeySet{}, fmt.Errorf("credential: key id %s already in the set", k.ID)
	}
	return KeySet{keys: append(slices.Clone(ks.keys), k)}, nil
}

// Rotate generates a new key with id newID, retires every key that is
// still active at now, and returns the new set and the new key. Retired
// keys stay in the set, so their credentials keep verifying.
func (ks KeySet) Rotate(newID string, now time.Time) (KeySet, Key, error) {
	k, err := NewKey(newID, now)
	if err != nil {
		return KeySet{}, Key{}, err
	}
	next, err := ks.Add(k)
	if err != nil {
		return KeySet{}, Key{}, err
	}
	for i := range next.keys[:len(next.keys)-1] {
		if !next.keys[i].RetiredAt(now) {
			next.keys[i].Retired = now.UTC()
		}
	}
	return next, k, nil
}

// Without returns a set without the key id (for a compromised key: what
// it signed stops verifying).
func (ks KeySet) Without(id string) KeySet {
	return KeySet{keys: slices.DeleteFunc(slices.Clone(ks.keys), func(k Key) bool { return k.ID == id })}
}

// Active returns the newest key not retired at now.
func (ks KeySet) Active(now time.Time) (Key, error) {
	var best Key
	found := false
	for _, k := range ks.keys {
		if k.RetiredAt(now) || k.Created.After(now) {
			continue
		}
		if !found || k.Created.After(best.Created) {
			best, found = k, true
		}
	}
	if !found {
		return Key{}, errors.New("credential: no active signing key")
	}
	return best, nil
}

// Lookup finds a key by kid.
func (ks KeySet) Lookup(id string) (Key, bool) {
	for _, k := range ks.keys {
		if k.ID == id {
			return k, true
		}
	}
	return Key{}, false
}

// Keys returns a copy of the keys in the order they were added.
func (ks KeySet) Keys() []Key { return slices.Clone(ks.keys) }

// JWKS is the public JWK Set (RFC 7517) to serve at
// /.well-known/jwks.json: one OKP/Ed25519 key per kid, with use "sig" and
// alg "EdDSA". It never contains private material.
func (ks KeySet) JWKS() ([]byte, error) {
	pubs := make([]PublicKey, 0, len(ks.keys))
	for _, k := range ks.keys {
		pubs = append(pubs, k.PublicKey())
	}
	return PublicJWKS(pubs...)
}

// PublicKey is the public half of an issuer's key, with its kid.
type PublicKey struct {
	ID  string
	Key ed25519.PublicKey
}

// PublicKey returns the key's public half.
func (k Key) PublicKey() PublicKey { return PublicKey{ID: k.ID, Key: k.Public()} }

// PublicJWKS is the JWK Set of public keys, as KeySet.JWKS writes it, for
// a caller that holds only the public halves.
func PublicJWKS(keys ...PublicKey) ([]byte, error) {
	set := jwk.NewSet()
	for _, k := range keys {
		pub, err := publicJWK(k)
		if err != nil {
			return nil, err
		}
		if err := set.AddKey(pub); err != nil {
			return nil, err
		}
	}
	return json.Marshal(set)
}

func publicJWK(k PublicKey) (jwk.Key, error) {
	if err := checkKeyID(k.ID); err != nil {
		return nil, err
	}
	if len(k.Key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("credential: key %s has no Ed25519 key", k.ID)
	}
	j, err := jwk.Import(k.Key)
	if err != nil {
		return nil, err
	}
	for name, v := range map[string]any{
		jwk.KeyIDKey:     k.ID,
		jwk.KeyUsageKey:  "sig",
		jwk.AlgorithmKey: jwa.EdDSA(),
	} {
		if err := j.Set(name, v); err != nil {
			return nil, err
		}
	}
	return j, nil
}

// String lists the kids only.
func (ks KeySet) String() string { return "credential.KeySet[" + kidList(ks.keys) + "]" }

// GoString lists the kids only.
func (ks KeySet) GoString() string { return ks.String() }

// Format keeps every fmt verb from walking into the private keys.
func (ks KeySet) Format(f fmt.State, _ rune) { fmt.Fprint(f, ks.String()) }

// LogValue makes log/slog record the kids only.
func (ks KeySet) LogValue() slog.Value { return slog.StringValue(kidList(ks.keys)) }
