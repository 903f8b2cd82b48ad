package search

import (
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normalize returns s in NFKC, lower-cased, with dashes after kana read
// as the long-vowel mark: the form that is analysed.
func normalize(s string) string {
	return longVowels(strings.ToLower(norm.NFKC.String(s)))
}

// longVowels replaces a dash right after kana (or after ー) with ー.
func longVowels(s string) string {
	if !strings.ContainsFunc(s, isDash) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for _, r := range s {
		if isDash(r) && (isKana(prev) || prev == 'ー') {
			r = 'ー'
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// mappedText is a normalised text with a map back to the original: segment i
// of the normalised text starts at byte norm[i] and comes from the original
// bytes orig[i]..orig[i+1]. Both slices end with the total lengths.
type mappedText struct {
	text string
	norm []int
	orig []int
}

// normalizeMapped normalises s like normalize, remembering where each
// normalisation segment came from.
func normalizeMapped(s string) mappedText {
	var (
		it    norm.Iter
		b     strings.Builder
		nOffs []int
		oOffs []int
	)
	b.Grow(len(s))
	it.InitString(norm.NFKC, s)
	var prev rune
	for !it.Done() {
		nOffs = append(nOffs, b.Len())
		oOffs = append(oOffs, it.Pos())
		seg := strings.ToLower(string(it.Next()))
		if r, _ := utf8.DecodeRuneInString(seg); len(seg) == utf8.RuneLen(r) && isDash(r) && (isKana(prev) || prev == 'ー') {
			seg = "ー"
		}
		if r, _ := utf8.DecodeLastRuneInString(seg); r != utf8.RuneError {
			prev = r
		}
		b.WriteString(seg)
	}
	nOffs = append(nOffs, b.Len())
	oOffs = append(oOffs, len(s))
	return mappedText{text: b.String(), norm: nOffs, orig: oOffs}
}

// origSpan maps the normalised byte range [start, end) to the smallest range
// of the original text that covers it, widened to whole segments.
func (m mappedText) origSpan(start, end int) (int, int) {
	// The last segment whose start is <= start.
	i := sort.SearchInts(m.norm, start+1) - 1
	// The first segment boundary that is >= end.
	j := sort.SearchInts(m.norm, end)
	i = max(0, min(i, len(m.orig)-1))
	j = max(0, min(j, len(m.orig)-1))
	if j < i {
		j = i
	}
	return m.orig[i], m.orig[j]
}
