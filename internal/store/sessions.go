package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Sessions keeps web sessions in the database, each with the person it
// belongs to, so that every session of a person can be ended at once. The
// web layer adapts it to the session manager: it knows the session's
// encoding, the store only keeps rows.
type Sessions struct {
	s *core
}

// Sessions returns the session store.
func (s Accounts) Sessions() Sessions { return Sessions{s: s.core} }

// SessionOwner is whom a session belongs to: a user, and the generation of
// their sessions it was started in. The zero value is an anonymous session.
type SessionOwner struct {
	UserID     int64
	Generation int64
}

// FoundSession is a live session's data. Legacy is set for a session saved
// before sessions recorded their owner: the caller must Adopt it (or
// treat it as gone) before trusting it.
type FoundSession struct {
	Data   []byte
	Legacy bool
}

// Find returns a live session: unexpired, and anonymous or owned by a
// person who exists and has not ended their sessions since it began. A
// session of a deleted account, or one that outlived "log out everywhere"
// or a password change (even if a request in flight wrote it again), is
// not found.
func (ss Sessions) Find(ctx context.Context, token string) (FoundSession, bool, error) {
	var f FoundSession
	var generation sql.NullInt64
	err := ss.s.queryRow(ctx, `SELECT s.data, s.generation FROM sessions s
		WHERE s.token = $1 AND s.expiry > $2 AND (s.generation IS NULL OR s.user_id IS NULL
			OR EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.session_generation = s.generation))`,
		token, ss.s.now()).Scan(&f.Data, &generation)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, err
	}
	f.Legacy = !generation.Valid
	return f, true, nil
}

// Adopt gives a session saved before owners were recorded its owner, the
// user its data names. It succeeds only while that user exists and has
// never ended their sessions; otherwise the session is deleted and Adopt
// reports false.
func (ss Sessions) Adopt(ctx context.Context, token string, userID int64) (bool, error) {
	res, err := ss.s.execQuiet(ctx, `UPDATE sessions SET user_id = $1, generation = 0
		WHERE token = $2 AND generation IS NULL
			AND EXISTS (SELECT 1 FROM users WHERE id = $1 AND session_generation = 0)`, userID, token)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return n == 1, err
	}
	return false, ss.Delete(ctx, token)
}

// Save stores a session's data until expiry, with its owner.
func (ss Sessions) Save(ctx context.Context, token string, data []byte, expiry time.Time, owner SessionOwner) error {
	_, err := ss.s.execQuiet(ctx, `INSERT INTO sessions (token, data, expiry, user_id, generation) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry,
			user_id = excluded.user_id, generation = excluded.generation`,
		token, data, expiry.UTC(), nullID(owner.UserID), owner.Generation)
	return err
}

// Delete ends one session.
func (ss Sessions) Delete(ctx context.Context, token string) error {
	_, err := ss.s.execQuiet(ctx, `DELETE FROM sessions WHERE token = $1`, token)
	return err
}

// Generation is the generation a new session of the user starts in.
func (ss Sessions) Generation(ctx context.Context, userID int64) (int64, error) {
	var g int64
	err := ss.s.queryRow(ctx, `SELECT session_generation FROM users WHERE id = $1`, userID).Scan(&g)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, domain.NotFound("user")
	}
	return g, err
}

// EndEvery ends every session of the user and returns how many were
// open. The user's generation moves on first, so a session is dead even
// if a request in flight writes it again afterwards, or if the delete
// below fails. Run it inside the transaction that changes the password or
// deletes the account. Like every session write it leaves page caches
// alone.
func (ss Sessions) EndEvery(ctx context.Context, userID int64) (int64, error) {
	if _, err := ss.s.execQuiet(ctx, `UPDATE users SET session_generation = session_generation + 1 WHERE id = $1`,
		userID); err != nil {
		return 0, err
	}
	res, err := ss.s.execQuiet(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// DeleteExpired removes sessions past their expiry and returns how many.
func (ss Sessions) DeleteExpired(ctx context.Context) (int64, error) {
	res, err := ss.s.execQuiet(ctx, `DELETE FROM sessions WHERE expiry <= $1`, ss.s.now())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
