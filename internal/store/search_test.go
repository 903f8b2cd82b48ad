package store

import (
	"context"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// spaceIndexer is the test double for internal/search: it lower-cases the
// title, the description and the host name and splits them at spaces.
type spaceIndexer struct{}

func (spaceIndexer) ProjectTerms(_ context.Context, p domain.Project, host domain.Organization) (string, error) {
	return strings.ToLower(strings.Join(strings.Fields(p.Title+" "+p.Description+" "+host.Name), " ")), nil
}

func TestSearchAndFacets(t *testing.T) {
	forEachEngine(t, func(t *testing.T, plain *Store) {
		s := plain.WithIndexer(spaceIndexer{})
		ctx := context.Background()
		f := newFixture(t, plain) // indexed later by IndexMissing
		extra := domain.Project{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, HostID: f.shop.ID,
			Title: "SNS 発信 と 販路 開拓", Description: "副業 の 方 と 商店街 を 元気 に", SDGs: []int{8, 11},
			RequiredSkills: []string{"mkt-sns"}, TeamSize: 1, HoursPerMonth: 35, WorkStyle: domain.WorkRemote,
			RewardType: domain.RewardInKind, Status: domain.ProjectPublished}
		mustNil(t, s.Projects().CreateProject(ctx, &extra))
		n, err := s.Projects().IndexMissing(ctx, nil)
		mustNil(t, err)
		if n != 3 {
			t.Errorf("indexed %d projects, want the 3 fixture projects", n)
		}
		search := func(fts5, exclude, tsq string) []int64 {
			page, err := s.Projects().ListProjects(ctx, ProjectFilter{Search: Search{FTS5Match: fts5, FTS5Exclude: exclude, TSQuery: tsq}})
			mustNil(t, err)
			// On SQLite the count comes from the FTS5 index alone; it must
			// agree with the rows, statuses included.
			if page.Total != len(page.Projects) {
				t.Errorf("%q -%q: total %d, %d rows", fts5, exclude, page.Total, len(page.Projects))
			}
			var ids []int64
			for _, p := range page.Projects {
				ids = append(ids, p.ID)
			}
			return ids
		}
		if got := search(`"販路 開拓"`, "", `'販路' <-> '開拓'`); len(got) != 1 || got[0] != extra.ID {
			t.Errorf("phrase 販路 開拓: %v", got)
		}
		if got := search(`"開拓 販路"`, "", `'開拓' <-> '販路'`); len(got) != 0 {
			t.Errorf("reversed phrase matched: %v", got)
		}
		if got := search("", `"副業"`, `!'副業'`); len(got) != 2 {
			t.Errorf("excluding 副業 left %v", got)
		}
		if got := search(`"森田製作所"`, "", `'森田製作所'`); len(got) != 0 {
			t.Errorf("host name is a token only as a whole: %v", got)
		}
		if got := search(`"有限会社森田製作所"`, "", `'有限会社森田製作所'`); len(got) != 2 {
			t.Errorf("host name search: %v", got)
		}

		fc, err := s.Projects().ProjectFacets(ctx, ProjectFilter{SDG: 8})
		mustNil(t, err)
		// Style, reward, hours and municipality are single-valued: their counts
		// add up to the total with the same filter.
		page, err := s.Projects().ListProjects(ctx, ProjectFilter{SDG: 8})
		mustNil(t, err)
		for name, counts := range map[string]map[string]int{"style": fc.Style, "reward": fc.Reward} {
			sum := 0
			for _, n := range counts {
				sum += n
			}
			if sum != page.Total {
				t.Errorf("%s facet sums to %d, total is %d", name, sum, page.Total)
			}
		}
		if fc.Hours[2] != 1 || fc.Hours[4] != 1 || fc.Municipality[f.ota.ID] != 2 {
			t.Errorf("hours %v municipality %v", fc.Hours, fc.Municipality)
		}
		// The SDG facet ignores the SDG filter itself.
		if fc.SDG[8] != 2 || fc.SDG[13] != 1 || fc.SDG[11] != 1 {
			t.Errorf("sdg facet %v", fc.SDG)
		}
		if fc.Skill["mkt"] != 1 || fc.Skill["web"] != 1 {
			t.Errorf("skill facet %v", fc.Skill)
		}
		band, err := s.Projects().ListProjects(ctx, ProjectFilter{HoursBand: 4})
		mustNil(t, err)
		if band.Total != 1 || band.Projects[0].ID != extra.ID {
			t.Errorf("hours band 4: %+v", band)
		}
		mustNil(t, s.Projects().SetProjectStatus(ctx, extra.ID, domain.ProjectDraft))
		if got := search(`"販路 開拓"`, "", `'販路' <-> '開拓'`); len(got) != 0 {
			t.Errorf("a draft is found: %v", got)
		}
		if err := s.Projects().SetProjectStatus(ctx, 99999, domain.ProjectClosed); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("status of unknown project: %v", err)
		}
	})
}

// TestSearchRanksByRelevance checks both query paths (the FTS5-only one and
// the one joined with other filters) and both engines put the project that
// is most about the words first.
func TestSearchRanksByRelevance(t *testing.T) {
	forEachEngine(t, func(t *testing.T, plain *Store) {
		s := plain.WithIndexer(spaceIndexer{})
		ctx := context.Background()
		f := newFixture(t, s)
		mk := func(title, desc string) int64 {
			p := domain.Project{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, HostID: f.mill.ID, Title: title,
				Description: desc, SDGs: []int{8}, TeamSize: 1, HoursPerMonth: 10, WorkStyle: domain.WorkRemote,
				RewardType: domain.RewardProBono, Status: domain.ProjectPublished}
			mustNil(t, s.Projects().CreateProject(ctx, &p))
			return p.ID
		}
		strong := mk("販路 開拓 と 販路 拡大", "販路 を 広げる")
		weak := mk("工場 の 見学 会", "地域 の 方 と 交流 し ながら 販路 も 考える 長い 説明 文 です 色々 な 話題")
		check := func(st *Store, ranked bool, want ...int64) {
			t.Helper()
			for _, filter := range []ProjectFilter{
				{Search: Search{FTS5Match: `"販路"`, TSQuery: `'販路'`}},
				{SDG: 8, Search: Search{FTS5Match: `"販路"`, TSQuery: `'販路'`}},
			} {
				page, err := st.Projects().ListProjects(ctx, filter)
				mustNil(t, err)
				var got []int64
				for _, p := range page.Projects {
					got = append(got, p.ID)
				}
				if page.Total != 2 || page.Ranked != ranked || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
					t.Errorf("sdg %d: got %v (total %d, ranked %v), want %v", filter.SDG, got, page.Total, page.Ranked, want)
				}
			}
		}
		check(s, true, strong, weak)
		// Past the ranking limit, matches come newest first.
		few := *s
		few.maxRanked = 1
		check(&few, false, weak, strong)
	})
}
