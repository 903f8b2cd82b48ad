package app

import (
	"context"
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

// ChangePassword sets a new password for the signed-in person once the
// current one is confirmed. Wrong current passwords count against the
// same throttle as signing in (a *Throttled error once too many), so a
// session left open cannot be used to guess at leisure. The change ends
// every session of the person (the caller signs them in afresh) and
// mails them a notice, in lang. Problems with the form come back as a
// validation error, field by field.
func (a *Accounts) ChangePassword(ctx context.Context, lang i18n.Lang, current, password, confirm string) error {
	u, err := a.confirmPassword(ctx, current, "current_password", "password.wrong_current", "password.change_failed")
	if err != nil {
		return err
	}
	if err := newPasswordProblems(password, &confirm, u); err != nil {
		return err
	}
	hash, err := a.hash(ctx, password)
	if err != nil {
		return err
	}
	return a.app.Change(ctx, func(tx *Tx) error {
		return tx.replacePassword(ctx, lang, u, hash, "password.change")
	})
}

// RequestPasswordReset mails a reset link when the address has an
// account, and does nothing otherwise, so the caller's page can say the
// same either way. Every request counts for the client's address (a
// *Throttled error once too many), so the form cannot be used to flood an
// inbox. A new link replaces any earlier one: only the newest works.
func (a *Accounts) RequestPasswordReset(ctx context.Context, lang i18n.Lang, email string) error {
	keys := auth.PasswordResetThrottles(PrincipalFrom(ctx).Address)
	if err := a.throttle(ctx, keys); err != nil {
		return err
	}
	if err := a.app.Change(ctx, func(tx *Tx) error { return tx.countFailure(ctx, keys) }); err != nil {
		return err
	}
	creds, err := a.app.st.Accounts().Credentials(ctx, domain.NormalizeEmail(email))
	switch {
	case domain.ErrorCode(err) == domain.CodeNotFound:
		return nil
	case err != nil:
		return err
	}
	u := creds.User
	plain, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	expires := a.app.expiryNow().Add(resetLinkLifetime)
	return a.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Accounts().SpendTokens(ctx, u.ID, domain.TokenResetPassword); err != nil {
			return err
		}
		if err := tx.Accounts().CreateToken(ctx, u.ID, domain.TokenResetPassword, hash, expires, ""); err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "password.reset_requested", SubjectType: "user",
			SubjectID: u.ID}); err != nil {
			return err
		}
		return tx.Mail(ctx, lang, u.Email, mail.TemplateResetPassword, mail.ResetPassword{
			Name: u.Name, URL: a.app.baseURL + "/password/reset?token=" + url.QueryEscape(plain), Expires: expires})
	})
}

// ResetPassword sets a new password with a reset link, spends every reset
// link of the person, ends every session of theirs (whoever knew the old
// password is signed out everywhere), confirms the address (the link
// arrived there) and tells them by mail. It returns whose password it
// was, for the caller to sign them in afresh. A link that cannot be used
// is an error without fields; a new password against the policy is a
// validation error on the password field.
func (a *Accounts) ResetPassword(ctx context.Context, lang i18n.Lang, token, password string) (int64, error) {
	hashed := auth.HashToken(token)
	userID, err := a.app.st.Accounts().TokenOwner(ctx, hashed, domain.TokenResetPassword)
	if err != nil {
		return 0, err
	}
	u, err := a.app.st.Accounts().UserByID(ctx, userID)
	if err != nil {
		return 0, err
	}
	if err := newPasswordProblems(password, nil, u); err != nil {
		return 0, err
	}
	hash, err := a.hash(ctx, password)
	if err != nil {
		return 0, err
	}
	err = a.app.Change(ctx, func(tx *Tx) error {
		if _, err := tx.Accounts().UseToken(ctx, hashed, domain.TokenResetPassword); err != nil {
			return err
		}
		if err := tx.replacePassword(ctx, lang, u, hash, "password.reset"); err != nil {
			return err
		}
		return tx.Accounts().MarkEmailVerified(ctx, u.ID)
	})
	return u.ID, err
}

// replacePassword stores a new password hash and does what every password
// change must: spend all reset links, end every session (the caller then
// signs the person in afresh, in the new generation), record it, and
// mail the person a notice, so that a change they did not make does not
// go unseen.
func (tx *Tx) replacePassword(ctx context.Context, lang i18n.Lang, u domain.User, hash, action string) error {
	if err := tx.Accounts().SetPassword(ctx, u.ID, hash); err != nil {
		return err
	}
	if err := tx.Accounts().SpendTokens(ctx, u.ID, domain.TokenResetPassword); err != nil {
		return err
	}
	if _, err := tx.Accounts().Sessions().EndEvery(ctx, u.ID); err != nil {
		return err
	}
	// Following a reset link proves who they are: they are the actor.
	if err := tx.Audit(ctx, store.AuditEvent{ActorID: u.ID, Action: action, SubjectType: "user",
		SubjectID: u.ID}); err != nil {
		return err
	}
	return tx.Mail(ctx, lang, u.Email, mail.TemplatePasswordChanged, mail.PasswordChanged{
		Name: u.Name, At: tx.app.now(), ResetURL: tx.app.baseURL + "/password/forgot"})
}

// confirmPassword checks the signed-in person's password before a change
// that needs it (a new password, deleting the account): throttled like a
// sign-in, a wrong one counted, audited as action and answered as a
// validation error on field with the message problem.
func (a *Accounts) confirmPassword(ctx context.Context, password, field, problem, action string) (domain.User, error) {
	userID, err := signedInUser(ctx)
	if err != nil {
		return domain.User{}, err
	}
	u, err := a.app.st.Accounts().UserByID(ctx, userID)
	if err != nil {
		return u, err
	}
	keys := auth.LoginThrottles(u.Email, PrincipalFrom(ctx).Address)
	if err := a.throttle(ctx, keys); err != nil {
		return u, err
	}
	return u, a.checkPassword(ctx, u, keys, password, field, problem, action)
}
