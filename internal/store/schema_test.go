package store

import (
	"context"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// columns lists table -> sorted column names of the migrated schema.
func columns(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	var q string
	if s.Engine() == SQLite {
		q = `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`
	} else {
		q = `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema()`
	}
	rows, err := s.query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		out[table] = append(out[table], col)
	}
	for table, cols := range out {
		sort.Strings(cols)
		// Full-text search is engine-specific by design: SQLite's FTS5 table
		// (and its shadow tables), PostgreSQL's generated tsvector column.
		if strings.HasPrefix(table, "project_fts") {
			delete(out, table)
		}
	}
	if cols, ok := out["project_search"]; ok {
		out["project_search"] = slices.DeleteFunc(cols, func(c string) bool { return c == "tsv" })
	}
	return out
}

func TestSchemasMatchAcrossEngines(t *testing.T) {
	lite := columns(t, newSQLiteStore(t))
	pg := columns(t, newPostgresStore(t))
	if len(lite) < 10 {
		t.Fatalf("SQLite schema has only %d tables", len(lite))
	}
	if !reflect.DeepEqual(lite, pg) {
		for table, cols := range lite {
			if !reflect.DeepEqual(cols, pg[table]) {
				t.Errorf("table %s: sqlite %v, postgres %v", table, cols, pg[table])
			}
		}
		for table := range pg {
			if _, ok := lite[table]; !ok {
				t.Errorf("table %s only in postgres", table)
			}
		}
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		n, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("second migrate applied %d migrations, want 0", n)
		}
	})
}
