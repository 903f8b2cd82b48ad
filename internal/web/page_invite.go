package web

import (
	"net/http"
	"net/url"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
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

// inviteData is the page for an invitation as read, with the form and,
// when the account is to be made on the way, what it asks to agree to.
func (p memberPages) inviteData(v app.InvitationView, token string, f *form, a agreement) inviteData {
	d := inviteData{Token: token, Invitation: v.Invitation, Organization: v.Organization, Municipality: v.Municipality,
		SignedIn: v.SignedIn, SignedInAs: v.SignedInAs, Refusal: v.Refusal, HasAccount: v.HasAccount, Form: f}
	if !d.SignedIn && !d.HasAccount {
		d.Agreement = a
	}
	return d
}

// invitePage shows what an invitation offers and how to accept it: one
// button when signed in with the invited address, a short form that makes
// the account when there is none, or why the signed-in account cannot.
// A link that can no longer be used says why (the attempt is recorded).
func (p memberPages) invitePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	token := r.URL.Query().Get("token")
	v, err := p.app.Members.OpenInvitation(r.Context(), token)
	if err != nil {
		return err
	}
	a, err := p.agreementFor(r.Context(), lang)
	if err != nil {
		return err
	}
	return p.render(w, r, lang, http.StatusOK, "invite", p.cat.T(lang, "invite.title", nil), p.inviteData(v, token, newForm(), a))
}

// acceptInvite accepts an invitation (app.Members.AcceptInvitation): the
// signed-in person joins, or their account is made with the invited
// address first and they are signed in. Someone not signed in whose
// address has an account logs in first; missing details show the form
// again (422); another account is refused (403) with a page that says why.
func (p memberPages) acceptInvite(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "token", "name", "name_kana")
	if err != nil {
		return err
	}
	a, err := p.agreementFor(r.Context(), lang)
	if err != nil {
		return err
	}
	token := f.Values["token"]
	res, err := p.app.Members.AcceptInvitation(r.Context(), app.InvitationAnswer{Token: token, Name: f.Values["name"],
		NameKana: f.Values["name_kana"], Password: r.PostForm.Get("password"), Agreement: a.answer(tickAgreement(r, f))})
	d := p.inviteData(res.View, token, f, a)
	switch {
	case res.SignInFirst:
		http.Redirect(w, r, "/login?next="+url.QueryEscape("/invite?token="+token), http.StatusSeeOther)
		return nil
	case domain.ErrorCode(err) == domain.CodeInvalid:
		p.fieldErrors(lang, f, err)
		return p.render(w, r, lang, http.StatusUnprocessableEntity, "invite", p.cat.T(lang, "invite.title", nil), d)
	case domain.ErrorCode(err) == domain.CodeForbidden:
		return p.render(w, r, lang, http.StatusForbidden, "invite", p.cat.T(lang, "invite.title", nil), d)
	case err != nil:
		return err
	}
	if res.NewUser != 0 {
		if err := p.signIn(r, res.NewUser); err != nil {
			return err
		}
	}
	p.markStaff(r) // a member now: the shorter staff session applies
	seeOtherWith(w, r, "/admin", "invite_accepted")
	return nil
}
