// Package issuer issues each completed engagement's talents a verifiable
// credential from the host municipality, keeps the municipalities' signing
// keys, serves their public keys and revocation lists, and verifies
// credentials from any Tsunagu instance.
package issuer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// StatusListSize is how many credentials one municipality's list holds.
const StatusListSize = 131072

// Issuer signs for the municipalities of one Tsunagu instance.
type Issuer struct {
	st   *store.Store
	base string // the instance's origin, e.g. https://tsunagu.example.jp
	now  func() time.Time
}

// New returns an issuer for the instance reached at baseURL.
func New(st *store.Store, baseURL string, now func() time.Time) *Issuer {
	if now == nil {
		now = time.Now
	}
	return &Issuer{st: st, base: strings.TrimRight(baseURL, "/"), now: now}
}

// IssuerID is the URL that names a municipality as an issuer.
func (i *Issuer) IssuerID(lgcode string) string { return i.base + "/issuers/" + lgcode }

// StatusListURL is where a municipality's revocation list is served.
func (i *Issuer) StatusListURL(lgcode string) string { return i.base + "/status/" + lgcode }

// keys loads a municipality's keys, making its first one when it has none.
func (i *Issuer) keys(ctx context.Context, mu domain.Municipality) (credential.KeySet, error) {
	rows, err := i.st.IssuerKeys(ctx, mu.ID)
	if err != nil {
		return credential.KeySet{}, err
	}
	if len(rows) == 0 {
		if _, err := i.Rotate(ctx, mu); err != nil {
			return credential.KeySet{}, err
		}
		if rows, err = i.st.IssuerKeys(ctx, mu.ID); err != nil {
			return credential.KeySet{}, err
		}
	}
	return keySet(rows)
}

func keySet(rows []store.IssuerKey) (credential.KeySet, error) {
	var keys []credential.Key
	for _, r := range rows {
		k, err := credential.ParsePrivate(r.Kid, r.Created, r.PrivatePEM)
		if err != nil {
			return credential.KeySet{}, fmt.Errorf("issuer key %s: %w", r.Kid, err)
		}
		k.Retired = r.Retired
		keys = append(keys, k)
	}
	return credential.NewKeySet(keys...)
}

// Rotate gives a municipality a new signing key; earlier keys are retired
// and keep verifying what they signed. It returns the new key's id.
func (i *Issuer) Rotate(ctx context.Context, mu domain.Municipality) (string, error) {
	now := i.now().UTC()
	suffix := make([]byte, 3)
	if _, err := rand.Read(suffix); err != nil {
		return "", err
	}
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
	return kid, i.st.AddIssuerKey(ctx, store.IssuerKey{Kid: kid, MunicipalityID: mu.ID, PrivatePEM: pem, Created: now})
}

// JWKS is the instance's public keys, every municipality's, for
// /.well-known/jwks.json.
func (i *Issuer) JWKS(ctx context.Context) ([]byte, error) {
	rows, err := i.st.IssuerKeys(ctx, 0)
	if err != nil {
		return nil, err
	}
	ks, err := keySet(rows)
	if err != nil {
		return nil, err
	}
	return ks.JWKS()
}

// StatusList is a municipality's signed revocation list.
func (i *Issuer) StatusList(ctx context.Context, lgcode string) (string, error) {
	mu, err := i.st.MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return "", err
	}
	ks, err := i.keys(ctx, mu)
	if err != nil {
		return "", err
	}
	list, err := credential.NewStatusList(StatusListSize)
	if err != nil {
		return "", err
	}
	revoked, err := i.st.RevokedIndexes(ctx, mu.ID)
	if err != nil {
		return "", err
	}
	for _, idx := range revoked {
		if err := list.Set(idx, true); err != nil {
			return "", err
		}
	}
	now := i.now()
	c, err := credential.BuildStatusListCredential(i.StatusListURL(lgcode), i.IssuerID(lgcode), mu.Name, now.Add(-time.Minute), list)
	if err != nil {
		return "", err
	}
	key, err := ks.Active(now)
	if err != nil {
		return "", err
	}
	return credential.SignStatusList(c, key)
}
