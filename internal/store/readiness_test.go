package store

import (
	"context"
	"slices"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestMigrationsPending: a database never migrated, one migrated part of
// the way and one migrated fully, as a readiness probe sees them.
func TestMigrationsPending(t *testing.T) {
	forEachEngineUnmigrated(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if pending, err := s.MigrationsPending(ctx); err != nil || !pending {
			t.Fatalf("never migrated: pending %v, %v", pending, err)
		}
		p, err := s.migrations()
		mustNil(t, err)
		_, err = p.UpTo(ctx, 2)
		mustNil(t, err)
		if pending, err := s.MigrationsPending(ctx); err != nil || !pending {
			t.Fatalf("migrated to version 2: pending %v, %v", pending, err)
		}
		_, err = s.Migrate(ctx)
		mustNil(t, err)
		if pending, err := s.MigrationsPending(ctx); err != nil || pending {
			t.Fatalf("migrated: pending %v, %v", pending, err)
		}
	})
}

// TestPoolStats names the pools by engine and shows the connections a
// query used.
func TestPoolStats(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		m := domain.Municipality{LGCode: "131113", Slug: "ota", Name: "大田区", PrefCode: 13}
		mustNil(t, s.Directory().CreateMunicipality(ctx, &m))
		_, err := s.Directory().MunicipalityByLGCode(ctx, "131113")
		mustNil(t, err)
		stats := s.PoolStats()
		var names []string
		for name, st := range stats {
			names = append(names, name)
			if st.OpenConnections < 1 || st.MaxOpenConnections < 1 {
				t.Errorf("%s: %+v", name, st)
			}
		}
		slices.Sort(names)
		want := []string{"read", "write"}
		if s.Engine() == Postgres {
			want = []string{"shared"}
		}
		if !slices.Equal(names, want) {
			t.Errorf("pools %v, want %v", names, want)
		}
	})
}
