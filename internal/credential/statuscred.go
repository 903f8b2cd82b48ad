package credential

import (
	"errors"
	"net/url"
	"strings"
	"time"
)

// StatusListCredential is a BitstringStatusListCredential.
type StatusListCredential struct {
	Context           []string          `json:"@context"`
	ID                string            `json:"id"`
	Type              Types             `json:"type"`
	Issuer            Profile           `json:"issuer"`
	ValidFrom         Timestamp         `json:"validFrom"`
	ValidUntil        Timestamp         `json:"validUntil,omitzero"`
	CredentialSubject StatusListSubject `json:"credentialSubject"`
}

// StatusListSubject is the BitstringStatusList itself.
type StatusListSubject struct {
	ID            string `json:"id"`
	Type          string `json:"type"`
	StatusPurpose string `json:"statusPurpose"`
	EncodedList   string `json:"encodedList"`
}

// BuildStatusListCredential wraps list in a revocation status list
// credential. id is the URL it is served at (the statusListCredential of
// the entries pointing into it); issuerID and issuerName must be the same
// as in the credentials that point at it.
func BuildStatusListCredential(id, issuerID, issuerName string, validFrom time.Time, list StatusList) (StatusListCredential, error) {
	u, err := url.Parse(id)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Fragment != "" {
		return StatusListCredential{}, errors.New("credential: status list id must be an absolute URL without a fragment")
	}
	if issuerID == "" || validFrom.IsZero() {
		return StatusListCredential{}, errors.New("credential: status list needs an issuer and validFrom")
	}
	enc, err := list.Encode()
	if err != nil {
		return StatusListCredential{}, err
	}
	return StatusListCredential{
		Context:   []string{ContextVC},
		ID:        id,
		Type:      Types{TypeVerifiableCredential, TypeStatusListCredential},
		Issuer:    Profile{ID: issuerID, Type: Types{"Profile"}, Name: strings.TrimSpace(issuerName)},
		ValidFrom: At(validFrom),
		CredentialSubject: StatusListSubject{
			ID:            id + "#list",
			Type:          TypeStatusList,
			StatusPurpose: PurposeRevocation,
			EncodedList:   enc,
		},
	}, nil
}
