package jobs

import (
	"context"
	"fmt"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// PendingMigrations counts the job queue's migrations that the database
// has not applied, without applying any (for `tsunagu doctor`).
func PendingMigrations(ctx context.Context, st *store.Store) (int, error) {
	if st.Engine() == store.Postgres {
		pool, err := st.PgxPool(migrateConns)
		if err != nil {
			return 0, err
		}
		defer pool.Close()
		return pending(ctx, riverpgxv5.New(pool))
	}
	db, closeDB, err := st.JobPool()
	if err != nil {
		return 0, err
	}
	defer closeDB()
	return pending(ctx, riversqlite.New(db))
}

// pending counts River's migrations that d's database lacks.
func pending[TTx any](ctx context.Context, d riverdriver.Driver[TTx]) (int, error) {
	m, err := rivermigrate.New(d, nil)
	if err != nil {
		return 0, err
	}
	have, err := m.ExistingVersions(ctx)
	if err != nil {
		return 0, fmt.Errorf("job queue migrations: %w", err)
	}
	applied := make(map[int]bool, len(have))
	for _, v := range have {
		applied[v.Version] = true
	}
	n := 0
	for _, v := range m.AllVersions() {
		if !applied[v.Version] {
			n++
		}
	}
	return n, nil
}
