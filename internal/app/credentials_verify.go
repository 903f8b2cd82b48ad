package app

import (
	"context"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type (
	// Verification is a checked credential and who vouches for its issuer.
	Verification = issuer.Verification
	// TrustedIssuer is another Tsunagu instance registered with this hub.
	TrustedIssuer = store.TrustedIssuer
)

// Check is a credential checked by this hub: what it says and, when it
// did not pass, why (Err, with a credential.Code when the check itself
// refused it).
type Check struct {
	Verification Verification
	Err          error
}

// Verify checks a credential of this hub or of a registered instance;
// any other issuer is refused before anything is fetched.
func (c *Credentials) Verify(ctx context.Context, token string) Check {
	v, err := c.app.verifier.Verify(ctx, strings.TrimSpace(token))
	return Check{Verification: v, Err: err}
}

// Verifiers is what the verify page tells about whom this hub vouches for:
// its own municipalities and the registered instances.
type Verifiers struct {
	Own        []domain.Municipality
	Registered []TrustedIssuer
	Check      *Check // the credential checked, if one was sent
}

// VerifyPage checks a credential that was sent (checked true, even an
// empty one) and lists the issuers this hub checks.
func (c *Credentials) VerifyPage(ctx context.Context, token string, checked bool) (Verifiers, error) {
	var v Verifiers
	if checked {
		ch := c.Verify(ctx, token)
		v.Check = &ch
	}
	var err error
	if v.Own, err = c.app.st.Directory().Municipalities(ctx); err != nil {
		return v, err
	}
	v.Registered, err = c.app.st.Issuance().TrustedIssuers(ctx)
	return v, err
}

// JWKS is the public keys of every municipality of this hub.
func (c *Credentials) JWKS(ctx context.Context) ([]byte, error) { return c.app.issuer.JWKS(ctx, 0) }

// StatusList is a municipality's signed revocation list.
func (c *Credentials) StatusList(ctx context.Context, lgcode string) (string, error) {
	return c.app.issuer.StatusList(ctx, lgcode)
}

// IssuerProfile is a municipality as an issuer: the URL that names it and
// its name.
type IssuerProfile struct {
	ID   string
	Name string
}

// IssuerOf describes a municipality of this hub as an issuer.
func (c *Credentials) IssuerOf(ctx context.Context, lgcode string) (IssuerProfile, error) {
	mu, err := c.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return IssuerProfile{}, err
	}
	return IssuerProfile{ID: c.app.issuer.IssuerID(mu.LGCode), Name: mu.Name}, nil
}
