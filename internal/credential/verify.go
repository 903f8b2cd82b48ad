package credential

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwk"
)

// ClockSkew is the tolerance applied to validFrom and validUntil.
const ClockSkew = 5 * time.Minute

// Result is a verified credential with the fields a page shows.
type Result struct {
	Credential Credential
	KeyID      string

	IssuerID    string
	IssuerName  string
	Title       string
	Description string
	HolderID    string
	HolderName  string
	Role        string
	Start, End  time.Time
	Hours       float64
	SDGs        []int
	Outcomes    []string
	ValidFrom   time.Time
	ValidUntil  time.Time

	// StatusChecked is true when the credential has a status entry and
	// the status list was read; Revoked is its bit.
	StatusChecked bool
	Revoked       bool
}

// Verify checks a vc+jwt OpenBadgeCredential at time now.
//
// On success err is nil. A failure is an *Error (see CodeOf). For
// CodeExpired, CodeNotYetValid and CodeRevoked the signature was good,
// and the returned Result is filled in so the page can still say what the
// credential was; for every other code the Result is zero.
func Verify(ctx context.Context, token string, r Resolver, now time.Time) (Result, error) {
	jw, issuerID, err := peekIssuer(token)
	if err != nil {
		return Result{}, err
	}
	set, err := issuerKeys(ctx, r, issuerID)
	if err != nil {
		return Result{}, err
	}
	payload, err := jw.verifyWith(set)
	if err != nil {
		return Result{}, err
	}
	c, err := decodeCredential(payload, issuerID)
	if err != nil {
		return Result{}, err
	}
	res := resultOf(c, jw.kid)
	if err := checkWindow(c.ValidFrom, c.ValidUntil, now); err != nil {
		return res, err
	}
	if c.CredentialStatus == nil {
		return res, nil
	}
	revoked, err := checkStatus(ctx, r, set, c, now)
	if err != nil {
		return Result{}, err
	}
	res.StatusChecked, res.Revoked = true, revoked
	if revoked {
		return res, fail(CodeRevoked, "%s", c.ID)
	}
	return res, nil
}

// IssuerOf reads the issuer id a token claims, without checking anything
// else: the claim is not trustworthy until Verify has checked the
// signature, but it says whose keys to check it with.
func IssuerOf(token string) (string, error) {
	_, id, err := peekIssuer(token)
	return id, err
}

func peekIssuer(token string) (compactJWS, string, error) {
	jw, err := parseCompact(token)
	if err != nil {
		return compactJWS{}, "", err
	}
	var peek struct {
		Issuer Profile `json:"issuer"`
	}
	if err := json.Unmarshal(jw.payload, &peek); err != nil {
		return compactJWS{}, "", wrap(CodeMalformed, err, "payload")
	}
	if u, err := url.Parse(peek.Issuer.ID); err != nil || !u.IsAbs() || u.Host == "" {
		return compactJWS{}, "", fail(CodeMalformed, "issuer id %q is not an absolute URL", peek.Issuer.ID)
	}
	return jw, peek.Issuer.ID, nil
}

func issuerKeys(ctx context.Context, r Resolver, issuerID string) (jwk.Set, error) {
	raw, err := r.Keys(ctx, issuerID)
	if err != nil {
		return nil, wrap(CodeIssuerUnreachable, err, "keys of %s", issuerID)
	}
	set, err := jwk.Parse(raw)
	if err != nil {
		return nil, wrap(CodeIssuerUnreachable, err, "key set of %s is not a JWK Set", issuerID)
	}
	return set, nil
}

// decodeCredential reads a verified payload as an OpenBadgeCredential.
func decodeCredential(payload []byte, issuerID string) (Credential, error) {
	var c Credential
	if err := json.Unmarshal(payload, &c); err != nil {
		return Credential{}, wrap(CodeMalformed, err, "credential")
	}
	var rc registeredClaims
	if err := json.Unmarshal(payload, &rc); err != nil {
		return Credential{}, wrap(CodeMalformed, err, "registered claims")
	}
	switch {
	case len(c.Context) == 0 || c.Context[0] != ContextVC:
		return Credential{}, fail(CodeMalformed, "first @context must be %s", ContextVC)
	case !c.Type.Has(TypeVerifiableCredential) || !c.Type.Has(TypeOpenBadgeCredential):
		return Credential{}, fail(CodeWrongType, "type %v", []string(c.Type))
	case !slices.Contains(c.Context, ContextOB3):
		return Credential{}, fail(CodeWrongType, "no Open Badges 3.0 @context")
	case c.Issuer.ID != issuerID:
		return Credential{}, fail(CodeMalformed, "issuer changed during decoding")
	case c.ID == "" || c.ValidFrom.IsZero():
		return Credential{}, fail(CodeMalformed, "id and validFrom are required")
	case !c.CredentialSubject.Type.Has("AchievementSubject") || c.CredentialSubject.Achievement.Name == "":
		return Credential{}, fail(CodeMalformed, "credentialSubject is not an AchievementSubject")
	}
	if err := rc.check(c.ID, c.Issuer.ID, c.CredentialSubject.ID, c.ValidFrom, c.ValidUntil); err != nil {
		return Credential{}, wrap(CodeMalformed, err, "registered claims")
	}
	return c, nil
}

// checkWindow applies validFrom <= now < validUntil with ClockSkew.
func checkWindow(from, until Timestamp, now time.Time) error {
	if now.Add(ClockSkew).Before(from.Time) {
		return fail(CodeNotYetValid, "valid from %s", from.Format(time.RFC3339))
	}
	if !until.IsZero() && !now.Add(-ClockSkew).Before(until.Time) {
		return fail(CodeExpired, "valid until %s", until.Format(time.RFC3339))
	}
	return nil
}

func resultOf(c Credential, kid string) Result {
	s := c.CredentialSubject
	res := Result{
		Credential:  c,
		KeyID:       kid,
		IssuerID:    c.Issuer.ID,
		IssuerName:  c.Issuer.Name,
		Title:       s.Achievement.Name,
		Description: s.Achievement.Description,
		HolderID:    s.ID,
		Role:        s.Role,
		Start:       s.ActivityStartDate.Time,
		End:         s.ActivityEndDate.Time,
		Hours:       s.CreditsEarned,
		ValidFrom:   c.ValidFrom.Time,
		ValidUntil:  c.ValidUntil.Time,
	}
	for _, id := range s.Identifier {
		if id.IdentityType == "name" && !id.Hashed {
			res.HolderName = id.IdentityHash
			break
		}
	}
	for _, tag := range s.Achievement.Tag {
		if n, ok := parseSDGTag(tag); ok {
			res.SDGs = append(res.SDGs, n)
		}
	}
	for _, r := range s.Result {
		if r.Value != "" {
			res.Outcomes = append(res.Outcomes, r.Value)
		}
	}
	return res
}
