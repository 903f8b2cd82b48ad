package web

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// readyz fetches /readyz: its status and its body.
func readyz(t *testing.T, base string) (int, map[string]string) {
	t.Helper()
	status, body, _ := send(t, http.DefaultClient, "GET", base+"/readyz", nil)
	var got map[string]string
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("readyz: %d %v\n%s", status, err, body)
	}
	return status, got
}

// TestReadiness: /readyz answers 503 while the search dictionary loads and
// 200 once it has, with the migrations applied; on a database that lacks
// this build's migrations it answers 503 saying so. /healthz says alive
// throughout.
func TestReadiness(t *testing.T) { eachEngine(t, readinessScenario) }

func readinessScenario(t *testing.T, w *world) {
	ctx := context.Background()
	release := make(chan struct{})
	loading := search.LazyFrom(func() (*search.Analyzer, error) {
		<-release
		return analyzer().Get(ctx)
	})
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	srv := w.serveWith(t, w.st, Config{Search: loading})
	status, got := readyz(t, srv.URL)
	want := map[string]string{"status": "unavailable", "migrations": "applied", "search": "loading"}
	if status != http.StatusServiceUnavailable || !maps.Equal(got, want) {
		t.Errorf("while the dictionary loads: %d %v, want 503 %v", status, got, want)
	}
	if status, _, _ := send(t, http.DefaultClient, "GET", srv.URL+"/healthz", nil); status != 200 {
		t.Errorf("healthz while the dictionary loads: %d", status)
	}
	close(release)
	_, err := loading.Get(ctx)
	must(t, err)
	status, got = readyz(t, srv.URL)
	want = map[string]string{"status": "ready", "migrations": "applied", "search": "ready"}
	if status != http.StatusOK || !maps.Equal(got, want) {
		t.Errorf("once loaded: %d %v, want 200 %v", status, got, want)
	}

	// A database of the same engine that was never migrated.
	url, dir := "", t.TempDir()
	if w.dbURL != "" {
		url = storetest.PostgresURL(t)
	}
	empty, err := store.Open(ctx, url, dir)
	must(t, err)
	t.Cleanup(func() { empty.Close() })
	srv = w.serveWith(t, empty, Config{})
	status, got = readyz(t, srv.URL)
	want = map[string]string{"status": "unavailable", "migrations": "pending", "search": "ready"}
	if status != http.StatusServiceUnavailable || !maps.Equal(got, want) {
		t.Errorf("unmigrated: %d %v, want 503 %v", status, got, want)
	}
	_, err = empty.Migrate(ctx)
	must(t, err)
	if status, got = readyz(t, srv.URL); status != http.StatusOK {
		t.Errorf("after migrating: %d %v", status, got)
	}
}
