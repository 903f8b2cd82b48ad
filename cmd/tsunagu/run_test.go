package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// started is a running `tsunagu serve`, the base URL it printed and,
// with --metrics-addr, the metrics URL.
type started struct {
	url, metrics string
	done         chan error
}

// startServe runs the real program's serve command on a free port and
// waits for the line that says where it serves. The server stops when the
// test ends, and the test checks that it stopped cleanly.
func startServe(t *testing.T, args ...string) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &started{done: make(chan error, 1)}
	argv := append([]string{"tsunagu", "serve", "--addr", "127.0.0.1:0"}, args...)
	go func() {
		err := run(ctx, argv, func(string) string { return "" }, strings.NewReader(""), pw, io.Discard)
		pw.Close()
		s.done <- err
	}()
	urls := make(chan [2]string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		var metrics string // printed before the line that says where it serves
		for sc.Scan() {
			if _, after, ok := strings.Cut(sc.Text(), "Metrics at "); ok {
				metrics = after
			}
			if _, after, ok := strings.Cut(sc.Text(), "serving at "); ok {
				urls <- [2]string{after, metrics}
			}
		}
		close(urls)
	}()
	select {
	case u, ok := <-urls:
		if !ok {
			cancel()
			t.Fatalf("serve stopped before listening: %v", <-s.done)
		}
		s.url, s.metrics = u[0], u[1]
	case err := <-s.done:
		cancel()
		t.Fatalf("serve failed: %v", err)
	case <-time.After(2 * time.Minute):
		cancel()
		t.Fatal("serve did not start within 2 minutes")
	}
	t.Cleanup(func() {
		cancel()
		if err := <-s.done; err != nil {
			t.Errorf("serve did not stop cleanly: %v", err)
		}
	})
	return s
}

func (s *started) getJSON(t *testing.T, path string) []byte {
	t.Helper()
	resp, err := http.Get(s.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("%s: status %d: %s", path, resp.StatusCode, body)
	}
	return body
}

