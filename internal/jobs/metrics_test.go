package jobs

import (
	"bufio"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// flaky stands in for an SMTP server that is busy once for one address
// and refuses another for good.
type flaky struct {
	mu   sync.Mutex
	busy bool // the first attempt to later@ has been refused
}

func (f *flaky) Send(_ context.Context, m mail.Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case m.To == "gone@example.jp":
		return &mail.SendError{Temporary: false, Code: 550, Err: errors.New("no such user")}
	case m.To == "later@example.jp" && !f.busy:
		f.busy = true
		return &mail.SendError{Temporary: true, Code: 451, Err: errors.New("try again later")}
	}
	return nil
}

// scrape reads the metrics into series → value.
func scrape(t *testing.T, h http.Handler) map[string]float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("scrape: %d %s", rec.Code, rec.Body)
	}
	series := map[string]float64{}
	sc := bufio.NewScanner(rec.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		series[line[:i]] = v
	}
	return series
}

// TestQueueMetrics: mail sent and refused is counted, a temporary refusal
// as a retry of the mail job and a permanent one as a failure, and the
// scrape shows the queue's jobs by state.
func TestQueueMetrics(t *testing.T) {
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
			m := metrics.New()
			h := m.Handler(nil)
			q, err := NewWorker(st, Options{Sender: &flaky{}, PollInterval: 100 * time.Millisecond, Metrics: m})
			if err != nil {
				t.Fatal(err)
			}
			jst := st.WithJobs(q)
			for _, to := range []string{"hanako@example.jp", "later@example.jp", "gone@example.jp"} {
				if err := jst.Messaging().QueueMail(ctx, &store.Mail{To: to, Lang: "ja", Subject: "件名", Body: "本文"}); err != nil {
					t.Fatal(err)
				}
			}
			got := scrape(t, h)
			if got[`tsunagu_jobs_by_state{state="available"}`] != 3 {
				t.Errorf("before the queue starts: %v available, want 3", got[`tsunagu_jobs_by_state{state="available"}`])
			}
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			want := map[string]float64{
				`tsunagu_mail_deliveries_total{result="sent"}`:   2, // hanako, and later at the second attempt
				`tsunagu_mail_deliveries_total{result="failed"}`: 2, // later's first attempt, and gone
				`tsunagu_jobs_retries_total{kind="mail"}`:        1,
				`tsunagu_jobs_failures_total{kind="mail"}`:       1,
				`tsunagu_jobs_by_state{state="cancelled"}`:       1, // gone: cancelled, not retried
				`tsunagu_jobs_by_state{state="retryable"}`:       0,
			}
			for {
				got = scrape(t, h)
				// The queue records a job's end a moment after its work.
				done := got[`tsunagu_jobs_by_state{state="completed"}`] >= 2
				for series, v := range want {
					done = done && got[series] == v
				}
				if done {
					break
				}
				if ctx.Err() != nil {
					for series, v := range want {
						if got[series] != v {
							t.Errorf("%s = %v, want %v", series, got[series], v)
						}
					}
					t.Fatalf("the queue's metrics did not settle within a minute; completed jobs: %v, want at least the two mails",
						got[`tsunagu_jobs_by_state{state="completed"}`])
				}
				time.Sleep(100 * time.Millisecond)
			}
			if err := q.Stop(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// Without metrics nothing is counted and nothing is subscribed; a sender
// is used as it is.
func TestNoMetricsNoWrapping(t *testing.T) {
	s := &flaky{}
	if got := countSends(s, nil); got != mail.Sender(s) {
		t.Errorf("sender wrapped without metrics: %T", got)
	}
	if got := countSends(nil, metrics.New()); got != nil {
		t.Errorf("no sender became %T", got)
	}
}
