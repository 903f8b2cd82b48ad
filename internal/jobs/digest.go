package jobs

import (
	"context"
	"log/slog"

	"github.com/riverqueue/river"
)

// DigestArgs asks for the daily digest of new entries to go to staff.
type DigestArgs struct{}

// Kind names the job.
func (DigestArgs) Kind() string { return "digest_new_entries" }

// EntryDigester tells each municipality's staff of the day before's new
// entries (app.Screening), each day once, and says how many
// municipalities it told.
type EntryDigester interface {
	DigestNewEntries(ctx context.Context) (int, error)
}

type digestWorker struct {
	river.WorkerDefaults[DigestArgs]
	digest EntryDigester
	log    *slog.Logger
}

// Work sends the digests that are due; the application layer claims each
// in the same transaction as its notices and mails, so running hourly
// never repeats one.
func (w *digestWorker) Work(ctx context.Context, _ *river.Job[DigestArgs]) error {
	if w.digest == nil {
		return nil
	}
	n, err := w.digest.DigestNewEntries(ctx)
	if n > 0 {
		w.log.Info("sent the daily digest of new entries", "municipalities", n)
	}
	return err
}
