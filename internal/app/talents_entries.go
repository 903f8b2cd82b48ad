package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/ics"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// WithdrawEntry withdraws one of the signed-in talent's own entries.
func (s *Talents) WithdrawEntry(ctx context.Context, entryID int64) error {
	userID, err := signedInUser(ctx)
	if err != nil {
		return err
	}
	t, err := s.app.st.Talents().TalentByUser(ctx, userID)
	if err != nil {
		return err
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Entries().WithdrawEntry(ctx, entryID, t.ID); err != nil {
			return err
		}
		e, err := tx.Entries().Entry(ctx, entryID)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "entry.withdraw", SubjectType: "entry", SubjectID: entryID,
			MunicipalityID: e.MunicipalityID})
	})
}

// AnswerOffer records the signed-in talent's answer to a 内定 on one of
// their entries: accept (合意) or decline (辞退).
func (s *Talents) AnswerOffer(ctx context.Context, entryID int64, accept bool) error {
	userID, err := signedInUser(ctx)
	if err != nil {
		return err
	}
	t, err := s.app.st.Talents().TalentByUser(ctx, userID)
	if err != nil {
		return err
	}
	return s.app.Entries.AnswerOffer(ctx, entryID, t.ID, accept)
}

// InterviewCalendar is an interview as a calendar file, for the entrant,
// staff of its municipality, and a leader assigned to review the entry;
// to anyone else it does not exist.
func (s *Talents) InterviewCalendar(ctx context.Context, lang i18n.Lang, id int64) ([]byte, error) {
	userID, err := signedInUser(ctx)
	if err != nil {
		return nil, err
	}
	st := s.app.st
	iv, err := st.Entries().InterviewByID(ctx, id)
	if err != nil {
		return nil, err
	}
	e, err := st.Entries().Entry(ctx, iv.EntryID)
	if err != nil {
		return nil, err
	}
	t, err := st.Talents().Talent(ctx, e.TalentID)
	if err != nil {
		return nil, err
	}
	if t.UserID != userID {
		a, err := s.app.Actor(ctx)
		if err != nil {
			return nil, err
		}
		assigned, err := st.Entries().IsReviewer(ctx, e.ID, a.UserID)
		if err != nil {
			return nil, err
		}
		if !policy.Can(a, policy.ViewEntries, policy.Resource{MunicipalityID: e.MunicipalityID, AssignedReviewer: assigned}) {
			return nil, Hidden(e.MunicipalityID, "interview", iv.ID)
		}
	}
	mu, err := st.Directory().MunicipalityByID(ctx, e.MunicipalityID)
	if err != nil {
		return nil, err
	}
	p, err := st.Directory().ProgramByID(ctx, e.ProgramID)
	if err != nil {
		return nil, err
	}
	program := i18n.Pick(lang, p.Title, p.TitleEN)
	return s.app.InterviewCalendar(lang, mu, program, ics.Publish, nil, iv)
}
