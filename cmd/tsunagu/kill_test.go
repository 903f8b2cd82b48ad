package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// killSubmissions is how many entrants submit at once; at most
// killInFlight requests are on the wire at a time.
const (
	killSubmissions = 1000
	killInFlight    = 64
)

// TestKillDuringEntrySubmissions sends 1,000 concurrent entry submissions
// through the API, kills the server process with SIGKILL part-way and
// restarts it on the same database: every submission that was answered 201
// is still there exactly once, and retrying every submission with its
// Idempotency-Key ends with exactly one entry per entrant.
func TestKillDuringEntrySubmissions(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		killDuringSubmissions(t, "", dir, "--data", dir)
	})
	t.Run("postgres", func(t *testing.T) {
		url := storetest.PostgresURL(t)
		dir := t.TempDir()
		killDuringSubmissions(t, url, dir, "--db", url, "--data", dir, "--key-file", newKeyFile(t))
	})
}

// submission is one entrant's request and what became of it.
type submission struct {
	talent     killTalent
	key        string
	choices    []int64
	motivation string
	// status is the HTTP status of a complete answer, 0 when there was none
	// (the server died first).
	status int
	entry  apiEntryJSON
	err    error
}

// apiEntryJSON is the entry the API answers with.
type apiEntryJSON struct {
	ID         int64   `json:"id"`
	Program    string  `json:"program"`
	Choices    []int64 `json:"choices"`
	Motivation string  `json:"motivation"`
	Status     string  `json:"status"`
}

