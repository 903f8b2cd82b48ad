package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/ics"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// The changes an interview mail tells of: none for the first invitation.
const (
	interviewUpdate = "update"
	interviewCancel = "cancel"
)

// RescheduleInterview moves one of the entry's interviews to a new time
// or place and sends every participant the updated invitation: the same
// calendar UID with a higher SEQUENCE, so their calendars replace it.
func (s *Screening) RescheduleInterview(ctx context.Context, sc EntryScope, iv *domain.Interview) error {
	if err := s.ownInterview(ctx, sc, iv.ID); err != nil {
		return err
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Entries().RescheduleInterview(ctx, iv); err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "entry.interview.reschedule", SubjectType: "entry",
			SubjectID: sc.Entry.ID, MunicipalityID: sc.Municipality.ID}); err != nil {
			return err
		}
		return tx.sendInterview(ctx, sc.Municipality, sc.Program, sc.Entry, *iv, interviewUpdate)
	})
}

// CancelInterview cancels one of the entry's interviews and sends every
// participant a cancellation (METHOD:CANCEL) for their calendars.
func (s *Screening) CancelInterview(ctx context.Context, sc EntryScope, id int64) error {
	if err := s.ownInterview(ctx, sc, id); err != nil {
		return err
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		iv, err := tx.Entries().CancelInterview(ctx, id, tx.app.now())
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "entry.interview.cancel", SubjectType: "entry",
			SubjectID: sc.Entry.ID, MunicipalityID: sc.Municipality.ID}); err != nil {
			return err
		}
		return tx.sendInterview(ctx, sc.Municipality, sc.Program, sc.Entry, iv, interviewCancel)
	})
}

// ownInterview checks that the person may schedule the entry's
// interviews and that the interview is the entry's; another entry's is
// not found.
func (s *Screening) ownInterview(ctx context.Context, sc EntryScope, id int64) error {
	if !policy.Can(sc.Actor, policy.MoveEntries, sc.Resource) {
		return Hidden(sc.Municipality.ID, "entry", sc.Entry.ID)
	}
	iv, err := s.app.st.Entries().InterviewByID(ctx, id)
	if err != nil {
		return err
	}
	if iv.EntryID != sc.Entry.ID {
		return domain.NotFound("interview")
	}
	return nil
}

// interviewParty is one person an interview invites, and where their
// notice leads.
type interviewParty struct {
	store.Recipient
	link    string
	entrant bool
}

// interviewParties lists who an interview invites, each once: the
// entrant (with an account), the interviewers (who booked it and the
// entry's assigned reviewers) and the owners of the businesses hosting the
// entry's projects (its placement, or its choices before one).
func (tx *Tx) interviewParties(ctx context.Context, mu domain.Municipality, e domain.Entry,
	iv domain.Interview) ([]interviewParty, error) {
	var out []interviewParty
	seen := map[int64]bool{}
	add := func(userID int64, link string, entrant bool) error {
		if userID == 0 || seen[userID] {
			return nil
		}
		seen[userID] = true
		rc, err := tx.Entries().RecipientOf(ctx, userID)
		if err != nil {
			return err
		}
		out = append(out, interviewParty{Recipient: rc, link: link, entrant: entrant})
		return nil
	}
	t, err := tx.Talents().Talent(ctx, e.TalentID)
	if err != nil {
		return nil, err
	}
	if err := add(t.UserID, "/me", true); err != nil {
		return nil, err
	}
	staffLink := "/admin/" + mu.LGCode + "/entries/" + strconv.FormatInt(e.ID, 10)
	if err := add(iv.CreatedBy, staffLink, false); err != nil {
		return nil, err
	}
	reviewers, err := tx.Entries().ReviewersOfProgram(ctx, e.ProgramID)
	if err != nil {
		return nil, err
	}
	for _, rv := range reviewers {
		if rv.EntryID == e.ID {
			if err := add(rv.UserID, staffLink, false); err != nil {
				return nil, err
			}
		}
	}
	for _, id := range e.Projects() {
		pr, err := tx.Projects().Project(ctx, id)
		if err != nil {
			return nil, err
		}
		owners, err := tx.businessOwners(ctx, mu.ID, pr.HostID)
		if err != nil {
			return nil, err
		}
		for _, uid := range owners {
			if err := add(uid, candidatesURL(mu, pr.ID), false); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// sendInterview tells every participant of an interview, each in their
// language: an in-app notice and a mail with the .ics listing them all,
// as an invitation, an update (change "update") or a cancellation
// ("cancel").
func (tx *Tx) sendInterview(ctx context.Context, mu domain.Municipality, p domain.Program, e domain.Entry,
	iv domain.Interview, change string) error {
	parties, err := tx.interviewParties(ctx, mu, e, iv)
	if err != nil || len(parties) == 0 {
		return err
	}
	t, err := tx.Talents().Talent(ctx, e.TalentID)
	if err != nil {
		return err
	}
	attendees := make([]ics.Person, len(parties))
	for i, pt := range parties {
		attendees[i] = ics.Person{Name: pt.Name, Email: pt.Email}
	}
	method, key := ics.Request, "notice.interview"
	switch change {
	case interviewUpdate:
		key = "notice.interview_update"
	case interviewCancel:
		method, key = ics.Cancel, "notice.interview_cancel"
	}
	for _, pt := range parties {
		lang := i18n.Lang(pt.Lang)
		program := i18n.Pick(lang, p.Title, p.TitleEN)
		cal, err := tx.app.InterviewCalendar(lang, mu, program, method, attendees, iv)
		if err != nil {
			return err
		}
		args := map[string]any{"Program": p.Title, "When": i18n.FormatDateTime(lang, iv.StartsAt)}
		if err := tx.Messaging().Notify(ctx, pt.UserID, key, args, pt.link); err != nil {
			return err
		}
		data := mail.Interview{Name: pt.Name, Program: program, Starts: iv.StartsAt,
			Minutes: int(iv.EndsAt.Sub(iv.StartsAt).Minutes()), Place: iv.Place, VideoURL: iv.VideoURL, Note: iv.Note,
			URL: tx.app.baseURL + pt.link, Change: change}
		if !pt.entrant {
			data.Entrant = t.Name
		}
		if err := tx.MailFor(ctx, mu.ID, lang, pt.Email, mail.TemplateInterview, data,
			&store.Attachment{Name: "interview.ics", Type: method.ContentType(), Data: string(cal)}); err != nil {
			return err
		}
	}
	return nil
}

// candidatesURL is the page where a business sees who entered its project.
func candidatesURL(mu domain.Municipality, projectID int64) string {
	return "/admin/" + mu.LGCode + "/projects/" + strconv.FormatInt(projectID, 10) + "/candidates"
}
