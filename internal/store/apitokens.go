package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// lastUsedStep is how stale a token's last-used time may get before a
// request writes it again: a client sending many requests costs one write
// a minute, not one each.
const lastUsedStep = time.Minute

// APITokenUser returns the user of an API token that has been neither
// revoked nor outlived its expiry, and notes that it was used. An expired
// token is refused with its own message, so its owner knows to make a new
// one.
func (s Accounts) APITokenUser(ctx context.Context, hash []byte) (int64, error) {
	var userID int64
	var expires, lastUsed sql.NullTime
	err := s.queryRow(ctx, `SELECT user_id, expires_at, last_used_at FROM user_tokens
		WHERE hash = $1 AND purpose = $2 AND used_at IS NULL`, hash, domain.TokenAPI).Scan(&userID, &expires, &lastUsed)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, domain.Errorf(domain.CodeUnauthorized, "error.token_unknown")
	}
	if err != nil {
		return 0, err
	}
	now := s.now()
	if !expires.Valid || !now.Before(expires.Time) {
		return 0, domain.Errorf(domain.CodeUnauthorized, "error.api_token_expired")
	}
	if !lastUsed.Valid || now.Sub(lastUsed.Time) >= lastUsedStep {
		// No page but the owner's token list shows this: it leaves the
		// page caches alone.
		if _, err := s.execQuiet(ctx, `UPDATE user_tokens SET last_used_at = $1 WHERE hash = $2`, now, hash); err != nil {
			return 0, err
		}
	}
	return userID, nil
}

// RevokeAPIToken ends an API token of the user.
func (s Accounts) RevokeAPIToken(ctx context.Context, userID int64, hash []byte) error {
	res, err := s.exec(ctx, `UPDATE user_tokens SET used_at = $1 WHERE hash = $2 AND user_id = $3 AND purpose = $4
		AND used_at IS NULL`, s.now(), hash, userID, domain.TokenAPI)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("token")
	}
	return nil
}

// APIToken is a personal API token as its owner sees it: never the token
// itself, only its hash. LastUsedAt is zero until it is first used, to the
// minute.
type APIToken struct {
	Hash       []byte
	Label      string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// Expired reports whether the token has outlived its expiry at now.
func (t APIToken) Expired(now time.Time) bool { return !now.Before(t.ExpiresAt) }

// APITokens lists a user's API tokens, newest first.
func (s Accounts) APITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := s.query(ctx, `SELECT hash, label, created_at, expires_at, last_used_at, used_at FROM user_tokens
		WHERE user_id = $1 AND purpose = $2 ORDER BY created_at DESC`, userID, domain.TokenAPI)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		var expires, lastUsed, revoked sql.NullTime
		if err := rows.Scan(&t.Hash, &t.Label, &t.CreatedAt, &expires, &lastUsed, &revoked); err != nil {
			return nil, err
		}
		t.CreatedAt = t.CreatedAt.UTC()
		t.ExpiresAt, t.LastUsedAt, t.RevokedAt = utcOrZero(expires), utcOrZero(lastUsed), utcOrZero(revoked)
		out = append(out, t)
	}
	return out, rows.Err()
}

// utcOrZero is a nullable time in UTC, or the zero time for NULL.
func utcOrZero(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
