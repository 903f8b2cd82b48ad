package metrics

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func scrapeText(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler(nil).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: %d", rec.Code)
	}
	b, err := io.ReadAll(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestInstruments(t *testing.T) {
	m := New()
	m.ObserveRequest("GET /projects/{id}", 200, 30*time.Millisecond)
	m.ObserveRequest("GET /projects/{id}", 404, 2*time.Millisecond)
	m.CacheHit()
	m.CacheMiss()
	m.CacheMiss()
	m.EntrySubmitted()
	m.MailSent()
	m.MailFailed()
	m.JobFailed("mail", false)
	m.JobFailed("mail", true)
	if err := m.WatchPools(func() []Pool {
		return []Pool{{Name: "read", Stats: sql.DBStats{MaxOpenConnections: 8, OpenConnections: 3, InUse: 1, Idle: 2,
			WaitCount: 4, WaitDuration: 1500 * time.Millisecond}}}
	}); err != nil {
		t.Fatal(err)
	}
	if err := m.WatchJobs(func(context.Context) (map[string]int64, error) {
		return map[string]int64{"available": 2, "completed": 5}, nil
	}); err != nil {
		t.Fatal(err)
	}
	text := scrapeText(t, m)
	for _, line := range []string{
		`tsunagu_http_request_duration_seconds_count{route="GET /projects/{id}"} 2`,
		`tsunagu_http_request_duration_seconds_bucket{route="GET /projects/{id}",le="0.005"} 1`,
		`tsunagu_http_request_duration_seconds_bucket{route="GET /projects/{id}",le="0.05"} 2`,
		`tsunagu_http_responses_total{code="200",route="GET /projects/{id}"} 1`,
		`tsunagu_http_responses_total{code="404",route="GET /projects/{id}"} 1`,
		`tsunagu_page_cache_lookups_total{result="hit"} 1`,
		`tsunagu_page_cache_lookups_total{result="miss"} 2`,
		`tsunagu_entries_submitted_total 1`,
		`tsunagu_mail_deliveries_total{result="sent"} 1`,
		`tsunagu_mail_deliveries_total{result="failed"} 1`,
		`tsunagu_jobs_retries_total{kind="mail"} 1`,
		`tsunagu_jobs_failures_total{kind="mail"} 1`,
		`tsunagu_db_max_open_connections{pool="read"} 8`,
		`tsunagu_db_open_connections{pool="read"} 3`,
		`tsunagu_db_in_use_connections{pool="read"} 1`,
		`tsunagu_db_idle_connections{pool="read"} 2`,
		`tsunagu_db_wait_count_total{pool="read"} 4`,
		`tsunagu_db_wait_duration_seconds_total{pool="read"} 1.5`,
		`tsunagu_jobs_by_state{state="available"} 2`,
		`tsunagu_jobs_by_state{state="completed"} 5`,
	} {
		if !strings.Contains(text, "\n"+line+"\n") {
			t.Errorf("missing %s", line)
		}
	}
	// Registering the same kind of collector twice is a wiring mistake.
	if err := m.WatchPools(func() []Pool { return nil }); err == nil {
		t.Error("pools watched twice")
	}
}

// A failing job count leaves the rest of the scrape intact.
func TestJobCountFailure(t *testing.T) {
	m := New()
	if err := m.WatchJobs(func(context.Context) (map[string]int64, error) { return nil, errors.New("no table") }); err != nil {
		t.Fatal(err)
	}
	m.EntrySubmitted()
	text := scrapeText(t, m)
	if !strings.Contains(text, "\ntsunagu_entries_submitted_total 1\n") || strings.Contains(text, "tsunagu_jobs_by_state{") {
		t.Errorf("scrape with a failing job count:\n%s", text)
	}
}

// A nil *Metrics counts nothing and does not panic: a process without
// --metrics-addr passes nil everywhere.
func TestNilCountsNothing(t *testing.T) {
	var m *Metrics
	m.ObserveRequest("GET /", 200, time.Millisecond)
	m.CacheHit()
	m.CacheMiss()
	m.EntrySubmitted()
	m.MailSent()
	m.MailFailed()
	m.JobFailed("mail", true)
	if err := m.WatchPools(func() []Pool { return nil }); err != nil {
		t.Error(err)
	}
	if err := m.WatchJobs(nil); err != nil {
		t.Error(err)
	}
}

// Two registries never share a series: no global state.
func TestRegistriesAreSeparate(t *testing.T) {
	a, b := New(), New()
	a.EntrySubmitted()
	if !strings.Contains(scrapeText(t, b), "\ntsunagu_entries_submitted_total 0\n") {
		t.Error("a count in one registry shows in another")
	}
}
