package store

import (
	"context"
	"io/fs"
	"path"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// TestInstancesStartingAtOnceMigrateOnce opens several stores on one
// PostgreSQL schema, as instances started together by a deploy would, and
// migrates them all at once: each succeeds, the migrations are applied
// once (by whichever instance got the lock first), the version table
// records each version once, and the schema is the one a single migration
// leaves. It does so on an empty schema and on one at version 1, as a
// release upgrading an older database finds it.
func TestInstancesStartingAtOnceMigrateOnce(t *testing.T) {
	for name, from := range map[string]int64{"empty": 0, "upgrade": 1} {
		t.Run(name, func(t *testing.T) { migrateAtOnce(t, from) })
	}
}

func migrateAtOnce(t *testing.T, from int64) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url := storetest.PostgresURL(t)
	const instances = 5
	stores := make([]*Store, instances)
	for i := range stores {
		s, err := Open(ctx, url, "")
		mustNil(t, err)
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	if from > 0 {
		p, err := stores[0].migrations()
		mustNil(t, err)
		_, err = p.UpTo(ctx, from)
		mustNil(t, err)
	}
	applied := make([]int, instances)
	errs := make([]error, instances)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() {
			<-start
			applied[i], errs[i] = s.Migrate(ctx)
		})
	}
	close(start)
	wg.Wait()
	files, err := fs.Glob(migrations, "migrations/postgres/*.sql")
	mustNil(t, err)
	pending := len(files) - int(from)
	total, appliers := 0, 0
	for i := range stores {
		if errs[i] != nil {
			t.Errorf("instance %d: %v", i, errs[i])
		}
		total += applied[i]
		if applied[i] > 0 {
			appliers++
		}
	}
	if total != pending || appliers != 1 {
		t.Errorf("the instances applied %v migrations; want all %d pending by one of them", applied, pending)
	}

	s := stores[0]
	rows, err := s.query(ctx, `SELECT version_id, COUNT(*) FROM goose_db_version GROUP BY version_id HAVING COUNT(*) > 1`)
	mustNil(t, err)
	defer rows.Close()
	for rows.Next() {
		var version, n int64
		mustNil(t, rows.Scan(&version, &n))
		t.Errorf("version %d recorded %d times", version, n)
	}
	mustNil(t, rows.Err())
	var versions, highest int64
	mustNil(t, s.queryRow(ctx, `SELECT COUNT(*), MAX(version_id) FROM goose_db_version WHERE version_id > 0`).Scan(&versions, &highest))
	// Numbers are handed out ahead of merging, so they may have gaps: the
	// highest is the last file's.
	last, err := strconv.ParseInt(strings.SplitN(path.Base(files[len(files)-1]), "_", 2)[0], 10, 64)
	mustNil(t, err)
	if versions != int64(len(files)) || highest != last {
		t.Errorf("goose_db_version holds %d versions up to %d, want %d up to %d", versions, highest, len(files), last)
	}
	if got, want := columns(t, s), columns(t, newPostgresStore(t)); !reflect.DeepEqual(got, want) {
		t.Errorf("the schema migrated by several instances differs from one migrated alone:\n%v\n%v", got, want)
	}
}

// The migration lock is held until it is released, by one holder at a time.
func TestMigrationLockIsExclusive(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newPostgresStore(t)
	locked, unlock, err := s.LockMigrations(ctx)
	mustNil(t, err)
	// The holder migrates without waiting for itself.
	n, err := locked.Migrate(ctx)
	mustNil(t, err)
	if n != 0 {
		t.Errorf("applied %d migrations to a migrated schema", n)
	}
	waited := make(chan error, 1)
	go func() {
		_, err := s.Migrate(ctx)
		waited <- err
	}()
	select {
	case err := <-waited:
		t.Fatalf("another migration ran while the lock was held: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	mustNil(t, unlock())
	select {
	case err := <-waited:
		mustNil(t, err)
	case <-ctx.Done():
		t.Fatal("the waiting migration never got the lock")
	}
}
