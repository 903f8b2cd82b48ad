package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// passwordPage is the form to change one's password: the current one, and
// the new one twice.
func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := s.requireUser(r); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "password", s.cat.T(lang, "password.title", nil), newForm())
}

// changePassword sets a new password once the current one is confirmed.
// Wrong current passwords count against the same throttle as signing in,
// so a session left open cannot be used to guess at leisure. The change
// ends every other session, keeps this one on a renewed token, and mails
// the person a notice.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	title := s.cat.T(lang, "password.title", nil)
	u, err := s.store.UserByID(r.Context(), userID)
	if err != nil {
		return err
	}
	keys := auth.LoginThrottles(u.Email, clientAddress(r))
	if wait, err := s.throttleWait(r.Context(), keys); err != nil || wait > 0 {
		if err != nil {
			return err
		}
		return s.throttled(w, r, lang, "password", title, "password.throttled", f, wait)
	}
	if err := s.checkCurrentPassword(r, u, keys); err != nil {
		return s.passwordProblems(w, r, lang, f, err)
	}
	password := r.PostForm.Get("password")
	if err := newPasswordProblems(password, r.PostForm.Get("password_confirm"), u); err != nil {
		return s.passwordProblems(w, r, lang, f, err)
	}
	hash, err := s.hashPassword(r.Context(), password)
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		return s.replacePassword(r, lang, tx, u, hash, "password.change")
	})
	if err != nil {
		return err
	}
	if err := s.signIn(r, userID); err != nil {
		return err
	}
	http.Redirect(w, r, "/me?done=password", http.StatusSeeOther)
	return nil
}

// checkCurrentPassword verifies the current password within the hashing
// cap, and counts a wrong one as a failed sign-in.
func (s *Server) checkCurrentPassword(r *http.Request, u domain.User, keys []auth.Throttle) error {
	return s.checkPassword(r, u, keys, "current_password", "password.wrong_current", "password.change_failed")
}

// checkPassword verifies the password in the form field within the
// hashing cap; a wrong one counts as a failed sign-in, is audited, and
// comes back as a validation error on that field.
func (s *Server) checkPassword(r *http.Request, u domain.User, keys []auth.Throttle, field, problem, action string) error {
	creds, err := s.store.Credentials(r.Context(), u.Email)
	if err != nil {
		return err
	}
	var match bool
	if err := s.limits.hash(r.Context(), func() {
		match, _, _ = auth.VerifyPassword(r.PostForm.Get(field), creds.PasswordHash)
	}); err != nil {
		return err
	}
	if match {
		return nil
	}
	if err := s.throttleFail(r.Context(), keys); err != nil {
		return err
	}
	if err := s.audit(r.Context(), nil, r, action, "user", u.ID, 0); err != nil {
		return err
	}
	var v domain.ValidationErrors
	v.Add(field, problem)
	return v.Err()
}

// newPasswordProblems applies the password policy to the new password and
// checks that it was typed the same twice.
func newPasswordProblems(password, confirm string, u domain.User) error {
	var v domain.ValidationErrors
	if key := auth.CheckPassword(password, auth.Owner{Email: u.Email, Name: u.Name}); key != "" {
		v.Add("password", key)
	} else if confirm != password {
		v.Add("password_confirm", "password.confirm_mismatch")
	}
	return v.Err()
}

// passwordProblems shows the form again with what is wrong, field by
// field (422); any other error goes to the error page.
func (s *Server) passwordProblems(w http.ResponseWriter, r *http.Request, lang i18n.Lang, f *form, err error) error {
	if domain.ErrorCode(err) != domain.CodeInvalid {
		return err
	}
	s.fieldErrors(lang, f, err)
	return s.render(w, r, lang, http.StatusUnprocessableEntity, "password", s.cat.T(lang, "password.title", nil), f)
}

// logoutEverywhere ends every session of the person, this one included,
// on every device and instance, and says so.
func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if _, err := tx.Sessions().EndEvery(r.Context(), userID); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "user.logout_everywhere", "user", userID, 0)
	})
	if err != nil {
		return err
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	clearSiteData(w)
	return s.render(w, r, lang, http.StatusOK, "notice", s.cat.T(lang, "sessions.ended_title", nil),
		s.cat.T(lang, "sessions.ended_body", nil))
}
