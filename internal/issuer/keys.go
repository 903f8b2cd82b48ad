package issuer

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// ErrNoKeyFile means signing was asked of an issuer without a key file.
var ErrNoKeyFile = errors.New("issuer: no key file configured (TSUNAGU_KEY_FILE or --key-file), so no key can be sealed or opened")

// sealedFor is the associated data that binds a sealed private key to
// its row: a key copied into another municipality's row does not open.
func sealedFor(municipalityID int64, kid string) []byte {
	return []byte("tsunagu/issuer_keys/v1/" + strconv.FormatInt(municipalityID, 10) + "/" + kid)
}

func encodePublic(pub ed25519.PublicKey) string { return base64.RawURLEncoding.EncodeToString(pub) }

// signingKeys loads a municipality's keys with their private halves,
// making its first key when it has none.
func (i *Issuer) signingKeys(ctx context.Context, mu domain.Municipality) (credential.KeySet, error) {
	if i.ring == nil {
		return credential.KeySet{}, ErrNoKeyFile
	}
	rows, err := i.st.Issuance().IssuerKeys(ctx, mu.ID)
	if err != nil {
		return credential.KeySet{}, err
	}
	if len(rows) == 0 {
		if _, err := i.Rotate(ctx, mu); err != nil {
			return credential.KeySet{}, err
		}
		if rows, err = i.st.Issuance().IssuerKeys(ctx, mu.ID); err != nil {
			return credential.KeySet{}, err
		}
	}
	var keys []credential.Key
	for _, r := range rows {
		k, err := openKey(i.ring, r)
		if err != nil {
			return credential.KeySet{}, err
		}
		keys = append(keys, k)
	}
	return credential.NewKeySet(keys...)
}

// openKey unseals a stored key.
func openKey(ring *keyring.Ring, r store.IssuerKey) (credential.Key, error) {
	pem, err := ring.Open(r.PrivateKey, sealedFor(r.MunicipalityID, r.Kid))
	if errors.Is(err, keyring.ErrNotSealed) {
		return credential.Key{}, fmt.Errorf("issuer key %s is not sealed yet: start the server (or run migrate) once with the key file", r.Kid)
	}
	if err != nil {
		return credential.Key{}, fmt.Errorf("issuer key %s: %w", r.Kid, err)
	}
	k, err := credential.ParsePrivate(r.Kid, r.Created, pem)
	if err != nil {
		return credential.Key{}, fmt.Errorf("issuer key %s: %w", r.Kid, err)
	}
	k.Retired = r.Retired
	return k, nil
}

// Rotate gives a municipality a new signing key, sealed with the key
// file; earlier keys are retired and keep verifying what they signed. It
// returns the new key's id.
func (i *Issuer) Rotate(ctx context.Context, mu domain.Municipality) (string, error) {
	if i.ring == nil {
		return "", ErrNoKeyFile
	}
	now := i.now().UTC()
	suffix := make([]byte, 3)
	rand.Read(suffix)
	// The key id starts with the municipality's code, so a key of one
	// municipality can never pass for another's on the same instance.
	kid := mu.LGCode + "-" + now.Format("20060102") + "-" + hex.EncodeToString(suffix)
	k, err := credential.NewKey(kid, now)
	if err != nil {
		return "", err
	}
	pem, err := k.MarshalPrivate()
	if err != nil {
		return "", err
	}
	return kid, i.st.Issuance().AddIssuerKey(ctx, store.IssuerKey{Kid: kid, MunicipalityID: mu.ID,
		PrivateKey: i.ring.Seal(pem, sealedFor(mu.ID, kid)), PublicKey: encodePublic(k.Public()), Created: now})
}

// JWKS is the public keys of municipalityID (0: every municipality of the
// instance, for /.well-known/jwks.json). It reads only the stored public
// halves and never opens a private key.
func (i *Issuer) JWKS(ctx context.Context, municipalityID int64) ([]byte, error) {
	rows, err := i.st.Issuance().IssuerKeys(ctx, municipalityID)
	if err != nil {
		return nil, err
	}
	pubs := make([]credential.PublicKey, 0, len(rows))
	for _, r := range rows {
		raw, err := base64.RawURLEncoding.Strict().DecodeString(r.PublicKey)
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("issuer key %s has no public key yet: start the server (or run migrate) once with the key file", r.Kid)
		}
		pubs = append(pubs, credential.PublicKey{ID: r.Kid, Key: raw})
	}
	return credential.PublicJWKS(pubs...)
}

// SealStoredKeys makes sure every stored key is sealed with ring: a key
// stored in plain text (before sealing existed) is sealed now, its old
// bytes wiped from the database files, and a key sealed with another key
// file stops the start with a clear error. It returns how many keys it
// sealed.
func SealStoredKeys(ctx context.Context, st *store.Store, ring *keyring.Ring) (int, error) {
	rows, err := st.Issuance().IssuerKeys(ctx, 0)
	if err != nil {
		return 0, err
	}
	var plain []store.IssuerKey
	for _, r := range rows {
		if !keyring.IsSealed(r.PrivateKey) {
			plain = append(plain, r)
			continue
		}
		if fp, _ := keyring.FingerprintOf(r.PrivateKey); fp != ring.Fingerprint() {
			return 0, fmt.Errorf("issuer key %s was sealed with key %s, but the key file holds key %s: "+
				"every instance sharing this database needs the same key file", r.Kid, fp, ring.Fingerprint())
		}
	}
	resealed, err := reseal(plain, nil, ring)
	if err != nil {
		return 0, err
	}
	return len(resealed), st.Issuance().ReplaceIssuerKeySecrets(ctx, resealed)
}

// Rewrap re-seals every stored key from the old key file's ring to the
// new one's, in one transaction, for rotating the key file. Keys already
// sealed with the new key are left as they are, so a rewrap that was
// interrupted can run again. It returns how many keys it re-sealed.
func Rewrap(ctx context.Context, st *store.Store, old, next *keyring.Ring) (int, error) {
	rows, err := st.Issuance().IssuerKeys(ctx, 0)
	if err != nil {
		return 0, err
	}
	var todo []store.IssuerKey
	for _, r := range rows {
		if fp, err := keyring.FingerprintOf(r.PrivateKey); err != nil || fp != next.Fingerprint() {
			todo = append(todo, r)
		}
	}
	resealed, err := reseal(todo, old, next)
	if err != nil {
		return 0, err
	}
	return len(resealed), st.Issuance().ReplaceIssuerKeySecrets(ctx, resealed)
}

// reseal opens each key (with old, or as plain PEM when it is not
// sealed) and seals it with next, filling in its public half.
func reseal(rows []store.IssuerKey, old, next *keyring.Ring) ([]store.IssuerKey, error) {
	out := make([]store.IssuerKey, 0, len(rows))
	for _, r := range rows {
		pem := []byte(r.PrivateKey)
		if keyring.IsSealed(r.PrivateKey) {
			if old == nil {
				return nil, fmt.Errorf("issuer key %s is sealed with another key", r.Kid)
			}
			var err error
			if pem, err = old.Open(r.PrivateKey, sealedFor(r.MunicipalityID, r.Kid)); err != nil {
				return nil, fmt.Errorf("issuer key %s: %w", r.Kid, err)
			}
		}
		k, err := credential.ParsePrivate(r.Kid, r.Created, pem)
		if err != nil {
			return nil, fmt.Errorf("issuer key %s: %w", r.Kid, err)
		}
		r.PrivateKey = next.Seal(pem, sealedFor(r.MunicipalityID, r.Kid))
		r.PublicKey = encodePublic(k.Public())
		out = append(out, r)
	}
	return out, nil
}
