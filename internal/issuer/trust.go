package issuer

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Trust is who vouches for a credential's issuer on this hub: one of its
// own municipalities, or another Tsunagu instance in the registry. Its
// name comes from this hub's records, never from the credential.
type Trust struct {
	Own    bool   // one of this hub's municipalities
	Name   string // the municipality's name, or the registered instance's
	Origin string // the registered instance's origin ("" when Own)
	LGCode string
}

// InstanceOrigin reads the URL an operator gives for another Tsunagu
// instance: https, a host, and nothing after it but an optional "/".
func InstanceOrigin(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("%q is not a URL", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return "", fmt.Errorf("give the instance's address only, such as https://tsunagu.example.jp, not %q", raw)
	}
	origin, err := credential.OriginOf(u.String())
	if err != nil {
		return "", fmt.Errorf("an instance is registered by its https address, such as https://tsunagu.example.jp: %w", err)
	}
	return origin, nil
}

// RegistryName checks the name an operator gives an instance, or makes
// one from its host.
func RegistryName(name, origin string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return strings.TrimPrefix(origin, "https://"), nil
	}
	if utf8.RuneCountInString(name) > 100 || strings.ContainsFunc(name, unicode.IsControl) {
		return "", fmt.Errorf("a name is at most 100 characters, without control characters")
	}
	return name, nil
}

// splitIssuerID reads an issuer id of the form {origin}/issuers/{lgcode},
// exactly, as Tsunagu instances write them.
func splitIssuerID(base, issuerID string) (lgcode string, ok bool) {
	rest, found := strings.CutPrefix(issuerID, base+"/issuers/")
	if !found || domain.ValidateLGCode(rest) != nil {
		return "", false
	}
	return rest, true
}

// trustOf finds who vouches for an issuer id; ok is false when no one on
// this hub does.
func trustOf(ctx context.Context, st *store.Store, ownBase, issuerID string) (Trust, bool, error) {
	if lgcode, ok := splitIssuerID(ownBase, issuerID); ok && ownBase != "" {
		mu, err := st.Directory().MunicipalityByLGCode(ctx, lgcode)
		if domain.ErrorCode(err) == domain.CodeNotFound {
			return Trust{}, false, nil
		}
		if err != nil {
			return Trust{}, false, err
		}
		return Trust{Own: true, Name: mu.Name, LGCode: lgcode}, true, nil
	}
	origin, err := credential.OriginOf(issuerID)
	if err != nil {
		return Trust{}, false, nil
	}
	lgcode, ok := splitIssuerID(origin, issuerID)
	if !ok {
		return Trust{}, false, nil
	}
	ti, err := st.Issuance().TrustedIssuerByOrigin(ctx, origin)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return Trust{}, false, nil
	}
	if err != nil {
		return Trust{}, false, err
	}
	return Trust{Name: ti.Name, Origin: origin, LGCode: lgcode}, true, nil
}

// Registered is the resolver's test of an origin: whether it is in the
// registry of trusted instances.
func Registered(st *store.Store) func(ctx context.Context, origin string) bool {
	return func(ctx context.Context, origin string) bool {
		_, err := st.Issuance().TrustedIssuerByOrigin(ctx, origin)
		return err == nil
	}
}
