package domain

import (
	"time"
)

// Invitation asks someone by email to join an organization with a role.
// Only the invited address may accept it, and only while it is open.
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
	RevokedAt      time.Time
	RevokedBy      int64
}

// InvitationState is where an invitation stands.
type InvitationState string

// Invitation states.
const (
	InvitationOpen     InvitationState = "open"
	InvitationAccepted InvitationState = "accepted"
	InvitationRevoked  InvitationState = "revoked"
	InvitationExpired  InvitationState = "expired"
)

// Validate checks the address and the role.
func (inv *Invitation) Validate() error {
	var v ValidationErrors
	u := User{Email: NormalizeEmail(inv.Email), Name: "-"}
	if err := u.Validate(); err != nil {
		v.Add("email", "error.email", "Value", inv.Email)
	}
	if !inv.Role.Valid() {
		v.Add("role", "error.choice", "Value", string(inv.Role))
	}
	if inv.MunicipalityID == 0 || inv.OrganizationID == 0 {
		v.Add("organization", "error.required_choice", "Field", "members.organization")
	}
	return v.Err()
}

// State says where the invitation stands at now. Acceptance and
// revocation are final; an open invitation expires at ExpiresAt.
func (inv Invitation) State(now time.Time) InvitationState {
	switch {
	case !inv.AcceptedAt.IsZero():
		return InvitationAccepted
	case !inv.RevokedAt.IsZero():
		return InvitationRevoked
	case !now.Before(inv.ExpiresAt):
		return InvitationExpired
	}
	return InvitationOpen
}

// Usable reports, as an error, why the invitation cannot be used at now:
// a link that was withdrawn or has expired no longer exists for its
// holder (not found); one already used is a conflict.
func (inv Invitation) Usable(now time.Time) error {
	switch inv.State(now) {
	case InvitationAccepted:
		return Errorf(CodeConflict, "error.invitation_used")
	case InvitationRevoked:
		return Errorf(CodeNotFound, "error.invitation_revoked")
	case InvitationExpired:
		return Errorf(CodeNotFound, "error.invitation_expired")
	}
	return nil
}

// AcceptableBy is the rule that keeps an invitation's membership with the
// person it was sent to: the account accepting it must have the invited
// address, compared normalised, and must have confirmed that address.
// Holding the link is not enough, since staff, a forwarded mail or a
// shared screen may show it to someone else.
func (inv Invitation) AcceptableBy(email string, verified bool) error {
	if NormalizeEmail(email) != NormalizeEmail(inv.Email) {
		return Errorf(CodeForbidden, "error.invitation_other_address")
	}
	if !verified {
		return Errorf(CodeForbidden, "error.invitation_unverified")
	}
	return nil
}

// CanRevoke reports whether the invitation is still open at now, so that
// withdrawing it means something.
func (inv Invitation) CanRevoke(now time.Time) bool { return inv.State(now) == InvitationOpen }
