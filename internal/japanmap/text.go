package japanmap

import (
	"math"
	"strconv"
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

// escape writes s with the five XML special characters escaped.
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

// num formats a coordinate rounded to 0.1, without a trailing ".0" or "-0".
func num(f float64) string {
	f = math.Round(f*10) / 10
	if f == 0 {
		return "0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// runeEm is the estimated advance of r in em: full-width (CJK, kana,
// full-width forms) ≈ 1, space ≈ 0.3, other ≈ 0.6.
func runeEm(r rune) float64 {
	switch {
	case r == ' ':
		return 0.3
	case r >= 0x1100 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60) || r == 0x2026):
		return 1
	default:
		return 0.6
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

// truncate cuts s to at most maxEm wide, ending it with "…" when cut.
func truncate(s string, maxEm float64) string {
	if textEm(s) <= maxEm {
		return s
	}
	w := runeEm('…')
	for i, r := range s {
		if w+runeEm(r) > maxEm {
			return strings.TrimRight(s[:i], " ") + "…"
		}
		w += runeEm(r)
	}
	return s
}

// wrap breaks s into lines at most maxEm wide: at spaces where there are
// any, otherwise between any two runes (as Japanese text wraps). A word
// wider than a line is cut.
func wrap(s string, maxEm float64) []string {
	var lines []string
	var line strings.Builder
	lineEm := 0.0
	flush := func() {
		if t := strings.TrimSpace(line.String()); t != "" {
			lines = append(lines, t)
		}
		line.Reset()
		lineEm = 0
	}
	for _, word := range splitWords(s) {
		wEm := textEm(word)
		if lineEm+wEm > maxEm && lineEm > 0 {
			flush()
			word = strings.TrimLeft(word, " ")
			wEm = textEm(word)
		}
		if wEm > maxEm {
			word = truncate(word, maxEm)
			wEm = textEm(word)
		}
		line.WriteString(word)
		lineEm += wEm
	}
	flush()
	return lines
}

// splitWords splits s before each space and around each full-width rune,
// so that wrap may break there; joining the parts gives s back.
func splitWords(s string) []string {
	var words []string
	start := 0
	for i, r := range s {
		if i > start && (r == ' ' || runeEm(r) == 1) {
			words = append(words, s[start:i])
			start = i
		}
		if runeEm(r) == 1 {
			words = append(words, s[start:i+utf8.RuneLen(r)])
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		words = append(words, s[start:])
	}
	return words
}
