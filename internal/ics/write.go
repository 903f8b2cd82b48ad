package ics

import (
	"bytes"
	"io"
	"strconv"
	"time"
)

// ProductID is the PRODID written in every calendar.
const ProductID = "-//Tsunagu//Tsunagu//JA"

// Marshal returns the iCalendar file for events under method m. REQUEST
// and CANCEL take exactly one event; PUBLISH takes one or more with
// distinct UIDs. Bad input gives an error wrapping ErrInvalid.
func Marshal(m Method, events ...Event) ([]byte, error) {
	if err := validate(m, events); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	writeLine(&b, "BEGIN", nil, "VCALENDAR")
	writeLine(&b, "VERSION", nil, "2.0")
	writeLine(&b, "PRODID", nil, text(ProductID))
	writeLine(&b, "CALSCALE", nil, "GREGORIAN")
	writeLine(&b, "METHOD", nil, string(m))
	for _, e := range events {
		writeEvent(&b, m, e)
	}
	writeLine(&b, "END", nil, "VCALENDAR")
	return b.Bytes(), nil
}

// Write writes the iCalendar file for events under method m to w. Nothing
// is written when the input is invalid.
func Write(w io.Writer, m Method, events ...Event) error {
	b, err := Marshal(m, events...)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// writeEvent writes one VEVENT; e has passed validateEvent.
func writeEvent(b *bytes.Buffer, m Method, e Event) {
	writeLine(b, "BEGIN", nil, "VEVENT")
	writeLine(b, "UID", nil, escapeText(e.UID))
	writeLine(b, "SEQUENCE", nil, strconv.Itoa(e.Sequence))
	writeLine(b, "DTSTAMP", nil, utcTime(e.Stamp))
	writeLine(b, "DTSTART", nil, utcTime(e.Start))
	writeLine(b, "DTEND", nil, utcTime(e.End))
	writeLine(b, "SUMMARY", nil, text(e.Summary))
	if d := cleanText(e.Description); d != "" {
		writeLine(b, "DESCRIPTION", nil, escapeText(d))
	}
	if l := cleanText(e.Location); l != "" {
		writeLine(b, "LOCATION", nil, escapeText(l))
	}
	if u, _ := videoURL(e.URL); u != "" {
		writeLine(b, "URL", nil, u)
	}
	status := "CONFIRMED"
	if m == Cancel || e.Cancelled {
		status = "CANCELLED"
	}
	writeLine(b, "STATUS", nil, status)
	writePerson(b, "ORGANIZER", e.Organizer)
	for _, a := range e.Attendees {
		params := []param{{"ROLE", "REQ-PARTICIPANT"}}
		if m == Request {
			params = append(params, param{"PARTSTAT", "NEEDS-ACTION"}, param{"RSVP", "TRUE"})
		}
		writePerson(b, "ATTENDEE", a, params...)
	}
	if e.Reminder > 0 && m != Cancel {
		writeAlarm(b, e.Reminder, e.Summary)
	}
	writeLine(b, "END", nil, "VEVENT")
}

// writePerson writes an ORGANIZER or ATTENDEE line: CN first, then extra.
func writePerson(b *bytes.Buffer, name string, p Person, extra ...param) {
	var params []param
	if cn := paramValue(p.Name); cn != "" {
		params = append(params, param{"CN", cn})
	}
	addr, _ := mailto(p.Email)
	writeLine(b, name, append(params, extra...), addr)
}

// writeAlarm writes a display alarm d before the start.
func writeAlarm(b *bytes.Buffer, d time.Duration, summary string) {
	writeLine(b, "BEGIN", nil, "VALARM")
	writeLine(b, "ACTION", nil, "DISPLAY")
	writeLine(b, "TRIGGER", nil, beforeTrigger(d))
	writeLine(b, "DESCRIPTION", nil, text(summary))
	writeLine(b, "END", nil, "VALARM")
}
