package ics

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	ical "github.com/arran4/golang-ical"
)

// wantText is the documented cleaning of a TEXT value, written
// independently of cleanText: invalid UTF-8 becomes U+FFFD (one per run of
// bad bytes), CRLF and CR become LF, other controls except TAB go.
func wantText(s string) string {
	var b strings.Builder
	badRun := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			if !badRun {
				b.WriteRune(utf8.RuneError)
			}
			badRun = true
			continue
		}
		badRun = false
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == '\n' || r == '\t' || !unicode.IsControl(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"",
		"短い説明",
		strings.Repeat("あ", 100),
		strings.Repeat("a", 74) + "漢字",
		strings.Repeat("🙂", 40),
		`a\b;c,d` + "\n" + `e\nf`,
		"CRLF\r\nCR\rLF\nTAB\tNUL\x00DEL\x7f",
		"bad \xff\xfe UTF-8 \xe3\x81",
		strings.Repeat(`\;,`, 40),
		" leading and trailing space ",
		"\u0085\u2028\ufeff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ev := interview()
		ev.Attendees = nil
		ev.Description = s
		out, err := Marshal(Publish, ev)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		physicalLines(t, out) // CRLF only, ≤ 75 octets, valid UTF-8 per line
		want := wantText(s)
		logical := unfold(t, out)
		if want == "" {
			if n := len(props(t, logical, "DESCRIPTION")); n != 0 {
				t.Fatalf("%d DESCRIPTION lines for an empty text", n)
			}
			return
		}
		if got := textValue(t, logical, "DESCRIPTION"); got != want {
			t.Fatalf("unfold+unescape = %q, want %q", got, want)
		}
		if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
			return unicode.IsControl(r) && r != '\n' && r != '\t'
		}) && want != s {
			t.Fatalf("clean input %q changed to %q", s, want)
		}

		cal, err := ical.ParseCalendar(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("golang-ical: %v", err)
		}
		p := cal.Events()[0].GetProperty(ical.ComponentPropertyDescription)
		if p == nil || p.Value != want {
			t.Fatalf("golang-ical reads DESCRIPTION %v, want %q", p, want)
		}
	})
}
