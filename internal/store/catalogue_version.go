package store

import (
	"context"
	"regexp"
	"strings"
)

// The public catalogue (the project list, its facets and search) is read
// from an in-memory model that is rebuilt when its data changes. Writes to
// other tables, such as a rush of entries, leave it as it is: a write
// counts for the catalogue when it changes one of these tables.
var catalogueTables = map[string]bool{
	"projects": true, "project_skills": true, "project_sdgs": true, "project_search": true, "project_fts": true,
	"programs": true, "program_hosts": true, "municipalities": true,
}

// writeTarget finds the table an INSERT, UPDATE or DELETE writes.
var writeTarget = regexp.MustCompile(`(?is)^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([a-z_0-9]+)`)

// touchesCatalogue reports whether a statement may change the catalogue.
// What it cannot read (a WITH query, DDL) counts, so the model is never
// left stale.
func touchesCatalogue(q string) bool {
	m := writeTarget.FindStringSubmatch(q)
	if m == nil {
		return true
	}
	return catalogueTables[strings.ToLower(m[1])]
}

// cataloguePayload is the notification payload of a commit that changed
// the catalogue; other commits announce an empty payload.
const cataloguePayload = "catalogue"

func notePayload(catalogue bool) string {
	if catalogue {
		return cataloguePayload
	}
	return ""
}

// CatalogueVersion changes whenever this process commits a write that may
// change the public catalogue and, on PostgreSQL while Listen runs,
// whenever another instance announces one. Like Version, it does not see
// other processes' writes without Listen: models keyed on it also expire
// by time.
func (s *Store) CatalogueVersion() uint64 { return s.catalogue.Load() + s.remoteCatalogue.Load() }

// CatalogueChanges reads the database's count of writes to the catalogue,
// which triggers keep (migration 00022): unlike CatalogueVersion it sees
// every writer, other processes on the same SQLite file included, at the
// cost of a one-row query.
func (s Projects) CatalogueChanges(ctx context.Context) (int64, error) {
	var n int64
	err := s.queryRow(ctx, `SELECT n FROM catalogue_changes WHERE id = 1`).Scan(&n)
	return n, err
}
