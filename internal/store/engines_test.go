package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// forEachEngine runs fn against a fresh, migrated SQLite store and, when
// TSUNAGU_TEST_POSTGRES holds a URL, a fresh PostgreSQL schema.
func forEachEngine(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, newSQLiteStore(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, newPostgresStore(t)) })
}

func newSQLiteStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return s
}

// PostgresTestURL returns the URL of the test server, skipping the test when
// none is configured unless TSUNAGU_REQUIRE_POSTGRES=1.
func postgresTestURL(t *testing.T) string {
	t.Helper()
	url := os.Getenv("TSUNAGU_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("TSUNAGU_REQUIRE_POSTGRES") == "1" {
			t.Fatal("TSUNAGU_REQUIRE_POSTGRES=1 but TSUNAGU_TEST_POSTGRES is empty")
		}
		t.Skip("PostgreSQL not configured: set TSUNAGU_TEST_POSTGRES")
	}
	return url
}

// newPostgresStore gives the test its own schema, dropped afterwards.
func newPostgresStore(t *testing.T) *Store {
	t.Helper()
	base := postgresTestURL(t)
	schema := fmt.Sprintf("t_%d", rand.Uint64()>>1)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	s, err := Open(ctx, base+sep+"search_path="+schema, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}
