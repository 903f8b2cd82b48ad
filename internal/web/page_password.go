package web

import (
	"errors"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

func (p accountPages) forgotPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return p.render(w, r, lang, http.StatusOK, "forgot", p.cat.T(lang, "forgot.title", nil), newForm())
}

// forgot mails a reset link when the address has an account
// (app.Accounts.RequestPasswordReset). The page says the same either way,
// so it reveals nothing about who has one.
func (p accountPages) forgot(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "email")
	if err != nil {
		return err
	}
	err = p.app.Accounts.RequestPasswordReset(r.Context(), lang, f.Values["email"])
	var wait *app.Throttled
	if errors.As(err, &wait) {
		return p.throttled(w, r, lang, "forgot", p.cat.T(lang, "forgot.title", nil), "forgot.throttled", f, wait.Wait)
	}
	if err != nil {
		return err
	}
	return p.render(w, r, lang, http.StatusOK, "notice", p.cat.T(lang, "forgot.sent_title", nil),
		p.cat.T(lang, "forgot.sent_body", nil))
}

func (p accountPages) resetPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f := newForm()
	f.Values["token"] = r.URL.Query().Get("token")
	return p.render(w, r, lang, http.StatusOK, "reset", p.cat.T(lang, "reset.title", nil), f)
}

// reset sets a new password with a reset link (app.Accounts.ResetPassword)
// and signs the person in afresh; every other session of theirs has
// ended. A new password against the policy shows the form again (422); a
// link that cannot be used is an error page.
func (p accountPages) reset(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "token")
	if err != nil {
		return err
	}
	userID, err := p.app.Accounts.ResetPassword(r.Context(), lang, f.Values["token"], r.PostForm.Get("password"))
	if formProblems(err) {
		p.fieldErrors(lang, f, err)
		return p.render(w, r, lang, http.StatusUnprocessableEntity, "reset", p.cat.T(lang, "reset.title", nil), f)
	}
	if err != nil {
		return err
	}
	if err := p.signIn(r, userID); err != nil {
		return err
	}
	seeOtherWith(w, r, "/me", "password_changed")
	return nil
}
