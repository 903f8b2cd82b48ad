// Package svgmark writes the SVG markup that internal/chart and
// internal/japanmap draw on the server: clean text, escaped attributes and
// elements, deterministic bytes.
package svgmark

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean makes s safe and tidy as SVG text inside HTML: invalid UTF-8 and
// noncharacters become U+FFFD, control characters and white space runs
// become one space, bidi controls are dropped, and the ends are trimmed.
func Clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsControl(r) || unicode.IsSpace(r):
			space = true
			continue
		case isBidiControl(r):
			continue
		case r == utf8.RuneError || isNoncharacter(r):
			r = utf8.RuneError
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func isNoncharacter(r rune) bool {
	return (r >= 0xFDD0 && r <= 0xFDEF) || r&0xFFFE == 0xFFFE
}

func isBidiControl(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F ||
		(r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// Escape writes s with the five XML special characters escaped; s must
// already be clean.
func Escape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		case '\'':
			rep = "&#39;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// Writer builds SVG markup; attributes are given as name, value pairs and
// values are escaped. Text content must already be clean.
type Writer struct {
	B strings.Builder
}

func (w *Writer) tag(name string, attrs []string) {
	w.B.WriteByte('<')
	w.B.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.B.WriteByte(' ')
		w.B.WriteString(attrs[i])
		w.B.WriteString(`="`)
		Escape(&w.B, attrs[i+1])
		w.B.WriteByte('"')
	}
}

// Open writes a start tag.
func (w *Writer) Open(name string, attrs ...string) {
	w.tag(name, attrs)
	w.B.WriteString(">\n")
}

// Close writes an end tag.
func (w *Writer) Close(name string) {
	w.B.WriteString("</" + name + ">\n")
}

// Void writes an element without content.
func (w *Writer) Void(name string, attrs ...string) {
	w.tag(name, attrs)
	w.B.WriteString("/>\n")
}

// Text writes an element holding text.
func (w *Writer) Text(name, content string, attrs ...string) {
	w.tag(name, attrs)
	w.B.WriteByte('>')
	Escape(&w.B, content)
	w.B.WriteString("</" + name + ">\n")
}
