package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

//go:embed migrations
var migrations embed.FS

// Migrate applies the embedded migrations that have not run yet, each in its
// own transaction, and records them in goose_db_version. It returns how many
// were applied.
func (s *Store) Migrate(ctx context.Context) (int, error) {
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

// MigrationsPending reports whether an embedded migration has not been
// applied to the database yet (a database never migrated has them all
// pending). It reads through the read pool and takes no lock, so a
// readiness probe never waits for the writer or for a migration running
// on another instance.
func (s *Store) MigrationsPending(ctx context.Context) (bool, error) {
	p, err := s.provider(s.read)
	if err != nil {
		return false, err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return false, fmt.Errorf("migrations: %w", err)
	}
	return pending, nil
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
