package main

import (
	"context"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/jobs"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// startServices wires the application layer and the background jobs of a
// serving process, in the one order that works:
//
//  1. an insert-only queue goes into the store, so every change that
//     queues a mail enqueues its delivery job in the same transaction;
//  2. the application layer is built over that store;
//  3. the worker queue is built last, because its jobs call the services
//     (the late-report reminder), and started.
//
// It returns the store with its queue, the services, and a stop function
// that waits for running jobs (up to 10 s) and releases both queues.
func startServices(ctx context.Context, st *store.Store, cfg app.Config, opts jobs.Options) (*store.Store, *app.App,
	func(), error) {
	inserter, err := jobs.NewInserter(st)
	if err != nil {
		return nil, nil, nil, err
	}
	st = st.WithJobs(inserter)
	cfg.Store = st
	services := app.New(cfg)
	opts.Reminder = services.Engagements
	opts.Digester = services.Screening
	worker, err := jobs.NewWorker(st, opts)
	if err != nil {
		inserter.Stop(ctx)
		return nil, nil, nil, err
	}
	if err := worker.Start(ctx); err != nil {
		worker.Stop(ctx)
		inserter.Stop(ctx)
		return nil, nil, nil, err
	}
	stop := func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := worker.Stop(stopCtx); err != nil && opts.Log != nil {
			opts.Log.Warn("stopping the job queue", "err", err)
		}
		if err := inserter.Stop(stopCtx); err != nil && opts.Log != nil {
			opts.Log.Warn("stopping the job inserter", "err", err)
		}
	}
	return st, services, stop, nil
}
