package jobs

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
)

// countingSender counts each mail the SMTP server accepted or refused.
type countingSender struct {
	mail.Sender
	m *metrics.Metrics
}

func (c countingSender) Send(ctx context.Context, msg mail.Message) error {
	err := c.Sender.Send(ctx, msg)
	if err != nil {
		c.m.MailFailed()
	} else {
		c.m.MailSent()
	}
	return err
}

// countSends wraps a sender so that its outcomes are counted; without a
// sender (mail stays in the outbox) or metrics there is nothing to count.
func countSends(s mail.Sender, m *metrics.Metrics) mail.Sender {
	if s == nil || m == nil {
		return s
	}
	return countingSender{Sender: s, m: m}
}

// countFailures subscribes to the queue's failed and cancelled jobs: a
// failed attempt that will run again is a retry, one that was the last
// (discarded) or cancelled is a failure. River closes the subscription
// when the client stops; the returned function ends it earlier.
func countFailures[TTx any](client *river.Client[TTx], m *metrics.Metrics) func() {
	events, cancel := client.Subscribe(river.EventKindJobFailed, river.EventKindJobCancelled)
	go func() {
		for ev := range events {
			if ev.Job == nil {
				continue
			}
			final := ev.Kind == river.EventKindJobCancelled || ev.Job.State == rivertype.JobStateDiscarded
			m.JobFailed(ev.Job.Kind, final)
		}
	}()
	return cancel
}

// countStatesQuery counts the jobs in River's table by state: one grouped
// query over a table that River keeps short (finished jobs are deleted
// after a day, discarded ones after a week).
const countStatesQuery = `SELECT state, COUNT(*) FROM river_job GROUP BY state`

// zeroStates is every job state River knows, each at zero, so a scrape
// shows the states with no job too.
func zeroStates() map[string]int64 {
	counts := map[string]int64{}
	for _, s := range rivertype.JobStates() {
		counts[string(s)] = 0
	}
	return counts
}

// stateRows is what database/sql's and pgx's rows have in common.
type stateRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// scanStates reads (state, count) rows over every state at zero.
func scanStates(rows stateRows) (map[string]int64, error) {
	counts := zeroStates()
	for rows.Next() {
		var state string
		var n int64
		if err := rows.Scan(&state, &n); err != nil {
			return nil, err
		}
		counts[state] = n
	}
	return counts, rows.Err()
}

// countStatesSQL counts the jobs by state through River's own SQLite pool.
func countStatesSQL(db *sql.DB) func(ctx context.Context) (map[string]int64, error) {
	return func(ctx context.Context) (map[string]int64, error) {
		rows, err := db.QueryContext(ctx, countStatesQuery)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		return scanStates(rows)
	}
}

// countStatesPgx counts the jobs by state through the worker's pgx pool.
func countStatesPgx(pool *pgxpool.Pool) func(ctx context.Context) (map[string]int64, error) {
	return func(ctx context.Context) (map[string]int64, error) {
		rows, err := pool.Query(ctx, countStatesQuery)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		return scanStates(rows)
	}
}
