package jobs

import (
	"context"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/outbox"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// MailArgs asks for one outbox message to be delivered.
type MailArgs struct {
	MailID int64 `json:"mail_id"`
}

// Kind names the job.
func (MailArgs) Kind() string { return "mail" }

// InsertOpts retries a temporary failure a few times.
func (MailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: store.MaxMailAttempts}
}

type mailWorker struct {
	river.WorkerDefaults[MailArgs]
	st     *store.Store
	sender mail.Sender
	log    *slog.Logger
}

// Work sends the message. Without an SMTP server the message stays in the
// outbox, where staff read it. A permanent failure is recorded on the
// message and not retried.
func (w *mailWorker) Work(ctx context.Context, job *river.Job[MailArgs]) error {
	if w.sender == nil {
		return nil
	}
	err := outbox.DeliverOne(ctx, w.st, w.sender, job.Args.MailID)
	if err == nil {
		return nil
	}
	if outbox.Permanent(err) {
		w.log.Warn("mail not deliverable", "id", job.Args.MailID, "err", err)
		return river.JobCancel(err)
	}
	return err
}

// CloseEndedArgs asks for published projects to be closed once their
// program's entry period is over.
type CloseEndedArgs struct{}

// Kind names the job.
func (CloseEndedArgs) Kind() string { return "close_ended_projects" }

type closeWorker struct {
	river.WorkerDefaults[CloseEndedArgs]
	st  *store.Store
	log *slog.Logger
}

func (w *closeWorker) Work(ctx context.Context, _ *river.Job[CloseEndedArgs]) error {
	n, err := w.st.CloseEndedProjects(ctx)
	if n > 0 {
		w.log.Info("closed projects of ended programs", "count", n)
	}
	return err
}
