package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// recorder stands in for the SMTP server: it records what it was given
// and refuses one address for good.
type recorder struct {
	mu   sync.Mutex
	got  []mail.Message
	done chan struct{}
}

func (r *recorder) Send(_ context.Context, m mail.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if m.To == "gone@example.jp" {
		return &mail.SendError{Temporary: false, Code: 550, Err: errors.New("no such user")}
	}
	r.got = append(r.got, m)
	if len(r.got) == 2 {
		close(r.done)
	}
	return nil
}

func TestMailJobsDeliverOnceAndOnlyCommitted(t *testing.T) {
	engines := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return "sqlite:" + t.TempDir() + "/t.db" },
		"postgres": func(t *testing.T) string { return storetest.PostgresURL(t) },
	}
	for name, url := range engines {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			st, err := store.Open(ctx, url(t), t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if err := Migrate(ctx, st); err != nil {
				t.Fatal(err)
			}
			rec := &recorder{done: make(chan struct{})}
			q, err := NewWorker(st, Options{Sender: rec, PollInterval: 200 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			jst := st.WithJobs(q)
			// A mail whose change rolls back must never be sent.
			rollback := errors.New("change failed")
			err = jst.InTx(ctx, func(tx *store.Store) error {
				if err := tx.Messaging().QueueMail(ctx, &store.Mail{To: "never@example.jp", Lang: "ja", Subject: "没", Body: "x"}); err != nil {
					return err
				}
				return rollback
			})
			if !errors.Is(err, rollback) {
				t.Fatalf("rollback: %v", err)
			}
			for _, to := range []string{"hanako@example.jp", "gone@example.jp", "taro@example.jp"} {
				att := store.Attachment{}
				if to == "taro@example.jp" {
					att = store.Attachment{Name: "interview.ics", Type: "text/calendar", Data: "BEGIN:VCALENDAR"}
				}
				if err := jst.Messaging().QueueMail(ctx, &store.Mail{To: to, Lang: "ja", Subject: "面談のご案内", Body: "本文",
					MunicipalityID: 0, Attachment: att}); err != nil {
					t.Fatal(err)
				}
			}
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			select {
			case <-rec.done:
			case <-ctx.Done():
				t.Fatal("mail was not delivered within a minute")
			}
			// Give the queue time to (wrongly) send anything twice.
			time.Sleep(300 * time.Millisecond)
			if err := q.Stop(context.Background()); err != nil {
				t.Fatal(err)
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if len(rec.got) != 2 {
				t.Fatalf("delivered %d messages: %+v", len(rec.got), rec.got)
			}
			for _, m := range rec.got {
				if m.To == "never@example.jp" {
					t.Error("a rolled-back mail was sent")
				}
				if m.To == "taro@example.jp" && (m.Attachment == nil || string(m.Attachment.Data) != "BEGIN:VCALENDAR") {
					t.Errorf("attachment lost: %+v", m.Attachment)
				}
			}
			box, err := st.Messaging().Outbox(ctx, 10, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range box {
				switch m.To {
				case "gone@example.jp":
					if !m.SentAt.IsZero() || m.Attempts != store.MaxMailAttempts || m.LastError == "" {
						t.Errorf("permanent failure not recorded: %+v", m)
					}
				default:
					if m.SentAt.IsZero() {
						t.Errorf("%s not marked sent", m.To)
					}
				}
			}
		})
	}
}

// An insert-only queue, for commands, refuses to work jobs.
func TestInserterDoesNotWork(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := Migrate(ctx, st); err != nil {
		t.Fatal(err)
	}
	q, err := NewInserter(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err == nil {
		t.Error("an insert-only queue started working")
	}
	if err := q.Stop(ctx); err != nil {
		t.Error(err)
	}
}

// counter stands in for SMTP and counts each message it is given.
type counter struct {
	mu   sync.Mutex
	seen map[string]int
}

func (c *counter) Send(_ context.Context, m mail.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[m.To]++
	return nil
}

func (c *counter) total() (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, dup := 0, 0
	for _, k := range c.seen {
		n += k
		if k > 1 {
			dup++
		}
	}
	return n, dup
}

// TestTwoInstancesRunEachJobOnce starts two workers on one PostgreSQL, as
// two app instances would, and checks every mail is sent exactly once.
func TestTwoInstancesRunEachJobOnce(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	url := storetest.PostgresURL(t)
	open := func() *store.Store {
		st, err := store.Open(ctx, url, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	a, b := open(), open()
	if _, err := a.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := Migrate(ctx, a); err != nil {
		t.Fatal(err)
	}
	sent := &counter{seen: map[string]int{}}
	var queues []*Queue
	for _, st := range []*store.Store{a, b} {
		q, err := NewWorker(st, Options{Sender: sent, PollInterval: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		queues = append(queues, q)
	}
	const n = 60
	for i := range n {
		st := []*store.Store{a, b}[i%2].WithJobs(queues[i%2])
		if err := st.Messaging().QueueMail(ctx, &store.Mail{To: fmt.Sprintf("p%02d@example.jp", i), Lang: "ja", Subject: "件名", Body: "本文"}); err != nil {
			t.Fatal(err)
		}
	}
	for {
		if got, _ := sent.total(); got >= n || ctx.Err() != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // room for a duplicate to show
	for _, q := range queues {
		if err := q.Stop(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	got, dup := sent.total()
	if got != n || dup != 0 {
		t.Errorf("sent %d messages with %d duplicates, want %d once each", got, dup, n)
	}
}

// The periodic sweep deletes expired sessions, and failed sign-ins old
// enough to be forgotten, as soon as the queue starts.
func TestExpiredSessionsAreSwept(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := Migrate(ctx, st); err != nil {
		t.Fatal(err)
	}
	ss := st.Accounts().Sessions()
	if err := ss.Save(ctx, "old", []byte("x"), time.Now().Add(-time.Hour), store.SessionOwner{}); err != nil {
		t.Fatal(err)
	}
	if err := ss.Save(ctx, "live", []byte("y"), time.Now().Add(time.Hour), store.SessionOwner{}); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-2 * auth.LongestForget())
	if err := st.Accounts().AddLoginFailure(ctx, "stale", long, long.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := st.Accounts().AddLoginFailure(ctx, "recent", time.Now(), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	q, err := NewWorker(st, Options{PollInterval: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Stop(context.Background())
	for ctx.Err() == nil {
		rows, err := st.Personal().Dump(ctx, "sessions")
		if err != nil {
			t.Fatal(err)
		}
		failures, err := st.Personal().Dump(ctx, "login_failures")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 1 && len(failures) == 1 {
			if rows[0]["token"] != "live" || failures[0]["key"] != "recent" {
				t.Fatalf("the sweep kept %v and %v", rows[0]["token"], failures[0]["key"])
			}
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("expired sessions were not swept within 30 s")
}

// TestPostgresWorkerIsToldOfNewJobs: on PostgreSQL a mail queued in a
// change, through the insert-only queue as serve wires it, is delivered at
// once although the worker polls only every minute: the commit notifies
// the worker, which listens.
func TestPostgresWorkerIsToldOfNewJobs(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := store.Open(ctx, storetest.PostgresURL(t), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := Migrate(ctx, st); err != nil {
		t.Fatal(err)
	}
	inserter, err := NewInserter(st)
	if err != nil {
		t.Fatal(err)
	}
	defer inserter.Stop(context.Background())
	rec := &recorder{done: make(chan struct{})}
	worker, err := NewWorker(st, Options{Sender: rec, PollInterval: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if err := worker.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer worker.Stop(context.Background())
	// Past the worker's first fetch at start, so only a notification can
	// bring a mail before the next poll, a minute later. A busy machine
	// may start River's listener late and miss the first notice, so a mail
	// is queued again until one arrives within 5 s of being queued; none
	// could without listening.
	time.Sleep(time.Second)
	jst := st.WithJobs(inserter)
	delivered := func() int {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		return len(rec.got)
	}
	for attempt := range 5 {
		before := delivered()
		err := jst.InTx(ctx, func(tx *store.Store) error {
			return tx.Messaging().QueueMail(ctx, &store.Mail{To: fmt.Sprintf("hanako%d@example.jp", attempt), Lang: "ja",
				Subject: "件名", Body: "本文"})
		})
		if err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if delivered() > before {
				return
			}
		}
	}
	t.Fatal("no queued mail was delivered within 5 s in five tries; the worker polls only every minute")
}