func TestServeDemoOnSQLite(t *testing.T) {
	// As on a fresh machine, the data directory does not exist yet.
	s := startServe(t, "--data", filepath.Join(t.TempDir(), "tsunagu-data"), "--demo")
	var health map[string]string
	json.Unmarshal(s.getJSON(t, "/healthz"), &health)
	if health["status"] != "ok" || health["search"] != "ready" { // the demo load waited for the dictionary
		t.Errorf("healthz: %v", health)
	}
	var prog struct {
		Slug, Phase       string
		Projects, Entries int
	}
	json.Unmarshal(s.getJSON(t, "/api/v1/programs/ota-sdgs-2021"), &prog)
	if prog.Phase != "closed" || prog.Entries != 440 || prog.Projects < 25 {
		t.Errorf("2021 program: %+v", prog)
	}
	resp, err := http.Get(s.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(body, []byte(`<html lang="ja">`)) || !bytes.Contains(body, []byte("大田区SDGs副業")) {
		t.Error("home page is not the Japanese Ota demo")
	}
}

// TestHealthzAnswersWhileTheDictionaryLoads starts on an existing database,
// where nothing waits for the dictionary: /healthz must answer at once.
func TestHealthzAnswersWhileTheDictionaryLoads(t *testing.T) {
	dir := t.TempDir()
	if err := run(context.Background(), []string{"tsunagu", "migrate", "--data", dir}, func(string) string { return "" },
		nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	s := startServe(t, "--data", dir)
	var health map[string]string
	json.Unmarshal(s.getJSON(t, "/healthz"), &health)
	if health["status"] != "ok" || health["search"] == "" {
		t.Errorf("healthz: %v", health)
	}
	t.Logf("healthz answered %s after start, search %s", time.Since(start), health["search"])
}

// TestServePostgresShowsSameDemo seeds the demo on both engines through the
// real command and compares what the API shows.
func TestServePostgresShowsSameDemo(t *testing.T) {
	pg := startServe(t, "--db", storetest.PostgresURL(t), "--key-file", newKeyFile(t), "--demo")
	lite := startServe(t, "--data", t.TempDir(), "--demo")
	for _, path := range []string{
		"/api/v1/programs",
		"/api/v1/projects",
		"/api/v1/projects?closed=1",
		"/api/v1/projects?closed=1&page=2",
		"/api/v1/projects?closed=1&page=3",
		"/api/v1/projects?sdg=9",
		"/api/v1/projects?closed=1&sdg=9",
		"/api/v1/projects?closed=1&q=%E8%B2%A9%E8%B7%AF%E9%96%8B%E6%8B%93", // 販路開拓
		"/api/v1/projects?skill=web&style=remote",
		"/api/v1/projects?municipality=152137",
		"/api/v1/municipalities",
	} {
		a, b := pg.getJSON(t, path), lite.getJSON(t, path)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between PostgreSQL and SQLite:\n%s\n---\n%s", path, a, b)
		}
	}
}

// TestInstancesMigrateAtOnce runs `tsunagu migrate` several times at once
// on one empty PostgreSQL schema, as instances started together by a
// deploy would: each succeeds, and the store's and the job queue's
// migrations are each recorded once.
func TestInstancesMigrateAtOnce(t *testing.T) {
	url := storetest.PostgresURL(t)
	const instances = 4
	errs := make([]error, instances)
	var wg sync.WaitGroup
	for i := range instances {
		wg.Go(func() {
			errs[i] = run(context.Background(), []string{"tsunagu", "migrate", "--db", url}, func(string) string { return "" },
				nil, io.Discard, io.Discard)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`SELECT version_id FROM goose_db_version GROUP BY version_id HAVING COUNT(*) > 1`,
		`SELECT version FROM river_migration GROUP BY line, version HAVING COUNT(*) > 1`,
	} {
		var twice int64
		if err := db.QueryRow(q).Scan(&twice); err != sql.ErrNoRows {
			t.Errorf("%s: %d, %v; want no version recorded twice", q, twice, err)
		}
	}
}

func TestCommandLine(t *testing.T) {
	var out, errOut bytes.Buffer
	noEnv := func(string) string { return "" }
	if err := run(context.Background(), []string{"tsunagu", "version"}, noEnv, nil, &out, &errOut); err != nil ||
		!strings.HasPrefix(out.String(), "tsunagu "+Version) {
		t.Errorf("version: %v %q", err, out.String())
	}
	for _, args := range [][]string{
		{"tsunagu"},
		{"tsunagu", "frobnicate"},
		{"tsunagu", "serve", "--no-such-flag"},
		{"tsunagu", "seed", "--data", t.TempDir()},
	} {
		err := run(context.Background(), args, noEnv, nil, io.Discard, io.Discard)
		if exitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v), want 2", args, exitCode(err), err)
		}
	}
	var matched bytes.Buffer
	cohort := `{"projects":[{"id":"p1","capacity":1}],"talents":[{"id":"t1","choices":["p1"]},{"id":"t2","choices":["p1"]}],
		"scores":[{"talent":"t1","project":"p1","score":10},{"talent":"t2","project":"p1","score":20}]}`
	if err := run(context.Background(), []string{"tsunagu", "match", "--input", "-", "--method", "stable"}, noEnv,
		strings.NewReader(cohort), &matched, io.Discard); err != nil || !strings.Contains(matched.String(), `"talent": "t2"`) {
		t.Errorf("match: %v %s", err, matched.String())
	}
	err := run(context.Background(), []string{"tsunagu", "match", "--input", "-", "--method", "stable"}, noEnv,
		strings.NewReader(`{"projects":[{"id":"p1","capacity":-1}]}`), io.Discard, io.Discard)
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "negative capacity") {
		t.Errorf("bad cohort: exit %d, %v", exitCode(err), err)
	}
	err = run(context.Background(), []string{"tsunagu", "migrate", "--db", "mysql://x"}, noEnv, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "unsupported database URL") {
		t.Errorf("mysql URL: %v", err)
	}
	// A read replica needs PostgreSQL, by flag or from the environment.
	replicaEnv := func(k string) string {
		if k == "TSUNAGU_DB_READ" {
			return "postgres://postgres@127.0.0.1:5433/x"
		}
		return ""
	}
	for _, c := range []struct {
		args []string
		env  func(string) string
	}{
		{[]string{"tsunagu", "serve", "--data", t.TempDir(), "--db-read", "postgres://postgres@127.0.0.1:5433/x"}, noEnv},
		{[]string{"tsunagu", "serve", "--data", t.TempDir()}, replicaEnv},
	} {
		err := run(context.Background(), c.args, c.env, nil, io.Discard, io.Discard)
		if exitCode(err) != 2 || !strings.Contains(err.Error(), "--db-read (TSUNAGU_DB_READ) needs PostgreSQL") {
			t.Errorf("%v with SQLite: exit %d, %v", c.args, exitCode(err), err)
		}
	}
}

