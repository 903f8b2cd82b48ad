package ics

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// validate checks the whole calendar before anything is written.
func validate(m Method, events []Event) error {
	if !m.valid() {
		return invalid("unknown method %q", string(m))
	}
	if len(events) == 0 {
		return invalid("no events") // RFC 5545: a calendar has 1*component
	}
	// RFC 5546: every component of a REQUEST or CANCEL has the same UID;
	// without recurrence (RECURRENCE-ID) that means exactly one event.
	if m != Publish && len(events) != 1 {
		return invalid("%s carries exactly one event, got %d", m, len(events))
	}
	seen := make(map[string]bool, len(events))
	for i, e := range events {
		if err := validateEvent(m, e); err != nil {
			return fmt.Errorf("event %d (UID %q): %w", i, e.UID, err)
		}
		if seen[e.UID] {
			return invalid("event %d: UID %q appears twice", i, e.UID)
		}
		seen[e.UID] = true
	}
	return nil
}

func validateEvent(m Method, e Event) error {
	if strings.TrimSpace(e.UID) == "" {
		return invalid("empty UID")
	}
	if !utf8.ValidString(e.UID) || strings.ContainsFunc(e.UID, unicode.IsControl) {
		return invalid("UID holds invalid UTF-8 or a control character")
	}
	if strings.TrimSpace(cleanText(e.Summary)) == "" {
		return invalid("empty Summary")
	}
	if e.Sequence < 0 {
		return invalid("negative Sequence %d", e.Sequence)
	}
	for _, t := range []struct {
		name string
		t    time.Time
	}{{"Stamp", e.Stamp}, {"Start", e.Start}, {"End", e.End}} {
		if err := checkTime(t.name, t.t); err != nil {
			return err
		}
	}
	start, end := e.Start.Truncate(time.Second), e.End.Truncate(time.Second)
	if !end.After(start) {
		return invalid("End %s is not after Start %s", utcTime(end), utcTime(start))
	}
	if _, err := videoURL(e.URL); err != nil {
		return err
	}
	if e.Reminder < 0 || e.Reminder%time.Second != 0 {
		return invalid("Reminder %s is not a whole number of seconds >= 0", e.Reminder)
	}
	if m == Request && e.Cancelled {
		return invalid("a cancelled event is sent with method CANCEL, not REQUEST")
	}
	if _, err := mailto(e.Organizer.Email); err != nil {
		return fmt.Errorf("organizer: %w", err)
	}
	switch {
	case m == Request && len(e.Attendees) == 0:
		return invalid("REQUEST needs at least one attendee")
	case m == Publish && len(e.Attendees) > 0:
		return invalid("PUBLISH has no attendees (RFC 5546)")
	}
	for i, a := range e.Attendees {
		if _, err := mailto(a.Email); err != nil {
			return fmt.Errorf("attendee %d: %w", i, err)
		}
	}
	return nil
}

func checkTime(name string, t time.Time) error {
	if t.IsZero() {
		return invalid("%s is not set", name)
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return invalid("%s year %d is outside 1-9999", name, y)
	}
	return nil
}

// mailto returns the CAL-ADDRESS for a plain e-mail address.
func mailto(email string) (string, error) {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email ||
		strings.ContainsFunc(email, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return "", invalid("%q is not a plain e-mail address", email)
	}
	return "mailto:" + email, nil
}

// videoURL validates an http or https link and returns it in URI form
// (non-ASCII characters percent-encoded). An empty link stays empty.
func videoURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", invalid("URL %q is not an absolute http or https link", s)
	}
	out := u.String()
	if strings.ContainsFunc(out, func(r rune) bool { return r <= ' ' || r >= 0x7f }) {
		return "", invalid("URL %q holds spaces or control characters", s)
	}
	return out, nil
}
