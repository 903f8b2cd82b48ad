package web

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/netip"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a log destination the server's goroutines share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// getWithID fetches a path sending X-Request-Id (unless empty) and returns
// the status, the body and the id the server answered with.
func getWithID(t *testing.T, u, id string) (int, string, string) {
	t.Helper()
	header := http.Header{}
	if id != "" {
		header.Set("X-Request-Id", id)
	}
	status, body, h := request(t, http.DefaultClient, "GET", u, "", nil, header)
	return status, body, h.Get("X-Request-Id")
}

var randomID = regexp.MustCompile(`^[0-9a-f]{16}$`)

// TestRequestIDs: every answer carries an id; a trusted proxy's sane id is
// kept and anyone else's replaced; the error pages and the JSON error show
// it, and every log line of the request carries it.
func TestRequestIDs(t *testing.T) { eachEngine(t, requestIDScenario) }

func requestIDScenario(t *testing.T, w *world) {
	// A server that trusts no proxy: what a client sends is replaced.
	direct := w.serveWith(t, w.st, Config{})
	status, body, id := getWithID(t, direct.URL+"/no/such/page", "chosen-by-client")
	if status != 404 || !randomID.MatchString(id) {
		t.Fatalf("404 from an untrusted peer: %d, id %q", status, id)
	}
	if !strings.Contains(body, "問い合わせ番号 <code>"+id+"</code>") {
		t.Errorf("the 404 page does not show its reference %s", id)
	}
	if _, _, again := getWithID(t, direct.URL+"/no/such/page", ""); !randomID.MatchString(again) || again == id {
		t.Errorf("ids %q then %q", id, again)
	}
	if status, body, id := getWithID(t, direct.URL+"/no/such/page?lang=en", ""); status != 404 ||
		!strings.Contains(body, "Reference <code>"+id+"</code>") {
		t.Errorf("the English 404 page does not show its reference %s", id)
	}

	// Behind a trusted proxy (the test's own address), its sane id is kept.
	logs := &syncBuffer{}
	proxied := w.serveWith(t, w.st, Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		Logger: slog.New(slog.NewTextHandler(logs, nil))})
	for _, tc := range []struct{ sent, kept string }{
		{"0f5c2a3e-8d1b-4c6e-9a7f-1b2c3d4e5f60", "0f5c2a3e-8d1b-4c6e-9a7f-1b2c3d4e5f60"},
		{"edge_42.abc", "edge_42.abc"},
		{"<script>alert(1)</script>", ""},
		{"has space", ""},
		{strings.Repeat("a", 65), ""},
	} {
		status, body, id := getWithID(t, proxied.URL+"/api/v1/nothing", tc.sent)
		var e struct{ Error publicError }
		must(t, json.Unmarshal([]byte(body), &e))
		switch {
		case status != 404:
			t.Errorf("%q: status %d", tc.sent, status)
		case tc.kept != "" && id != tc.kept:
			t.Errorf("%q: answered with id %q", tc.sent, id)
		case tc.kept == "" && !randomID.MatchString(id):
			t.Errorf("%q was not replaced: %q", tc.sent, id)
		case e.Error.Reference != id:
			t.Errorf("%q: the JSON error's reference %q, the header's %q", tc.sent, e.Error.Reference, id)
		}
	}

	// A failing request: its 500 page shows the id and every line it
	// logged carries it.
	w.st.Close()
	before := len(logs.String())
	status, body, id = getWithID(t, proxied.URL+"/projects", "report-me-42")
	if status != 500 || id != "report-me-42" || !strings.Contains(body, "<code>report-me-42</code>") {
		t.Fatalf("500 page: %d, id %q", status, id)
	}
	lines := strings.Split(strings.TrimSpace(logs.String()[before:]), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatal("the failing request logged nothing")
	}
	for _, line := range lines {
		if !strings.Contains(line, "request_id=report-me-42") {
			t.Errorf("a log line without the request's id: %s", line)
		}
	}
	if !strings.Contains(logs.String(), `msg="request failed"`) {
		t.Errorf("the internal error was not logged:\n%s", logs.String())
	}
}
