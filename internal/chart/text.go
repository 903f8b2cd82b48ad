package chart

import (
	"strings"
	"unicode"

	"github.com/tsunagu-hub/tsunagu/internal/svgmark"
)

// clean is svgmark's, shared with the other SVG drawing.
func clean(s string) string { return svgmark.Clean(s) }

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
