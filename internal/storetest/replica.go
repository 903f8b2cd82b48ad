package storetest

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// ReplicaURL returns the URL of the PostgreSQL hot standby named by
// TSUNAGU_TEST_POSTGRES_REPLICA, with the search_path of primaryURL (a
// URL from PostgresURL): the standby replays the test's schema from the
// primary. Tests skip without the variable, unless TSUNAGU_REQUIRE_POSTGRES=1,
// when they fail: CI runs a standby (.ci/run).
func ReplicaURL(t testing.TB, primaryURL string) string {
	t.Helper()
	base := os.Getenv("TSUNAGU_TEST_POSTGRES_REPLICA")
	if base == "" {
		if os.Getenv("TSUNAGU_REQUIRE_POSTGRES") == "1" {
			t.Fatal("TSUNAGU_REQUIRE_POSTGRES=1 but TSUNAGU_TEST_POSTGRES_REPLICA is empty")
		}
		t.Skip("no PostgreSQL standby configured: set TSUNAGU_TEST_POSTGRES_REPLICA")
	}
	u, err := url.Parse(primaryURL)
	if err != nil {
		t.Fatal(err)
	}
	schema := u.Query().Get("search_path")
	if schema == "" {
		return base
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + url.QueryEscape(schema)
}

func open(t testing.TB, dbURL string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// CatchUp waits until the standby has replayed everything the primary
// had written when it was called: what was committed before is visible on
// the standby too.
func CatchUp(t testing.TB, primaryURL, replicaURL string) {
	t.Helper()
	ctx := context.Background()
	var lsn string
	if err := open(t, primaryURL).QueryRowContext(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		t.Fatalf("the primary's WAL position: %v", err)
	}
	standby := open(t, replicaURL)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var done sql.NullBool
		err := standby.QueryRowContext(ctx, `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn`, lsn).Scan(&done)
		switch {
		case err == nil && !done.Valid:
			t.Fatal("TSUNAGU_TEST_POSTGRES_REPLICA is not a standby (it is not replaying WAL)")
		case err == nil && done.Bool:
			return
		case time.Now().After(deadline):
			t.Fatalf("the standby has not replayed the primary's WAL up to %s within two minutes (last error: %v)", lsn, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// RestartPoint makes the standby's next start quick: a checkpoint on the
// primary, replayed by the standby, lets the standby write a restartpoint,
// so a restart replays only the WAL after it (a standby can restart only
// from a checkpoint of the primary's, and the primary checkpoints every
// five minutes by default). Call it before stopping the standby.
func RestartPoint(t testing.TB, primaryURL, replicaURL string) {
	t.Helper()
	ctx := context.Background()
	if _, err := open(t, primaryURL).ExecContext(ctx, `CHECKPOINT`); err != nil {
		t.Fatalf("checkpoint on the primary: %v", err)
	}
	CatchUp(t, primaryURL, replicaURL)
	if _, err := open(t, replicaURL).ExecContext(ctx, `CHECKPOINT`); err != nil {
		t.Fatalf("restartpoint on the standby: %v", err)
	}
}

// standbyLock is the advisory lock (on the primary) that tests hold while
// they pause the standby's replay or stop it, so test binaries running
// at the same time do not pull the standby from under each other.
const standbyLock = 7_341_201_905

// HoldStandby gives the test the standby to itself until it ends: it
// waits for the other tests that hold it (in any process), and resumes a
// replay left paused by a test that was killed.
func HoldStandby(t testing.TB, primaryURL, replicaURL string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	conn, err := open(t, primaryURL).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() }) // ends the session, and its lock with it
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, standbyLock); err != nil {
		t.Fatalf("wait for the standby: %v", err)
	}
	if _, err := open(t, replicaURL).ExecContext(ctx, `SELECT pg_wal_replay_resume()`); err != nil {
		t.Fatalf("resume the standby's replay: %v", err)
	}
}

// PauseReplay stops the standby from applying the primary's changes until
// the test ends or it calls the returned resume: meanwhile what is read
// from the standby is what was there when it paused. Call HoldStandby
// first.
func PauseReplay(t testing.TB, replicaURL string) (resume func()) {
	t.Helper()
	ctx := context.Background()
	db := open(t, replicaURL)
	if _, err := db.ExecContext(ctx, `SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatalf("pause the standby's replay: %v", err)
	}
	resume = func() {
		if _, err := db.ExecContext(ctx, `SELECT pg_wal_replay_resume()`); err != nil {
			t.Errorf("resume the standby's replay: %v", err)
		}
	}
	t.Cleanup(resume)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var state string
		if err := db.QueryRowContext(ctx, `SELECT pg_get_wal_replay_pause_state()`).Scan(&state); err != nil {
			t.Fatal(err)
		}
		if state == "paused" {
			return resume
		}
		if time.Now().After(deadline) {
			t.Fatalf("the standby's replay is %q, not paused, after 10 s", state)
		}
	}
}
