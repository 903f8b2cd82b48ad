package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// get fetches a URL and returns its status, body and headers.
func get(t *testing.T, u string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

// TestServeMetricsOnTheirOwnAddress runs serve with --metrics-addr: the
// metrics listener serves /metrics and Go's profiles and nothing else, the
// public server never serves them, every answer carries a request id, and /readyz turns
// 200 once the dictionary has loaded.
func TestServeMetricsOnTheirOwnAddress(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--metrics-addr", "127.0.0.1:0")
	if !strings.HasSuffix(s.metrics, "/metrics") || strings.HasPrefix(s.metrics, s.url) {
		t.Fatalf("metrics at %q, site at %q", s.metrics, s.url)
	}
	status, body, h := get(t, s.url+"/metrics")
	if status != 404 || h.Get("X-Request-Id") == "" || !strings.Contains(body, h.Get("X-Request-Id")) {
		t.Errorf("public /metrics: %d, request id %q", status, h.Get("X-Request-Id"))
	}
	deadline := time.Now().Add(time.Minute)
	for {
		status, body, _ := get(t, s.url+"/readyz")
		var ready map[string]string
		if err := json.Unmarshal([]byte(body), &ready); err != nil {
			t.Fatalf("readyz: %d %s", status, body)
		}
		if status == 200 && ready["status"] == "ready" && ready["migrations"] == "applied" {
			break
		}
		if status != 503 || ready["search"] != "loading" || time.Now().After(deadline) {
			t.Fatalf("readyz: %d %v", status, ready)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if status, _, _ := get(t, strings.TrimSuffix(s.metrics, "/metrics")+"/"); status != 404 {
		t.Errorf("the metrics listener's /: %d, want 404", status)
	}
	// Go's profiles are there for the operators, never on the site.
	base := strings.TrimSuffix(s.metrics, "/metrics")
	if status, body, _ := get(t, base+"/debug/pprof/goroutine?debug=1"); status != 200 || !strings.Contains(body, "goroutine profile: total") {
		t.Errorf("goroutine profile: %d", status)
	}
	if status, body, _ := get(t, base+"/debug/pprof/profile?seconds=1"); status != 200 || len(body) == 0 {
		t.Errorf("CPU profile: %d, %d bytes", status, len(body))
	}
	if status, _, _ := get(t, base+"/debug/pprof/nothing"); status != 404 {
		t.Errorf("an unknown profile: %d, want 404", status)
	}
	// The scrape sees the public requests by route pattern, the pools of
	// the SQLite store and the job queue (its periodic jobs start at once).
	status, body, _ = get(t, s.metrics)
	if status != 200 {
		t.Fatalf("metrics: %d", status)
	}
	for _, series := range []string{
		`tsunagu_http_responses_total{code="404",route="/"} 1`,
		`tsunagu_http_request_duration_seconds_count{route="GET /readyz"}`,
		`tsunagu_db_max_open_connections{pool="write"} 1`,
		`tsunagu_db_open_connections{pool="read"}`,
		`tsunagu_jobs_by_state{state="available"}`,
		`tsunagu_page_cache_lookups_total{result="hit"} 0`,
		`tsunagu_entries_submitted_total 0`,
		`tsunagu_mail_deliveries_total{result="sent"} 0`,
	} {
		if !strings.Contains(body, "\n"+series) {
			t.Errorf("no %s in the metrics", series)
		}
	}
	if status, _, _ := get(t, s.url+"/debug/pprof/goroutine?debug=1"); status != 404 {
		t.Errorf("profiles on the public site: %d, want 404", status)
	}
}
