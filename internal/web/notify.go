package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/ics"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

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
func (s *Server) tellEntrant(ctx context.Context, tx *store.Store, p domain.Program, m store.Moved) error {
	if m.UserID == 0 || !stageMailed(m.Entry.Status) {
		return nil
	}
	args := map[string]any{"Program": p.Title, "Stage": "entry.status_" + string(m.Entry.Status)}
	if err := tx.Notify(ctx, m.UserID, "notice.entry_stage", args, "/me"); err != nil {
		return err
	}
	rc, err := tx.RecipientOf(ctx, m.UserID)
	if err != nil {
		return err
	}
	lang := i18n.Lang(rc.Lang)
	return s.queueMailFor(ctx, tx, p.MunicipalityID, lang, rc.Email, mail.TemplateStatusChanged, mail.StatusChanged{
		Name: rc.Name, Program: pick(lang, p.Title, p.TitleEN),
		Status: s.cat.T(lang, "entry.status_"+string(m.Entry.Status), nil), URL: s.baseURL + "/me"}, nil)
}

// tellInterview sends the entrant the interview with an .ics invitation.
func (s *Server) tellInterview(ctx context.Context, tx *store.Store, mu domain.Municipality, p domain.Program,
	m store.Moved, iv domain.Interview) error {
	if m.UserID == 0 {
		return nil
	}
	rc, err := tx.RecipientOf(ctx, m.UserID)
	if err != nil {
		return err
	}
	lang := i18n.Lang(rc.Lang)
	program := pick(lang, p.Title, p.TitleEN)
	cal, err := s.interviewCalendar(lang, mu, program, &rc, iv)
	if err != nil {
		return err
	}
	args := map[string]any{"Program": p.Title, "When": formatDateTime(lang, iv.StartsAt)}
	if err := tx.Notify(ctx, m.UserID, "notice.interview", args, "/me"); err != nil {
		return err
	}
	return s.queueMailFor(ctx, tx, mu.ID, lang, rc.Email, mail.TemplateInterview, mail.Interview{
		Name: rc.Name, Program: program, Starts: iv.StartsAt, Minutes: int(iv.EndsAt.Sub(iv.StartsAt).Minutes()),
		Place: iv.Place, VideoURL: iv.VideoURL, Note: iv.Note, URL: s.baseURL + "/me"},
		&store.Attachment{Name: "interview.ics", Type: ics.Request.ContentType(), Data: string(cal)})
}

// interviewCalendar is the interview as an iCalendar invitation to the
// attendee, or, with no attendee, as a plain event to add to a calendar.
func (s *Server) interviewCalendar(lang i18n.Lang, mu domain.Municipality, program string, attendee *store.Recipient,
	iv domain.Interview) ([]byte, error) {
	host := s.mailHost()
	desc := iv.Note
	if iv.VideoURL != "" {
		desc = strings.TrimSpace(iv.VideoURL + "\n\n" + desc)
	}
	ev := ics.Event{
		UID:         "interview-" + strconv.FormatInt(iv.ID, 10) + "@" + host,
		Sequence:    iv.Sequence,
		Summary:     s.cat.T(lang, "interview.summary", map[string]any{"Program": program}),
		Description: desc,
		Location:    iv.Place,
		URL:         iv.VideoURL,
		Start:       iv.StartsAt,
		End:         iv.EndsAt,
		Organizer:   ics.Person{Name: pick(lang, mu.Name, mu.NameEN), Email: "noreply@" + host},
		Reminder:    30 * time.Minute,
		Stamp:       s.now(),
	}
	if attendee == nil {
		return ics.Marshal(ics.Publish, ev)
	}
	ev.Attendees = []ics.Person{{Name: attendee.Name, Email: attendee.Email}}
	return ics.Marshal(ics.Request, ev)
}

// mailHost is the site's host name for addresses and calendar ids.
func (s *Server) mailHost() string {
	if u, err := url.Parse(s.baseURL); err == nil && strings.Contains(u.Hostname(), ".") &&
		strings.Trim(u.Hostname(), "0123456789.") != "" {
		return u.Hostname()
	}
	return "localhost"
}

func pick(lang i18n.Lang, ja, en string) string {
	if lang == i18n.English && en != "" {
		return en
	}
	return ja
}
