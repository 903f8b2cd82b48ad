package ics

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// jst is Japan Standard Time without the tz database.
func jst() *time.Location { return time.FixedZone("JST", 9*3600) }

// interview returns a valid invitation that tests change.
func interview() Event {
	return Event{
		UID:       "interview-42@tsunagu.example",
		Summary:   "面談: 防災アプリ開発",
		Location:  "富山市役所 3階 会議室A",
		Start:     time.Date(2025, 4, 1, 10, 0, 0, 0, jst()),
		End:       time.Date(2025, 4, 1, 11, 0, 0, 0, jst()),
		Organizer: Person{Name: "富山市 DX推進課", Email: "dx@city.toyama.example"},
		Attendees: []Person{{Name: "山田 太郎", Email: "taro@example.jp"}},
		Stamp:     time.Date(2025, 3, 20, 15, 4, 5, 0, time.UTC),
	}
}

// marshal is Marshal that fails the test on error.
func marshal(t testing.TB, m Method, events ...Event) []byte {
	t.Helper()
	out, err := Marshal(m, events...)
	if err != nil {
		t.Fatalf("Marshal(%s): %v", m, err)
	}
	return out
}

// physicalLines splits out at CRLF and checks every line: no bare CR or
// LF, at most 75 octets, valid UTF-8, and a CRLF after the last line.
func physicalLines(t testing.TB, out []byte) []string {
	t.Helper()
	s := string(out)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("output does not end with CRLF: %q", s)
	}
	lines := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	for i, l := range lines {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			t.Fatalf("line %d holds a bare CR or LF: %q", i, l)
		case len(l) > 75:
			t.Fatalf("line %d has %d octets > 75: %q", i, len(l), l)
		case !utf8.ValidString(l):
			t.Fatalf("line %d is not valid UTF-8 (a character was split): %q", i, l)
		}
	}
	return lines
}

// unfold returns the logical lines of out (RFC 5545 §3.1): a physical line
// starting with a space or tab continues the one before, minus that space.
func unfold(t testing.TB, out []byte) []string {
	t.Helper()
	var logical []string
	for i, l := range physicalLines(t, out) {
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(logical) == 0 {
				t.Fatalf("line %d continues nothing: %q", i, l)
			}
			logical[len(logical)-1] += l[1:]
			continue
		}
		logical = append(logical, l)
	}
	return logical
}

// prop is one parsed content line; params hold unquoted values.
type prop struct {
	name   string
	params map[string]string
	value  string // raw: still escaped
}

// parseLine splits a logical line into name, parameters and value.
func parseLine(t testing.TB, l string) prop {
	t.Helper()
	i := strings.IndexAny(l, ";:")
	if i <= 0 {
		t.Fatalf("no property name in %q", l)
	}
	p := prop{name: l[:i], params: map[string]string{}}
	rest := l[i:]
	for strings.HasPrefix(rest, ";") {
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			t.Fatalf("parameter without '=' in %q", l)
		}
		name := rest[1:eq]
		rest = rest[eq+1:]
		var v string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				t.Fatalf("unterminated quote in %q", l)
			}
			v, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexAny(rest, ";:")
			if end < 0 {
				t.Fatalf("no value in %q", l)
			}
			if strings.ContainsAny(rest[:end], `",`) {
				t.Fatalf("unquoted parameter value holds a quote or comma in %q", l)
			}
			v, rest = rest[:end], rest[end:]
		}
		p.params[name] = v
	}
	if !strings.HasPrefix(rest, ":") {
		t.Fatalf("no ':' before the value in %q", l)
	}
	p.value = rest[1:]
	return p
}

// props returns the parsed lines named name, in order.
func props(t testing.TB, lines []string, name string) []prop {
	t.Helper()
	var out []prop
	for _, l := range lines {
		if p := parseLine(t, l); p.name == name {
			out = append(out, p)
		}
	}
	return out
}

// value returns the raw value of the only property named name, failing
// when there is not exactly one.
func value(t testing.TB, lines []string, name string) string {
	t.Helper()
	ps := props(t, lines, name)
	if len(ps) != 1 {
		t.Fatalf("%d %s properties, want 1", len(ps), name)
	}
	return ps[0].value
}

// unescape decodes a TEXT value (RFC 5545 §3.3.11); an unescaped ';' or
// ',' or an unknown escape is an error.
func unescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ';', ',':
			return "", fmt.Errorf("unescaped %q at %d in %q", c, i, s)
		case '\\':
			if i+1 == len(s) {
				return "", fmt.Errorf("trailing backslash in %q", s)
			}
			i++
			switch e := s[i]; e {
			case '\\', ';', ',':
				b.WriteByte(e)
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return "", fmt.Errorf("unknown escape \\%c in %q", e, s)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// textValue is the unescaped value of the only property named name.
func textValue(t testing.TB, lines []string, name string) string {
	t.Helper()
	v, err := unescape(value(t, lines, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}
