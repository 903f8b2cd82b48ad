package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
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

// RemindArgs asks for late monthly reports to be reminded.
type RemindArgs struct{}

// Kind names the job.
func (RemindArgs) Kind() string { return "remind_late_reports" }

// Reminder tells one talent their report is late, in the caller's
// transaction (the web server renders the notice and the mail).
type Reminder func(ctx context.Context, tx *store.Store, late store.LateReport) error

type remindWorker struct {
	river.WorkerDefaults[RemindArgs]
	st     *store.Store
	remind func() Reminder
	log    *slog.Logger
}

// Work reminds each late report once: the claim and the notice are one
// transaction, so a crash never loses or repeats a reminder.
func (w *remindWorker) Work(ctx context.Context, _ *river.Job[RemindArgs]) error {
	remind := w.remind()
	if remind == nil {
		return nil
	}
	late, err := w.st.LateReports(ctx, time.Now(), ReportGraceDays)
	if err != nil {
		return err
	}
	sent := 0
	for _, l := range late {
		err := w.st.InTx(ctx, func(tx *store.Store) error {
			first, err := tx.ClaimReminder(ctx, l)
			if err != nil || !first {
				return err
			}
			sent++
			return remind(ctx, tx, l)
		})
		if err != nil {
			return err
		}
	}
	if sent > 0 {
		w.log.Info("reminded late monthly reports", "count", sent)
	}
	return nil
}

// ReportGraceDays is how many days into the next month a report may come
// before it is reminded.
const ReportGraceDays = 5

// SweepSessionsArgs asks for expired sessions to be deleted.
type SweepSessionsArgs struct{}

// Kind names the job.
func (SweepSessionsArgs) Kind() string { return "sweep_sessions" }

type sweepWorker struct {
	river.WorkerDefaults[SweepSessionsArgs]
	st  *store.Store
	log *slog.Logger
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepSessionsArgs]) error {
	n, err := w.st.Sessions().DeleteExpired(ctx)
	if n > 0 {
		w.log.Info("deleted expired sessions", "count", n)
	}
	// Failed sign-ins old enough to be forgotten delay nobody any more.
	if _, ferr := w.st.ForgetLoginFailures(ctx, time.Now().Add(-auth.LongestForget())); ferr != nil {
		err = errors.Join(err, ferr)
	}
	return err
}
