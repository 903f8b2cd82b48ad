package ics

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
)

// parseWithLibrary reads out back with an independent parser
// (github.com/arran4/golang-ical) and returns its only event.
func parseWithLibrary(t testing.TB, out []byte) (*ical.Calendar, *ical.VEvent) {
	t.Helper()
	cal, err := ical.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("golang-ical cannot parse the output: %v\n%s", err, out)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("golang-ical found %d events, want 1", len(events))
	}
	return cal, events[0]
}

// libValue is the library's (unescaped) value of property p.
func libValue(t testing.TB, ev *ical.VEvent, p ical.ComponentProperty) string {
	t.Helper()
	prop := ev.GetProperty(p)
	if prop == nil {
		t.Fatalf("golang-ical finds no %s", p)
	}
	return prop.Value
}

func TestLibraryReadsInvitation(t *testing.T) {
	ev := interview()
	ev.Sequence = 3
	ev.Summary = `面談; 第2回, "最終"`
	ev.Description = strings.Repeat("長い説明文です。", 20) + "\n2行目: a;b,c\\d\n"
	ev.Location = `会議室A, 3F; C:\path`
	ev.URL = "https://meet.example/r/42"
	ev.Organizer.Name = "富山市, DX推進課"
	ev.Attendees = append(ev.Attendees, Person{Name: "Suzuki: Hanako", Email: "hanako@example.jp"})
	ev.Reminder = 30 * time.Minute
	out := marshal(t, Request, ev)
	cal, got := parseWithLibrary(t, out)

	var method string
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == "METHOD" {
			method = p.Value
		}
	}
	if method != "REQUEST" {
		t.Errorf("METHOD = %q", method)
	}
	for p, want := range map[ical.ComponentProperty]string{
		ical.ComponentPropertyUniqueId:    ev.UID,
		ical.ComponentPropertySequence:    "3",
		ical.ComponentPropertySummary:     ev.Summary,
		ical.ComponentPropertyDescription: ev.Description,
		ical.ComponentPropertyLocation:    ev.Location,
		ical.ComponentPropertyUrl:         ev.URL,
		ical.ComponentPropertyStatus:      "CONFIRMED",
	} {
		if v := libValue(t, got, p); v != want {
			t.Errorf("%s = %q, want %q", p, v, want)
		}
	}
	start, err := got.GetStartAt()
	if err != nil || !start.Equal(ev.Start) || start.Location() != time.UTC {
		t.Errorf("DTSTART = %v (%v), want %v in UTC", start, err, ev.Start.UTC())
	}
	end, err := got.GetEndAt()
	if err != nil || !end.Equal(ev.End) {
		t.Errorf("DTEND = %v (%v), want %v", end, err, ev.End.UTC())
	}

	org := got.GetProperty(ical.ComponentPropertyOrganizer)
	if cn := org.ICalParameters["CN"]; len(cn) != 1 || cn[0] != "富山市, DX推進課" || org.Value != "mailto:dx@city.toyama.example" {
		t.Errorf("ORGANIZER = %q %v", org.Value, org.ICalParameters)
	}
	att := got.Attendees()
	if len(att) != 2 {
		t.Fatalf("%d attendees, want 2", len(att))
	}
	for i, p := range ev.Attendees {
		a := att[i]
		if a.Email() != p.Email || a.ICalParameters["CN"][0] != p.Name {
			t.Errorf("attendee %d = %q %v, want %+v", i, a.Email(), a.ICalParameters, p)
		}
		if a.ParticipationStatus() != ical.ParticipationStatusNeedsAction ||
			a.ICalParameters["RSVP"][0] != "TRUE" || a.ICalParameters["ROLE"][0] != "REQ-PARTICIPANT" {
			t.Errorf("attendee %d parameters = %v", i, a.ICalParameters)
		}
	}
	alarms := got.Alarms()
	if len(alarms) != 1 {
		t.Fatalf("%d alarms, want 1", len(alarms))
	}
	if tr := alarms[0].GetProperty(ical.ComponentPropertyTrigger); tr == nil || tr.Value != "-PT30M" {
		t.Errorf("TRIGGER = %v", tr)
	}
}

func TestLibraryReadsCancellation(t *testing.T) {
	ev := interview()
	ev.Sequence = 1
	cal, got := parseWithLibrary(t, marshal(t, Cancel, ev))
	var method string
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == "METHOD" {
			method = p.Value
		}
	}
	if method != "CANCEL" || libValue(t, got, ical.ComponentPropertyStatus) != "CANCELLED" {
		t.Errorf("METHOD %q, STATUS %q", method, libValue(t, got, ical.ComponentPropertyStatus))
	}
	if len(got.Alarms()) != 0 {
		t.Errorf("a cancellation carries an alarm")
	}
}
