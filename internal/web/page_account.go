package web

import (
	"errors"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// accountPages are the handlers of accounts: signing up and in, passwords,
// sessions, API tokens, and a person's data and its deletion
// (app.Accounts).
type accountPages struct{ *kit }

// formProblems reports whether err is a form's problems, field by field,
// to show the form again with (rather than an error page).
func formProblems(err error) bool {
	var e *domain.Error
	return errors.As(err, &e) && e.Code == domain.CodeInvalid && len(e.Fields) > 0
}

func (p accountPages) signupPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, err := p.agreementFor(r.Context(), lang)
	if err != nil {
		return err
	}
	return p.render(w, r, lang, http.StatusOK, "signup", p.cat.T(lang, "signup.title", nil), signupData{newForm(), a})
}

// signup makes an account (app.Accounts.SignUp). The visitor sees the same
// page whether or not the address had an account, so the form does not
// reveal who has one; a form with problems is shown again (422).
func (p accountPages) signup(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "email", "name", "name_kana")
	if err != nil {
		return err
	}
	agreed, err := p.agreementFor(r.Context(), lang)
	if err != nil {
		return err
	}
	err = p.app.Accounts.SignUp(r.Context(), app.SignUp{Email: f.Values["email"], Name: f.Values["name"],
		NameKana: f.Values["name_kana"], Password: r.PostForm.Get("password"),
		Agreement: agreed.answer(tickAgreement(r, f)), Lang: lang})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		p.fieldErrors(lang, f, err)
		return p.render(w, r, lang, http.StatusUnprocessableEntity, "signup", p.cat.T(lang, "signup.title", nil),
			signupData{f, agreed})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/signup/sent", http.StatusSeeOther)
	return nil
}

func (p accountPages) signupSentPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return p.render(w, r, lang, http.StatusOK, "notice", p.cat.T(lang, "signup.sent_title", nil),
		p.cat.T(lang, "signup.sent_body", nil))
}

// verifyEmail spends a confirmation link and signs the person in.
func (p accountPages) verifyEmail(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := p.app.Accounts.ConfirmEmail(r.Context(), r.URL.Query().Get("token"))
	if err != nil {
		return err
	}
	if err := p.signIn(r, userID); err != nil {
		return err
	}
	http.Redirect(w, r, "/me?welcome=1", http.StatusSeeOther)
	return nil
}
