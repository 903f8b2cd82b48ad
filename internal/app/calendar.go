package app

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/ics"
)

// InterviewCalendar is the interview as an iCalendar invitation (method
// REQUEST) or cancellation (CANCEL) to its attendees, or, with method
// PUBLISH, as a plain event to add to a calendar (marked cancelled once
// it is).
func (a *App) InterviewCalendar(lang i18n.Lang, mu domain.Municipality, program string, m ics.Method,
	attendees []ics.Person, iv domain.Interview) ([]byte, error) {
	host := a.MailHost()
	desc := iv.Note
	if iv.VideoURL != "" {
		desc = strings.TrimSpace(iv.VideoURL + "\n\n" + desc)
	}
	ev := ics.Event{
		UID:         "interview-" + strconv.FormatInt(iv.ID, 10) + "@" + host,
		Sequence:    iv.Sequence,
		Summary:     a.cat.T(lang, "interview.summary", map[string]any{"Program": program}),
		Description: desc,
		Location:    iv.Place,
		URL:         iv.VideoURL,
		Start:       iv.StartsAt,
		End:         iv.EndsAt,
		Organizer:   ics.Person{Name: i18n.Pick(lang, mu.Name, mu.NameEN), Email: "noreply@" + host},
		Reminder:    30 * time.Minute,
		Stamp:       a.now(),
	}
	if m == ics.Publish {
		ev.Cancelled = !iv.CancelledAt.IsZero()
		return ics.Marshal(ics.Publish, ev)
	}
	ev.Attendees = attendees
	return ics.Marshal(m, ev)
}

// MailHost is the site's host name for addresses and calendar ids.
func (a *App) MailHost() string {
	if u, err := url.Parse(a.baseURL); err == nil && strings.Contains(u.Hostname(), ".") &&
		strings.Trim(u.Hostname(), "0123456789.") != "" {
		return u.Hostname()
	}
	return "localhost"
}
