package app

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/ics"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// InterviewCalendar is the interview as an iCalendar invitation to the
// attendee, or, with no attendee, as a plain event to add to a calendar.
func (a *App) InterviewCalendar(lang i18n.Lang, mu domain.Municipality, program string, attendee *store.Recipient,
	iv domain.Interview) ([]byte, error) {
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
	if attendee == nil {
		return ics.Marshal(ics.Publish, ev)
	}
	ev.Attendees = []ics.Person{{Name: attendee.Name, Email: attendee.Email}}
	return ics.Marshal(ics.Request, ev)
}

// MailHost is the site's host name for addresses and calendar ids.
func (a *App) MailHost() string {
	if u, err := url.Parse(a.baseURL); err == nil && strings.Contains(u.Hostname(), ".") &&
		strings.Trim(u.Hostname(), "0123456789.") != "" {
		return u.Hostname()
	}
	return "localhost"
}
