// Package jobs runs Tsunagu's background work on River: mail delivery,
// enqueued in the same transaction as the change that caused the mail, and
// periodic work: closing projects whose program has ended, reminding late
// monthly reports and deleting expired sessions. On SQLite River
// gets a connection pool of its own with one connection; on PostgreSQL it
// shares the store's pool, and several app instances share the queue with
// each job run once.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Queue enqueues and, once started, works jobs.
type Queue struct {
	client  *river.Client[*sql.Tx]
	db      *sql.DB
	engine  store.Engine
	closeDB func() error
	working bool
	// unsubscribe ends the subscription to the queue's events that
	// counts failures and retries (a working queue with metrics).
	unsubscribe func()
}

// Options configure a queue that works jobs.
type Options struct {
	// Sender delivers mail; nil keeps mail in the outbox for staff to read.
	Sender mail.Sender
	Log    *slog.Logger
	// PollInterval is how often the queue looks for new work; River's
	// default (1 s) when zero.
	PollInterval time.Duration
	// Reminder tells talents about late monthly reports; without one the
	// periodic reminder does nothing.
	Reminder LateReportReminder
	// Metrics counts mail sent and failed, jobs that failed and were
	// retried, and reports the queue's depth at each scrape; nil counts
	// nothing.
	Metrics *metrics.Metrics
}

func driver(db *sql.DB, engine store.Engine) riverdriver.Driver[*sql.Tx] {
	if engine == store.SQLite {
		return riversqlite.New(db)
	}
	return riverdatabasesql.New(db)
}

// Migrate creates or updates River's tables beside the store's.
func Migrate(ctx context.Context, st *store.Store) error {
	db, closeDB, err := st.JobPool()
	if err != nil {
		return err
	}
	defer closeDB()
	m, err := rivermigrate.New(driver(db, st.Engine()), nil)
	if err != nil {
		return err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	return nil
}

// NewInserter returns a queue that only enqueues: the store's, so a change
// that queues mail enqueues its delivery in the same transaction. The
// worker queue (NewWorker) is built after the application layer, whose
// services its jobs call.
func NewInserter(st *store.Store) (*Queue, error) {
	return newQueue(st, nil)
}

// NewWorker returns a queue that works mail and periodic jobs once Start is
// called.
func NewWorker(st *store.Store, opts Options) (*Queue, error) {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	return newQueue(st, &opts)
}

func newQueue(st *store.Store, opts *Options) (*Queue, error) {
	db, closeDB, err := st.JobPool()
	if err != nil {
		return nil, err
	}
	q := &Queue{db: db, engine: st.Engine(), closeDB: closeDB, working: opts != nil}
	cfg := &river.Config{Logger: slog.New(slog.DiscardHandler)}
	if opts != nil {
		workers := river.NewWorkers()
		river.AddWorker(workers, &mailWorker{st: st, sender: countSends(opts.Sender, opts.Metrics), log: opts.Log})
		river.AddWorker(workers, &closeWorker{st: st, log: opts.Log})
		river.AddWorker(workers, &sweepWorker{st: st, log: opts.Log})
		river.AddWorker(workers, &remindWorker{remind: opts.Reminder, log: opts.Log})
		cfg.Workers = workers
		cfg.Logger = opts.Log
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}}
		cfg.FetchPollInterval = opts.PollInterval
		cfg.PeriodicJobs = []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
				func() (river.JobArgs, *river.InsertOpts) { return CloseEndedArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(6*time.Hour),
				func() (river.JobArgs, *river.InsertOpts) { return RemindArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
				func() (river.JobArgs, *river.InsertOpts) { return SweepSessionsArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
		}
	}
	client, err := river.NewClient(driver(db, st.Engine()), cfg)
	if err != nil {
		closeDB()
		return nil, err
	}
	q.client = client
	if opts != nil && opts.Metrics != nil {
		if err := opts.Metrics.WatchJobs(q.countByState); err != nil {
			closeDB()
			return nil, err
		}
		q.unsubscribe = countFailures(client, opts.Metrics)
	}
	return q, nil
}

// Start begins working jobs until ctx ends or Stop is called.
func (q *Queue) Start(ctx context.Context) error {
	if !q.working {
		return fmt.Errorf("jobs: an insert-only queue cannot work jobs")
	}
	return q.client.Start(ctx)
}

// Stop waits for running jobs to finish (or ctx to end) and releases the
// queue's connections.
func (q *Queue) Stop(ctx context.Context) error {
	var err error
	if q.working {
		err = q.client.Stop(ctx)
	}
	if q.unsubscribe != nil {
		q.unsubscribe()
	}
	if cerr := q.closeDB(); err == nil {
		err = cerr
	}
	return err
}

// MailQueued enqueues the delivery of an outbox message in tx; it makes
// Queue a store.Jobs.
func (q *Queue) MailQueued(ctx context.Context, tx *sql.Tx, mailID int64) error {
	_, err := q.client.InsertTx(ctx, tx, MailArgs{MailID: mailID}, nil)
	return err
}
