package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Screening moves entries through a program's stages and schedules
// interviews, telling each entrant what changed.
type Screening struct{ app *App }

// Move moves entries of a program to one stage, checks the right to that
// stage (only municipal staff decide 内定, 合意 and 見送り), records each
// move with its reason, and tells each entrant, all in one transaction.
// The caller has checked that the actor may move entries at all.
func (s *Screening) Move(ctx context.Context, a policy.Actor, mu domain.Municipality, p domain.Program, ids []int64,
	to domain.EntryStatus, reason string) ([]store.Moved, error) {
	if to.Final() && !policy.Can(a, policy.DecideEntries, policy.Resource{MunicipalityID: mu.ID}) {
		return nil, Refused("error.decide_municipality", mu.ID, "program", p.ID)
	}
	var moved []store.Moved
	err := s.app.Change(ctx, func(tx *Tx) error {
		var err error
		if moved, err = tx.Entries().MoveEntries(ctx, p.ID, ids, to, a.UserID, reason); err != nil {
			return err
		}
		for _, m := range moved {
			// The reason (a 見送り always has one) goes with the record.
			if err := tx.Audit(ctx, store.AuditEvent{Action: "entry.move." + string(to), SubjectType: "entry",
				SubjectID: m.Entry.ID, MunicipalityID: mu.ID, Detail: reason}); err != nil {
				return err
			}
			if err := tx.tellEntrant(ctx, p, m); err != nil {
				return err
			}
		}
		return nil
	})
	return moved, err
}

// ScheduleInterview books an interview, moves the entry to 面談 when the
// program uses that stage, and invites every participant with a calendar
// invitation (sendInterview).
func (s *Screening) ScheduleInterview(ctx context.Context, mu domain.Municipality, p domain.Program,
	iv *domain.Interview) error {
	return s.app.Change(ctx, func(tx *Tx) error {
		m, err := tx.Entries().CreateInterview(ctx, iv)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "entry.interview", SubjectType: "entry",
			SubjectID: iv.EntryID, MunicipalityID: mu.ID}); err != nil {
			return err
		}
		return tx.sendInterview(ctx, mu, p, m.Entry, *iv, "")
	})
}

// stageMailed lists the stages an entrant is told about by mail; moving
// an entry back to 応募 is staff housekeeping and says nothing.
func stageMailed(s domain.EntryStatus) bool {
	switch s {
	case domain.EntryScreening, domain.EntryInterview, domain.EntryOffered, domain.EntryDeclined:
		return true
	}
	return false
}

// tellEntrant lets an entrant know their entry moved: an in-app notice and
// a mail in their language. Entrants imported without an account hear
// nothing from the app.
func (tx *Tx) tellEntrant(ctx context.Context, p domain.Program, m store.Moved) error {
	if m.UserID == 0 || !stageMailed(m.Entry.Status) {
		return nil
	}
	args := map[string]any{"Program": p.Title, "Stage": "entry.status_" + string(m.Entry.Status)}
	if err := tx.Messaging().Notify(ctx, m.UserID, "notice.entry_stage", args, "/me"); err != nil {
		return err
	}
	rc, err := tx.Entries().RecipientOf(ctx, m.UserID)
	if err != nil {
		return err
	}
	lang := i18n.Lang(rc.Lang)
	return tx.MailFor(ctx, p.MunicipalityID, lang, rc.Email, mail.TemplateStatusChanged, mail.StatusChanged{
		Name: rc.Name, Program: i18n.Pick(lang, p.Title, p.TitleEN),
		Status: tx.app.cat.T(lang, "entry.status_"+string(m.Entry.Status), nil), URL: tx.app.baseURL + "/me"}, nil)
}
