package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// inviteData is what the invitation page shows: what is offered, and
// either how to accept it or why the signed-in account cannot.
type inviteData struct {
	Token        string
	Invitation   domain.Invitation
	Organization domain.Organization
	Municipality domain.Municipality
	SignedIn     bool
	// SignedInAs is the signed-in account's address; Refusal is set (a
	// catalog key) when that account may not accept the invitation.
	SignedInAs string
	Refusal    string
	HasAccount bool
	Form       *form
	// Agreement is what making an account on the way asks to agree to.
	Agreement agreement
}

// inviteData reads the invitation behind a link. An invitation that can
// no longer be used comes back with the error saying why.
func (s *Server) inviteData(r *http.Request, lang i18n.Lang, token string, f *form) (inviteData, error) {
	d := inviteData{Token: token, Form: f}
	var err error
	if d.Invitation, err = s.store.InvitationByToken(r.Context(), auth.HashToken(token)); err != nil {
		return d, err
	}
	if d.Organization, err = s.store.Organization(r.Context(), d.Invitation.OrganizationID); err != nil {
		return d, err
	}
	if d.Municipality, err = s.store.MunicipalityByID(r.Context(), d.Invitation.MunicipalityID); err != nil {
		return d, err
	}
	if id := s.userID(r); id != 0 {
		if err := s.checkInvitee(r, id, &d); err != nil {
			return d, err
		}
	}
	_, err = s.store.Credentials(r.Context(), d.Invitation.Email)
	d.HasAccount = err == nil
	if !d.SignedIn && !d.HasAccount {
		if d.Agreement, err = s.agreementFor(r.Context(), lang); err != nil {
			return d, err
		}
	}
	return d, nil
}

// checkInvitee fills who is signed in and whether they may accept.
func (s *Server) checkInvitee(r *http.Request, userID int64, d *inviteData) error {
	u, err := s.store.UserByID(r.Context(), userID)
	if err != nil {
		return err
	}
	creds, err := s.store.Credentials(r.Context(), u.Email)
	if err != nil {
		return err
	}
	d.SignedIn, d.SignedInAs = true, u.Email
	if err := d.Invitation.AcceptableBy(u.Email, creds.Verified); err != nil {
		d.Refusal, _ = domain.ErrorKey(err)
	}
	return nil
}

// unusableInvitation records an attempt to use an invitation that was
// withdrawn, has expired or was used, and returns the error to show.
func (s *Server) unusableInvitation(r *http.Request, inv domain.Invitation, err error) error {
	if inv.ID == 0 {
		return err // no such link: nothing to record against
	}
	if aerr := s.audit(r.Context(), nil, r, "members.invite_"+string(inv.State(time.Now())), "invitation", inv.ID,
		inv.MunicipalityID); aerr != nil {
		return aerr
	}
	return err
}

// invitePage shows what an invitation offers and how to accept it: one
// button when signed in with the invited address, a short form that makes
// the account when there is none, or why the signed-in account cannot.
func (s *Server) invitePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := s.inviteData(r, lang, r.URL.Query().Get("token"), newForm())
	if err != nil {
		return s.unusableInvitation(r, d.Invitation, err)
	}
	return s.render(w, r, lang, http.StatusOK, "invite", s.cat.T(lang, "invite.title", nil), d)
}

// acceptInvite joins the signed-in person to the organization when their
// confirmed address is the invited one, or makes their account with the
// invited address first: the link arrived at that address, which confirms
// it as the sign-up mail's link would.
func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "token", "name", "name_kana")
	if err != nil {
		return err
	}
	d, err := s.inviteData(r, lang, f.Values["token"], f)
	if err != nil {
		return s.unusableInvitation(r, d.Invitation, err)
	}
	userID := s.userID(r)
	if userID == 0 {
		if d.HasAccount {
			http.Redirect(w, r, "/login?next="+url.QueryEscape("/invite?token="+f.Values["token"]), http.StatusSeeOther)
			return nil
		}
		if userID, err = s.createInvitedAccount(w, r, lang, &d); err != nil || userID == 0 {
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
	if domain.ErrorCode(err) == domain.CodeForbidden {
		return s.refuseInvitation(w, r, lang, d, err)
	}
	if err != nil {
		return err
	}
	s.markStaff(r) // a member now: the shorter staff session applies
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
	return nil
}

// refuseInvitation answers someone signed in with another address (or an
// unconfirmed one): no membership, a page that says why, and a record.
func (s *Server) refuseInvitation(w http.ResponseWriter, r *http.Request, lang i18n.Lang, d inviteData, err error) error {
	if aerr := s.audit(r.Context(), nil, r, "members.join_refused", "invitation", d.Invitation.ID,
		d.Invitation.MunicipalityID); aerr != nil {
		return aerr
	}
	d.Refusal, _ = domain.ErrorKey(err)
	return s.render(w, r, lang, http.StatusForbidden, "invite", s.cat.T(lang, "invite.title", nil), d)
}

// createInvitedAccount makes an account with the invited address, marks
// the address confirmed and signs the person in. It returns 0 after
// showing the form again when something was missing.
func (s *Server) createInvitedAccount(w http.ResponseWriter, r *http.Request, lang i18n.Lang, d *inviteData) (int64, error) {
	f := d.Form
	u := domain.User{Email: d.Invitation.Email, Name: domain.NormalizeText(f.Values["name"]),
		NameKana: domain.NormalizeText(f.Values["name_kana"])}
	var v domain.ValidationErrors
	if err := u.Validate(); err != nil {
		if e, ok := err.(*domain.Error); ok {
			v.Fields = append(v.Fields, e.Fields...)
		}
	}
	password := r.PostForm.Get("password")
	if key := auth.CheckPassword(password, auth.Owner{Email: u.Email, Name: u.Name}); key != "" {
		v.Add("password", key)
	}
	checkAgreement(r, f, &v)
	if err := v.Err(); err != nil {
		s.fieldErrors(lang, f, err)
		return 0, s.render(w, r, lang, http.StatusUnprocessableEntity, "invite", s.cat.T(lang, "invite.title", nil), d)
	}
	hash, err := s.hashPassword(r.Context(), password)
	if err != nil {
		return 0, err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.CreateUser(r.Context(), &u); err != nil {
			return err
		}
		if err := tx.SetPassword(r.Context(), u.ID, hash); err != nil {
			return err
		}
		if err := recordAgreement(r.Context(), tx, u.ID, d.Agreement); err != nil {
			return err
		}
		return tx.MarkEmailVerified(r.Context(), u.ID)
	})
	if err != nil {
		return 0, err
	}
	return u.ID, s.signIn(r, u.ID)
}
