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
	n, err := w.st.Projects().CloseEndedProjects(ctx)
	if n > 0 {
		w.log.Info("closed projects of ended programs", "count", n)
	}
	return err
}

// RemindArgs asks for late monthly reports to be reminded.
type RemindArgs struct{}

// Kind names the job.
func (RemindArgs) Kind() string { return "remind_late_reports" }

// LateReportReminder tells talents that their monthly reports are late
// (app.Engagements), each report once, and a program's people of the
// steps of its timeline a few days ahead, each step once; each says how
// many it told.
type LateReportReminder interface {
	RemindLateReports(ctx context.Context) (int, error)
	RemindTimeline(ctx context.Context) (int, error)
}

type remindWorker struct {
	river.WorkerDefaults[RemindArgs]
	remind LateReportReminder
	log    *slog.Logger
}

// Work reminds the late reports; the application layer claims each one
// in the same transaction as its notice and mail, so a crash never loses
// or repeats a reminder.
func (w *remindWorker) Work(ctx context.Context, _ *river.Job[RemindArgs]) error {
	if w.remind == nil {
		return nil
	}
	sent, err := w.remind.RemindLateReports(ctx)
	if sent > 0 {
		w.log.Info("reminded late monthly reports", "count", sent)
	}
	steps, terr := w.remind.RemindTimeline(ctx)
	if steps > 0 {
		w.log.Info("told programs' people of coming steps", "count", steps)
	}
	return errors.Join(err, terr)
}

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
	n, err := w.st.Accounts().Sessions().DeleteExpired(ctx)
	if n > 0 {
		w.log.Info("deleted expired sessions", "count", n)
	}
	// Failed sign-ins old enough to be forgotten delay nobody any more.
	if _, ferr := w.st.Accounts().ForgetLoginFailures(ctx, time.Now().Add(-auth.LongestForget())); ferr != nil {
		err = errors.Join(err, ferr)
	}
	return err
}
