package issuer

import (
	"context"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
)

// VerifyTimeout bounds one verification, both fetches included.
const VerifyTimeout = 3 * time.Second

// Verifier checks credentials for this hub: its own municipalities' from
// the database, and registered instances' over HTTPS through remote. Any
// other issuer is refused before anything is fetched.
type Verifier struct {
	issuer *Issuer
	remote credential.Resolver
}

// NewVerifier returns a verifier for the hub i serves; remote fetches
// registered instances' keys and lists (credential.NewHTTPResolver with
// Registered as its test of origins).
func NewVerifier(i *Issuer, remote credential.Resolver) *Verifier {
	return &Verifier{issuer: i, remote: remote}
}

// Verification is a checked credential and who vouches for its issuer.
// Result.IssuerName is the name on this hub's records.
type Verification struct {
	credential.Result
	Trust   Trust
	Trusted bool
}

// Verify checks a credential. Besides what credential.Verify checks, the
// issuer must be one of this hub's municipalities or on a registered
// instance (else the error's code is CodeUntrustedIssuer and Result holds
// only the issuer id it claims), and the signing key must be the named
// issuer's own: key ids begin with the municipality's code, since one
// instance publishes every municipality's keys together.
func (v *Verifier) Verify(ctx context.Context, token string) (Verification, error) {
	issuerID, err := credential.IssuerOf(token)
	if err != nil {
		return Verification{}, err
	}
	trust, ok, err := trustOf(ctx, v.issuer.st, v.issuer.base, issuerID)
	if err != nil {
		return Verification{}, err
	}
	if !ok {
		return Verification{Result: credential.Result{IssuerID: issuerID}}, credential.UntrustedIssuer(issuerID)
	}
	ctx, cancel := context.WithTimeout(ctx, VerifyTimeout)
	defer cancel()
	var r credential.Resolver = sameOrigin{remote: v.remote, origin: trust.Origin}
	if trust.Own {
		r = ownResolver{i: v.issuer, issuerID: issuerID, lgcode: trust.LGCode}
	}
	res, err := credential.Verify(ctx, token, r, v.issuer.now())
	if res.KeyID != "" && !strings.HasPrefix(res.KeyID, trust.LGCode+"-") {
		return Verification{Trust: trust, Trusted: true},
			&credential.Error{Code: credential.CodeUnknownKey, Detail: "the key is not the issuer's"}
	}
	if res.IssuerID != "" {
		res.IssuerName = trust.Name
	}
	return Verification{Result: res, Trust: trust, Trusted: true}, err
}

// ownResolver answers for one of this hub's municipalities from the
// database, and fetches nothing.
type ownResolver struct {
	i        *Issuer
	issuerID string
	lgcode   string
}

func (o ownResolver) Keys(ctx context.Context, issuerID string) ([]byte, error) {
	if issuerID != o.issuerID {
		return nil, &credential.FetchError{Reason: credential.RefusedUntrusted, URL: issuerID}
	}
	mu, err := o.i.st.Directory().MunicipalityByLGCode(ctx, o.lgcode)
	if err != nil {
		return nil, err
	}
	return o.i.JWKS(ctx, mu.ID)
}

func (o ownResolver) StatusList(ctx context.Context, url string) (string, error) {
	if url != o.i.StatusListURL(o.lgcode) {
		return "", &credential.FetchError{Reason: credential.RefusedUntrusted, URL: url}
	}
	return o.i.StatusList(ctx, o.lgcode)
}

// sameOrigin keeps a registered instance's credential from sending the
// verifier anywhere but that instance, even to another registered one.
type sameOrigin struct {
	remote credential.Resolver
	origin string
}

func (s sameOrigin) Keys(ctx context.Context, issuerID string) ([]byte, error) {
	if o, err := credential.OriginOf(issuerID); err != nil || o != s.origin {
		return nil, &credential.FetchError{Reason: credential.RefusedUntrusted, URL: issuerID}
	}
	return s.remote.Keys(ctx, issuerID)
}

func (s sameOrigin) StatusList(ctx context.Context, url string) (string, error) {
	if o, err := credential.OriginOf(url); err != nil || o != s.origin {
		return "", &credential.FetchError{Reason: credential.RefusedUntrusted, URL: url}
	}
	return s.remote.StatusList(ctx, url)
}
