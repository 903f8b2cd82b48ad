// Package storetest gives tests a scratch PostgreSQL schema. Tests skip
// without TSUNAGU_TEST_POSTGRES, unless TSUNAGU_REQUIRE_POSTGRES=1, when
// they fail: CI requires PostgreSQL.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// PostgresURL creates an empty schema for the test, dropped when it ends,
// and returns a database URL whose search_path points at it.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("TSUNAGU_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("TSUNAGU_REQUIRE_POSTGRES") == "1" {
			t.Fatal("TSUNAGU_REQUIRE_POSTGRES=1 but TSUNAGU_TEST_POSTGRES is empty")
		}
		t.Skip("PostgreSQL not configured: set TSUNAGU_TEST_POSTGRES")
	}
	schema := fmt.Sprintf("t_%x", rand.Uint64())
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}
