package ics

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestMarshalGolden(t *testing.T) {
	ev := interview()
	ev.Description = "オンライン可, 持ち物: なし; 詳細は\nポータルで"
	ev.Reminder = 30 * time.Minute
	want := strings.Join([]string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//Tsunagu//Tsunagu//JA",
		"CALSCALE:GREGORIAN",
		"METHOD:REQUEST",
		"BEGIN:VEVENT",
		"UID:interview-42@tsunagu.example",
		"SEQUENCE:0",
		"DTSTAMP:20250320T150405Z",
		"DTSTART:20250401T010000Z",
		"DTEND:20250401T020000Z",
		"SUMMARY:面談: 防災アプリ開発",
		// 73 octets: the next character (ル, 3 octets) would pass 75.
		`DESCRIPTION:オンライン可\, 持ち物: なし\; 詳細は\nポータ`,
		" ルで",
		"LOCATION:富山市役所 3階 会議室A",
		"STATUS:CONFIRMED",
		"ORGANIZER;CN=富山市 DX推進課:mailto:dx@city.toyama.example",
		"ATTENDEE;CN=山田 太郎;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=T",
		" RUE:mailto:taro@example.jp",
		"BEGIN:VALARM",
		"ACTION:DISPLAY",
		"TRIGGER:-PT30M",
		"DESCRIPTION:面談: 防災アプリ開発",
		"END:VALARM",
		"END:VEVENT",
		"END:VCALENDAR",
	}, "\r\n") + "\r\n"

	got := marshal(t, Request, ev)
	if string(got) != want {
		t.Fatalf("output differs\n got: %q\nwant: %q", got, want)
	}
	physicalLines(t, got) // CRLF only, ≤ 75 octets, valid UTF-8

	var w bytes.Buffer
	if err := Write(&w, Request, ev); err != nil {
		t.Fatal(err)
	}
	if w.String() != want {
		t.Errorf("Write differs from Marshal:\n%q", w.String())
	}
}

