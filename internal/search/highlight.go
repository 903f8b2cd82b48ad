package search

import "slices"

// Segment is a run of a highlighted text: Match runs are the ones that
// matched the query. Segments are plain text, to be escaped by the template.
type Segment struct {
	Text  string
	Match bool
}

// Highlight splits text into plain and matched runs; the runs' texts joined
// are text. A run matches where the text's terms equal one of the query's
// positive phrases (a single-term phrase also matches a compound sub-word,
// as 副業 in 副業者). The text may be in any normalisation form: matches are
// found on its NFKC form and mapped back to the original characters.
func (a *Analyzer) Highlight(text string, q Query) []Segment {
	words := q.Words()
	if text == "" {
		return nil
	}
	if len(words) == 0 {
		return []Segment{{Text: text}}
	}
	an := a.analysedForHighlight(text)
	m, primary, extra := an.m, an.primary, an.extra
	var spans [][2]int // matched ranges of the normalised text
	for _, w := range words {
		if len(w) == 1 {
			for _, t := range slices.Concat(primary, extra) {
				if t.text == w[0] {
					spans = append(spans, [2]int{t.start, t.end})
				}
			}
			continue
		}
		for i := 0; i+len(w) <= len(primary); i++ {
			if equalTerms(primary[i:i+len(w)], w) {
				for _, t := range primary[i : i+len(w)] {
					spans = append(spans, [2]int{t.start, t.end})
				}
			}
		}
	}
	if len(spans) == 0 {
		return []Segment{{Text: text}}
	}
	// Map to the original text, then merge overlapping and touching spans.
	for i, sp := range spans {
		spans[i][0], spans[i][1] = m.origSpan(sp[0], sp[1])
	}
	slices.SortFunc(spans, func(x, y [2]int) int { return x[0] - y[0] })
	var segs []Segment
	pos := 0
	for i := 0; i < len(spans); {
		start, end := spans[i][0], spans[i][1]
		for i++; i < len(spans) && spans[i][0] <= end; i++ {
			end = max(end, spans[i][1])
		}
		start = max(start, pos)
		if end <= start {
			continue
		}
		if start > pos {
			segs = append(segs, Segment{Text: text[pos:start]})
		}
		segs = append(segs, Segment{Text: text[start:end], Match: true})
		pos = end
	}
	if pos < len(text) {
		segs = append(segs, Segment{Text: text[pos:]})
	}
	return segs
}

// equalTerms reports whether the texts of ts are ws.
func equalTerms(ts []term, ws []string) bool {
	for i, t := range ts {
		if t.text != ws[i] {
			return false
		}
	}
	return len(ts) == len(ws)
}
