package ics

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidation(t *testing.T) {
	type change func(e *Event)
	cases := []struct {
		name   string
		method Method
		change change
		extra  int // further copies of the event, with other UIDs
		want   string
	}{
		{"unknown method", "REPLY", nil, 0, "unknown method"},
		{"empty method", "", nil, 0, "unknown method"},
		{"two events in a REQUEST", Request, nil, 1, "exactly one event"},
		{"two events in a CANCEL", Cancel, nil, 1, "exactly one event"},
		{"empty UID", Request, func(e *Event) { e.UID = "" }, 0, "empty UID"},
		{"blank UID", Request, func(e *Event) { e.UID = " \t" }, 0, "empty UID"},
		{"UID with a newline", Request, func(e *Event) { e.UID = "a\nb" }, 0, "control character"},
		{"UID not UTF-8", Request, func(e *Event) { e.UID = "a\xffb" }, 0, "invalid UTF-8"},
		{"empty Summary", Request, func(e *Event) { e.Summary = "" }, 0, "empty Summary"},
		{"Summary of controls", Request, func(e *Event) { e.Summary = "\x00 \r\n" }, 0, "empty Summary"},
		{"negative Sequence", Request, func(e *Event) { e.Sequence = -1 }, 0, "negative Sequence"},
		{"no Stamp", Request, func(e *Event) { e.Stamp = time.Time{} }, 0, "Stamp is not set"},
		{"no Start", Request, func(e *Event) { e.Start = time.Time{} }, 0, "Start is not set"},
		{"no End", Request, func(e *Event) { e.End = time.Time{} }, 0, "End is not set"},
		{"End equals Start", Request, func(e *Event) { e.End = e.Start.In(time.UTC) }, 0, "not after Start"},
		{"End before Start", Request, func(e *Event) { e.End = e.Start.Add(-time.Hour) }, 0, "not after Start"},
		{"End within the same second", Request, func(e *Event) { e.End = e.Start.Add(500 * time.Millisecond) }, 0, "not after Start"},
		{"year 10000", Request, func(e *Event) { e.End = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, 0, "outside 1-9999"},
		{"ftp URL", Request, func(e *Event) { e.URL = "ftp://files.example/x" }, 0, "http or https"},
		{"relative URL", Request, func(e *Event) { e.URL = "/meet/42" }, 0, "http or https"},
		{"javascript URL", Request, func(e *Event) { e.URL = "javascript:alert(1)" }, 0, "http or https"},
		{"URL with a space in the host", Request, func(e *Event) { e.URL = "https://meet example/a" }, 0, "URL"},
		{"URL without a host", Request, func(e *Event) { e.URL = "https:///meet" }, 0, "http or https"},
		{"negative Reminder", Request, func(e *Event) { e.Reminder = -time.Minute }, 0, "Reminder"},
		{"fractional Reminder", Request, func(e *Event) { e.Reminder = 1500 * time.Millisecond }, 0, "Reminder"},
		{"cancelled REQUEST", Request, func(e *Event) { e.Cancelled = true }, 0, "method CANCEL"},
		{"no organizer", Request, func(e *Event) { e.Organizer = Person{} }, 0, "organizer"},
		{"organizer with a name part", Request, func(e *Event) { e.Organizer.Email = "DX <dx@city.example>" }, 0, "plain e-mail"},
		{"organizer without @", Cancel, func(e *Event) { e.Organizer.Email = "dx" }, 0, "plain e-mail"},
		{"attendee with a newline", Request, func(e *Event) { e.Attendees[0].Email = "a@b.example\nX-EVIL:1" }, 0, "attendee 0"},
		{"REQUEST without attendees", Request, func(e *Event) { e.Attendees = nil }, 0, "at least one attendee"},
		{"PUBLISH with attendees", Publish, nil, 0, "no attendees"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := interview()
			if c.change != nil {
				c.change(&ev)
			}
			events := []Event{ev}
			for i := range c.extra {
				more := ev
				more.UID = strings.Repeat("x", i+1) + ev.UID
				events = append(events, more)
			}
			var w bytes.Buffer
			err := Write(&w, c.method, events...)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %q, want it to mention %q", err, c.want)
			}
			if w.Len() != 0 {
				t.Errorf("wrote %d bytes despite the error", w.Len())
			}
		})
	}
}

func TestValidationCalendar(t *testing.T) {
	if _, err := Marshal(Publish); !errors.Is(err, ErrInvalid) {
		t.Errorf("no events: err = %v, want ErrInvalid", err)
	}
	ev := interview()
	ev.Attendees = nil
	if _, err := Marshal(Publish, ev, ev); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "twice") {
		t.Errorf("duplicate UID: err = %v, want ErrInvalid", err)
	}
}

func TestValidInputs(t *testing.T) {
	ok := []struct {
		name   string
		method Method
		change func(e *Event)
	}{
		{"CANCEL without attendees", Cancel, func(e *Event) { e.Attendees = nil }},
		{"CANCEL with Cancelled", Cancel, func(e *Event) { e.Cancelled = true }},
		{"PUBLISH cancelled", Publish, func(e *Event) { e.Attendees, e.Cancelled = nil, true }},
		{"video link only", Request, func(e *Event) { e.Location, e.URL = "", "http://meet.example/room?id=42" }},
		{"one-second event", Request, func(e *Event) { e.End = e.Start.Add(time.Second) }},
		{"no names", Request, func(e *Event) { e.Organizer.Name, e.Attendees[0].Name = "", "" }},
	}
	for _, c := range ok {
		ev := interview()
		c.change(&ev)
		if _, err := Marshal(c.method, ev); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
