package seed

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// analyzer is loaded once per test binary (about a second).
var analyzer = sync.OnceValue(search.NewLazy)

// demoStore loads the demo, indexed for search, into a fresh database.
func demoStore(t *testing.T, url string) *store.Store {
	t.Helper()
	ctx := context.Background()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	st = st.WithIndexer(search.NewProjectIndexer(analyzer(), ref))
	if _, err := Demo(ctx, st, ref, demo.DefaultSeed, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return st
}

// hits runs a query through the same path as the web list and returns the
// matching project ids, sorted.
func hits(t *testing.T, st *store.Store, q string) []int64 {
	t.Helper()
	an, err := analyzer().Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	parsed := an.Parse(q)
	match, exclude := parsed.FTS5()
	var ids []int64
	for offset := 0; ; offset += 100 {
		page, err := st.Projects().ListProjects(context.Background(), store.ProjectFilter{Limit: 100, Offset: offset,
			Search: store.Search{FTS5Match: match, FTS5Exclude: exclude, TSQuery: parsed.TSQuery()}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page.Projects {
			ids = append(ids, p.ID)
		}
		if offset+100 >= page.Total {
			break
		}
	}
	slices.Sort(ids)
	return ids
}

// containing lists the public projects whose indexed text contains word.
func containing(t *testing.T, st *store.Store, word string) []int64 {
	t.Helper()
	ctx := context.Background()
	ref, _ := refdata.Load()
	page, err := st.Projects().ListProjects(ctx, store.ProjectFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, p := range page.Projects {
		host, err := st.Directory().Organization(ctx, p.HostID)
		if err != nil {
			t.Fatal(err)
		}
		text := []string{p.Title, p.Description, host.Name, host.Area}
		for _, c := range append(p.RequiredSkills, p.PreferredSkills...) {
			sk, _ := ref.Skill(c)
			text = append(text, sk.NameJA, sk.NameEN)
		}
		if strings.Contains(domain.NormalizeText(strings.Join(text, "\n")), word) {
			ids = append(ids, p.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

func TestSearchQualityOnTheDemo(t *testing.T) {
	engines := map[string]func(t *testing.T) string{
		"sqlite":   func(*testing.T) string { return "" },
		"postgres": func(t *testing.T) string { return storetest.PostgresURL(t) },
	}
	results := map[string]map[string][]int64{}
	var mu sync.Mutex
	queries := []string{"副業", "ﾎｰﾑﾍﾟｰｼﾞ", "販路開拓", "脱炭素", "ホームページ -EC", "Instagram OR SNS",
		"\"事業 承継\"", "の", "", "ＤＸ", "蒲田"}
	for name, url := range engines {
		t.Run(name, func(t *testing.T) {
			st := demoStore(t, url(t))
			// Quoted, a word is taken literally (unquoted, ホームページ and
			// 脱炭素 are expanded with their synonyms: see TestSynonymsOnTheDemo).
			for _, word := range []string{"副業", "ホームページ", "脱炭素"} {
				want := containing(t, st, word)
				if len(want) == 0 {
					t.Fatalf("the demo has no project containing %s", word)
				}
				if got := hits(t, st, `"`+word+`"`); !slices.Equal(got, want) {
					t.Errorf("%s: search found %v, text contains it in %v", word, got, want)
				}
			}
			if got, want := hits(t, st, "ﾎｰﾑﾍﾟｰｼﾞ"), hits(t, st, "ホームページ"); !slices.Equal(got, want) {
				t.Errorf("half-width ﾎｰﾑﾍﾟｰｼﾞ found %v, ホームページ %v", got, want)
			}
			all := hits(t, st, "")
			for _, q := range []string{"の", "です", "  "} {
				if got := hits(t, st, q); !slices.Equal(got, all) {
					t.Errorf("stop words %q do not list everything: %d of %d", q, len(got), len(all))
				}
			}
			mu.Lock()
			results[name] = map[string][]int64{}
			for _, q := range queries {
				results[name][q] = hits(t, st, q)
			}
			mu.Unlock()
		})
	}
	if results["postgres"] == nil {
		return // PostgreSQL skipped
	}
	for _, q := range queries {
		if !slices.Equal(results["sqlite"][q], results["postgres"][q]) {
			t.Errorf("%q: SQLite %v, PostgreSQL %v", q, results["sqlite"][q], results["postgres"][q])
		}
	}
}

// TestSynonymsOnTheDemo checks kana folding, readings and the synonym list
// on the demo: searches that found nothing before find the projects a
// person would expect, on both engines, and none returns more than a
// quarter of all projects.
func TestSynonymsOnTheDemo(t *testing.T) {
	engines := map[string]func(t *testing.T) string{
		"sqlite":   func(*testing.T) string { return "" },
		"postgres": func(t *testing.T) string { return storetest.PostgresURL(t) },
	}
	// The website projects: ホームページ (1, 6, 37, 45), Web (11 試作基板の受注を
	// Webで増やす, 12 特注ばねのネット受注) and the projects that ask for web
	// skills (7, 15, 23, 24, 33).
	web := []int64{1, 6, 7, 11, 12, 15, 23, 24, 33, 37, 45}
	want := map[string][]int64{
		"ほーむぺーじ": web,
		"ホームページ": web,
		"ウェブ":    web,
		"HP":     web,
		"インスタ":   {21},     // 老舗喫茶のInstagram発信とファンづくり
		"ぎょうざ":   {23, 40}, // 冷凍餃子の通販…, 羽根つき餃子を海外へ…
		"ギョーザ":   {23, 40},
		"EC":     {12, 20, 22, 23, 40, 48},
	}
	for name, url := range engines {
		t.Run(name, func(t *testing.T) {
			st := demoStore(t, url(t))
			all := hits(t, st, "")
			for q, ids := range want {
				got := hits(t, st, q)
				if !slices.Equal(got, ids) {
					t.Errorf("%s found %v, want %v", q, got, ids)
				}
				if 4*len(got) > len(all) {
					t.Errorf("%s floods: %d of %d projects", q, len(got), len(all))
				}
			}
		})
	}
}
