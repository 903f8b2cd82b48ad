package store

import (
	"context"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/storetest"
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

// newPostgresStore opens a migrated store in a scratch schema.
func newPostgresStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), storetest.PostgresURL(t), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
