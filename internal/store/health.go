package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/pressly/goose/v3"
)

// MigrationState compares the database's schema with the migrations this
// build carries.
type MigrationState struct {
	Pending []int64 // versions this build carries that the database has not applied
	Applied int64   // the newest version recorded in the database; 0 when none is
	Latest  int64   // the newest version this build carries
}

// PendingMigrations reports the schema's state and changes nothing: unlike
// Migrate it applies no migration and creates no table, and a database
// that was never migrated has every migration pending.
func (s *Store) PendingMigrations(ctx context.Context) (MigrationState, error) {
	var st MigrationState
	p, err := s.provider(s.read)
	if err != nil {
		return st, err
	}
	sources := p.ListSources()
	for _, src := range sources {
		st.Latest = max(st.Latest, src.Version)
	}
	exists, err := s.tableExists(ctx, "goose_db_version")
	if err != nil {
		return st, err
	}
	if !exists {
		for _, src := range sources {
			st.Pending = append(st.Pending, src.Version)
		}
		return st, nil
	}
	statuses, err := p.Status(ctx)
	if err != nil {
		return st, err
	}
	for _, m := range statuses {
		if m.State == goose.StatePending {
			st.Pending = append(st.Pending, m.Source.Version)
		}
	}
	err = s.queryRow(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version`).Scan(&st.Applied)
	return st, err
}

// tableExists reports whether the database (on PostgreSQL, the schema
// first on the search path) has the table.
func (s *Store) tableExists(ctx context.Context, name string) (bool, error) {
	q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1`
	if s.engine == Postgres {
		q = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`
	}
	var n int
	err := s.queryRow(ctx, q, name).Scan(&n)
	return n > 0, err
}

// ServerNow is the database server's clock, PostgreSQL's now(), to
// compare with this machine's. ok is false on SQLite, which runs in this
// process and reads this machine's clock.
func (s *Store) ServerNow(ctx context.Context) (now time.Time, ok bool, err error) {
	if s.engine != Postgres {
		return time.Time{}, false, nil
	}
	err = s.queryRow(ctx, `SELECT now()`).Scan(&now)
	return now, err == nil, err
}

// LatestStamp is the newest time written on the last audit line or the
// last mail of the outbox (rows taken in the order they were written), or
// the zero time when both are empty: a clock set back to before it has
// moved backwards since.
func (s *Store) LatestStamp(ctx context.Context) (time.Time, error) {
	var newest time.Time
	for _, q := range []string{
		`SELECT at FROM audit_log ORDER BY id DESC LIMIT 1`,
		`SELECT created_at FROM mail_outbox ORDER BY id DESC LIMIT 1`,
	} {
		var t time.Time
		err := s.queryRow(ctx, q).Scan(&t)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return time.Time{}, err
		}
		if t.After(newest) {
			newest = t
		}
	}
	return newest, nil
}
