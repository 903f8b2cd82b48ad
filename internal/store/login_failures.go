package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// LoginFailures is what the database remembers of a throttling key's
// failed attempts: how many, and when the last one was. The key is an
// opaque hash made by internal/auth; the rule that turns these into a
// delay lives there too.
type LoginFailures struct {
	Count int
	Last  time.Time
}

// LoginFailures returns a key's failures; none is the zero value. Every
// instance on the database sees the same count.
func (s Accounts) LoginFailures(ctx context.Context, key string) (LoginFailures, error) {
	var f LoginFailures
	err := s.queryRow(ctx, `SELECT failures, last_failed_at FROM login_failures WHERE key = $1`, key).Scan(&f.Count, &f.Last)
	if errors.Is(err, sql.ErrNoRows) {
		return LoginFailures{}, nil
	}
	f.Last = f.Last.UTC()
	return f, err
}

// AddLoginFailure counts one more failure for key at the time at. A count
// whose last failure came before forgetBefore starts again from one. The
// count moves in one statement, so failures sent at the same moment, to
// any instance, are all counted.
func (s Accounts) AddLoginFailure(ctx context.Context, key string, at, forgetBefore time.Time) error {
	_, err := s.execQuiet(ctx, `INSERT INTO login_failures (key, failures, last_failed_at) VALUES ($1, 1, $2)
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN login_failures.last_failed_at < $3 THEN 1 ELSE login_failures.failures + 1 END,
			last_failed_at = excluded.last_failed_at`, key, at.UTC(), forgetBefore.UTC())
	return err
}

// ClearLoginFailures forgets a key's failures, after a successful sign-in.
func (s Accounts) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := s.execQuiet(ctx, `DELETE FROM login_failures WHERE key = $1`, key)
	return err
}

// ForgetLoginFailures deletes keys whose last failure came before the
// cutoff, and returns how many: they no longer delay anyone.
func (s Accounts) ForgetLoginFailures(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.execQuiet(ctx, `DELETE FROM login_failures WHERE last_failed_at < $1`, before.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