// TestServeWithReadReplica serves with --db-read on the test standby:
// while the standby's replay is paused, a visitor's API read does not see
// a municipality just added on the primary; once it has replayed, it does.
func TestServeWithReadReplica(t *testing.T) {
	pg := storetest.PostgresURL(t)
	rep := storetest.ReplicaURL(t, pg)
	s := startServe(t, "--db", pg, "--db-read", rep, "--key-file", newKeyFile(t))
	ctx := context.Background()
	st, err := store.Open(ctx, pg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	storetest.HoldStandby(t, pg, rep)
	storetest.CatchUp(t, pg, rep) // the migrations the server ran
	municipalities := func() string { return string(s.getJSON(t, "/api/v1/municipalities")) }
	resume := storetest.PauseReplay(t, rep)
	if err := st.Directory().CreateMunicipality(ctx, &domain.Municipality{LGCode: "131113", Slug: "ota", Name: "大田区",
		PrefCode: 13}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(municipalities(), "131113") {
		t.Error("a visitor's read did not come from the paused standby")
	}
	resume()
	storetest.CatchUp(t, pg, rep)
	if !strings.Contains(municipalities(), "131113") {
		t.Error("the standby replayed the new municipality, yet a visitor does not see it")
	}
	s.getJSON(t, "/healthz")
}

func TestEnvironmentSettings(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"TSUNAGU_DATA": dir}
	var out bytes.Buffer
	err := run(context.Background(), []string{"tsunagu", "seed", "--demo"}, func(k string) string { return env[k] },
		nil, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir + "/tsunagu.db"); err != nil {
		t.Errorf("TSUNAGU_DATA was not used: %v", err)
	}
	if !strings.Contains(out.String(), "440 talents") {
		t.Errorf("seed output: %q", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"tsunagu", "token", "create", "--email", "nobody@example.jp"},
		func(k string) string { return env[k] }, nil, &out, io.Discard); exitCode(err) != 2 {
		t.Errorf("token for an unknown user: %v", err)
	}
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	u := domain.User{Email: "it@city.example.jp", Name: "情報 担当"}
	if err := st.Accounts().CreateUser(context.Background(), &u); err != nil {
		t.Fatal(err)
	}
	if err := st.Compliance().Audit(context.Background(), store.AuditEvent{ActorID: u.ID, Action: "credential.revoke", SubjectType: "credential",
		SubjectKey: "urn:uuid:1", Detail: "記載の誤り"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out.Reset()
	before := time.Now()
	if err := run(context.Background(), []string{"tsunagu", "token", "create", "--email", "IT@city.example.jp"},
		func(k string) string { return env[k] }, nil, &out, io.Discard); err != nil || !strings.HasPrefix(out.String(), "tsu_") {
		t.Errorf("token create: %v %q", err, out.String())
	}
	if err := run(context.Background(), []string{"tsunagu", "token", "create", "--email", "it@city.example.jp", "--days", "366"},
		func(k string) string { return env[k] }, nil, io.Discard, io.Discard); exitCode(err) != 2 {
		t.Errorf("a token for 366 days: %v", err)
	}
	if err := run(context.Background(), []string{"tsunagu", "token", "create", "--email", "it@city.example.jp", "--days", "30",
		"--label", "thirty"}, func(k string) string { return env[k] }, nil, io.Discard, io.Discard); err != nil {
		t.Errorf("token create --days 30: %v", err)
	}
	checkTokenLifetimes(t, dir, u.ID, map[string]time.Duration{"command line": 90 * 24 * time.Hour, "thirty": 30 * 24 * time.Hour}, before)
	out.Reset()
	if err := run(context.Background(), []string{"tsunagu", "audit"}, func(k string) string { return env[k] },
		nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "credential urn:uuid:1") ||
		!strings.Contains(out.String(), "記載の誤り") {
		t.Errorf("audit: %v %q", err, out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"tsunagu", "outbox"}, func(k string) string { return env[k] },
		nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "the outbox is empty") {
		t.Errorf("outbox: %v %q", err, out.String())
	}
	err = run(context.Background(), []string{"tsunagu", "seed", "--demo"}, func(k string) string { return env[k] },
		nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "already has data") {
		t.Errorf("second seed: %v", err)
	}
}

// checkTokenLifetimes checks that each of the user's API tokens, by label,
// expires its lifetime after it was made (made after before, in this test).
func checkTokenLifetimes(t *testing.T, dir string, userID int64, want map[string]time.Duration, before time.Time) {
	t.Helper()
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tokens, err := st.Accounts().APITokens(context.Background(), userID)
	if err != nil || len(tokens) != len(want) {
		t.Fatalf("tokens: %d %v", len(tokens), err)
	}
	for _, tok := range tokens {
		life, ok := want[tok.Label]
		earliest, latest := before.Add(life), time.Now().Add(life)
		if !ok || tok.ExpiresAt.Before(earliest.Truncate(time.Second)) || tok.ExpiresAt.After(latest) {
			t.Errorf("token %q expires %v, want %v after it was made", tok.Label, tok.ExpiresAt, life)
		}
	}
}
