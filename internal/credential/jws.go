package credential

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"
)

// MaxTokenBytes bounds the size of a token Verify accepts.
const MaxTokenBytes = 1 << 20

// compactJWS is a parsed but not yet verified compact JWS.
type compactJWS struct {
	token   string
	kid     string
	payload []byte // unverified until verifyWith returns it
}

type joseHeader struct {
	Alg  *string         `json:"alg"`
	Kid  *string         `json:"kid"`
	Typ  *string         `json:"typ"`
	Crit json.RawMessage `json:"crit"`
	B64  json.RawMessage `json:"b64"`
}

// parseCompact checks the JWS shape and the protected header.
func parseCompact(token string) (compactJWS, error) {
	if len(token) > MaxTokenBytes {
		return compactJWS{}, fail(CodeMalformed, "token longer than %d bytes", MaxTokenBytes)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return compactJWS{}, fail(CodeMalformed, "not a compact JWS (header.payload.signature)")
	}
	var raw [3][]byte
	for i, p := range parts {
		b, err := base64.RawURLEncoding.Strict().DecodeString(p)
		if err != nil {
			return compactJWS{}, wrap(CodeMalformed, err, "part %d is not unpadded base64url", i+1)
		}
		raw[i] = b
	}
	var h joseHeader
	dec := json.NewDecoder(bytes.NewReader(raw[0]))
	if err := dec.Decode(&h); err != nil || dec.More() {
		return compactJWS{}, fail(CodeMalformed, "protected header is not a JSON object")
	}
	switch {
	case h.Alg == nil || *h.Alg != "EdDSA":
		return compactJWS{}, fail(CodeInvalidSignature, "alg must be EdDSA")
	case h.Crit != nil || h.B64 != nil:
		return compactJWS{}, fail(CodeMalformed, "crit and b64 headers are not supported")
	case h.Typ != nil && !isVCJWT(*h.Typ):
		return compactJWS{}, fail(CodeWrongType, "typ %q is not %s", *h.Typ, MediaType)
	case h.Kid == nil || *h.Kid == "":
		return compactJWS{}, fail(CodeUnknownKey, "no kid in the header")
	case len(raw[2]) != ed25519.SignatureSize:
		return compactJWS{}, fail(CodeInvalidSignature, "signature is not %d bytes", ed25519.SignatureSize)
	}
	return compactJWS{token: token, kid: *h.Kid, payload: raw[1]}, nil
}

// isVCJWT accepts "vc+jwt" and, per RFC 7515 section 4.1.9, its
// "application/" form, case-insensitively.
func isVCJWT(typ string) bool {
	typ = strings.ToLower(typ)
	return typ == MediaType || typ == "application/"+MediaType
}

// verifyWith checks the signature against the key named by the kid in set
// and returns the verified payload.
func (c compactJWS) verifyWith(set jwk.Set) ([]byte, error) {
	pub, err := edKey(set, c.kid)
	if err != nil {
		return nil, err
	}
	payload, err := jws.Verify([]byte(c.token), jws.WithKey(jwa.EdDSA(), pub))
	if err != nil {
		return nil, wrap(CodeInvalidSignature, err, "kid %s", c.kid)
	}
	return payload, nil
}

// edKey finds kid in set and insists on an Ed25519 signing key.
func edKey(set jwk.Set, kid string) (ed25519.PublicKey, error) {
	k, ok := set.LookupKeyID(kid)
	if !ok {
		return nil, fail(CodeUnknownKey, "kid %s is not in the issuer's key set", kid)
	}
	if use, ok := k.KeyUsage(); ok && use != "sig" {
		return nil, fail(CodeUnknownKey, "kid %s is not a signing key", kid)
	}
	if alg, ok := k.Algorithm(); ok && alg.String() != jwa.EdDSA().String() {
		return nil, fail(CodeUnknownKey, "kid %s is for alg %s", kid, alg)
	}
	pk, err := k.PublicKey()
	if err != nil {
		return nil, wrap(CodeUnknownKey, err, "kid %s", kid)
	}
	var pub ed25519.PublicKey
	if err := jwk.Export(pk, &pub); err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, fail(CodeUnknownKey, "kid %s is not an Ed25519 key", kid)
	}
	return pub, nil
}
