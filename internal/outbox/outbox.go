// Package outbox delivers the mail that changes queue in the database: a
// loop sends unsent messages through SMTP, retries temporary failures a few
// times and records permanent ones for staff to see.
package outbox

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Deliver sends what is waiting once and returns how many were sent.
func Deliver(ctx context.Context, st *store.Store, sender mail.Sender, log *slog.Logger) (int, error) {
	waiting, err := st.MailToSend(ctx, 50)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range waiting {
		err := sender.Send(ctx, mail.Message{To: m.To, Lang: m.Lang, Subject: m.Subject, Text: m.Body,
			MessageID: messageID(m)})
		if err != nil {
			permanent := !mail.IsTemporary(err)
			log.Warn("mail not delivered", "id", m.ID, "attempt", m.Attempts+1, "permanent", permanent, "err", err)
			if err := st.MailFailed(ctx, m.ID, err.Error(), permanent); err != nil {
				return sent, err
			}
			continue
		}
		if err := st.MarkMailSent(ctx, m.ID); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

// messageID stays the same across retries, so a server that accepted a
// message whose acknowledgement was lost can drop the duplicate.
func messageID(m store.Mail) string {
	return "outbox-" + strconv.FormatInt(m.ID, 10) + "-" + strconv.FormatInt(m.CreatedAt.Unix(), 10) + "@tsunagu"
}

// Run delivers every interval until ctx ends.
func Run(ctx context.Context, st *store.Store, sender mail.Sender, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := Deliver(ctx, st, sender, log); err != nil && ctx.Err() == nil {
			log.Error("mail delivery", "err", err)
		} else if n > 0 {
			log.Info("mail delivered", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
