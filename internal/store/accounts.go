package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Credentials are what logging in needs to know about a user.
type Credentials struct {
	User         domain.User
	PasswordHash string // "" when no password was ever set
	Verified     bool   // the email address was confirmed by a link
	Lang         string
}

// Credentials finds a user's sign-in data by email address.
func (s Accounts) Credentials(ctx context.Context, email string) (Credentials, error) {
	var c Credentials
	var verified sql.NullTime
	err := s.queryRow(ctx, `SELECT id, email, name, name_kana, password_hash, email_verified_at, lang
		FROM users WHERE email = $1`, domain.NormalizeEmail(email)).Scan(
		&c.User.ID, &c.User.Email, &c.User.Name, &c.User.NameKana, &c.PasswordHash, &verified, &c.Lang)
	if errors.Is(err, sql.ErrNoRows) {
		return c, domain.NotFound("user")
	}
	c.Verified = verified.Valid
	return c, err
}

// SetPassword stores a user's password hash (never the password).
func (s Accounts) SetPassword(ctx context.Context, userID int64, hash string) error {
	return s.updateUser(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
}

// MarkEmailVerified records that the user confirmed their address.
func (s Accounts) MarkEmailVerified(ctx context.Context, userID int64) error {
	return s.updateUser(ctx, `UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2`,
		s.now(), userID)
}

func (s Accounts) updateUser(ctx context.Context, q string, args ...any) error {
	res, err := s.exec(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return domain.NotFound("user")
	}
	return nil
}

// CreateToken stores the hash of a token for a user. expires may be zero
// for a one-time token that lasts until used; an API token must expire.
func (s Accounts) CreateToken(ctx context.Context, userID int64, purpose domain.TokenPurpose, hash []byte,
	expires time.Time, label string) error {
	var exp any
	if !expires.IsZero() {
		exp = expires.UTC()
	} else if purpose == domain.TokenAPI {
		return errors.New("store: an API token needs an expiry")
	}
	_, err := s.exec(ctx, `INSERT INTO user_tokens (hash, user_id, purpose, label, expires_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, hash, userID, purpose, label, exp, s.now())
	return mapError(err, "token")
}

// TokenOwner returns the user a one-time token belongs to, if the token
// exists for the purpose, is unused and unexpired; it does not spend it.
// A form that needs to know whose link it is (to check a new password
// against their name) asks this first, then spends the token with
// UseToken in its transaction.
func (s Accounts) TokenOwner(ctx context.Context, hash []byte, purpose domain.TokenPurpose) (int64, error) {
	return s.liveToken(ctx, hash, purpose)
}

// UseToken spends a one-time token: it must exist for the purpose, be
// unused and unexpired. It returns the user it belongs to. A token can be
// spent once, even by two requests at the same moment.
func (s Accounts) UseToken(ctx context.Context, hash []byte, purpose domain.TokenPurpose) (int64, error) {
	var userID int64
	err := s.transact(ctx, func(tx *Store) error {
		id, err := tx.Accounts().liveToken(ctx, hash, purpose)
		if err != nil {
			return err
		}
		userID = id
		res, err := tx.exec(ctx, `UPDATE user_tokens SET used_at = $1 WHERE hash = $2 AND used_at IS NULL`, tx.now(), hash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.CodeInvalid, "error.token_used")
		}
		return nil
	})
	return userID, err
}

// liveToken finds an unused, unexpired token for the purpose, or says why
// it cannot be used.
func (s Accounts) liveToken(ctx context.Context, hash []byte, purpose domain.TokenPurpose) (int64, error) {
	var userID int64
	var expires, used sql.NullTime
	err := s.queryRow(ctx, `SELECT user_id, expires_at, used_at FROM user_tokens WHERE hash = $1 AND purpose = $2`,
		hash, purpose).Scan(&userID, &expires, &used)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, domain.Errorf(domain.CodeInvalid, "error.token_unknown")
	case err != nil:
		return 0, err
	case used.Valid:
		return 0, domain.Errorf(domain.CodeInvalid, "error.token_used")
	case expires.Valid && !s.now().Before(expires.Time):
		return 0, domain.Errorf(domain.CodeInvalid, "error.token_expired")
	}
	return userID, nil
}

// SpendTokens spends every live token of the user for the purpose: asking
// for a new reset link voids the earlier ones, and setting a password
// voids them all.
func (s Accounts) SpendTokens(ctx context.Context, userID int64, purpose domain.TokenPurpose) error {
	_, err := s.exec(ctx, `UPDATE user_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL`,
		s.now(), userID, purpose)
	return err
}
