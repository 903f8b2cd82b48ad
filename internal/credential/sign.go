package credential

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jws"
)

// registeredClaims are the JWT claims that mirror credential properties.
type registeredClaims struct {
	Iss string `json:"iss,omitempty"`
	Jti string `json:"jti,omitempty"`
	Sub string `json:"sub,omitempty"`
	Iat int64  `json:"iat,omitempty"`
	Nbf int64  `json:"nbf,omitempty"`
	Exp int64  `json:"exp,omitempty"`
}

func claimsFor(id, issuer, subject string, from, until Timestamp) registeredClaims {
	rc := registeredClaims{Iss: issuer, Jti: id, Sub: subject, Iat: from.Unix(), Nbf: from.Unix()}
	if !until.IsZero() {
		rc.Exp = until.Unix()
	}
	return rc
}

// check reports a registered claim that contradicts the credential.
func (rc registeredClaims) check(id, issuer, subject string, from, until Timestamp) error {
	switch {
	case rc.Iss != "" && rc.Iss != issuer:
		return fmt.Errorf("iss %q is not issuer.id %q", rc.Iss, issuer)
	case rc.Jti != "" && rc.Jti != id:
		return fmt.Errorf("jti %q is not id %q", rc.Jti, id)
	case rc.Sub != "" && rc.Sub != subject:
		return fmt.Errorf("sub %q is not credentialSubject.id %q", rc.Sub, subject)
	case rc.Nbf != 0 && rc.Nbf != from.Unix():
		return fmt.Errorf("nbf %d is not validFrom", rc.Nbf)
	case rc.Exp != 0 && (until.IsZero() || rc.Exp != until.Unix()):
		return fmt.Errorf("exp %d is not validUntil", rc.Exp)
	}
	return nil
}

// Sign secures c as a compact JWS (vc+jwt) with key. The key must not be
// retired at c.ValidFrom.
func Sign(c Credential, key Key) (string, error) {
	if !c.Type.Has(TypeOpenBadgeCredential) {
		return "", fmt.Errorf("credential: not an %s", TypeOpenBadgeCredential)
	}
	rc := claimsFor(c.ID, c.Issuer.ID, c.CredentialSubject.ID, c.ValidFrom, c.ValidUntil)
	return signJSON(c, rc, key, c.ValidFrom.Time)
}

// SignStatusList secures a status list credential the same way.
func SignStatusList(c StatusListCredential, key Key) (string, error) {
	if !c.Type.Has(TypeStatusListCredential) {
		return "", fmt.Errorf("credential: not a %s", TypeStatusListCredential)
	}
	rc := claimsFor(c.ID, c.Issuer.ID, "", c.ValidFrom, c.ValidUntil)
	return signJSON(c, rc, key, c.ValidFrom.Time)
}

// signJSON merges the registered claims into the credential's JSON object
// and signs the result.
func signJSON(vc any, rc registeredClaims, key Key, at time.Time) (string, error) {
	if key.Public() == nil {
		return "", fmt.Errorf("credential: key %s has no Ed25519 private key", key.ID)
	}
	if key.RetiredAt(at) {
		return "", fmt.Errorf("credential: key %s is retired", key.ID)
	}
	payload, err := mergeJSON(vc, rc)
	if err != nil {
		return "", err
	}
	hdr := jws.NewHeaders()
	for name, v := range map[string]any{
		jws.KeyIDKey:       key.ID,
		jws.TypeKey:        MediaType,
		jws.ContentTypeKey: ContentType,
	} {
		if err := hdr.Set(name, v); err != nil {
			return "", err
		}
	}
	out, err := jws.Sign(payload, jws.WithKey(jwa.EdDSA(), key.Private, jws.WithProtectedHeaders(hdr)))
	if err != nil {
		return "", fmt.Errorf("credential: sign: %w", err)
	}
	return string(out), nil
}

func mergeJSON(vc any, rc registeredClaims) ([]byte, error) {
	var obj map[string]json.RawMessage
	for _, part := range []any{vc, rc} {
		b, err := json.Marshal(part)
		if err != nil {
			return nil, err
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, err
		}
		if obj == nil {
			obj = m
			continue
		}
		for k, v := range m {
			if _, clash := obj[k]; clash {
				return nil, fmt.Errorf("credential: claim %q already set", k)
			}
			obj[k] = v
		}
	}
	return json.Marshal(obj)
}
