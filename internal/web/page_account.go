package web

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// verifyLinkLifetime is how long an email confirmation link works.
const verifyLinkLifetime = 24 * time.Hour

func (s *Server) signupPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, err := s.agreementFor(r.Context(), lang)
	if err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "signup", s.cat.T(lang, "signup.title", nil), signupData{newForm(), a})
}

// signup creates an account, stores a confirmation token and queues the
// confirmation mail, all in one transaction. An address that already has
// an account gets a notice instead, and the visitor sees the same page
// either way, so the form does not reveal who has an account.
func (s *Server) signup(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "email", "name", "name_kana")
	if err != nil {
		return err
	}
	password := r.PostForm.Get("password")
	u := domain.User{Email: f.Values["email"], Name: domain.NormalizeText(f.Values["name"]),
		NameKana: domain.NormalizeText(f.Values["name_kana"])}
	var v domain.ValidationErrors
	if err := u.Validate(); err != nil {
		var e *domain.Error
		if errors.As(err, &e) {
			v.Fields = append(v.Fields, e.Fields...)
		}
	}
	if u.NameKana != "" && !domain.IsKatakanaReading(u.NameKana) {
		v.Add("name_kana", "error.katakana")
	}
	if key := auth.CheckPassword(password, auth.Owner{Email: u.Email, Name: u.Name}); key != "" {
		v.Add("password", key)
	}
	checkAgreement(r, f, &v)
	agreed, err := s.agreementFor(r.Context(), lang)
	if err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		s.fieldErrors(lang, f, err)
		return s.render(w, r, lang, http.StatusBadRequest, "signup", s.cat.T(lang, "signup.title", nil), signupData{f, agreed})
	}
	hash, err := s.hashPassword(r.Context(), password)
	if err != nil {
		return err
	}
	plain, tokenHash, err := auth.NewToken()
	if err != nil {
		return err
	}
	notice := func() error { // the address already has an account
		return s.store.InTx(r.Context(), func(tx *store.Store) error {
			return s.queueMail(r.Context(), tx, lang, u.Email, mail.TemplateNotice, mail.Notice{
				Title: s.cat.T(lang, "signup.exists_title", nil), Body: s.cat.T(lang, "signup.exists_body", nil),
				URL: s.baseURL + "/login"})
		})
	}
	if _, err := s.store.Credentials(r.Context(), u.Email); err == nil {
		if err := notice(); err != nil {
			return err
		}
		http.Redirect(w, r, "/signup/sent", http.StatusSeeOther)
		return nil
	} else if domain.ErrorCode(err) != domain.CodeNotFound {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.CreateUser(r.Context(), &u); err != nil {
			return err
		}
		if err := tx.SetPassword(r.Context(), u.ID, hash); err != nil {
			return err
		}
		// The person signing up is not signed in yet: they are the actor.
		if err := s.auditEvent(r.Context(), tx, r, store.AuditEvent{ActorID: u.ID, Action: "user.signup", SubjectType: "user",
			SubjectID: u.ID}); err != nil {
			return err
		}
		if err := recordAgreement(r.Context(), tx, u.ID, agreed); err != nil {
			return err
		}
		expires := time.Now().Add(verifyLinkLifetime)
		if err := tx.CreateToken(r.Context(), u.ID, domain.TokenVerifyEmail, tokenHash, expires, ""); err != nil {
			return err
		}
		return s.queueMail(r.Context(), tx, lang, u.Email, mail.TemplateVerifyEmail, mail.VerifyEmail{
			Name: u.Name, URL: s.baseURL + "/verify?token=" + url.QueryEscape(plain), Expires: expires})
	})
	if domain.ErrorCode(err) == domain.CodeConflict { // signed up at the same moment by another request
		err = notice()
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/signup/sent", http.StatusSeeOther)
	return nil
}

func (s *Server) signupSentPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.render(w, r, lang, http.StatusOK, "notice", s.cat.T(lang, "signup.sent_title", nil),
		s.cat.T(lang, "signup.sent_body", nil))
}

// verifyEmail spends a confirmation link and signs the person in.
func (s *Server) verifyEmail(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.store.UseToken(r.Context(), auth.HashToken(r.URL.Query().Get("token")), domain.TokenVerifyEmail)
	if err != nil {
		return err
	}
	if err := s.store.MarkEmailVerified(r.Context(), userID); err != nil {
		return err
	}
	if err := s.signIn(r, userID); err != nil {
		return err
	}
	if err := s.audit(r.Context(), nil, r, "user.verify_email", "user", userID, 0); err != nil {
		return err
	}
	http.Redirect(w, r, "/me?welcome=1", http.StatusSeeOther)
	return nil
}
