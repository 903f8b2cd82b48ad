package domain

import (
	"net/mail"
	"strings"
)

// Role is what a member may do in an organization.
type Role string

// Roles.
const (
	RoleMunicipalityAdmin Role = "municipality_admin"
	RoleMunicipalityStaff Role = "municipality_staff"
	RolePartnerStaff      Role = "partner_staff"
	RoleAssociationStaff  Role = "association_staff"
	RoleBusinessOwner     Role = "business_owner"
	RoleLeaderTalent      Role = "leader_talent"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleMunicipalityAdmin, RoleMunicipalityStaff, RolePartnerStaff,
		RoleAssociationStaff, RoleBusinessOwner, RoleLeaderTalent:
		return true
	}
	return false
}

// User is a person who can sign in. One account serves the whole hub.
type User struct {
	ID       int64
	Email    string
	Name     string
	NameKana string
}

// Validate checks the user's fields.
func (u *User) Validate() error {
	var v ValidationErrors
	// A deliverable address has a dot in its domain (hanako@example is not).
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email ||
		!strings.Contains(u.Email[strings.LastIndexByte(u.Email, '@')+1:], ".") {
		v.Add("email", "error.email", "Value", u.Email)
	}
	if strings.TrimSpace(u.Name) == "" {
		v.Add("name", "error.required", "Field", "signup.name")
	}
	return v.Err()
}

// Membership gives a user a role in an organization. It carries the
// organization's municipality so tenant data can be partitioned.
type Membership struct {
	UserID         int64
	OrganizationID int64
	MunicipalityID int64
	Role           Role
}

// Validate checks the membership.
func (m *Membership) Validate() error {
	var v ValidationErrors
	if m.UserID == 0 || m.OrganizationID == 0 || m.MunicipalityID == 0 {
		v.Add("membership", "error.required_choice", "Field", "thing.membership")
	}
	if !m.Role.Valid() {
		v.Add("role", "error.choice", "Value", string(m.Role))
	}
	return v.Err()
}

// TokenPurpose says what a stored token lets its holder do.
type TokenPurpose string

// Token purposes.
const (
	TokenVerifyEmail   TokenPurpose = "verify_email"   // one use
	TokenResetPassword TokenPurpose = "reset_password" // one use
	TokenInvite        TokenPurpose = "invite"         // one use
	TokenAPI           TokenPurpose = "api"            // until revoked
)
