package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Sessions keeps web sessions in the database. It has the methods of
// scs.Store and scs.CtxStore, so the session manager can use it directly.
type Sessions struct {
	s *Store
}

// Sessions returns the session store.
func (s *Store) Sessions() Sessions { return Sessions{s: s} }

// FindCtx returns a live session's data.
func (ss Sessions) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := ss.s.queryRow(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`, token, ss.s.now()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return data, err == nil, err
}

// CommitCtx saves a session's data until expiry.
func (ss Sessions) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	_, err := ss.s.execQuiet(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, token, data, expiry.UTC())
	return err
}

// DeleteCtx ends a session.
func (ss Sessions) DeleteCtx(ctx context.Context, token string) error {
	_, err := ss.s.execQuiet(ctx, `DELETE FROM sessions WHERE token = $1`, token)
	return err
}

// Find, Commit and Delete are the context-free forms scs.Store asks for.
func (ss Sessions) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

// Commit saves a session without a request context.
func (ss Sessions) Commit(token string, data []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, data, expiry)
}

// Delete ends a session without a request context.
func (ss Sessions) Delete(token string) error { return ss.DeleteCtx(context.Background(), token) }

// DeleteExpired removes sessions past their expiry and returns how many.
func (ss Sessions) DeleteExpired(ctx context.Context) (int64, error) {
	res, err := ss.s.execQuiet(ctx, `DELETE FROM sessions WHERE expiry <= $1`, ss.s.now())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
