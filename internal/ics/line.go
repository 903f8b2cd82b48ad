package ics

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxLineOctets is the longest physical line RFC 5545 §3.1 allows, not
// counting the CRLF. A continuation line's leading space counts.
const maxLineOctets = 75

// param is one property parameter; value is written as given, so pass it
// through paramValue first.
type param struct{ name, value string }

// writeLine writes one content line "NAME;P=V:value", folded, with CRLF.
// value must already be in its wire form (escaped TEXT, a time, a URI).
func writeLine(b *bytes.Buffer, name string, params []param, value string) {
	var l strings.Builder
	l.WriteString(name)
	for _, p := range params {
		l.WriteByte(';')
		l.WriteString(p.name)
		l.WriteByte('=')
		l.WriteString(p.value)
	}
	l.WriteByte(':')
	l.WriteString(value)
	fold(b, l.String())
}

// fold writes line as physical lines of at most maxLineOctets octets, each
// ended by CRLF, continuation lines starting with one space. It cuts only
// before the first byte of a UTF-8 character. line must be valid UTF-8.
func fold(b *bytes.Buffer, line string) {
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8; cannot happen after cleanText
			cut = limit
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLineOctets - 1
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

// cleanText makes s safe for a TEXT value: invalid UTF-8 becomes U+FFFD,
// CRLF and CR become LF, and control characters other than LF and TAB are
// dropped.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// escapeText escapes a cleaned TEXT value (RFC 5545 §3.3.11): backslash,
// semicolon, comma and newline.
func escapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// text cleans and escapes s for a TEXT value.
func text(s string) string { return escapeText(cleanText(s)) }

// paramValue makes s a parameter value (RFC 5545 §3.1): a parameter value
// has no escapes and cannot hold a double quote or a control character, so
// a double quote becomes an apostrophe, line breaks become spaces, and
// other controls except TAB are dropped, and surrounding space is trimmed.
// The value is quoted when it holds ':', ';' or ','.
func paramValue(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", " ")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case r == '\r' || r == '\n':
			return ' '
		case r == '\t':
			return r
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

// utcTime formats t as an RFC 5545 UTC DATE-TIME, e.g. 20211015T010000Z.
func utcTime(t time.Time) string {
	return t.UTC().Format("20060102T150405Z")
}

// beforeTrigger formats d (positive, whole seconds) as the DURATION d
// before the start, e.g. -PT30M, -PT1H0M5S, -P1D (RFC 5545 §3.3.6).
func beforeTrigger(d time.Duration) string {
	secs := int64(d / time.Second)
	days, secs := secs/86400, secs%86400
	h, m, s := secs/3600, secs%3600/60, secs%60
	var b strings.Builder
	b.WriteString("-P")
	if days > 0 {
		b.WriteString(strconv.FormatInt(days, 10) + "D")
	}
	if secs == 0 {
		return b.String()
	}
	b.WriteByte('T')
	if h > 0 {
		b.WriteString(strconv.FormatInt(h, 10) + "H")
	}
	if m > 0 || (h > 0 && s > 0) {
		b.WriteString(strconv.FormatInt(m, 10) + "M")
	}
	if s > 0 {
		b.WriteString(strconv.FormatInt(s, 10) + "S")
	}
	return b.String()
}
