package web

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/jobs"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// serveWith starts another server over st (the world's database, perhaps
// with a job queue) with the world's settings and what cfg adds (metrics,
// a logger, trusted proxies, a search that is still loading), its services
// counting into cfg.Metrics too. The world's helpers (signedIn …) then talk
// to it.
func (w *world) serveWith(t *testing.T, st *store.Store, cfg Config) *httptest.Server {
	t.Helper()
	ref, err := refdata.Load()
	must(t, err)
	cat, err := i18n.Load()
	must(t, err)
	mt, err := mail.LoadTemplates()
	must(t, err)
	cfg.Ref, cfg.Catalog, cfg.Version = ref, cat, "test"
	cfg.Now, cfg.BaseURL, cfg.Contact = func() time.Time { return testNow }, "http://tsunagu.test", "privacy@tsunagu.test"
	if cfg.Search == nil {
		cfg.Search = analyzer()
	}
	cfg.App = app.New(app.Config{Store: st, Catalog: cat, Mail: mt, BaseURL: cfg.BaseURL, Now: cfg.Now, Ref: ref,
		Search: cfg.Search, Keys: w.keys, Metrics: cfg.Metrics})
	s, err := New(cfg)
	must(t, err)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	w.srv, w.app = srv, s
	return srv
}

// poolsOf adapts the store's pool statistics for the metrics, as serve does.
func poolsOf(st *store.Store) func() []metrics.Pool {
	return func() []metrics.Pool {
		var out []metrics.Pool
		for name, s := range st.PoolStats() {
			out = append(out, metrics.Pool{Name: name, Stats: s})
		}
		return out
	}
}

// scrape reads a metrics endpoint into series → value; a series is
// written as the exposition writes it, labels in name order:
// tsunagu_http_responses_total{code="200",route="GET /projects/{id}"}.
func scrape(t *testing.T, u string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(u)
	must(t, err)
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("scrape: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	series := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("scrape: %q: %v", line, err)
		}
		series[line[:i]] = v
	}
	must(t, sc.Err())
	return series
}

// TestMetrics serves the world with metrics and a job queue that is not
// started (so the entry's receipt waits in it), opens a public page twice,
// a missing page, and submits an entry twice (a double click), then reads
// the metrics listener: latency and answers per route pattern, the page
// cache, entries, the database pools and the queue.
func TestMetrics(t *testing.T) { eachEngine(t, metricsScenario) }

