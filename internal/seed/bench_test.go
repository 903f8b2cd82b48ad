package seed

import (
	"context"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// memoIndexer remembers the terms of texts it has seen: the scaled demo
// repeats the demo's texts, so loading 100,000 projects needs only a few
// dozen analyses.
type memoIndexer struct {
	inner search.ProjectIndexer
	mu    sync.Mutex
	seen  map[string]string
}

func (m *memoIndexer) ProjectTerms(ctx context.Context, p domain.Project, host domain.Organization) (string, error) {
	key := p.Title + "\x00" + p.Description + "\x00" + host.Name + "\x00" + host.Area
	m.mu.Lock()
	terms, ok := m.seen[key]
	m.mu.Unlock()
	if ok {
		return terms, nil
	}
	terms, err := m.inner.ProjectTerms(ctx, p, host)
	m.mu.Lock()
	m.seen[key] = terms
	m.mu.Unlock()
	return terms, err
}

// benchDir holds bigStore's database; TestMain removes it.
var benchDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// bigStore is 100,000 indexed projects in SQLite, built once per binary.
var bigStore = sync.OnceValues(func() (*store.Store, error) {
	ctx := context.Background()
	ref, err := refdata.Load()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "tsunagu-bench-")
	if err != nil {
		return nil, err
	}
	benchDir = dir
	st, err := store.Open(ctx, "", dir)
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	st = st.WithIndexer(&memoIndexer{inner: search.NewProjectIndexer(analyzer(), ref), seen: map[string]string{}})
	_, err = Scale(ctx, st, ref, demo.DefaultSeed, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), 100_000, 500, nil)
	return st, err
})

// BenchmarkSearch100k measures a searched list page (count and first 20
// hits) over 100,000 projects, reporting p50 and p99 across queries.
func BenchmarkSearch100k(b *testing.B) {
	st, err := bigStore()
	if err != nil {
		b.Fatal(err)
	}
	an, err := analyzer().Get(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"副業", "販路開拓", "ホームページ -EC", "\"事業 承継\"", "Instagram OR SNS", "脱炭素",
		"蒲田 飲食", "CO2 見える化", "採用", "海外"}
	filters := make([]store.ProjectFilter, len(queries))
	for i, q := range queries {
		parsed := an.Parse(q)
		match, exclude := parsed.FTS5()
		filters[i] = store.ProjectFilter{Limit: 20, Search: store.Search{FTS5Match: match, FTS5Exclude: exclude, TSQuery: parsed.TSQuery()}}
	}
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := st.Projects().ListProjects(context.Background(), filters[i%len(filters)]); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkDemo measures loading the demo, indexed for search and with the
// 2021 teams' work, into a fresh SQLite database.
func BenchmarkDemo(b *testing.B) {
	ctx := context.Background()
	ref, err := refdata.Load()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := analyzer().Get(ctx); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(ctx, "", b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		st = st.WithIndexer(search.NewProjectIndexer(analyzer(), ref))
		b.StartTimer()
		if _, err := Demo(ctx, st, ref, demo.DefaultSeed, now); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