func TestTimesInUTC(t *testing.T) {
	ev := interview()
	// 08:30 in Tokyo is 23:30 UTC the day before; fractions of a second go.
	ev.Start = time.Date(2025, 4, 1, 8, 30, 0, 999_000_000, jst())
	ev.End = time.Date(2025, 4, 1, 9, 15, 30, 0, jst())
	ev.Stamp = time.Date(2025, 3, 31, 9, 0, 0, 0, time.FixedZone("EST", -5*3600))
	lines := unfold(t, marshal(t, Request, ev))
	for name, want := range map[string]string{
		"DTSTART": "20250331T233000Z",
		"DTEND":   "20250401T001530Z",
		"DTSTAMP": "20250331T140000Z",
	} {
		if got := value(t, lines, name); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
}

func TestCancel(t *testing.T) {
	ev := interview()
	ev.Sequence = 2
	ev.Reminder = 30 * time.Minute // not written in a cancellation
	lines := unfold(t, marshal(t, Cancel, ev))
	checks := map[string]string{
		"METHOD":   "CANCEL",
		"STATUS":   "CANCELLED",
		"SEQUENCE": "2",
		"UID":      "interview-42@tsunagu.example",
	}
	for name, want := range checks {
		if got := value(t, lines, name); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	if n := len(props(t, lines, "BEGIN")); n != 2 { // VCALENDAR, VEVENT
		t.Errorf("%d BEGIN lines, want 2 (no VALARM)", n)
	}
	att := props(t, lines, "ATTENDEE")
	if len(att) != 1 || att[0].value != "mailto:taro@example.jp" || att[0].params["ROLE"] != "REQ-PARTICIPANT" {
		t.Fatalf("ATTENDEE = %+v", att)
	}
	if _, ok := att[0].params["RSVP"]; ok {
		t.Errorf("a cancellation asks for no reply, got RSVP")
	}
	if got, want := Cancel.ContentType(), "text/calendar; charset=utf-8; method=CANCEL"; got != want {
		t.Errorf("ContentType = %q, want %q", got, want)
	}
}

func TestPublish(t *testing.T) {
	a := interview()
	a.UID, a.Attendees = "event-1@tsunagu.example", nil
	a.Location, a.URL = "", "https://meet.example/こんにちは?x=1"
	b := a
	b.UID, b.Cancelled, b.Summary = "event-2@tsunagu.example", true, "勉強会"
	lines := unfold(t, marshal(t, Publish, a, b))

	if got := value(t, lines, "METHOD"); got != "PUBLISH" {
		t.Errorf("METHOD = %s", got)
	}
	var status []string
	for _, p := range props(t, lines, "STATUS") {
		status = append(status, p.value)
	}
	if strings.Join(status, ",") != "CONFIRMED,CANCELLED" {
		t.Errorf("STATUS = %v, want CONFIRMED then CANCELLED", status)
	}
	urls := props(t, lines, "URL")
	want := "https://meet.example/%E3%81%93%E3%82%93%E3%81%AB%E3%81%A1%E3%81%AF?x=1"
	if len(urls) != 2 || urls[0].value != want {
		t.Errorf("URL = %+v, want %s twice", urls, want)
	}
	if n := len(props(t, lines, "ATTENDEE")) + len(props(t, lines, "LOCATION")); n != 0 {
		t.Errorf("%d ATTENDEE or LOCATION lines, want none", n)
	}
	if got, want := Publish.ContentType(), "text/calendar; charset=utf-8; method=PUBLISH"; got != want {
		t.Errorf("ContentType = %q", got)
	}
	if got := Method("REPLY").ContentType(); got != ContentType {
		t.Errorf("unknown method ContentType = %q, want %q", got, ContentType)
	}
}

func TestURLIsEncoded(t *testing.T) {
	ev := interview()
	ev.URL = "https://meet.example/面談 42?x=1"
	lines := unfold(t, marshal(t, Request, ev))
	if got, want := value(t, lines, "URL"), "https://meet.example/%E9%9D%A2%E8%AB%87%2042?x=1"; got != want {
		t.Errorf("URL = %s, want %s", got, want)
	}
}

func TestEscapingRoundTrip(t *testing.T) {
	ev := interview()
	ev.Summary = `a;b,c\d`
	ev.Description = "1行目\n2行目; 3, 4 \\n は改行ではない\r\nCRLF\rCR\tTAB\x00NUL\xffbad"
	ev.Location = `C:\会場, 2F; 東口`
	lines := unfold(t, marshal(t, Request, ev))
	for name, want := range map[string]string{
		"SUMMARY":     `a;b,c\d`,
		"DESCRIPTION": "1行目\n2行目; 3, 4 \\n は改行ではない\nCRLF\nCR\tTABNUL\uFFFDbad",
		"LOCATION":    `C:\会場, 2F; 東口`,
	} {
		if got := textValue(t, lines, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if got := value(t, lines, "SUMMARY"); got != `a\;b\,c\\d` {
		t.Errorf("raw SUMMARY = %s", got)
	}
}

func TestCommonNameQuoting(t *testing.T) {
	cases := []struct{ name, raw, want string }{
		{"山田 太郎", "山田 太郎", "山田 太郎"},
		{"Yamada, Taro", `"Yamada, Taro"`, "Yamada, Taro"},
		{"株式会社A; 開発部", `"株式会社A; 開発部"`, "株式会社A; 開発部"},
		{"Dept: IT", `"Dept: IT"`, "Dept: IT"},
		{`Say "hi", Bob`, `"Say 'hi', Bob"`, "Say 'hi', Bob"},
		{"two\r\nlines\n", "two lines", "two lines"},
	}
	for _, c := range cases {
		ev := interview()
		ev.Attendees[0].Name = c.name
		lines := unfold(t, marshal(t, Request, ev))
		var raw string
		for _, l := range lines {
			if strings.HasPrefix(l, "ATTENDEE;CN=") {
				raw = strings.TrimPrefix(l, "ATTENDEE;CN=")
			}
		}
		if !strings.HasPrefix(raw, c.raw+";") {
			t.Errorf("CN %q written as %q, want %q", c.name, raw, c.raw)
		}
		att := props(t, lines, "ATTENDEE")
		if got := att[0].params["CN"]; got != c.want || att[0].value != "mailto:taro@example.jp" {
			t.Errorf("CN %q parsed as %q (value %q), want %q", c.name, got, att[0].value, c.want)
		}
	}

	ev := interview()
	ev.Organizer.Name = "  "
	for _, l := range unfold(t, marshal(t, Request, ev)) {
		if strings.HasPrefix(l, "ORGANIZER") && l != "ORGANIZER:mailto:dx@city.toyama.example" {
			t.Errorf("blank name: %q, want no CN", l)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if err := Write(failWriter{}, Request, interview()); err == nil || err.Error() != "disk full" {
		t.Errorf("Write = %v, want the writer's error", err)
	}
}
