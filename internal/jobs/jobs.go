// Package jobs runs Tsunagu's background work on River: mail delivery,
// enqueued in the same transaction as the change that caused the mail, and
// periodic work: closing projects whose program has ended, reminding late
// monthly reports and deleting expired sessions. On SQLite River gets a
// connection pool of its own with one connection and polls; on PostgreSQL
// it runs on its pgx driver with a small pgx pool of its own and learns of
// new jobs at once through LISTEN/NOTIFY, and several app instances share
// the queue with each job run once.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Connections of River's pgx pools. The worker's serves fetching,
// completing, electing a leader and maintenance, all short (the jobs
// themselves use the store's pool); River's listener takes one more
// connection out of it for LISTEN and keeps it, so the worker holds at
// most workerConns+1. Migrating needs one at a time.
const (
	workerConns  = 3
	migrateConns = 2
)

// Queue enqueues and, once started, works jobs.
type Queue struct {
	client  client
	insert  func(ctx context.Context, tx store.JobTx, args river.JobArgs) error
	closeDB func() error
	working bool
	// unsubscribe ends the subscription to the queue's events that
	// counts failures and retries (a working queue with metrics).
	unsubscribe func()
}

// client is what Queue needs of a River client, whichever its driver.
type client interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
}

// Options configure a queue that works jobs.
type Options struct {
	// Sender delivers mail; nil keeps mail in the outbox for staff to read.
	Sender mail.Sender
	Log    *slog.Logger
	// PollInterval is how often the queue looks for new work; River's
	// default (1 s) when zero. On PostgreSQL new jobs are announced at
	// once, and polling is the fallback.
	PollInterval time.Duration
	// Reminder tells talents about late monthly reports; without one the
	// periodic reminder does nothing.
	Reminder LateReportReminder
	// Digester sends staff the daily digest of new entries; without one
	// the periodic digest does nothing.
	Digester EntryDigester
	// Metrics counts mail sent and failed, jobs that failed and were
	// retried, and reports the queue's depth at each scrape; nil counts
	// nothing.
	Metrics *metrics.Metrics
}

// Migrate creates or updates River's tables beside the store's. Run it
// with a store that holds the migration lock (store.LockMigrations) when
// several instances may start at once.
func Migrate(ctx context.Context, st *store.Store) error {
	var err error
	if st.Engine() == store.Postgres {
		pool, perr := st.PgxPool(migrateConns)
		if perr != nil {
			return perr
		}
		defer pool.Close()
		err = migrate(ctx, riverpgxv5.New(pool))
	} else {
		db, closeDB, derr := st.JobPool()
		if derr != nil {
			return derr
		}
		defer closeDB()
		err = migrate(ctx, riversqlite.New(db))
	}
	if err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	return nil
}

func migrate[TTx any](ctx context.Context, d riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(d, nil)
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
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
	cfg := config(st, opts)
	q := &Queue{working: opts != nil, closeDB: func() error { return nil }}
	if st.Engine() == store.Postgres {
		// An insert-only client needs no pool: it inserts in the store's
		// transactions only.
		d := riverpgxv5.New(nil)
		var pool *pgxpool.Pool
		if q.working {
			var err error
			if pool, err = st.PgxPool(workerConns); err != nil {
				return nil, err
			}
			q.closeDB = func() error { pool.Close(); return nil }
			d = riverpgxv5.New(pool)
		}
		c, err := river.NewClient(d, cfg)
		if err != nil {
			q.closeDB()
			return nil, err
		}
		q.client = c
		if q.working && opts.Metrics != nil {
			if err := opts.Metrics.WatchJobs(countStatesPgx(pool)); err != nil {
				q.closeDB()
				return nil, err
			}
			q.unsubscribe = countFailures(c, opts.Metrics)
		}
		q.insert = func(ctx context.Context, tx store.JobTx, args river.JobArgs) error {
			return tx.OnPgx(func(conn *pgx.Conn) error {
				_, err := c.InsertTx(ctx, inTx{conn}, args, nil)
				return err
			})
		}
		return q, nil
	}
	db, closeDB, err := st.JobPool()
	if err != nil {
		return nil, err
	}
	c, err := river.NewClient(riversqlite.New(db), cfg)
	if err != nil {
		closeDB()
		return nil, err
	}
	q.client, q.closeDB = c, closeDB
	q.insert = func(ctx context.Context, tx store.JobTx, args river.JobArgs) error {
		_, err := c.InsertTx(ctx, tx.SQL, args, nil)
		return err
	}
	if q.working && opts.Metrics != nil {
		if err := opts.Metrics.WatchJobs(countStatesSQL(db)); err != nil {
			closeDB()
			return nil, err
		}
		q.unsubscribe = countFailures(c, opts.Metrics)
	}
	return q, nil
}

// config is River's configuration: without options an insert-only client,
// with them the workers and the periodic jobs.
func config(st *store.Store, opts *Options) *river.Config {
	cfg := &river.Config{Logger: slog.New(slog.DiscardHandler)}
	if opts == nil {
		return cfg
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &mailWorker{st: st, sender: countSends(opts.Sender, opts.Metrics), log: opts.Log})
	river.AddWorker(workers, &closeWorker{st: st, log: opts.Log})
	river.AddWorker(workers, &sweepWorker{st: st, log: opts.Log})
	river.AddWorker(workers, &remindWorker{remind: opts.Reminder, log: opts.Log})
	river.AddWorker(workers, &digestWorker{digest: opts.Digester, log: opts.Log})
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
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return DigestArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
	return cfg
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
	return errors.Join(err, q.closeDB())
}

// MailQueued enqueues the delivery of an outbox message in tx; it makes
// Queue a store.Jobs.
func (q *Queue) MailQueued(ctx context.Context, tx store.JobTx, mailID int64) error {
	return q.insert(ctx, tx, MailArgs{MailID: mailID})
}
