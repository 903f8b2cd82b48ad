package app

import (
	"context"
	"sync"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// passwords caps how many password hashes run at once (32 MiB each), and
// keeps a hash to check against when an address has no account, so that
// timing does not tell who has one. The zero value is ready to use.
type passwords struct {
	once    sync.Once
	hashing chan struct{}
	dummy   string
	err     error
}

// maxHashing is how many password hashes or checks run at once.
const maxHashing = 2

func (p *passwords) init() {
	p.once.Do(func() {
		p.hashing = make(chan struct{}, maxHashing)
		p.dummy, p.err = auth.HashPassword("no account has this password", auth.DefaultParams())
	})
}

// run runs a password hash or check within the concurrency cap.
func (p *passwords) run(ctx context.Context, fn func()) error {
	p.init()
	select {
	case p.hashing <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-p.hashing }()
	fn()
	return nil
}

// hash hashes a new password within the cap.
func (a *Accounts) hash(ctx context.Context, password string) (string, error) {
	var hash string
	var err error
	if capErr := a.pw.run(ctx, func() { hash, err = auth.HashPassword(password, auth.DefaultParams()) }); capErr != nil {
		return "", capErr
	}
	return hash, err
}

// verify checks a password against a stored hash within the cap; with no
// stored hash it spends the same time on the dummy one and fails.
func (a *Accounts) verify(ctx context.Context, password, stored string) (ok, rehash bool, err error) {
	a.pw.init()
	if a.pw.err != nil {
		return false, false, a.pw.err
	}
	if stored == "" {
		stored = a.pw.dummy
	}
	err = a.pw.run(ctx, func() { ok, rehash, _ = auth.VerifyPassword(password, stored) })
	return ok, rehash, err
}

// checkPassword verifies a password the signed-in person typed to confirm
// an action. A wrong one counts as a failed sign-in under keys, is
// audited as action, and comes back as the validation error problem on
// field.
func (a *Accounts) checkPassword(ctx context.Context, u domain.User, keys []auth.Throttle, password, field, problem,
	action string) error {
	creds, err := a.app.st.Accounts().Credentials(ctx, u.Email)
	if err != nil {
		return err
	}
	match, _, err := a.verify(ctx, password, creds.PasswordHash)
	if err != nil {
		return err
	}
	if match && creds.PasswordHash != "" {
		return nil
	}
	if err := a.failed(ctx, keys, action, u.ID); err != nil {
		return err
	}
	var v domain.ValidationErrors
	v.Add(field, problem)
	return v.Err()
}

// newPasswordProblems applies the password policy to a new password and,
// when confirm is asked for, checks that it was typed the same twice.
func newPasswordProblems(password string, confirm *string, u domain.User) error {
	var v domain.ValidationErrors
	if key := auth.CheckPassword(password, auth.Owner{Email: u.Email, Name: u.Name}); key != "" {
		v.Add("password", key)
	} else if confirm != nil && *confirm != password {
		v.Add("password_confirm", "password.confirm_mismatch")
	}
	return v.Err()
}
