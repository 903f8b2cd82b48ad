// Package issuer issues each completed engagement's talents a verifiable
// credential from the host municipality, keeps the municipalities' signing
// keys, serves their public keys and revocation lists, and verifies
// credentials from any Tsunagu instance.
package issuer

import (
	"context"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// StatusListSize is how many credentials one municipality's list holds.
const StatusListSize = 131072

// Issuer signs for the municipalities of one Tsunagu instance.
type Issuer struct {
	st   *store.Store
	base string // the instance's origin, e.g. https://tsunagu.example.jp
	now  func() time.Time
	ring *keyring.Ring // seals the private keys at rest; nil: no signing
	// ids names a credential from its project and holder; nil: at random.
	ids func(projectTitle, talentName string) string
}

// WithIDs returns the issuer naming each credential it issues with ids
// instead of at random: for data with known addresses, such as the demo's.
func (i *Issuer) WithIDs(ids func(projectTitle, talentName string) string) *Issuer {
	c := *i
	c.ids = ids
	return &c
}

// New returns an issuer for the instance reached at baseURL. ring seals
// the municipalities' private keys in the database; without one the
// issuer publishes and checks keys but cannot sign.
func New(st *store.Store, baseURL string, now func() time.Time, ring *keyring.Ring) *Issuer {
	if now == nil {
		now = time.Now
	}
	return &Issuer{st: st, base: strings.TrimRight(baseURL, "/"), now: now, ring: ring}
}

// IssuerID is the URL that names a municipality as an issuer.
func (i *Issuer) IssuerID(lgcode string) string { return i.base + "/issuers/" + lgcode }

// StatusListURL is where a municipality's revocation list is served.
func (i *Issuer) StatusListURL(lgcode string) string { return i.base + "/status/" + lgcode }

// StatusList is a municipality's signed revocation list.
func (i *Issuer) StatusList(ctx context.Context, lgcode string) (string, error) {
	mu, err := i.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return "", err
	}
	ks, err := i.signingKeys(ctx, mu)
	if err != nil {
		return "", err
	}
	list, err := credential.NewStatusList(StatusListSize)
	if err != nil {
		return "", err
	}
	revoked, err := i.st.Issuance().RevokedIndexes(ctx, mu.ID)
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
