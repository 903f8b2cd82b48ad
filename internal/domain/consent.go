package domain

import (
	"strings"
	"time"
)

// ConsentPurpose is what a person agrees their data may be used for.
type ConsentPurpose string

// Consent purposes.
const (
	// ConsentScout lets a municipality's staff find the profile and send an
	// offer (スカウト).
	ConsentScout ConsentPurpose = "scout"
	// ConsentStory lets a completed project's outcome name the person on
	// public pages.
	ConsentStory ConsentPurpose = "story"
	// ConsentNews lets the municipality send news of programs and events.
	ConsentNews ConsentPurpose = "news"
)

// ConsentPurposes lists the purposes in display order.
func ConsentPurposes() []ConsentPurpose {
	return []ConsentPurpose{ConsentScout, ConsentStory, ConsentNews}
}

// Valid reports whether p is a known purpose.
func (p ConsentPurpose) Valid() bool {
	for _, k := range ConsentPurposes() {
		if k == p {
			return true
		}
	}
	return false
}

// Consent is one answer, given or withdrawn, with its time. Answers are
// never edited: the newest for a purpose is the current one.
type Consent struct {
	UserID         int64
	MunicipalityID int64 // 0 when the answer holds for every municipality
	Purpose        ConsentPurpose
	Granted        bool
	At             time.Time
}

// Invitation asks someone by email to join an organization with a role.
type Invitation struct {
	ID             int64
	Email          string
	MunicipalityID int64
	OrganizationID int64
	Role           Role
	InvitedBy      int64
	Lang           string
	CreatedAt      time.Time
	ExpiresAt      time.Time
	AcceptedAt     time.Time
}

// Validate checks the address and the role.
func (inv *Invitation) Validate() error {
	var v ValidationErrors
	u := User{Email: strings.ToLower(strings.TrimSpace(inv.Email)), Name: "-"}
	if err := u.Validate(); err != nil {
		v.Add("email", "error.email", "Value", inv.Email)
	}
	if !inv.Role.Valid() {
		v.Add("role", "error.choice", "Value", string(inv.Role))
	}
	if inv.MunicipalityID == 0 || inv.OrganizationID == 0 {
		v.Add("organization", "error.required", "Field", "organization")
	}
	return v.Err()
}
