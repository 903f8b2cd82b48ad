package web

import (
	"net/http"
	"net/url"
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
	Sent          bool
	Now           time.Time
}

// invitableRoles lists the roles the actor may hand out: only an admin
// makes another admin.
func invitableRoles(a policy.Actor, municipalityID int64) []domain.Role {
	roles := []domain.Role{domain.RoleMunicipalityStaff, domain.RolePartnerStaff, domain.RoleAssociationStaff,
		domain.RoleBusinessOwner, domain.RoleLeaderTalent}
	if policy.Can(a, policy.ReadAudit, policy.Resource{MunicipalityID: municipalityID}) {
		roles = append([]domain.Role{domain.RoleMunicipalityAdmin}, roles...)
	}
	return roles
}

func (s *Server) membersData(r *http.Request, a policy.Actor, mu domain.Municipality, f *form) (membersData, error) {
	d := membersData{Municipality: mu, Form: f, OrgNames: map[int64]string{}, Roles: invitableRoles(a, mu.ID),
		Now: time.Now(), Sent: r.URL.Query().Get("sent") != ""}
	var err error
	if d.Members, err = s.store.Members(r.Context(), mu.ID); err != nil {
		return d, err
	}
	if d.Invitations, err = s.store.Invitations(r.Context(), mu.ID, 50); err != nil {
		return d, err
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
	a, ok, err := s.allow(w, r, policy.Invite, policy.Resource{MunicipalityID: mu.ID})
	if err != nil || !ok {
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
	a, ok, err := s.allow(w, r, policy.Invite, policy.Resource{MunicipalityID: mu.ID})
	if err != nil || !ok {
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
	allowed := false
	for _, role := range invitableRoles(a, mu.ID) {
		allowed = allowed || role == inv.Role
	}
	if !allowed && inv.Role.Valid() {
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

type inviteData struct {
	Token        string
	Invitation   domain.Invitation
	Organization domain.Organization
	Municipality domain.Municipality
	SignedIn     bool
	HasAccount   bool
	Form         *form
}

func (s *Server) inviteData(r *http.Request, token string, f *form) (inviteData, error) {
	d := inviteData{Token: token, Form: f, SignedIn: s.userID(r) != 0}
	var err error
	if d.Invitation, err = s.store.InvitationByToken(r.Context(), auth.HashToken(token)); err != nil {
		return d, err
	}
	if d.Organization, err = s.store.Organization(r.Context(), d.Invitation.OrganizationID); err != nil {
		return d, err
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return d, err
	}
	d.Municipality = h.municipalities[d.Invitation.MunicipalityID]
	_, err = s.store.Credentials(r.Context(), d.Invitation.Email)
	d.HasAccount = err == nil
	return d, nil
}

// invitePage shows what an invitation offers and how to accept it: one
// button when signed in, or a short form that makes the account.
func (s *Server) invitePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := s.inviteData(r, r.URL.Query().Get("token"), newForm())
	if err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "invite", s.cat.T(lang, "invite.title", nil), d)
}

// acceptInvite joins the signed-in person to the organization, or makes
// their account first: the link proved the address, so it is verified.
func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "token", "name", "name_kana")
	if err != nil {
		return err
	}
	d, err := s.inviteData(r, f.Values["token"], f)
	if err != nil {
		return err
	}
	userID := s.userID(r)
	if userID == 0 {
		if d.HasAccount {
			http.Redirect(w, r, "/login?next="+url.QueryEscape("/invite?token="+f.Values["token"]), http.StatusSeeOther)
			return nil
		}
		u := domain.User{Email: d.Invitation.Email, Name: domain.NormalizeText(f.Values["name"]),
			NameKana: domain.NormalizeText(f.Values["name_kana"])}
		var v domain.ValidationErrors
		if err := u.Validate(); err != nil {
			if e, ok := err.(*domain.Error); ok {
				v.Fields = append(v.Fields, e.Fields...)
			}
		}
		password := r.PostForm.Get("password")
		if key := auth.CheckPassword(password, u.Email); key != "" {
			v.Add("password", key)
		}
		if err := v.Err(); err != nil {
			s.fieldErrors(lang, f, err)
			return s.render(w, r, lang, http.StatusUnprocessableEntity, "invite", s.cat.T(lang, "invite.title", nil), d)
		}
		hash, err := s.hashPassword(r.Context(), password)
		if err != nil {
			return err
		}
		err = s.store.InTx(r.Context(), func(tx *store.Store) error {
			if err := tx.CreateUser(r.Context(), &u); err != nil {
				return err
			}
			if err := tx.SetPassword(r.Context(), u.ID, hash); err != nil {
				return err
			}
			return tx.MarkEmailVerified(r.Context(), u.ID)
		})
		if err != nil {
			return err
		}
		userID = u.ID
		if err := s.signIn(r, userID); err != nil {
			return err
		}
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		inv, err := tx.AcceptInvitation(r.Context(), auth.HashToken(f.Values["token"]), userID)
		if err != nil {
			return err
		}
		return tx.Audit(r.Context(), store.AuditEvent{ActorID: userID, Action: "members.join", SubjectType: "invitation",
			SubjectID: inv.ID, MunicipalityID: inv.MunicipalityID, Address: clientAddress(r)})
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
	return nil
}
