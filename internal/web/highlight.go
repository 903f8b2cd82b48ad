package web

import (
	"github.com/tsunagu-hub/tsunagu/internal/search"
)

// snippet cuts highlighted text to about limit characters around the first
// match, marking cuts with an ellipsis. Without a match it keeps the start.
func snippet(segs []search.Segment, limit int) []search.Segment {
	total, first := 0, -1
	for _, s := range segs {
		if s.Match && first < 0 {
			first = total
		}
		total += len([]rune(s.Text))
	}
	if total <= limit {
		return segs
	}
	start := 0
	if first > limit/3 {
		start = first - limit/3
	}
	end := min(start+limit, total)
	var out []search.Segment
	if start > 0 {
		out = append(out, search.Segment{Text: "…"})
	}
	pos := 0
	for _, s := range segs {
		r := []rune(s.Text)
		from, to := max(start-pos, 0), min(end-pos, len(r))
		if from < to {
			out = append(out, search.Segment{Text: string(r[from:to]), Match: s.Match})
		}
		pos += len(r)
	}
	if end < total {
		out = append(out, search.Segment{Text: "…"})
	}
	return out
}
