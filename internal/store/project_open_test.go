package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestListOpenBeforeClosed checks that a list admitting closed projects
// puts every published (open) one first, searched or not, ranked or not,
// on the FTS5-only path (SQLite) and the SQL path (a program filter), and
// that facets count only the statuses asked for.
func TestListOpenBeforeClosed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, plain *Store) {
		s := plain.WithIndexer(spaceIndexer{})
		ctx := context.Background()
		f := newFixture(t, s)
		// The closed projects are newer (higher ids) and match 販路 more
		// often than the open one, so neither id order nor relevance alone
		// would put the open one first.
		base := domain.Project{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, HostID: f.shop.ID, SDGs: []int{8},
			TeamSize: 1, HoursPerMonth: 10, WorkStyle: domain.WorkRemote, RewardType: domain.RewardInKind}
		open := base
		open.Title, open.Description, open.Status = "販路 の 相談", "新しい 取引先", domain.ProjectPublished
		mustNil(t, s.Projects().CreateProject(ctx, &open))
		var closed []domain.Project
		for i := range 2 {
			p := base
			p.Title, p.Description, p.Status = fmt.Sprintf("販路 開拓 %d", i), "販路 販路 販路", domain.ProjectClosed
			p.SDGs = []int{8, 12}
			mustNil(t, s.Projects().CreateProject(ctx, &p))
			closed = append(closed, p)
		}
		both := []domain.ProjectStatus{domain.ProjectPublished, domain.ProjectClosed}
		ids := func(filter ProjectFilter) ([]int64, int) {
			t.Helper()
			page, err := s.Projects().ListProjects(ctx, filter)
			mustNil(t, err)
			var out []int64
			for _, p := range page.Projects {
				out = append(out, p.ID)
			}
			return out, page.Total
		}
		hanro := Search{FTS5Match: `"販路"`, TSQuery: `'販路'`}
		cases := []struct {
			name   string
			filter ProjectFilter
			want   []int64
		}{
			{"no search, both", ProjectFilter{Statuses: both},
				[]int64{open.ID, f.green.ID, f.web.ID, closed[1].ID, closed[0].ID}},
			{"no search, open only", ProjectFilter{Statuses: []domain.ProjectStatus{domain.ProjectPublished}},
				[]int64{open.ID, f.green.ID, f.web.ID}},
			{"search, both", ProjectFilter{Statuses: both, Search: hanro},
				[]int64{open.ID, closed[1].ID, closed[0].ID}},
			{"search and program, both", ProjectFilter{Statuses: both, Search: hanro, ProgramID: f.program.ID},
				[]int64{open.ID, closed[1].ID, closed[0].ID}},
			{"search, open only", ProjectFilter{Statuses: []domain.ProjectStatus{domain.ProjectPublished}, Search: hanro},
				[]int64{open.ID}},
		}
		for _, c := range cases {
			got, total := ids(c.filter)
			if fmt.Sprint(got) != fmt.Sprint(c.want) || total != len(c.want) {
				t.Errorf("%s: %v (total %d), want %v", c.name, got, total, c.want)
			}
		}
		// SDG 12 is only on the closed projects: counted with them, not without.
		fc, err := s.Projects().ProjectFacets(ctx, ProjectFilter{Statuses: both})
		mustNil(t, err)
		if fc.SDG[12] != 2 || fc.SDG[8] != 4 || fc.Reward[string(domain.RewardInKind)] != 3 {
			t.Errorf("facets with closed: sdg %v reward %v", fc.SDG, fc.Reward)
		}
		fc, err = s.Projects().ProjectFacets(ctx, ProjectFilter{Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
		mustNil(t, err)
		if fc.SDG[12] != 0 || fc.SDG[8] != 2 || fc.Reward[string(domain.RewardInKind)] != 1 {
			t.Errorf("facets open only: sdg %v reward %v", fc.SDG, fc.Reward)
		}
	})
}
