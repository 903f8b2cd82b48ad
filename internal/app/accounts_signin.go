package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// signedInUser is the signed-in person's user id, or ErrSignIn.
func signedInUser(ctx context.Context) (int64, error) {
	if id := PrincipalFrom(ctx).UserID; id != 0 {
		return id, nil
	}
	return 0, ErrSignIn
}

// SignIn checks an address and password and returns whose account it is,
// for the caller to start a session. Failures are counted per
// account-and-address pair and per address (auth.LoginThrottles) in the
// database; once a key has failed too often, each further attempt must
// wait longer, and an attempt that comes too soon is a *Throttled error
// without the password being checked at all. Every failure is the same
// error (login.failed), so the form does not reveal which addresses have
// accounts; an unconfirmed address is login.unverified.
func (a *Accounts) SignIn(ctx context.Context, email, password string) (int64, error) {
	account := domain.NormalizeEmail(email)
	address := PrincipalFrom(ctx).Address
	keys := auth.LoginThrottles(account, address)
	if err := a.throttle(ctx, keys); err != nil {
		return 0, err
	}
	creds, err := a.app.st.Accounts().Credentials(ctx, account)
	if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
		return 0, err
	}
	// Without an account the check runs against a dummy hash, so timing
	// does not tell whether the address has one.
	ok, rehash, err := a.verify(ctx, password, creds.PasswordHash)
	if err != nil {
		return 0, err
	}
	if !ok || creds.User.ID == 0 || creds.PasswordHash == "" {
		if err := a.failed(ctx, keys, "user.login_failed", creds.User.ID); err != nil {
			return 0, err
		}
		return 0, domain.Errorf(domain.CodeInvalid, "login.failed")
	}
	if !creds.Verified {
		return 0, domain.Errorf(domain.CodeInvalid, "login.unverified")
	}
	// Success clears its own pair only: the address's count stays, or a
	// guesser could reset it by signing in to an account of their own.
	if err := a.app.st.Accounts().ClearLoginFailures(ctx, auth.LoginPairThrottle(account, address).Key); err != nil {
		return 0, err
	}
	if rehash {
		if h, err := a.hash(ctx, password); err == nil {
			_ = a.app.st.Accounts().SetPassword(ctx, creds.User.ID, h) // best effort: the old hash still works
		}
	}
	err = a.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{ActorID: creds.User.ID, Action: "user.login", SubjectType: "user",
			SubjectID: creds.User.ID})
	})
	return creds.User.ID, err
}

// SignOut records that the signed-in person logs out; the caller ends
// the session. A visitor has nothing to record.
func (a *Accounts) SignOut(ctx context.Context) error {
	id := PrincipalFrom(ctx).UserID
	if id == 0 {
		return nil
	}
	return a.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "user.logout", SubjectType: "user", SubjectID: id})
	})
}

// EndEverySession ends every session of the signed-in person, the one
// asking included, on every device and instance.
func (a *Accounts) EndEverySession(ctx context.Context) error {
	userID, err := signedInUser(ctx)
	if err != nil {
		return err
	}
	return a.app.Change(ctx, func(tx *Tx) error {
		if _, err := tx.Accounts().Sessions().EndEvery(ctx, userID); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "user.logout_everywhere", SubjectType: "user", SubjectID: userID})
	})
}
