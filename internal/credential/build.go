package credential

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Experience is what Tsunagu knows about one finished engagement. Fields
// marked optional may be left zero.
type Experience struct {
	// CredentialID is either a "urn:uuid:..." URN (see NewCredentialID) or
	// a plain token that becomes {BaseURL}/credentials/{CredentialID}.
	CredentialID string
	// IssuerLGCode is the municipality's local government code (5 or 6
	// digits, e.g. "131113" for Ota City); the issuer id is
	// {BaseURL}/issuers/{IssuerLGCode}.
	IssuerLGCode string
	IssuerName   string
	// BaseURL is the issuing Tsunagu site's origin, e.g.
	// "https://tsunagu.example.jp". Its JWK Set must be served at
	// {origin}/.well-known/jwks.json.
	BaseURL string

	// HolderID is an optional DID or URL for the talent.
	HolderID string
	// TalentName is optional; when set it is carried as a plain-text OB3
	// IdentityObject of identityType "name".
	TalentName string

	// AchievementID is an optional URI for the project itself, shared by
	// every credential for it; the default is {credential id}#achievement.
	AchievementID      string
	ProjectTitle       string
	ProjectDescription string
	// Criteria is the narrative of what earned the credential (optional;
	// a generic English sentence is used when empty, so callers should
	// pass a localized one).
	Criteria string
	Role     string // optional
	Start    time.Time
	End      time.Time // optional
	Hours    int       // optional; carried as creditsEarned
	SDGs     []int     // optional; 1..17
	Outcomes []string  // optional; each becomes a Result value

	// StatusListURL is the status list credential's URL; empty means the
	// credential is issued without a credentialStatus.
	StatusListURL string
	StatusIndex   int

	IssuedAt   time.Time // becomes validFrom
	ValidUntil time.Time // optional
}

// Build turns an Experience into an OpenBadgeCredential. It does not sign.
func Build(e Experience) (Credential, error) {
	base, err := parseBaseURL(e.BaseURL)
	if err != nil {
		return Credential{}, err
	}
	if err := checkLGCode(e.IssuerLGCode); err != nil {
		return Credential{}, err
	}
	id, err := credentialURI(base, e.CredentialID)
	if err != nil {
		return Credential{}, err
	}
	if err := e.checkRequired(); err != nil {
		return Credential{}, err
	}
	status, err := statusEntry(e.StatusListURL, e.StatusIndex)
	if err != nil {
		return Credential{}, err
	}
	ach, err := achievement(id, e)
	if err != nil {
		return Credential{}, err
	}
	subject := AchievementSubject{
		ID:                e.HolderID,
		Type:              Types{"AchievementSubject"},
		Achievement:       ach,
		ActivityStartDate: At(e.Start),
		ActivityEndDate:   At(e.End),
		CreditsEarned:     float64(e.Hours),
		Role:              strings.TrimSpace(e.Role),
	}
	if name := strings.TrimSpace(e.TalentName); name != "" {
		subject.Identifier = []IdentityObject{{
			Type: "IdentityObject", Hashed: false, IdentityHash: name, IdentityType: "name",
		}}
	}
	for _, o := range e.Outcomes {
		if o = strings.TrimSpace(o); o != "" {
			subject.Result = append(subject.Result, AchievementResult{Type: Types{"Result"}, Value: o})
		}
	}
	return Credential{
		Context: []string{ContextVC, ContextOB3},
		ID:      id,
		Type:    Types{TypeVerifiableCredential, TypeOpenBadgeCredential},
		Issuer: Profile{
			ID:   base + "/issuers/" + e.IssuerLGCode,
			Type: Types{"Profile"},
			Name: strings.TrimSpace(e.IssuerName),
		},
		ValidFrom:         At(e.IssuedAt),
		ValidUntil:        At(e.ValidUntil),
		Name:              strings.TrimSpace(e.ProjectTitle),
		CredentialSubject: subject,
		CredentialStatus:  status,
	}, nil
}

func (e Experience) checkRequired() error {
	switch {
	case strings.TrimSpace(e.IssuerName) == "":
		return errors.New("credential: issuer name is required")
	case strings.TrimSpace(e.ProjectTitle) == "":
		return errors.New("credential: project title is required")
	case strings.TrimSpace(e.ProjectDescription) == "":
		return errors.New("credential: project description is required (OB3 Achievement.description)")
	case e.Start.IsZero():
		return errors.New("credential: start is required")
	case !e.End.IsZero() && e.End.Before(e.Start):
		return errors.New("credential: end is before start")
	case e.Hours < 0:
		return errors.New("credential: hours must not be negative")
	case e.IssuedAt.IsZero():
		return errors.New("credential: issued-at is required")
	case !e.ValidUntil.IsZero() && !e.ValidUntil.After(e.IssuedAt):
		return errors.New("credential: valid-until must be after issued-at")
	}
	return nil
}

func achievement(credID string, e Experience) (Achievement, error) {
	narrative := strings.TrimSpace(e.Criteria)
	if narrative == "" {
		narrative = fmt.Sprintf("Completed the project %q for %s.",
			strings.TrimSpace(e.ProjectTitle), strings.TrimSpace(e.IssuerName))
	}
	achID := credID + "#achievement"
	if e.AchievementID != "" {
		u, err := url.Parse(e.AchievementID)
		if err != nil || !u.IsAbs() {
			return Achievement{}, fmt.Errorf("credential: achievement id %q must be an absolute URI", e.AchievementID)
		}
		achID = e.AchievementID
	}
	a := Achievement{
		ID:          achID,
		Type:        Types{"Achievement"},
		Name:        strings.TrimSpace(e.ProjectTitle),
		Description: strings.TrimSpace(e.ProjectDescription),
		Criteria:    Criteria{Narrative: narrative},
	}
	for _, n := range e.SDGs {
		name, ok := sdgName(n)
		if !ok {
			return Achievement{}, fmt.Errorf("credential: %d is not an SDG (1-17)", n)
		}
		a.Tag = append(a.Tag, sdgTag(n))
		a.Alignment = append(a.Alignment, Alignment{
			Type:            Types{"Alignment"},
			TargetName:      fmt.Sprintf("SDG %d: %s", n, name),
			TargetURL:       fmt.Sprintf("https://sdgs.un.org/goals/goal%d", n),
			TargetFramework: "UN Sustainable Development Goals",
			TargetCode:      strconv.Itoa(n),
		})
	}
	return a, nil
}

func statusEntry(listURL string, index int) (*StatusEntry, error) {
	if listURL == "" {
		return nil, nil
	}
	u, err := url.Parse(listURL)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Fragment != "" {
		return nil, fmt.Errorf("credential: status list URL %q must be absolute without a fragment", listURL)
	}
	if index < 0 || index >= MaxStatusListEntries {
		return nil, fmt.Errorf("credential: status index %d out of range", index)
	}
	idx := strconv.Itoa(index)
	return &StatusEntry{
		ID:                   listURL + "#" + idx,
		Type:                 TypeStatusListEntry,
		StatusPurpose:        PurposeRevocation,
		StatusListIndex:      idx,
		StatusListCredential: listURL,
	}, nil
}
