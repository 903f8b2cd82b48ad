package chart

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean makes s safe and tidy as SVG text inside HTML: invalid UTF-8 and
// noncharacters become U+FFFD, control characters and white space runs
// become one space, bidi controls are dropped, and the ends are trimmed.
func clean(s string) string {
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

// escape writes s with the five XML special characters escaped; s must
// already be clean.
func escape(b *strings.Builder, s string) {
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

// runeEm estimates the advance of r in em. Japanese fonts set kana, kanji,
// full-width forms and most symbols at 1em; Latin, Greek and Cyrillic are
// taken as 0.6em, half-width katakana as 0.5em and combining marks as 0.
func runeEm(r rune) float64 {
	switch {
	case r < 0x20:
		return 0
	case r < 0x7F:
		return 0.6
	case unicode.In(r, unicode.Mn, unicode.Me) || (r >= 0x200B && r <= 0x200D) ||
		(r >= 0xFE00 && r <= 0xFE0F):
		return 0
	case r >= 0xFF61 && r <= 0xFFDC:
		return 0.5
	case r < 0x0530:
		return 0.6
	default:
		return 1
	}
}

// textEm estimates the width of s in em.
func textEm(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeEm(r)
	}
	return w
}

// truncate shortens s to at most maxEm, ending it with "…" (1em) when
// it is cut. It returns "" when not even the ellipsis fits.
func truncate(s string, maxEm float64) string {
	if textEm(s) <= maxEm {
		return s
	}
	if maxEm < 1 {
		return ""
	}
	w := 0.0
	for i, r := range s {
		w += runeEm(r)
		if w > maxEm-1 {
			return strings.TrimRight(s[:i], " ") + "…"
		}
	}
	return s
}
