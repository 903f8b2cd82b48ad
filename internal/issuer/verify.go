package issuer

import (
	"context"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
)

// Verify checks a credential from any Tsunagu instance. Besides what
// credential.Verify checks, the signing key must be the named issuer's
// own: key ids begin with the municipality's code, since one instance
// publishes every municipality's keys together.
func Verify(ctx context.Context, token string, r credential.Resolver, now time.Time) (credential.Result, error) {
	res, err := credential.Verify(ctx, token, r, now)
	if res.IssuerID != "" && res.KeyID != "" {
		lgcode := res.IssuerID[strings.LastIndex(res.IssuerID, "/")+1:]
		if !strings.HasPrefix(res.KeyID, lgcode+"-") {
			return credential.Result{}, &credential.Error{Code: credential.CodeUnknownKey, Detail: "the key is not the issuer's"}
		}
	}
	return res, err
}
