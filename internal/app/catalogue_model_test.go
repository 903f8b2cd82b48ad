package app

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// analyzer is loaded once per test binary (about a second).
var analyzer = sync.OnceValue(search.NewLazy)

// demoApp loads the demo, indexed for search, into a fresh database and
// returns the services over it.
func demoApp(t *testing.T, url string) (*App, *store.Store) {
	t.Helper()
	return demoAppIn(t, url, t.TempDir())
}

// demoAppIn is demoApp with SQLite's file in dir.
func demoAppIn(t *testing.T, url, dir string) (*App, *store.Store) {
	t.Helper()
	ctx := context.Background()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, url, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	st = st.WithIndexer(search.NewProjectIndexer(analyzer(), ref))
	if _, err := seed.Demo(ctx, st, ref, demo.DefaultSeed, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return New(Config{Store: st, Ref: ref, Search: analyzer()}), st
}

// engines runs a test on SQLite and on PostgreSQL.
func engines(t *testing.T, fn func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, "") })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.PostgresURL(t)) })
}

// modelQueries draws list queries over every filter, alone and combined,
// with searches (words found, excluded, and phrases) and pages.
func modelQueries(a *App, programs []domain.Program, municipalities []domain.Municipality) []ListQuery {
	rng := rand.New(rand.NewPCG(7, 2021))
	words := []string{"副業", "販路開拓", "ホームページ", "ほーむぺーじ", "HP", "インスタ", "EC", "脱炭素", "DX",
		"蒲田", "金属", "ホームページ -EC", `"事業 承継"`, "Instagram OR SNS", "-副業", "存在しない語"}
	var skills []string
	for _, c := range a.ref.SkillCategories() {
		skills = append(skills, c.Code)
	}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	var qs []ListQuery
	for _, p := range programs {
		qs = append(qs, ListQuery{Program: p.Slug})
	}
	for _, m := range municipalities {
		qs = append(qs, ListQuery{Municipality: m.LGCode})
	}
	for g := 1; g <= 17; g++ {
		qs = append(qs, ListQuery{SDG: strconv.Itoa(g)})
	}
	for _, s := range skills {
		qs = append(qs, ListQuery{Skill: s})
	}
	for _, w := range words {
		qs = append(qs, ListQuery{Q: w}, ListQuery{Q: w, Page: "2"}, ListQuery{Q: w, Closed: true},
			ListQuery{Q: w, Closed: true, Page: "2"})
	}
	for range 300 {
		q := ListQuery{Closed: rng.IntN(2) == 0}
		if rng.IntN(3) == 0 {
			q.Program = programs[rng.IntN(len(programs))].Slug
		}
		if rng.IntN(3) == 0 {
			q.SDG = strconv.Itoa(1 + rng.IntN(17))
		}
		if rng.IntN(3) == 0 {
			q.Skill = pick(skills)
		}
		if rng.IntN(4) == 0 {
			q.Style = pick([]string{"remote", "onsite", "hybrid"})
		}
		if rng.IntN(4) == 0 {
			q.Reward = pick([]string{"paid", "pro_bono", "in_kind"})
		}
		if rng.IntN(4) == 0 {
			q.Hours = strconv.Itoa(1 + rng.IntN(4))
		}
		if rng.IntN(4) == 0 {
			q.Municipality = municipalities[rng.IntN(len(municipalities))].LGCode
		}
		if rng.IntN(2) == 0 {
			q.Q = pick(words)
		}
		if rng.IntN(4) == 0 {
			q.Page = strconv.Itoa(2 + rng.IntN(2))
		}
		qs = append(qs, q)
	}
	return qs
}

// TestModelAnswersAsSQL checks that the in-memory model of the list
// returns exactly what the SQL path returns, page, order, total, ranking
// and every facet count, for several hundred queries on both engines.
func TestModelAnswersAsSQL(t *testing.T) {
	engines(t, func(t *testing.T, url string) {
		a, st := demoApp(t, url)
		modelAnswersAsSQL(t, a, st)
		// Searches matching more projects than a list ranks: a filter may
		// leave few enough to rank, or not.
		few := st.WithMaxRanked(3)
		modelAnswersAsSQL(t, New(Config{Store: few, Ref: a.ref, Search: a.search}), few)
	})
}

