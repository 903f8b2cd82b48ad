package credential

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwk"
)

// checkStatus reads the credential's revocation bit. The status list
// credential must be signed by a key of the credential's own issuer and
// name that issuer. Any failure is CodeStatusUnavailable (with the
// underlying reason wrapped), or CodeMalformed for a bad entry.
func checkStatus(ctx context.Context, r Resolver, set jwk.Set, c Credential, now time.Time) (bool, error) {
	e := c.CredentialStatus
	if e.Type != TypeStatusListEntry || e.StatusPurpose != PurposeRevocation {
		return false, fail(CodeStatusUnavailable, "unsupported status %s/%s", e.Type, e.StatusPurpose)
	}
	index, err := strconv.Atoi(e.StatusListIndex)
	if err != nil || index < 0 || e.StatusListCredential == "" {
		return false, fail(CodeMalformed, "credentialStatus index %q or list URL is invalid", e.StatusListIndex)
	}
	tok, err := r.StatusList(ctx, e.StatusListCredential)
	if err != nil {
		return false, wrap(CodeStatusUnavailable, err, "fetch %s", e.StatusListCredential)
	}
	list, err := verifyStatusList(tok, set, c.Issuer.ID, e, now)
	if err != nil {
		return false, wrap(CodeStatusUnavailable, err, "%s", e.StatusListCredential)
	}
	revoked, err := list.Revoked(index)
	if err != nil {
		return false, wrap(CodeStatusUnavailable, err, "%s", e.StatusListCredential)
	}
	return revoked, nil
}

func verifyStatusList(tok string, set jwk.Set, issuerID string, e *StatusEntry, now time.Time) (StatusList, error) {
	jw, err := parseCompact(tok)
	if err != nil {
		return StatusList{}, err
	}
	payload, err := jw.verifyWith(set)
	if err != nil {
		return StatusList{}, err
	}
	var peek struct {
		Type Types `json:"type"`
	}
	if err := json.Unmarshal(payload, &peek); err != nil || !peek.Type.Has(TypeStatusListCredential) {
		return StatusList{}, fail(CodeWrongType, "not a %s", TypeStatusListCredential)
	}
	var sc StatusListCredential
	if err := json.Unmarshal(payload, &sc); err != nil {
		return StatusList{}, wrap(CodeMalformed, err, "status list credential")
	}
	var rc registeredClaims
	if err := json.Unmarshal(payload, &rc); err != nil {
		return StatusList{}, wrap(CodeMalformed, err, "registered claims")
	}
	s := sc.CredentialSubject
	switch {
	case !sc.Type.Has(TypeVerifiableCredential) || !sc.Type.Has(TypeStatusListCredential) || s.Type != TypeStatusList:
		return StatusList{}, fail(CodeWrongType, "not a %s", TypeStatusListCredential)
	case sc.Issuer.ID != issuerID:
		return StatusList{}, fail(CodeMalformed, "status list issuer %q is not %q", sc.Issuer.ID, issuerID)
	case sc.ID != e.StatusListCredential:
		return StatusList{}, fail(CodeMalformed, "status list id %q is not the URL it came from", sc.ID)
	case s.StatusPurpose != e.StatusPurpose:
		return StatusList{}, fail(CodeMalformed, "status purpose %q does not match %q", s.StatusPurpose, e.StatusPurpose)
	case sc.ValidFrom.IsZero():
		return StatusList{}, fail(CodeMalformed, "status list has no validFrom")
	}
	if err := rc.check(sc.ID, sc.Issuer.ID, "", sc.ValidFrom, sc.ValidUntil); err != nil {
		return StatusList{}, wrap(CodeMalformed, err, "registered claims")
	}
	if err := checkWindow(sc.ValidFrom, sc.ValidUntil, now); err != nil {
		return StatusList{}, err
	}
	list, err := DecodeStatusList(s.EncodedList)
	if err != nil {
		return StatusList{}, wrap(CodeMalformed, err, "encodedList")
	}
	return list, nil
}
