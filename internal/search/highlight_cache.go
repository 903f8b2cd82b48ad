package search

import "sync"

// highlightKept bounds the analysed texts kept for highlighting: the
// cards of the most visited results (a title and a description each).
const highlightKept = 2048

// analysed is one text's normalisation and terms, as Highlight uses them.
type analysed struct {
	m              mappedText
	primary, extra []term
}

// highlightCache keeps the analysis of texts shown with highlights: a
// search's result cards are analysed again on every page of every query,
// and the analysis, unlike the query, does not change.
type highlightCache struct {
	mu   sync.Mutex
	kept map[string]*analysed
}

// analysedForHighlight analyses text once while it is kept.
func (a *Analyzer) analysedForHighlight(text string) *analysed {
	c := &a.hl
	c.mu.Lock()
	r, ok := c.kept[text]
	c.mu.Unlock()
	if ok {
		return r
	}
	m := normalizeMapped(text)
	primary, extra := a.analyze(m.text, true)
	r = &analysed{m: m, primary: primary, extra: extra}
	c.mu.Lock()
	if c.kept == nil || len(c.kept) >= highlightKept {
		c.kept = make(map[string]*analysed, highlightKept)
	}
	c.kept[text] = r
	c.mu.Unlock()
	return r
}
