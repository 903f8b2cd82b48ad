package ics

import (
	"errors"
	"time"
)

// ContentType is the media type of an iCalendar file without a method, as
// served for a download or a subscribed feed.
const ContentType = "text/calendar; charset=utf-8"

// ErrInvalid is wrapped by every error that Write and Marshal return for
// bad input.
var ErrInvalid = errors.New("ics: invalid input")

// Method is the iTIP method of a calendar (the METHOD property).
type Method string

// The methods this package writes.
const (
	Request Method = "REQUEST" // invite attendees, or update an invitation
	Cancel  Method = "CANCEL"  // cancel an invitation sent before
	Publish Method = "PUBLISH" // publish events without asking for replies
)

// ContentType returns the media type with the method parameter that iMIP
// (RFC 6047) requires on an e-mail part, e.g.
// "text/calendar; charset=utf-8; method=REQUEST". For a method this package
// does not know it returns the plain ContentType.
func (m Method) ContentType() string {
	if !m.valid() {
		return ContentType
	}
	return ContentType + "; method=" + string(m)
}

func (m Method) valid() bool {
	return m == Request || m == Cancel || m == Publish
}

// Person is an organizer or an attendee.
type Person struct {
	Name  string // display name (the CN parameter); may be empty
	Email string // a plain address such as "taro@example.jp"; required
}

// Event is one VEVENT.
type Event struct {
	// UID identifies the event across updates, so calendars replace the
	// earlier copy, e.g. "interview-42@tsunagu.example". Required.
	UID string
	// Sequence is the revision number: 0 for the first invitation, bumped
	// on every change the attendees should see, including cancellation.
	Sequence int
	// Summary is the title. Required.
	Summary     string
	Description string
	// Location is a place, or empty.
	Location string
	// URL is a video link (http or https), or empty. Google Calendar does
	// not show the URL property, so repeat the link in Description.
	URL string
	// Start and End may be in any zone; they are written in UTC, to the
	// second. End must be after Start.
	Start, End time.Time
	// Organizer is required by every method (RFC 5546).
	Organizer Person
	// Attendees are invited with RSVP: at least one for Request, any for
	// Cancel (include all of them to cancel the whole event), none for
	// Publish.
	Attendees []Person
	// Cancelled marks a published event as cancelled (STATUS:CANCELLED).
	// Method Cancel always writes STATUS:CANCELLED; Request rejects it.
	Cancelled bool
	// Reminder adds a display alarm this long before Start (for example
	// 30*time.Minute gives TRIGGER:-PT30M); zero means none. It must be a
	// whole number of seconds. Cancel never writes an alarm.
	Reminder time.Duration
	// Stamp is written as DTSTAMP: the time the file is made. The caller
	// passes its clock's "now". Required.
	Stamp time.Time
}
