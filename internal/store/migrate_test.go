package store

import (
	"context"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// TestFacetColumnsBackfill writes a project the way version 2 of the
// schema stored it, then migrates: the denormalised facet columns must be
// filled from the goal and skill tables.
func TestFacetColumnsBackfill(t *testing.T) {
	engines := map[string]func(t *testing.T) *Store{
		"sqlite": func(t *testing.T) *Store {
			s, err := Open(context.Background(), "", t.TempDir())
			mustNil(t, err)
			t.Cleanup(func() { s.Close() })
			return s
		},
		"postgres": func(t *testing.T) *Store {
			s, err := Open(context.Background(), storetest.PostgresURL(t), "")
			mustNil(t, err)
			t.Cleanup(func() { s.Close() })
			return s
		},
	}
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			p, err := s.migrations()
			mustNil(t, err)
			_, err = p.UpTo(ctx, 2)
			mustNil(t, err)
			for _, q := range []string{
				`INSERT INTO municipalities (id, lgcode, slug, name, pref_code, created_at) VALUES (1, '131113', 'ota', '大田区', 13, CURRENT_TIMESTAMP)`,
				`INSERT INTO organizations (id, municipality_id, kind, name, created_at) VALUES (1, 1, 'business', '森田製作所', CURRENT_TIMESTAMP)`,
				`INSERT INTO programs (id, municipality_id, slug, title, entry_opens_at, entry_closes_at, created_at)
					VALUES (1, 1, 'p', 'p', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
				`INSERT INTO projects (id, municipality_id, program_id, host_id, title, team_size, hours_per_month, work_style,
					reward_type, status, created_at, updated_at) VALUES (7, 1, 1, 1, 't', 1, 10, 'remote', 'paid', 'published',
					CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
				`INSERT INTO project_sdgs (project_id, municipality_id, goal) VALUES (7, 1, 9), (7, 1, 13)`,
				`INSERT INTO project_skills (project_id, municipality_id, skill_code, skill_category, required)
					VALUES (7, 1, 'web-seo', 'web', TRUE), (7, 1, 'web-homepage', 'web', TRUE), (7, 1, 'mkt-sns', 'mkt', FALSE)`,
			} {
				_, err := s.write.ExecContext(ctx, q)
				mustNil(t, err)
			}
			_, err = s.Migrate(ctx)
			mustNil(t, err)
			var mask int64
			var cats string
			mustNil(t, s.queryRow(ctx, `SELECT sdg_mask, skill_categories FROM projects WHERE id = 7`).Scan(&mask, &cats))
			if mask != 1<<9|1<<13 {
				t.Errorf("sdg_mask = %b", mask)
			}
			if cats != "web mkt" && cats != "mkt web" {
				t.Errorf("skill_categories = %q", cats)
			}
		})
	}
}
