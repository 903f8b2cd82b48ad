package search

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Analyzer turns Japanese (and mixed) text into index terms with kagome and
// the IPA dictionary. It is safe for concurrent use.
type Analyzer struct {
	tok *tokenizer.Tokenizer
	// lookup calls fn for every dictionary word that is a prefix of s, with
	// the word's morph id and its length in bytes.
	lookup func(s string, fn func(id, length int))
	// feat holds the dictionary's parts of speech, base forms and readings.
	feat *features
	// syn holds the synonym groups that queries are expanded with.
	syn synonyms
	// hl keeps analysed texts for highlighting.
	hl highlightCache
}

// NewAnalyzer loads the IPA dictionary (about 1 s, once per process) and
// returns an analyzer. Load it once per process and share it.
func NewAnalyzer() (*Analyzer, error) {
	d, err := ipaShared()
	if err != nil {
		return nil, err
	}
	tok, err := tokenizer.New(d.dict, tokenizer.OmitBosEos())
	if err != nil {
		return nil, fmt.Errorf("search: new tokenizer: %w", err)
	}
	a := &Analyzer{
		tok:    tok,
		feat:   d.feat,
		lookup: d.dict.Index.CommonPrefixSearchCallback,
	}
	a.syn = a.parseSynonyms(synonymsText)
	return a, nil
}

// nounPOS reports whether dictionary morph id is a noun that may be a
// compound sub-word.
func (a *Analyzer) nounPOS(id int) bool {
	w := a.feat.morph(id)
	return w.pos0 == "名詞" && isSubWordNoun(w.pos1)
}

// Terms returns the index terms of text in document order, followed by the
// compound sub-words described in the package documentation.
func (a *Analyzer) Terms(text string) []string {
	primary, extra := a.analyze(normalize(text), true)
	seen := make(map[string]bool, len(primary))
	out := make([]string, 0, len(primary)+len(extra))
	for _, t := range primary {
		out = append(out, t.text)
		seen[t.text] = true
	}
	for _, t := range extra {
		if !seen[t.text] {
			out = append(out, t.text)
			seen[t.text] = true
		}
	}
	return out
}

// IndexText returns the terms of text joined by single spaces: the value to
// store in the full-text column that SQLite FTS5 and PostgreSQL index.
func (a *Analyzer) IndexText(text string) string {
	return strings.Join(a.Terms(text), " ")
}

// Lazy loads an Analyzer in the background, so that a server can answer
// health checks while the dictionary loads.
type Lazy struct {
	done chan struct{}
	a    *Analyzer
	err  error
}

// NewLazy starts loading the analyzer in a new goroutine at once.
func NewLazy() *Lazy {
	return LazyFrom(func() (*Analyzer, error) {
		a, err := NewAnalyzer()
		// Loading allocates about twice what the dictionary keeps; give the
		// garbage back to the operating system now rather than holding it.
		debug.FreeOSMemory()
		return a, err
	})
}

// LazyFrom runs load in a new goroutine at once and is ready when it
// returns; tests use it to hold the dictionary's load back.
func LazyFrom(load func() (*Analyzer, error)) *Lazy {
	l := &Lazy{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.a, l.err = load()
	}()
	return l
}

// Ready reports whether the analyzer has loaded successfully.
func (l *Lazy) Ready() bool {
	select {
	case <-l.done:
		return l.err == nil
	default:
		return false
	}
}

// Get waits until the analyzer has loaded, or ctx is done, and returns it.
func (l *Lazy) Get(ctx context.Context) (*Analyzer, error) {
	select {
	case <-l.done:
		return l.a, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