func modelAnswersAsSQL(t *testing.T, a *App, st *store.Store) {
	t.Helper()
	{
		ctx := context.Background()
		programs, err := st.Directory().Programs(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		municipalities, err := st.Directory().Municipalities(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c := a.Catalogue
		answered, nonEmpty := 0, 0
		qs := modelQueries(a, programs, municipalities)
		for _, q := range qs {
			l := ProjectList{Programs: programs, Municipalities: municipalities}
			f, err := c.listFilter(ctx, q, &l)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			snap, err := c.model.snapshot(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			mp, mf, ok, err := c.listFromModel(ctx, snap, f)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				continue
			}
			answered++
			sp, sf, err := c.listFromSQL(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if mp.Total > 0 {
				nonEmpty++
			}
			if got, want := ids(mp.Projects), ids(sp.Projects); !reflect.DeepEqual(got, want) ||
				mp.Total != sp.Total || mp.Ranked != sp.Ranked {
				t.Errorf("%+v: model %v (total %d, ranked %v), SQL %v (total %d, ranked %v)", q, got, mp.Total,
					mp.Ranked, want, sp.Total, sp.Ranked)
			}
			if !reflect.DeepEqual(mf, sf) {
				t.Errorf("%+v: facets differ:\nmodel %+v\nSQL   %+v", q, mf, sf)
			}
		}
		// The model answers every query.
		if answered != len(qs) || nonEmpty < len(qs)/3 {
			t.Errorf("the model answered %d of %d queries, %d with results", answered, len(qs), nonEmpty)
		}
	}
}

// TestModelFollowsWrites checks that a write is listed at once: a project
// taken back to draft leaves the list and its facet counts.
func TestModelFollowsWrites(t *testing.T) {
	engines(t, func(t *testing.T, url string) {
		a, st := demoApp(t, url)
		ctx := context.Background()
		before, err := a.Catalogue.Projects(ctx, ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		first := before.Projects[0].Project
		if err := st.Projects().SetProjectStatus(ctx, first.ID, domain.ProjectDraft); err != nil {
			t.Fatal(err)
		}
		after, err := a.Catalogue.Projects(ctx, ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if after.Total != before.Total-1 || after.Projects[0].Project.ID == first.ID {
			t.Fatalf("after taking project %d back: total %d (was %d), first %d", first.ID, after.Total, before.Total,
				after.Projects[0].Project.ID)
		}
		_, sf, err := a.Catalogue.listFromSQL(ctx, store.ProjectFilter{Limit: ListPageSize,
			Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(after.Facets, sf) {
			t.Errorf("facets after the write: model %+v, SQL %+v", after.Facets, sf)
		}
	})
}

// TestModelSeesOtherProcesses checks that a write by another process on
// the same SQLite file, which the process's own count does not see, is
// listed within a second, after the model's next check of the database's
// count.
func TestModelSeesOtherProcesses(t *testing.T) {
	dir := t.TempDir()
	a, _ := demoAppIn(t, "", dir)
	ctx := context.Background()
	before, err := a.Catalogue.Projects(ctx, ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	first := before.Projects[0].Project
	if err := other.Projects().SetProjectStatus(ctx, first.ID, domain.ProjectDraft); err != nil {
		t.Fatal(err)
	}
	// The model reads the database's count in the background at most
	// every modelCheckAfter: the write is listed within a second.
	deadline := time.Now().Add(time.Second)
	for {
		after, err := a.Catalogue.Projects(ctx, ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if after.Total == before.Total-1 {
			break
		}
		if after.Total != before.Total || time.Now().After(deadline) {
			t.Fatalf("another process took project %d back: total %d after a second, was %d", first.ID, after.Total, before.Total)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func ids(ps []domain.Project) []int64 {
	out := []int64{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}
