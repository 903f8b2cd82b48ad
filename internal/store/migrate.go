package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pressly/goose/v3"
)

//go:embed migrations
var migrations embed.FS

// migrationLockKey is the PostgreSQL advisory lock that one instance at a
// time holds while it migrates ("tsunagu" in ASCII).
const migrationLockKey int64 = 0x7473756e616775

// Migrate applies the embedded migrations that have not run yet, each in its
// own transaction, and records them in goose_db_version. It returns how many
// were applied. On PostgreSQL it holds the migration lock meanwhile (see
// LockMigrations), unless the store already holds it.
func (s *Store) Migrate(ctx context.Context) (n int, err error) {
	if !s.migrationLocked {
		locked, unlock, err := s.LockMigrations(ctx)
		if err != nil {
			return 0, err
		}
		defer func() { err = errors.Join(err, unlock()) }()
		return locked.Migrate(ctx)
	}
	p, err := s.migrations()
	if err != nil {
		return 0, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("migrate: %w", err)
	}
	return len(res), nil
}

// LockMigrations waits until no other instance migrates the database and
// returns a store that holds the migration lock until unlock is called.
// Instances that start at once thus migrate one after another, and those
// that waited find nothing left to do. The lock is a session-level advisory
// lock on a PostgreSQL connection of its own, so it is released when that
// connection ends, even if the process dies; on SQLite, whose file one
// process owns, there is nothing to lock. Hold it to run further
// migrations (the job queue's) under the same lock: the returned store's
// Migrate does not take it again.
func (s *Store) LockMigrations(ctx context.Context) (locked *Store, unlock func() error, err error) {
	c := *s
	c.migrationLocked = true
	if s.engine != Postgres {
		return &c, func() error { return nil }, nil
	}
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to lock migrations: %w", err)
	}
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLockKey); err != nil {
		conn.Close(context.Background())
		return nil, nil, fmt.Errorf("wait for the migration lock: %w", err)
	}
	unlock = func() error {
		// Closing the connection ends the session and with it the lock
		// (also when unlocking fails); unlocking first says so at once.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, migrationLockKey)
		return errors.Join(err, conn.Close(ctx))
	}
	return &c, unlock, nil
}

// MigrationsPending reports whether an embedded migration has not been
// applied to the database yet (a database never migrated has them all
// pending). It reads through the read pool, takes no lock and creates
// nothing (PendingMigrations), so a readiness probe never waits for the
// writer or for a migration running on another instance.
func (s *Store) MigrationsPending(ctx context.Context) (bool, error) {
	st, err := s.PendingMigrations(ctx)
	return len(st.Pending) > 0, err
}

// migrations returns the migration provider for the store's engine.
func (s *Store) migrations() (*goose.Provider, error) { return s.provider(s.write) }

// provider returns the migration provider for the store's engine over db.
func (s *Store) provider(db *sql.DB) (*goose.Provider, error) {
	dialect := goose.DialectSQLite3
	if s.engine == Postgres {
		dialect = goose.DialectPostgres
	}
	dir, err := fs.Sub(migrations, "migrations/"+string(s.engine))
	if err != nil {
		return nil, err
	}
	p, err := goose.NewProvider(dialect, db, dir)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}
