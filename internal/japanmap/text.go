package japanmap

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tsunagu-hub/tsunagu/internal/svgmark"
)

// clean is svgmark's, shared with the other SVG drawing.
func clean(s string) string { return svgmark.Clean(s) }

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
