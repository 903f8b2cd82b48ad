package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Audit records who did what to what, in the change's transaction. The
// principal is the actor unless the event names one, and the address is
// the principal's.
func (tx *Tx) Audit(ctx context.Context, e store.AuditEvent) error {
	if e.ActorID == 0 {
		e.ActorID = tx.by.UserID
	}
	e.Address = tx.by.Address
	return tx.Store.Compliance().Audit(ctx, e)
}

// Tell sends one person an in-app notice and the same by mail, in their
// language. A user id of 0 (a profile without an account) is skipped.
func (tx *Tx) Tell(ctx context.Context, municipalityID, userID int64, key string, args map[string]any, link string) error {
	return tx.TellNote(ctx, municipalityID, userID, key, args, link, "")
}

// TellNote is Tell with a note from a person (such as why a project was
// returned) added to the mail.
func (tx *Tx) TellNote(ctx context.Context, municipalityID, userID int64, key string, args map[string]any,
	link, note string) error {
	if userID == 0 {
		return nil
	}
	if err := tx.Messaging().Notify(ctx, userID, key, args, link); err != nil {
		return err
	}
	rc, err := tx.Entries().RecipientOf(ctx, userID)
	if err != nil {
		return err
	}
	lang := i18n.Lang(rc.Lang)
	cat := tx.app.cat
	body := cat.T(lang, key, cat.Args(lang, args))
	if note != "" {
		body += "\n\n" + note
	}
	return tx.MailFor(ctx, municipalityID, lang, rc.Email, mail.TemplateNotice, mail.Notice{Name: rc.Name,
		Title: cat.T(lang, key+"_title", nil), Body: body, URL: tx.app.baseURL + link}, nil)
}

// Mail renders a mail in the recipient's language and puts it in the
// outbox, with its delivery job, inside the change.
func (tx *Tx) Mail(ctx context.Context, lang i18n.Lang, to, template string, data any) error {
	return tx.MailFor(ctx, 0, lang, to, template, data, nil)
}

// MailFor queues a mail that a municipality's work caused, so its staff
// can read it in their outbox, optionally with an attachment.
func (tx *Tx) MailFor(ctx context.Context, municipalityID int64, lang i18n.Lang, to, template string,
	data any, att *store.Attachment) error {
	m, err := tx.app.mail.Message(template, string(lang), to, data)
	if err != nil {
		return err
	}
	sm := &store.Mail{To: m.To, Lang: m.Lang, Subject: m.Subject, Body: m.Text, MunicipalityID: municipalityID,
		OneTimeLink: m.OneTimeLink}
	if att != nil {
		sm.Attachment = *att
	}
	return tx.Messaging().QueueMail(ctx, sm)
}
