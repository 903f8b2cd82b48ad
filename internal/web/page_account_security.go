package web

import (
	"errors"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// passwordPage is the form to change one's password: the current one, and
// the new one twice.
func (p accountPages) passwordPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := p.requireUser(r); err != nil {
		return err
	}
	return p.render(w, r, lang, http.StatusOK, "password", p.cat.T(lang, "password.title", nil), newForm())
}

// changePassword sets a new password once the current one is confirmed
// (app.Accounts.ChangePassword), and keeps this browser signed in on a
// renewed session; every other session has ended.
func (p accountPages) changePassword(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	err = p.app.Accounts.ChangePassword(r.Context(), lang, r.PostForm.Get("current_password"), r.PostForm.Get("password"),
		r.PostForm.Get("password_confirm"))
	var wait *app.Throttled
	if errors.As(err, &wait) {
		return p.throttled(w, r, lang, "password", p.cat.T(lang, "password.title", nil), "password.throttled", f, wait.Wait)
	}
	if err != nil {
		return p.passwordProblems(w, r, lang, f, err)
	}
	if err := p.signIn(r, p.userID(r)); err != nil {
		return err
	}
	seeOtherWith(w, r, "/me", "password_changed")
	return nil
}

// passwordProblems shows the form again with what is wrong, field by
// field (422); any other error goes to the error page.
func (p accountPages) passwordProblems(w http.ResponseWriter, r *http.Request, lang i18n.Lang, f *form, err error) error {
	if domain.ErrorCode(err) != domain.CodeInvalid {
		return err
	}
	p.fieldErrors(lang, f, err)
	return p.render(w, r, lang, http.StatusUnprocessableEntity, "password", p.cat.T(lang, "password.title", nil), f)
}

// logoutEverywhere ends every session of the person, this one included,
// on every device and instance, and says so.
func (p accountPages) logoutEverywhere(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if err := p.app.Accounts.EndEverySession(r.Context()); err != nil {
		return err
	}
	if err := p.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	clearSiteData(w)
	return p.render(w, r, lang, http.StatusOK, "notice", p.cat.T(lang, "sessions.ended_title", nil),
		p.cat.T(lang, "sessions.ended_body", nil))
}
