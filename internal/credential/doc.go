// Package credential issues and verifies Tsunagu experience credentials.
//
// A credential is an Open Badges 3.0 OpenBadgeCredential (a W3C Verifiable
// Credential, Data Model 2.0) that says "this person did this project for
// this municipality". It is secured as a compact JWS in the VC-JOSE-COSE
// style: the JWT claims set is the credential JSON itself, signed with
// Ed25519 (alg "EdDSA"), typ "vc+jwt", cty "vc", and the signing key's kid.
//
// The payload also carries the registered JWT claims iss, jti, sub, iat,
// nbf and exp, each mirroring a credential property (issuer.id, id,
// credentialSubject.id when set, validFrom for both iat and nbf, and
// validUntil when set), so that generic JWT tooling sees the same issuer
// and validity window. Verify rejects a token whose registered claims
// disagree with the credential; tokens without them are accepted.
//
// Revocation uses a W3C Bitstring Status List v1.0: each credential points
// at one bit of a status list credential that the same issuer signs with
// the same keys.
//
// Any town can verify any other town's credential: Verify reads the issuer
// id (https://{host}/issuers/{lgcode}) from the payload, fetches that
// issuer's JWK Set from the same origin (/.well-known/jwks.json), and
// checks the signature against the key named by the kid. A credential
// that claims one issuer but is signed by a key outside that issuer's JWK
// Set fails. Whom to ask is the Resolver's decision: HTTPResolver fetches
// only from origins its caller trusts, over https, never from inside
// addresses, and internal/issuer refuses unregistered issuers before
// Verify runs (CodeUntrustedIssuer).
//
// The JOSE layer uses github.com/lestrrat-go/jwx/v3; the package adds its
// own strict checks on top (compact form only, alg exactly "EdDSA", kid
// required, no "crit").
package credential
