package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// HistoryLine is a step of an entry's history with the name of who took
// it ("" for the system or a deleted account).
type HistoryLine struct {
	EntryEvent
	Actor string
}

// EntryDetail is one entry as the people who screen it see it.
type EntryDetail struct {
	EntryScope
	Talent     domain.Talent
	Email      string // the entrant's address, for those who may see contact details
	Choices    []domain.Project
	History    []HistoryLine
	Reviews    []ReviewRow
	Mine       domain.Review // the person's own review, if any
	Assigned   []Reviewer
	Screeners  []Screener
	Interviews []domain.Interview
	Versions   []EntryVersion   // the entry before its talent changed it, oldest first
	Titles     map[int64]string // the titles of the projects the versions chose
}

// EntryPage finds an entry the person may view and reads its detail.
func (s *Screening) EntryPage(ctx context.Context, lgcode string, id int64) (EntryDetail, error) {
	sc, err := s.EntryFor(ctx, lgcode, id, policy.ViewEntries)
	if err != nil {
		return EntryDetail{EntryScope: sc}, err
	}
	return s.EntryDetail(ctx, sc)
}

// EntryDetail reads an entry's profile, choices, history, reviews,
// reviewers and interviews. Seeing an entrant is audited.
func (s *Screening) EntryDetail(ctx context.Context, sc EntryScope) (EntryDetail, error) {
	st, e := s.app.st, sc.Entry
	d := EntryDetail{EntryScope: sc, Mine: domain.Review{Scores: map[domain.Criterion]int{}}}
	var err error
	if d.Talent, err = st.Talents().Talent(ctx, e.TalentID); err != nil {
		return d, err
	}
	if policy.Can(sc.Actor, policy.ViewContacts, sc.Resource) {
		if d.Email, err = st.Talents().TalentEmail(ctx, e.TalentID); err != nil {
			return d, err
		}
	}
	for _, id := range e.Choices {
		pr, err := st.Projects().Project(ctx, id)
		if err != nil {
			return d, err
		}
		d.Choices = append(d.Choices, pr)
	}
	events, err := st.Entries().EntryHistory(ctx, e.ID)
	if err != nil {
		return d, err
	}
	names := map[int64]string{}
	for _, ev := range events {
		line := HistoryLine{EntryEvent: ev}
		if ev.ActorID != 0 {
			if _, seen := names[ev.ActorID]; !seen {
				u, err := st.Accounts().UserByID(ctx, ev.ActorID)
				if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
					return d, err
				}
				names[ev.ActorID] = u.Name
			}
			line.Actor = names[ev.ActorID]
		}
		d.History = append(d.History, line)
	}
	if d.Reviews, err = st.Entries().Reviews(ctx, 0, e.ID); err != nil {
		return d, err
	}
	for _, rv := range d.Reviews {
		if rv.ReviewerID == sc.Actor.UserID {
			d.Mine = rv.Review
		}
	}
	all, err := st.Entries().ReviewersOfProgram(ctx, e.ProgramID)
	if err != nil {
		return d, err
	}
	for _, rv := range all {
		if rv.EntryID == e.ID {
			d.Assigned = append(d.Assigned, rv)
		}
	}
	if d.Screeners, err = st.Entries().Screeners(ctx, sc.Municipality.ID); err != nil {
		return d, err
	}
	if d.Interviews, err = st.Entries().Interviews(ctx, e.ID); err != nil {
		return d, err
	}
	if d.Versions, err = st.Entries().EntryVersions(ctx, e.ID); err != nil {
		return d, err
	}
	d.Titles = map[int64]string{}
	for _, v := range d.Versions {
		for _, id := range v.Choices {
			if _, ok := d.Titles[id]; ok {
				continue
			}
			pr, err := st.Projects().Project(ctx, id)
			if err != nil {
				return d, err
			}
			d.Titles[id] = pr.Title
		}
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "entry.view", SubjectType: "entry", SubjectID: e.ID,
			MunicipalityID: sc.Municipality.ID})
	})
	return d, err
}

// SaveReview keeps the person's own scores (1–5 per criterion) and note
// on an entry they screen.
func (s *Screening) SaveReview(ctx context.Context, sc EntryScope, rv domain.Review) error {
	if !policy.Can(sc.Actor, policy.ScreenEntries, sc.Resource) {
		return Hidden(sc.Municipality.ID, "entry", sc.Entry.ID)
	}
	rv.EntryID, rv.ReviewerID = sc.Entry.ID, sc.Actor.UserID
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Entries().SaveReview(ctx, &rv); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "entry.review", SubjectType: "entry", SubjectID: sc.Entry.ID,
			MunicipalityID: sc.Municipality.ID})
	})
}

// AssignReviewer puts one of the municipality's screeners on the entry,
// and tells them, or takes them off (action "remove"); the audit line
// names the action.
func (s *Screening) AssignReviewer(ctx context.Context, sc EntryScope, userID int64, action string) error {
	if !policy.Can(sc.Actor, policy.MoveEntries, sc.Resource) {
		return Hidden(sc.Municipality.ID, "entry", sc.Entry.ID)
	}
	screeners, err := s.app.st.Entries().Screeners(ctx, sc.Municipality.ID)
	if err != nil {
		return err
	}
	known := false
	for _, r := range screeners {
		known = known || r.UserID == userID
	}
	if !known {
		return domain.Errorf(domain.CodeInvalid, "error.reviewer_unknown")
	}
	e, mu := sc.Entry, sc.Municipality
	return s.app.Change(ctx, func(tx *Tx) error {
		if action == "remove" {
			if err := tx.Entries().UnassignReviewer(ctx, e.ID, userID); err != nil {
				return err
			}
		} else {
			if err := tx.Entries().AssignReviewer(ctx, e.ID, userID, sc.Actor.UserID); err != nil {
				return err
			}
			if err := tx.Messaging().Notify(ctx, userID, "notice.review_assigned", nil,
				"/admin/"+mu.LGCode+"/entries/"+strconv.FormatInt(e.ID, 10)); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "entry.reviewer." + action, SubjectType: "entry", SubjectID: e.ID,
			MunicipalityID: mu.ID})
	})
}
