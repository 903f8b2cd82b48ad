package issuer

import (
	"context"
	"fmt"

	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// KeyCheck is what CheckStoredKeys found.
type KeyCheck struct {
	Opened int // sealed keys the key file opens
	Plain  int // keys still stored in plain text, which the next start seals
}

// CheckStoredKeys opens every stored signing key with ring and changes
// nothing (for `tsunagu doctor`). It stops at the first key that is sealed
// with another key file or does not open, naming it.
func CheckStoredKeys(ctx context.Context, st *store.Store, ring *keyring.Ring) (KeyCheck, error) {
	var c KeyCheck
	rows, err := st.Issuance().IssuerKeys(ctx, 0)
	if err != nil {
		return c, err
	}
	for _, r := range rows {
		if !keyring.IsSealed(r.PrivateKey) {
			c.Plain++
			continue
		}
		if fp, _ := keyring.FingerprintOf(r.PrivateKey); fp != ring.Fingerprint() {
			return c, fmt.Errorf("issuer key %s was sealed with key %s, but the key file holds key %s", r.Kid, fp, ring.Fingerprint())
		}
		if _, err := openKey(ring, r); err != nil {
			return c, err
		}
		c.Opened++
	}
	return c, nil
}
