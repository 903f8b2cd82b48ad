package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
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

type membersData struct {
	Municipality  domain.Municipality
	Members       []store.Member
	Invitations   []domain.Invitation
	Organizations []domain.Organization
	OrgNames      map[int64]string
	Roles         []domain.Role
	Form          *form
	Sent, Revoked bool
	Now           time.Time
	// States says where each invitation stands; Revocable marks those the
	// person may withdraw.
	States    map[int64]domain.InvitationState
	Revocable map[int64]bool
}

// invitableRoles lists the roles the actor may hand out (and withdraw an
// invitation to): only an admin makes another admin.
func invitableRoles(a policy.Actor, municipalityID int64) []domain.Role {
	roles := []domain.Role{domain.RoleMunicipalityStaff, domain.RolePartnerStaff, domain.RoleAssociationStaff,
		domain.RoleBusinessOwner, domain.RoleLeaderTalent}
	if policy.Can(a, policy.ReadAudit, policy.Resource{MunicipalityID: municipalityID}) {
		roles = append([]domain.Role{domain.RoleMunicipalityAdmin}, roles...)
	}
	return roles
}

// mayHandOut reports whether the actor may invite to role, or withdraw an
// invitation to it.
func mayHandOut(a policy.Actor, municipalityID int64, role domain.Role) bool {
	return slices.Contains(invitableRoles(a, municipalityID), role)
}

func (s *Server) membersData(r *http.Request, a policy.Actor, mu domain.Municipality, f *form) (membersData, error) {
	q := r.URL.Query()
	// The store decides expiry by the wall clock, so the page does too.
	d := membersData{Municipality: mu, Form: f, OrgNames: map[int64]string{}, Roles: invitableRoles(a, mu.ID),
		Now: time.Now(), Sent: q.Get("sent") != "", Revoked: q.Get("revoked") != "",
		States: map[int64]domain.InvitationState{}, Revocable: map[int64]bool{}}
	var err error
	if d.Members, err = s.store.Members(r.Context(), mu.ID); err != nil {
		return d, err
	}
	if d.Invitations, err = s.store.Invitations(r.Context(), mu.ID, 50); err != nil {
		return d, err
	}
	for _, inv := range d.Invitations {
		d.States[inv.ID] = inv.State(d.Now)
		d.Revocable[inv.ID] = inv.CanRevoke(d.Now) && mayHandOut(a, mu.ID, inv.Role)
	}
	if d.Organizations, err = s.store.Organizations(r.Context(), mu.ID); err != nil {
		return d, err
	}
	for _, o := range d.Organizations {
		d.OrgNames[o.ID] = o.Name
	}
	return d, nil
}

// membersPage lists who works in the municipality's organizations, the
// invitations sent, and a form to invite someone.
func (s *Server) membersPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	a, err := s.allow(r, policy.Invite, policy.Resource{MunicipalityID: mu.ID})
	if err != nil {
		return err
	}
	d, err := s.membersData(r, a, mu, newForm())
	if err != nil {
		return err
	}
	if err := s.audit(r.Context(), nil, r, "members.view", "municipality", mu.ID, mu.ID); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "members", s.cat.T(lang, "members.title", nil), d)
}

// invite sends an invitation by mail: a one-time link that gives the
// person the role in the organization once they accept.
func (s *Server) invite(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	a, err := s.allow(r, policy.Invite, policy.Resource{MunicipalityID: mu.ID})
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "email", "organization", "role", "lang")
	if err != nil {
		return err
	}
	to, known := i18n.Parse(f.Values["lang"])
	if !known {
		to = lang
	}
	inv := domain.Invitation{Email: f.Values["email"], MunicipalityID: mu.ID, Role: domain.Role(f.Values["role"]),
		InvitedBy: a.UserID, Lang: string(to)}
	inv.OrganizationID, _ = strconv.ParseInt(f.Values["organization"], 10, 64)
	if !mayHandOut(a, mu.ID, inv.Role) && inv.Role.Valid() {
		return forbiddenIn(mu.ID)
	}
	plain, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.CreateInvitation(r.Context(), &inv, hash, inviteLifetime); err != nil {
			return err
		}
		org, err := tx.Organization(r.Context(), inv.OrganizationID)
		if err != nil {
			return err
		}
		if err := s.audit(r.Context(), tx, r, "members.invite", "invitation", inv.ID, mu.ID); err != nil {
			return err
		}
		to := i18n.Lang(inv.Lang)
		return s.queueMailFor(r.Context(), tx, mu.ID, to, inv.Email, mail.TemplateInvite, mail.Invite{
			Organization: org.Name, Role: s.cat.T(to, "role."+string(inv.Role), nil),
			URL: s.baseURL + "/invite?token=" + url.QueryEscape(plain), Expires: inv.ExpiresAt}, nil)
	})
	if c := domain.ErrorCode(err); c == domain.CodeInvalid || c == domain.CodeNotFound {
		s.fieldErrors(lang, f, err)
		d, derr := s.membersData(r, a, mu, f)
		if derr != nil {
			return derr
		}
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "members", s.cat.T(lang, "members.title", nil), d)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/members?sent=1", http.StatusSeeOther)
	return nil
}

// revokeInvitation withdraws an open invitation, so its link stops working
// at once; only those who may invite to its role may withdraw it.
func (s *Server) revokeInvitation(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	a, err := s.allow(r, policy.Invite, policy.Resource{MunicipalityID: mu.ID})
	if err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "invitation")
	if err != nil {
		return err
	}
	inv, err := s.store.Invitation(r.Context(), mu.ID, id)
	if err != nil {
		return err
	}
	if !mayHandOut(a, mu.ID, inv.Role) {
		return forbiddenIn(mu.ID)
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if _, err := tx.RevokeInvitation(r.Context(), mu.ID, inv.ID, a.UserID); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "members.revoke", "invitation", inv.ID, mu.ID)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/members?revoked=1", http.StatusSeeOther)
	return nil
}