func metricsScenario(t *testing.T, w *world) {
	ctx := context.Background()
	m := metrics.New()
	must(t, jobs.Migrate(ctx, w.st))
	q, err := jobs.NewWorker(w.st, jobs.Options{Metrics: m})
	must(t, err)
	t.Cleanup(func() { q.Stop(context.Background()) })
	st := w.st.WithJobs(q)
	must(t, m.WatchPools(poolsOf(st)))
	srv := w.serveWith(t, st, Config{Metrics: m, CacheMaxAge: time.Minute})
	ops := httptest.NewServer(m.Handler(nil))
	t.Cleanup(ops.Close)

	anon := w.browser(t)
	project := srv.URL + "/projects/" + strconv.FormatInt(w.shop.ID, 10)
	for range 2 { // rendered, then from the cache
		if status, _, _ := send(t, anon, "GET", project, nil); status != 200 {
			t.Fatalf("project page: %d", status)
		}
	}
	if status, _, _ := send(t, anon, "GET", srv.URL+"/no/such/page", nil); status != 404 {
		t.Fatalf("missing page: %d", status)
	}
	// Metrics are never served by the public server.
	if status, _, _ := send(t, anon, "GET", srv.URL+"/metrics", nil); status != 404 {
		t.Errorf("public /metrics: %d, want 404", status)
	}

	c := w.signedIn(t, "metrics@example.jp", "計測 太郎")
	u, err := w.st.Accounts().Credentials(ctx, "metrics@example.jp")
	must(t, err)
	must(t, w.st.Talents().SaveTalent(ctx, &domain.Talent{UserID: u.User.ID, Name: "計測 太郎", NameKana: "ケイソク タロウ",
		ResidenceCountry: "JP"}))
	status, body, _ := send(t, c, "GET", srv.URL+"/programs/ota-sdgs-2026/entry", nil)
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(body)
	if status != 200 || key == nil {
		t.Fatalf("entry form: %d", status)
	}
	form := url.Values{"key": {key[1]}, "choice_1": {strconv.FormatInt(w.shop.ID, 10)}, "motivation": {"数字で見たい"}}
	for range 2 { // a double click: one entry
		if status, _, _ := send(t, c, "POST", srv.URL+"/programs/ota-sdgs-2026/entry", form); status != http.StatusSeeOther {
			t.Fatalf("entry: %d", status)
		}
	}

	got := scrape(t, ops.URL+"/metrics")
	want := map[string]float64{
		`tsunagu_http_request_duration_seconds_count{route="GET /projects/{id}"}`:                     2,
		`tsunagu_http_request_duration_seconds_bucket{route="GET /projects/{id}",le="+Inf"}`:          2,
		`tsunagu_http_responses_total{code="200",route="GET /projects/{id}"}`:                         2,
		`tsunagu_http_request_duration_seconds_count{route="/"}`:                                      2,
		`tsunagu_http_responses_total{code="404",route="/"}`:                                          2,
		`tsunagu_http_responses_total{code="200",route="GET /programs/{slug}/entry"}`:                 1,
		`tsunagu_http_responses_total{code="303",route="POST /programs/{slug}/entry"}`:                2,
		`tsunagu_http_responses_total{code="303",route="POST /login"}`:                                1,
		`tsunagu_page_cache_lookups_total{result="hit"}`:                                              1,
		`tsunagu_page_cache_lookups_total{result="miss"}`:                                             1,
		`tsunagu_entries_submitted_total`:                                                             1,
		`tsunagu_jobs_by_state{state="available"}`:                                                    1, // the receipt mail
		`tsunagu_jobs_by_state{state="completed"}`:                                                    0,
		`tsunagu_jobs_by_state{state="discarded"}`:                                                    0,
		`tsunagu_jobs_by_state{state="retryable"}`:                                                    0,
		`tsunagu_mail_deliveries_total{result="sent"}`:                                                0,
		`tsunagu_mail_deliveries_total{result="failed"}`:                                              0,
		`tsunagu_http_request_duration_seconds_bucket{route="POST /programs/{slug}/entry",le="+Inf"}`: 2,
	}
	for series, v := range want {
		if g, ok := got[series]; !ok || g != v {
			t.Errorf("%s = %v (present %v), want %v", series, g, ok, v)
		}
	}
	// Routes are labelled by their pattern, never by the path asked for.
	for series := range got {
		if strings.Contains(series, "/no/such/page") || strings.Contains(series, "/projects/"+strconv.FormatInt(w.shop.ID, 10)) {
			t.Errorf("a raw path in %s", series)
		}
	}
	pools := map[string]float64{"read": 8, "write": 1}
	if w.dbURL != "" {
		pools = map[string]float64{"shared": 16}
	}
	for pool, max := range pools {
		if g := got[`tsunagu_db_max_open_connections{pool="`+pool+`"}`]; g != max {
			t.Errorf("pool %s: max open %v, want %v", pool, g, max)
		}
		if g, ok := got[`tsunagu_db_open_connections{pool="`+pool+`"}`]; !ok || g < 1 {
			t.Errorf("pool %s: %v open connections (present %v)", pool, g, ok)
		}
		if _, ok := got[`tsunagu_db_wait_count_total{pool="`+pool+`"}`]; !ok {
			t.Errorf("pool %s: no wait count", pool)
		}
	}
	if n := len(pools); countPrefix(got, "tsunagu_db_max_open_connections{") != n {
		t.Errorf("pools reported: %d, want %d", countPrefix(got, "tsunagu_db_max_open_connections{"), n)
	}
	if _, ok := got["go_goroutines"]; !ok {
		t.Error("no Go runtime metrics")
	}
}

func countPrefix(series map[string]float64, prefix string) int {
	n := 0
	for s := range series {
		if strings.HasPrefix(s, prefix) {
			n++
		}
	}
	return n
}
