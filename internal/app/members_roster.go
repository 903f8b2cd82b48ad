package app

import (
	"context"
	"net/url"
	"slices"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// inviteLifetime is how long an invitation link works.
const inviteLifetime = 7 * 24 * time.Hour

// Member is a membership with the person's name and address.
type Member = store.Member

// Roster is who works in a municipality's organizations, the invitations
// sent, and what the person reading may hand out.
type Roster struct {
	Members       []Member
	Invitations   []domain.Invitation
	Organizations []domain.Organization
	// Roles are those the reader may invite to (and withdraw invitations
	// to); Now is the clock the invitations' states are judged by.
	Roles []domain.Role
	Now   time.Time
	// States says where each invitation stands; Revocable marks those the
	// reader may withdraw.
	States    map[int64]domain.InvitationState
	Revocable map[int64]bool
}

// invitableRoles lists the roles the actor may hand out (and withdraw an
// invitation to): only an admin makes another admin, and a partner the
// municipality delegated a program to invites only business owners and
// leaders, never the municipality's own people.
func invitableRoles(a policy.Actor, municipalityID int64) []domain.Role {
	all := policy.Resource{MunicipalityID: municipalityID}
	if !policy.Can(a, policy.Invite, all) {
		return []domain.Role{domain.RoleBusinessOwner, domain.RoleLeaderTalent}
	}
	roles := []domain.Role{domain.RoleMunicipalityStaff, domain.RolePartnerStaff, domain.RoleAssociationStaff,
		domain.RoleBusinessOwner, domain.RoleLeaderTalent}
	if policy.Can(a, policy.ReadAudit, all) {
		roles = append([]domain.Role{domain.RoleMunicipalityAdmin}, roles...)
	}
	return roles
}

// authorizeInvite checks that the person may invite into the
// municipality's organizations: its staff, or a partner the municipality
// delegated at least one program's operations to.
func (m *Members) authorizeInvite(ctx context.Context, mu domain.Municipality) (policy.Actor, error) {
	a, err := m.app.AuthorizeSome(ctx, policy.Invite, mu.ID)
	if err != nil || PrincipalFrom(ctx).System {
		return a, err
	}
	res := policy.Resource{MunicipalityID: mu.ID}
	if policy.Can(a, policy.Invite, res) {
		return a, nil
	}
	programs, err := m.app.st.Directory().Programs(ctx, mu.ID)
	if err != nil {
		return a, err
	}
	for _, p := range programs {
		if policy.Can(a, policy.Invite, ProgramResource(p)) {
			return a, nil
		}
	}
	return a, Refused("error.forbidden", mu.ID, "municipality", mu.ID)
}

// mayHandOut reports whether the actor may invite to role, or withdraw an
// invitation to it.
func mayHandOut(a policy.Actor, municipalityID int64, role domain.Role) bool {
	return slices.Contains(invitableRoles(a, municipalityID), role)
}

// Roster is the municipality's members and invitations, for those who may
// invite; reading it is recorded.
func (m *Members) Roster(ctx context.Context, mu domain.Municipality) (Roster, error) {
	a, err := m.authorizeInvite(ctx, mu)
	if err != nil {
		return Roster{}, err
	}
	r, err := m.roster(ctx, a, mu)
	if err != nil {
		return r, err
	}
	err = m.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "members.view", SubjectType: "municipality", SubjectID: mu.ID,
			MunicipalityID: mu.ID})
	})
	return r, err
}

func (m *Members) roster(ctx context.Context, a policy.Actor, mu domain.Municipality) (Roster, error) {
	// The store decides expiry by its clock, so the roster does too.
	r := Roster{Roles: invitableRoles(a, mu.ID), Now: m.app.expiryNow(), States: map[int64]domain.InvitationState{},
		Revocable: map[int64]bool{}}
	var err error
	if r.Members, err = m.app.st.Accounts().Members(ctx, mu.ID); err != nil {
		return r, err
	}
	if r.Invitations, err = m.app.st.Accounts().Invitations(ctx, mu.ID, 50); err != nil {
		return r, err
	}
	for _, inv := range r.Invitations {
		r.States[inv.ID] = inv.State(r.Now)
		r.Revocable[inv.ID] = inv.CanRevoke(r.Now) && mayHandOut(a, mu.ID, inv.Role)
	}
	r.Organizations, err = m.app.st.Directory().Organizations(ctx, mu.ID)
	return r, err
}

// Invitation is who to invite, to which organization and role, and the
// language of the mail.
type Invitation struct {
	Email          string
	OrganizationID int64
	Role           domain.Role
	Lang           i18n.Lang
}

// Invite sends an invitation by mail: a one-time link that gives the
// person the role in the organization once they accept. Only an admin
// invites another admin. A problem with the form (an invalid address or
// role, an organization not of the municipality) comes back as a
// validation or not-found error together with the roster, to show the
// form again.
func (m *Members) Invite(ctx context.Context, mu domain.Municipality, in Invitation) (Roster, error) {
	a, err := m.authorizeInvite(ctx, mu)
	if err != nil {
		return Roster{}, err
	}
	inv := domain.Invitation{Email: domain.NormalizeEmail(in.Email), MunicipalityID: mu.ID, OrganizationID: in.OrganizationID, Role: in.Role,
		InvitedBy: a.UserID, Lang: string(in.Lang)}
	if !mayHandOut(a, mu.ID, inv.Role) && inv.Role.Valid() {
		return Roster{}, Refused("error.forbidden", mu.ID, "municipality", mu.ID)
	}
	plain, hash, err := auth.NewToken()
	if err != nil {
		return Roster{}, err
	}
	err = m.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Accounts().CreateInvitation(ctx, &inv, hash, inviteLifetime); err != nil {
			return err
		}
		org, err := tx.Directory().Organization(ctx, inv.OrganizationID)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "members.invite", SubjectType: "invitation", SubjectID: inv.ID,
			MunicipalityID: mu.ID}); err != nil {
			return err
		}
		to := i18n.Lang(inv.Lang)
		return tx.MailFor(ctx, mu.ID, to, inv.Email, mail.TemplateInvite, mail.Invite{
			Organization: org.Name, Role: m.app.cat.T(to, "role."+string(inv.Role), nil),
			URL: m.app.baseURL + "/invite?token=" + url.QueryEscape(plain), Expires: inv.ExpiresAt}, nil)
	})
	if c := domain.ErrorCode(err); c == domain.CodeInvalid || c == domain.CodeNotFound {
		r, rerr := m.roster(ctx, a, mu)
		if rerr != nil {
			return r, rerr
		}
		return r, err
	}
	return Roster{}, err
}

// RevokeInvitation withdraws an open invitation, so its link stops working
// at once; only those who may invite to its role may withdraw it.
func (m *Members) RevokeInvitation(ctx context.Context, mu domain.Municipality, id int64) error {
	a, err := m.authorizeInvite(ctx, mu)
	if err != nil {
		return err
	}
	inv, err := m.app.st.Accounts().Invitation(ctx, mu.ID, id)
	if err != nil {
		return err
	}
	if !mayHandOut(a, mu.ID, inv.Role) {
		return Refused("error.forbidden", mu.ID, "municipality", mu.ID)
	}
	return m.app.Change(ctx, func(tx *Tx) error {
		if _, err := tx.Accounts().RevokeInvitation(ctx, mu.ID, inv.ID, a.UserID); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "members.revoke", SubjectType: "invitation", SubjectID: inv.ID,
			MunicipalityID: mu.ID})
	})
}
