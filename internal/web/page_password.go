package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// resetLinkLifetime is how long a password reset link works.
const resetLinkLifetime = time.Hour

func (s *Server) forgotPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.render(w, r, lang, http.StatusOK, "forgot", s.cat.T(lang, "forgot.title", nil), newForm())
}

// forgot mails a reset link when the address has an account. The page
// says the same either way, so it reveals nothing about who has one.
func (s *Server) forgot(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "email")
	if err != nil {
		return err
	}
	address := clientAddress(r)
	if ok, _ := s.limits.address.Allow(address); !ok {
		f.Error = s.cat.T(lang, "login.throttled", map[string]any{"Minutes": 15})
		return s.render(w, r, lang, http.StatusTooManyRequests, "forgot", s.cat.T(lang, "forgot.title", nil), f)
	}
	s.limits.address.Fail(address) // every request counts, so the form cannot be used to flood an inbox
	creds, err := s.store.Credentials(r.Context(), f.Values["email"])
	switch {
	case domain.ErrorCode(err) == domain.CodeNotFound:
	case err != nil:
		return err
	default:
		plain, hash, err := auth.NewToken()
		if err != nil {
			return err
		}
		expires := time.Now().Add(resetLinkLifetime)
		err = s.store.InTx(r.Context(), func(tx *store.Store) error {
			if err := tx.CreateToken(r.Context(), creds.User.ID, domain.TokenResetPassword, hash, expires, ""); err != nil {
				return err
			}
			if err := s.audit(r.Context(), tx, r, "password.reset_requested", "user", creds.User.ID, 0); err != nil {
				return err
			}
			return s.queueMail(r.Context(), tx, lang, creds.User.Email, mail.TemplateResetPassword, mail.ResetPassword{
				Name: creds.User.Name, URL: s.baseURL + "/password/reset?token=" + url.QueryEscape(plain), Expires: expires})
		})
		if err != nil {
			return err
		}
	}
	return s.render(w, r, lang, http.StatusOK, "notice", s.cat.T(lang, "forgot.sent_title", nil),
		s.cat.T(lang, "forgot.sent_body", nil))
}

func (s *Server) resetPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f := newForm()
	f.Values["token"] = r.URL.Query().Get("token")
	return s.render(w, r, lang, http.StatusOK, "reset", s.cat.T(lang, "reset.title", nil), f)
}

// reset sets a new password with a reset link, spends the link and signs
// the person in.
func (s *Server) reset(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "token")
	if err != nil {
		return err
	}
	password := r.PostForm.Get("password")
	if key := auth.CheckPassword(password, ""); key != "" {
		f.Errors["password"] = s.cat.T(lang, key, nil)
		return s.render(w, r, lang, http.StatusBadRequest, "reset", s.cat.T(lang, "reset.title", nil), f)
	}
	hash, err := s.hashPassword(r.Context(), password)
	if err != nil {
		return err
	}
	var userID int64
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		id, err := tx.UseToken(r.Context(), auth.HashToken(f.Values["token"]), domain.TokenResetPassword)
		if err != nil {
			return err
		}
		userID = id
		if err := tx.SetPassword(r.Context(), id, hash); err != nil {
			return err
		}
		// The link proves who follows it: they are the actor.
		if err := s.auditEvent(r.Context(), tx, r, store.AuditEvent{ActorID: id, Action: "password.reset", SubjectType: "user",
			SubjectID: id}); err != nil {
			return err
		}
		// Following the link proves the address, too.
		return tx.MarkEmailVerified(r.Context(), id)
	})
	if err != nil {
		return err
	}
	if err := s.signIn(r, userID); err != nil {
		return err
	}
	http.Redirect(w, r, "/me", http.StatusSeeOther)
	return nil
}
