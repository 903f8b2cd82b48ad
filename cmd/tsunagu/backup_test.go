package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/jobs"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// noEnv keeps a developer's TSUNAGU_* variables out of the commands.
func noEnv(string) string { return "" }

// runCmd runs the program with args and returns its error and stderr.
func runCmd(ctx context.Context, args ...string) (string, error) {
	var stderr bytes.Buffer
	err := run(ctx, append([]string{"tsunagu"}, args...), noEnv, strings.NewReader(""), io.Discard, &stderr)
	return stderr.String(), err
}

// TestBackupDuringWritesAndRestore backs the demo up while entries and
// notices are being written, restores the backup into a fresh data
// directory and compares every table, row by row.
func TestBackupDuringWritesAndRestore(t *testing.T) {
	ctx := t.Context()
	src := t.TempDir()
	st, err := store.Open(ctx, "", src)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	prog, projects, talents := seedForKill(ctx, t, st, 400)

	w := startWriters(ctx, t, st, prog, projects, talents)
	w.waitFor(t, 30)
	// What was committed before the backup began must all be in it.
	before, err := st.Tables(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	committedBefore := w.entryIDs()
	atStart := w.commits.Load()

	outDir := t.TempDir()
	out := filepath.Join(outDir, "tsunagu-backup.db")
	stderr, err := runCmd(ctx, "backup", "--data", src, "--out", out)
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, stderr)
	}
	during := w.commits.Load() - atStart
	w.waitFor(t, w.commits.Load()+30) // and writes go on after it
	w.stop(t)
	t.Logf("backup: %s(%d writes committed while it ran)", stderr, during)
	if during == 0 {
		t.Error("no write was committed while the backup ran: the test did not back up during writes")
	}
	if !strings.Contains(stderr, "written to "+out) || !strings.Contains(stderr, "schema version") {
		t.Errorf("backup's summary says neither where nor what it wrote:\n%s", stderr)
	}
	if files := dirNames(t, outDir); !slices.Equal(files, []string{"tsunagu-backup.db"}) {
		t.Errorf("beside the backup: %v, want the backup alone (no temporary files)", files)
	}

	snap, err := store.OpenSnapshot(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if problems, err := snap.CheckIntegrity(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("the backup is not sound (integrity_check, foreign_key_check): %v %v", problems, err)
	}
	backup, err := snap.Tables(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tableNames(backup), tableNames(before)) {
		t.Fatalf("the backup's tables %v differ from the database's %v", tableNames(backup), tableNames(before))
	}
	for i, b := range backup {
		if b.Rows < before[i].Rows {
			t.Errorf("table %s: the backup holds %d rows, but %d were committed before it began", b.Name, b.Rows, before[i].Rows)
		}
	}
	for _, id := range committedBefore {
		if _, err := snap.Entries().Entry(ctx, id); err != nil {
			t.Errorf("entry %d was committed before the backup began but is not in it: %v", id, err)
		}
	}
	after, err := st.Tables(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if rowsOf(after, "notifications")+rowsOf(after, "entries") <= rowsOf(backup, "notifications")+rowsOf(backup, "entries") {
		t.Errorf("the backup holds the writes made after it: %d entries and notices in it, %d in the database at the end",
			rowsOf(backup, "notifications")+rowsOf(backup, "entries"), rowsOf(after, "notifications")+rowsOf(after, "entries"))
	}
	srcVersions, err := st.SchemaVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}

	dst := filepath.Join(t.TempDir(), "fresh")
	if stderr, err := runCmd(ctx, "restore", "--data", dst, out); err != nil {
		t.Fatalf("restore: %v\n%s", err, stderr)
	}
	rs, err := store.Open(ctx, "", dst)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if n, err := rs.Migrate(ctx); err != nil || n != 0 {
		t.Errorf("migrating the restored database applied %d migrations (%v), want none", n, err)
	}
	if v, err := rs.SchemaVersions(ctx); err != nil || !slices.Equal(v, srcVersions) {
		t.Errorf("restored schema versions %v (%v), want %v", v, err, srcVersions)
	}
	restored, err := rs.Tables(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	compareTables(t, "restored database", restored, "backup", backup)
	if problems, err := rs.CheckIntegrity(ctx); err != nil || len(problems) > 0 {
		t.Errorf("the restored database is not sound: %v %v", problems, err)
	}
}

// TestRestoreRefusals: restore refuses a file that is not a sound
// Tsunagu database of a version it knows, and a database in use; a
// refused restore leaves the database as it was, and a restore keeps the
// database it replaces.
func TestRestoreRefusals(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	st, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	files := t.TempDir()
	good := filepath.Join(files, "good.db")
	if stderr, err := runCmd(ctx, "backup", "--data", dir, "--out", good); err != nil {
		t.Fatalf("backup: %v\n%s", err, stderr)
	}
	// The live database moves on after the backup.
	u := domain.User{Email: "after-backup@example.jp", Name: "後から 登録"}
	if err := st.Accounts().CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	liveBefore, err := st.Tables(ctx, true)
	if err != nil {
		t.Fatal(err)
	}

	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(files, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	corrupt := slices.Clone(goodBytes)
	for i := 4 * 4096; i < 8*4096 && i < len(corrupt); i++ {
		corrupt[i] = byte(i*7 + 3)
	}
	newer := write("newer.db", goodBytes)
	known, err := store.KnownSchemaVersions(store.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	editSQLite(t, newer, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (?1, 1)`, slices.Max(known)+1)
	other := filepath.Join(files, "other.db")
	editSQLite(t, other, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`)

	for _, c := range []struct{ name, file, want string }{
		{"missing", filepath.Join(files, "nothing.db"), "there is no file"},
		{"not SQLite", write("text.db", []byte("これはデータベースではありません\n")), "not a SQLite database"},
		{"corrupt", write("corrupt.db", corrupt), "damaged"},
		{"truncated", write("truncated.db", goodBytes[:len(goodBytes)/2]), "damaged"},
		{"not Tsunagu", other, "not a Tsunagu database"},
		{"newer schema", newer, fmt.Sprintf("schema version %d, newer than this tsunagu", slices.Max(known)+1)},
		{"in use", good, "is in use"},
	} {
		t.Run(c.name, func(t *testing.T) {
			stderr, err := runCmd(ctx, "restore", "--data", dir, c.file)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("restore %s: %v, want a refusal saying %q\n%s", c.name, err, c.want, stderr)
			}
			t.Logf("refused: %v", err)
			if names := dirNames(t, dir); slices.ContainsFunc(names, func(n string) bool {
				return strings.Contains(n, "before-restore") || strings.Contains(n, ".restore-")
			}) {
				t.Errorf("a refused restore left files behind: %v", names)
			}
			now, err := st.Tables(ctx, true)
			if err != nil {
				t.Fatal(err)
			}
			compareTables(t, "database after a refused restore", now, "before", liveBefore)
		})
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"backup", "--db", "postgres://postgres@127.0.0.1:5432/x", "--out", filepath.Join(files, "pg.db")}, "pg_dump"},
		{[]string{"restore", "--db", "postgres://postgres@127.0.0.1:5432/x", good}, "pg_restore"},
		{[]string{"backup", "--data", dir}, "usage: tsunagu backup --out FILE"},
		{[]string{"backup", "--data", dir, "--out", filepath.Join(dir, "tsunagu.db")}, "the live database itself"},
		{[]string{"backup", "--data", filepath.Join(files, "empty"), "--out", filepath.Join(files, "x.db")}, "no database at"},
		{[]string{"restore", "--data", dir}, "usage: tsunagu restore"},
	} {
		if _, err := runCmd(ctx, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want an error saying %q", c.args, err, c.want)
		}
	}

	// Stopped, the database is replaced and kept beside.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if stderr, err := runCmd(ctx, "restore", good, "--data", dir); err != nil {
		t.Fatalf("restore over a stopped database: %v\n%s", err, stderr)
	}
	var kept string
	for _, n := range dirNames(t, dir) {
		switch {
		case strings.HasPrefix(n, "tsunagu.db.before-restore-"):
			kept = filepath.Join(dir, n)
		case n == "tsunagu.db-wal", n == "tsunagu.db-shm", strings.Contains(n, ".restore-"):
			t.Errorf("restore left %s behind", n)
		}
	}
	if kept == "" {
		t.Fatalf("restore kept no copy of the database it replaced: %v", dirNames(t, dir))
	}
	keptSnap, err := store.OpenSnapshot(ctx, kept)
	if err != nil {
		t.Fatal(err)
	}
	defer keptSnap.Close()
	keptTables, err := keptSnap.Tables(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	compareTables(t, "kept database", keptTables, "database before the restore", liveBefore)
	goodSnap, err := store.OpenSnapshot(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	defer goodSnap.Close()
	want, err := goodSnap.Tables(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	got, err := rs.Tables(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	compareTables(t, "restored database", got, "backup", want)
}

// TestPostgresDumpAndRestore is the PostgreSQL procedure the README
// gives: pg_dump in the custom format, pg_restore into another database,
// and every table equal, row by row.
func TestPostgresDumpAndRestore(t *testing.T) {
	src := storetest.PostgresURL(t)
	pgDump, pgRestore := pgTool(t, "pg_dump"), pgTool(t, "pg_restore")
	ctx := t.Context()
	st, err := store.Open(ctx, src, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seedForKill(ctx, t, st, 20)
	if err := jobs.Migrate(ctx, st); err != nil { // the job queue's tables, as serve has them
		t.Fatal(err)
	}
	want, err := st.Tables(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	versions, err := st.SchemaVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// pg_dump and pg_restore take the URL without the scratch schema's
	// search_path, which libpq does not know; the schema is named instead.
	base := os.Getenv("TSUNAGU_TEST_POSTGRES")
	schema := queryParam(t, src, "search_path")
	dump := filepath.Join(t.TempDir(), "tsunagu.dump")
	runTool(t, pgDump, "--format=custom", "--no-owner", "--schema="+schema, "--file="+dump, "--dbname="+base)
	target := scratchDatabase(t, base)
	runTool(t, pgRestore, "--no-owner", "--exit-on-error", "--dbname="+target, dump)

	rs, err := store.Open(ctx, withParam(t, target, "search_path", schema), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	got, err := rs.Tables(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 40 {
		t.Fatalf("the restored database has %d tables: %v", len(got), tableNames(got))
	}
	compareTables(t, "restored database", got, "dumped database", want)
	if v, err := rs.SchemaVersions(ctx); err != nil || !slices.Equal(v, versions) {
		t.Errorf("restored schema versions %v (%v), want %v", v, err, versions)
	}
	if n, err := rs.Migrate(ctx); err != nil || n != 0 {
		t.Errorf("migrating the restored database applied %d migrations (%v), want none", n, err)
	}
}

// writers write entries and notices through the store until stopped.
type writers struct {
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	commits atomic.Int64
	mu      sync.Mutex
	entries []int64 // committed entries, in commit order
	err     error
}

// startWriters starts three writers of entries (one per talent, until
// the talents run out) and two of notices.
func startWriters(ctx context.Context, t *testing.T, st *store.Store, prog domain.Program, projects []int64,
	talents []killTalent) *writers {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	w := &writers{cancel: cancel}
	t.Cleanup(cancel)
	var next atomic.Int64
	for range 3 {
		w.wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(talents) {
					return
				}
				e := domain.Entry{MunicipalityID: prog.MunicipalityID, ProgramID: prog.ID, TalentID: talents[i].talentID,
					Choices:    []int64{projects[i%len(projects)], projects[(i+1)%len(projects)]},
					Motivation: fmt.Sprintf("バックアップ中の応募 %d", i), Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
				if _, err := st.Entries().SubmitEntry(ctx, &e); err != nil {
					w.fail(ctx, err)
					return
				}
				w.mu.Lock()
				w.entries = append(w.entries, e.ID)
				w.mu.Unlock()
				w.commits.Add(1)
			}
		})
	}
	for k := range 2 {
		w.wg.Go(func() {
			for i := 0; ctx.Err() == nil; i++ {
				to := talents[(i*2+k)%len(talents)].userID
				if err := st.Messaging().Notify(ctx, to, "notice.backup_test", map[string]any{"N": i}, "/me"); err != nil {
					w.fail(ctx, err)
					return
				}
				w.commits.Add(1)
			}
		})
	}
	return w
}

// fail records a writer's first error, unless the writers were stopped.
func (w *writers) fail(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

func (w *writers) entryIDs() []int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.entries)
}

// waitFor waits until the writers have committed n writes.
func (w *writers) waitFor(t *testing.T, n int64) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for w.commits.Load() < n {
		w.mu.Lock()
		err := w.err
		w.mu.Unlock()
		if err != nil {
			t.Fatalf("a writer failed: %v", err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the writers committed %d writes in a minute, want %d", w.commits.Load(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// stop ends the writers and fails the test if one of them failed.
func (w *writers) stop(t *testing.T) {
	t.Helper()
	w.cancel()
	w.wg.Wait()
	if w.err != nil {
		t.Fatalf("a writer failed: %v", w.err)
	}
}

// compareTables fails for every table whose rows differ.
func compareTables(t *testing.T, gotName string, got []store.TableSummary, wantName string, want []store.TableSummary) {
	t.Helper()
	if !slices.Equal(tableNames(got), tableNames(want)) {
		t.Errorf("the %s has tables %v, the %s %v", gotName, tableNames(got), wantName, tableNames(want))
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("table %s: the %s has %d rows (checksum %.12s), the %s %d rows (%.12s)", got[i].Name,
				gotName, got[i].Rows, got[i].Checksum, wantName, want[i].Rows, want[i].Checksum)
		}
	}
}

func tableNames(tables []store.TableSummary) []string {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.Name
	}
	return names
}

func rowsOf(tables []store.TableSummary, name string) int64 {
	for _, t := range tables {
		if t.Name == name {
			return t.Rows
		}
	}
	return -1
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// editSQLite runs one statement on a SQLite file, creating it if need
// be: the test's way to forge a file restore must refuse.
func editSQLite(t *testing.T, path, stmt string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt, args...); err != nil {
		t.Fatal(err)
	}
}

// pgTool finds a PostgreSQL client program on PATH or in Debian's
// /usr/lib/postgresql/VERSION/bin (the newest). Without it the test
// skips, or fails when PostgreSQL is required.
func pgTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	found, _ := filepath.Glob(filepath.Join("/usr/lib/postgresql", "*", "bin", name))
	slices.SortFunc(found, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(a))))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(b))))
		return vb - va
	})
	if len(found) > 0 {
		return found[0]
	}
	if os.Getenv("TSUNAGU_REQUIRE_POSTGRES") == "1" {
		t.Fatalf("TSUNAGU_REQUIRE_POSTGRES=1 but %s is neither on PATH nor in /usr/lib/postgresql/*/bin", name)
	}
	t.Skipf("%s not found (install the postgresql client)", name)
	return ""
}

// runTool runs a PostgreSQL client program and fails with its output.
func runTool(t *testing.T, prog string, args ...string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), prog, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args[:len(args)-1], " "), err, out)
	}
}

// scratchDatabase creates an empty database on the server of base,
// dropped when the test ends, and returns its URL.
func scratchDatabase(t *testing.T, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("tsunagu_restore_%x", rand.Uint64())
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(t.Context(), "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		if _, err := db.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

func queryParam(t *testing.T, raw, key string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	v := u.Query().Get(key)
	if v == "" {
		t.Fatalf("%s has no %s", raw, key)
	}
	return v
}

func withParam(t *testing.T, raw, key, value string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}
