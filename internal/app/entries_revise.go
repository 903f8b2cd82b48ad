package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// revise replaces the person's entry with the one sent, before the
// program's deadline (the form is open only then): an edit of an entry
// still at 応募, or a new entry after a withdrawal. The earlier version
// stays for staff; the step is audited and the receipt mailed again, in
// one transaction. An entry already in selection cannot change.
func (s *Entries) revise(ctx context.Context, f EntryForm, sub Submission) error {
	if !f.Editable() {
		return domain.Errorf(domain.CodeConflict, "error.entry_not_editable")
	}
	e := sub.Entry
	action := "entry.edit"
	if f.Existing.Status == domain.EntryWithdrawn {
		action = "entry.reenter"
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		prev, err := tx.Entries().ReviseEntry(ctx, e, sub.User.ID)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: action, SubjectType: "entry", SubjectID: e.ID,
			MunicipalityID: e.MunicipalityID, Detail: "version " + strconv.FormatInt(prev.ID, 10)}); err != nil {
			return err
		}
		return tx.Mail(ctx, sub.Lang, sub.User.Email, mail.TemplateEntryReceived, mail.EntryReceived{
			Name: sub.User.Name, Program: sub.Program, Projects: sub.Projects, URL: s.app.baseURL + "/me"})
	})
}
