package app

import (
	"context"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Entries takes a talent's entries and their answers to offers.
type Entries struct {
	app   *App
	admit *admission // bounds the entries written at once
}

// Submission is one entry as its talent sends it: the entry, the account
// that sends it, the program's title in the sender's language and the
// titles of the chosen projects, for the receipt mail.
type Submission struct {
	Entry    *domain.Entry
	User     domain.User
	Lang     i18n.Lang
	Program  string
	Projects []string
}

// Submit records an entry, audits it and mails the receipt, in one
// transaction. The same idempotency key sent again returns the first
// entry (created false) and mails nothing; two submissions racing with
// one key end with one entry. Only an entry created is counted in the
// metrics, once the change has committed (a repeat is not counted).
func (s *Entries) Submit(ctx context.Context, sub Submission) (created bool, err error) {
	e := sub.Entry
	err = s.app.Change(ctx, func(tx *Tx) error {
		if created, err = tx.Entries().InsertEntry(ctx, e); err != nil || !created {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "entry.submit", SubjectType: "entry", SubjectID: e.ID,
			MunicipalityID: e.MunicipalityID}); err != nil {
			return err
		}
		return tx.Mail(ctx, sub.Lang, sub.User.Email, mail.TemplateEntryReceived, mail.EntryReceived{
			Name: sub.User.Name, Program: sub.Program, Projects: sub.Projects, URL: s.app.baseURL + "/me"})
	})
	created, err = s.app.st.Entries().SettleEntryRace(ctx, e, created, err)
	var committed *CommittedError
	if created && (err == nil || errors.As(err, &committed)) {
		s.app.metrics.EntrySubmitted()
	}
	return created, err
}

// AnswerOffer records a talent's own answer to a 内定: accept it (the
// entry stays 内定 until the terms are accepted: 合意) or decline it (辞退).
func (s *Entries) AnswerOffer(ctx context.Context, entryID, talentID int64, accept bool) error {
	answer := "decline"
	if accept {
		answer = "accept"
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		m, err := tx.Entries().AnswerOffer(ctx, entryID, talentID, accept)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "entry.offer." + answer, SubjectType: "entry", SubjectID: entryID,
			MunicipalityID: m.Entry.MunicipalityID})
	})
}
