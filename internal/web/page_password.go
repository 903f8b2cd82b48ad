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
// says the same either way, so it reveals nothing about who has one. A
// new link replaces any earlier one: only the newest works.
func (s *Server) forgot(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "email")
	if err != nil {
		return err
	}
	title := s.cat.T(lang, "forgot.title", nil)
	keys := auth.PasswordResetThrottles(clientAddress(r))
	if wait, err := s.throttleWait(r.Context(), keys); err != nil || wait > 0 {
		if err != nil {
			return err
		}
		return s.throttled(w, r, lang, "forgot", title, "forgot.throttled", f, wait)
	}
	// Every request counts, so the form cannot be used to flood an inbox.
	if err := s.throttleFail(r.Context(), keys); err != nil {
		return err
	}
	creds, err := s.store.Credentials(r.Context(), f.Values["email"])
	switch {
	case domain.ErrorCode(err) == domain.CodeNotFound:
	case err != nil:
		return err
	default:
		if err := s.mailResetLink(r, lang, creds.User); err != nil {
			return err
		}
	}
	return s.render(w, r, lang, http.StatusOK, "notice", s.cat.T(lang, "forgot.sent_title", nil),
		s.cat.T(lang, "forgot.sent_body", nil))
}

// mailResetLink spends the person's earlier reset links and mails a new
// one, in one transaction.
func (s *Server) mailResetLink(r *http.Request, lang i18n.Lang, u domain.User) error {
	plain, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	expires := time.Now().Add(resetLinkLifetime)
	return s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.SpendTokens(r.Context(), u.ID, domain.TokenResetPassword); err != nil {
			return err
		}
		if err := tx.CreateToken(r.Context(), u.ID, domain.TokenResetPassword, hash, expires, ""); err != nil {
			return err
		}
		if err := s.audit(r.Context(), tx, r, "password.reset_requested", "user", u.ID, 0); err != nil {
			return err
		}
		return s.queueMail(r.Context(), tx, lang, u.Email, mail.TemplateResetPassword, mail.ResetPassword{
			Name: u.Name, URL: s.baseURL + "/password/reset?token=" + url.QueryEscape(plain), Expires: expires})
	})
}

func (s *Server) resetPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f := newForm()
	f.Values["token"] = r.URL.Query().Get("token")
	return s.render(w, r, lang, http.StatusOK, "reset", s.cat.T(lang, "reset.title", nil), f)
}

// reset sets a new password with a reset link, spends every reset link of
// the person, ends every session of theirs (whoever knew the old password
// is signed out everywhere), tells them by mail and signs them in afresh.
func (s *Server) reset(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "token")
	if err != nil {
		return err
	}
	token := auth.HashToken(f.Values["token"])
	userID, err := s.store.TokenOwner(r.Context(), token, domain.TokenResetPassword)
	if err != nil {
		return err
	}
	u, err := s.store.UserByID(r.Context(), userID)
	if err != nil {
		return err
	}
	password := r.PostForm.Get("password")
	if key := auth.CheckPassword(password, auth.Owner{Email: u.Email, Name: u.Name}); key != "" {
		f.Errors["password"] = s.cat.T(lang, key, nil)
		return s.render(w, r, lang, http.StatusBadRequest, "reset", s.cat.T(lang, "reset.title", nil), f)
	}
	hash, err := s.hashPassword(r.Context(), password)
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if _, err := tx.UseToken(r.Context(), token, domain.TokenResetPassword); err != nil {
			return err
		}
		if err := s.replacePassword(r, lang, tx, u, hash, "password.reset"); err != nil {
			return err
		}
		// Following the link proves the address, too.
		return tx.MarkEmailVerified(r.Context(), u.ID)
	})
	if err != nil {
		return err
	}
	if err := s.signIn(r, u.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/me?done=password", http.StatusSeeOther)
	return nil
}

// replacePassword stores a new password hash inside tx and does what
// every password change must: spend all reset links, end every session
// (the caller then signs the person in afresh, in the new generation),
// record it, and mail the person a notice, so that a change they did not
// make does not go unseen.
func (s *Server) replacePassword(r *http.Request, lang i18n.Lang, tx *store.Store, u domain.User, hash, action string) error {
	ctx := r.Context()
	if err := tx.SetPassword(ctx, u.ID, hash); err != nil {
		return err
	}
	if err := tx.SpendTokens(ctx, u.ID, domain.TokenResetPassword); err != nil {
		return err
	}
	if _, err := tx.Sessions().EndEvery(ctx, u.ID); err != nil {
		return err
	}
	// Following a reset link proves who they are: they are the actor.
	if err := s.auditEvent(ctx, tx, r, store.AuditEvent{ActorID: u.ID, Action: action, SubjectType: "user",
		SubjectID: u.ID}); err != nil {
		return err
	}
	return s.queueMail(ctx, tx, lang, u.Email, mail.TemplatePasswordChanged, mail.PasswordChanged{
		Name: u.Name, At: s.now(), ResetURL: s.baseURL + "/password/forgot"})
}
