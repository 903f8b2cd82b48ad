package search

import (
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// normalize returns s in NFKC, lower-cased: the form that is analysed.
func normalize(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
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
	for !it.Done() {
		nOffs = append(nOffs, b.Len())
		oOffs = append(oOffs, it.Pos())
		b.WriteString(strings.ToLower(string(it.Next())))
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
