// Package outbox delivers the mail that changes queue in the database. The
// job queue (internal/jobs) calls DeliverOne for each message; Deliver sends
// whatever is waiting, for the command line.
package outbox

import (
	"context"
	"errors"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// errPermanent marks a failure that retrying cannot fix.
type errPermanent struct{ err error }

func (e errPermanent) Error() string { return e.err.Error() }
func (e errPermanent) Unwrap() error { return e.err }

// Permanent reports whether a DeliverOne error will not go away by itself.
func Permanent(err error) bool {
	var p errPermanent
	return errors.As(err, &p)
}

// DeliverOne sends one message unless it was sent already, and records the
// outcome on it.
func DeliverOne(ctx context.Context, st *store.Store, sender mail.Sender, id int64) error {
	m, err := st.Messaging().Mail(ctx, id)
	if err != nil {
		return err
	}
	if !m.SentAt.IsZero() || m.Attempts >= store.MaxMailAttempts {
		return nil
	}
	msg := mail.Message{To: m.To, Lang: m.Lang, Subject: m.Subject, Text: m.Body, MessageID: messageID(m)}
	if m.Attachment.Name != "" {
		msg.Attachment = &mail.Attachment{Name: m.Attachment.Name, Type: m.Attachment.Type, Data: []byte(m.Attachment.Data)}
	}
	if err := sender.Send(ctx, msg); err != nil {
		permanent := !mail.IsTemporary(err)
		if ferr := st.Messaging().MailFailed(ctx, m.ID, err.Error(), permanent); ferr != nil {
			return ferr
		}
		if permanent {
			return errPermanent{err}
		}
		return err
	}
	return st.Messaging().MarkMailSent(ctx, m.ID)
}

// Deliver sends what is waiting once and returns how many were sent. A
// failed send is recorded on its message, not returned.
func Deliver(ctx context.Context, st *store.Store, sender mail.Sender) (int, error) {
	waiting, err := st.Messaging().MailToSend(ctx, 50)
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for _, m := range waiting {
		if err := DeliverOne(ctx, st, sender, m.ID); err != nil {
			var se *mail.SendError
			if !errors.As(err, &se) {
				errs = append(errs, err)
			}
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

// messageID stays the same across retries, so a server that accepted a
// message whose acknowledgement was lost can drop the duplicate.
func messageID(m store.Mail) string {
	return "outbox-" + strconv.FormatInt(m.ID, 10) + "-" + strconv.FormatInt(m.CreatedAt.Unix(), 10) + "@tsunagu"
}