func killDuringSubmissions(t *testing.T, dbURL, dataDir string, serveArgs ...string) {
	ctx := t.Context()
	start := time.Now()
	st, err := store.Open(ctx, dbURL, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	prog, projects, talents := seedForKill(ctx, t, st, killSubmissions)
	before, err := st.Entries().EntriesOfProgram(ctx, prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	t.Logf("seeded the demo and %d entrants in %s", len(talents), time.Since(start).Round(time.Millisecond))

	runID := rand.Uint64()
	subs := make([]*submission, len(talents))
	for i, tal := range talents {
		var choices []int64
		for j := range 1 + i%3 {
			choices = append(choices, projects[(i+j)%len(projects)])
		}
		subs[i] = &submission{talent: tal, key: fmt.Sprintf("kill-%x-%04d", runID, i), choices: choices,
			motivation: fmt.Sprintf("%d番目の応募です。町工場と一緒に新しい製品を作りたいです。", i)}
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxConnsPerHost: killInFlight, MaxIdleConnsPerHost: killInFlight, IdleConnTimeout: 30 * time.Second}}
	defer client.CloseIdleConnections()

	// First run: kill the server after a random 20–60% of the submissions
	// have been answered 201.
	phase := time.Now()
	srv := startServerProcess(t, serveArgs...)
	killAfter := int64(killSubmissions/5 + rand.IntN(killSubmissions*2/5))
	var answered atomic.Int64
	var killed atomic.Bool
	var killedAt time.Time
	var once sync.Once
	concurrently(subs, func(s *submission) {
		s.status, s.entry, s.err = submitEntry(ctx, client, srv.url, prog.Slug, s)
		if s.status == http.StatusCreated && answered.Add(1) == killAfter {
			once.Do(func() {
				killed.Store(true)
				srv.kill()
				killedAt = time.Now()
			})
		}
	})
	srv.kill()
	client.CloseIdleConnections()
	var ok201, unanswered int
	for _, s := range subs {
		switch {
		case s.status == http.StatusCreated:
			ok201++
		case s.status == 0:
			unanswered++
		default:
			t.Errorf("entrant %s was answered %d before the kill: %v", s.talent.email, s.status, s.err)
		}
	}
	if !killed.Load() || ok201 == 0 || unanswered == 0 {
		t.Fatalf("the kill did not happen part-way: killed=%v, %d answered 201, %d unanswered; server log:\n%s",
			killed.Load(), ok201, unanswered, srv.stderr.tail(4000))
	}
	t.Logf("first run: %d answered 201, %d unanswered; SIGKILL after the %dth 201, %s into the run",
		ok201, unanswered, killAfter, killedAt.Sub(phase).Round(time.Millisecond))
	for _, s := range subs {
		if s.status == http.StatusCreated {
			checkAnswer(t, "first run", prog.Slug, s, s.entry)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	// Restart on the same database: every 201 is there exactly once.
	phase = time.Now()
	srv = startServerProcess(t, serveArgs...)
	t.Logf("restarted in %s", time.Since(phase).Round(time.Millisecond))
	st, err = store.Open(ctx, dbURL, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	committedUnanswered := 0
	for _, s := range subs {
		entries := entriesInProgram(ctx, t, st, s.talent.talentID, prog.ID)
		if len(entries) > 1 {
			t.Errorf("entrant %s has %d entries after the restart: %+v", s.talent.email, len(entries), entries)
			continue
		}
		if s.status != http.StatusCreated {
			if len(entries) == 1 {
				committedUnanswered++
				checkStored(t, "after the restart (unanswered)", s, entries[0], 0)
			}
			continue
		}
		if len(entries) == 0 {
			t.Errorf("entrant %s was answered 201 with entry %d, which is gone after the restart",
				s.talent.email, s.entry.ID)
			continue
		}
		checkStored(t, "after the restart", s, entries[0], s.entry.ID)
	}
	t.Logf("after the restart: all %d answered entries are there; %d unanswered submissions had been committed",
		ok201, committedUnanswered)

	// Retry every submission with its key: the answered get their entry
	// back, the unanswered are created now or get the entry they made.
	phase = time.Now()
	concurrently(subs, func(s *submission) {
		// A client retries a request that got no answer, with the same key.
		var status int
		var entry apiEntryJSON
		var err error
		for attempt := 0; attempt < 3 && status == 0; attempt++ {
			status, entry, err = submitEntry(ctx, client, srv.url, prog.Slug, s)
		}
		if status != http.StatusCreated {
			t.Errorf("retry for %s: status %d: %v", s.talent.email, status, err)
			return
		}
		checkAnswer(t, "retry", prog.Slug, s, entry)
		if s.status == http.StatusCreated && entry.ID != s.entry.ID {
			t.Errorf("retry for %s answered entry %d, first answered %d", s.talent.email, entry.ID, s.entry.ID)
		}
		s.status, s.entry = status, entry
	})
	t.Logf("retried all %d submissions in %s", len(subs), time.Since(phase).Round(time.Millisecond))
	if t.Failed() {
		t.FailNow()
	}

	// Every entrant has exactly one entry, the one the API answered with,
	// and one confirmation mail; nobody else gained an entry.
	for _, s := range subs {
		entries := entriesInProgram(ctx, t, st, s.talent.talentID, prog.ID)
		if len(entries) != 1 {
			t.Errorf("entrant %s has %d entries in the end, want 1: %+v", s.talent.email, len(entries), entries)
			continue
		}
		checkStored(t, "in the end", s, entries[0], s.entry.ID)
	}
	after, err := st.Entries().EntriesOfProgram(ctx, prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+killSubmissions {
		t.Errorf("the program has %d entries, want %d before the test + %d", len(after), len(before), killSubmissions)
	}
	mails, err := st.Messaging().Outbox(ctx, 1_000_000, false)
	if err != nil {
		t.Fatal(err)
	}
	perAddress := map[string]int{}
	for _, m := range mails {
		perAddress[m.To]++
	}
	for _, s := range subs {
		if n := perAddress[s.talent.email]; n != 1 {
			t.Errorf("entrant %s has %d confirmation mails, want 1", s.talent.email, n)
		}
	}
	t.Logf("%s: %s in all", st.Engine(), time.Since(start).Round(time.Millisecond))
}

// concurrently runs fn for every submission, each in its own goroutine,
// with at most killInFlight running fn at a time, so a request's timeout
// starts when it is sent rather than when it is queued.
func concurrently(subs []*submission, fn func(*submission)) {
	slots := make(chan struct{}, killInFlight)
	var wg sync.WaitGroup
	for _, s := range subs {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			fn(s)
		})
	}
	wg.Wait()
}

// submitEntry posts one entry with its token and Idempotency-Key, as a
// client does: answered 429 (the server is writing as many entries as it
// will at once), it waits as Retry-After says and sends the same entry
// again. status is 0 unless a whole answer arrived.
func submitEntry(ctx context.Context, client *http.Client, baseURL, slug string, s *submission) (int, apiEntryJSON, error) {
	for {
		status, e, wait, err := postEntry(ctx, client, baseURL, slug, s)
		if status != http.StatusTooManyRequests || wait == 0 {
			return status, e, err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return 0, e, ctx.Err()
		}
	}
}

// postEntry posts the entry once; wait is a 429's Retry-After.
func postEntry(ctx context.Context, client *http.Client, baseURL, slug string, s *submission) (int, apiEntryJSON, time.Duration, error) {
	var e apiEntryJSON
	body, err := json.Marshal(map[string]any{"choices": s.choices, "motivation": s.motivation})
	if err != nil {
		return 0, e, 0, err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", baseURL+"/api/v1/programs/"+slug+"/entries", bytes.NewReader(body))
	if err != nil {
		return 0, e, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+s.talent.token)
	req.Header.Set("Idempotency-Key", s.key)
	resp, err := client.Do(req)
	if err != nil {
		return 0, e, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, e, 0, fmt.Errorf("reading the answer: %w", err)
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
		if err != nil || secs < 1 {
			return resp.StatusCode, e, 0, fmt.Errorf("429 without a Retry-After: %s", bytes.TrimSpace(b))
		}
		return resp.StatusCode, e, time.Duration(secs) * time.Second, nil
	}
	if resp.StatusCode != http.StatusCreated {
		return resp.StatusCode, e, 0, fmt.Errorf("%s", bytes.TrimSpace(b))
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return 0, e, 0, fmt.Errorf("a 201 that is not an entry: %w: %s", err, b)
	}
	return resp.StatusCode, e, 0, nil
}

// checkAnswer checks that the API's entry is the one submitted.
func checkAnswer(t *testing.T, when, slug string, s *submission, e apiEntryJSON) {
	t.Helper()
	if e.ID == 0 || e.Program != slug || !slices.Equal(e.Choices, s.choices) || e.Motivation != s.motivation ||
		e.Status != string(domain.EntrySubmitted) {
		t.Errorf("%s: %s was answered %+v, submitted choices %v, motivation %q",
			when, s.talent.email, e, s.choices, s.motivation)
	}
}

// checkStored checks a stored entry against its submission and, when id
// is not 0, against the id the API answered with.
func checkStored(t *testing.T, when string, s *submission, e domain.Entry, id int64) {
	t.Helper()
	if (id != 0 && e.ID != id) || e.TalentID != s.talent.talentID || e.IdempotencyKey != s.key ||
		!slices.Equal(e.Choices, s.choices) || e.Motivation != s.motivation {
		t.Errorf("%s: %s's entry is %+v; submitted key %s, choices %v, motivation %q, answered id %d",
			when, s.talent.email, e, s.key, s.choices, s.motivation, id)
	}
}

// entriesInProgram are a talent's entries in the program, read from the
// database.
func entriesInProgram(ctx context.Context, t *testing.T, st *store.Store, talentID, programID int64) []domain.Entry {
	t.Helper()
	all, err := st.Entries().EntriesOfTalent(ctx, talentID)
	if err != nil {
		t.Fatal(err)
	}
	var out []domain.Entry
	for _, e := range all {
		if e.ProgramID == programID {
			out = append(out, e)
		}
	}
	return out
}
