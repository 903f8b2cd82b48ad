package search

import (
	_ "embed"
	"strings"
)

// synonymsText is the maintained list of synonym groups; see the file's
// header for its format.
//
//go:embed synonyms.txt
var synonymsText string

// synonyms maps the folded terms of every word in the list to the groups
// that hold it. Groups are expanded when a query is parsed, so the index
// does not depend on the list.
type synonyms struct {
	groups [][]phrase
	byKey  map[string][]int
}

// parseSynonyms analyses the list's words like query words.
func (a *Analyzer) parseSynonyms(text string) synonyms {
	syn := synonyms{byKey: map[string][]int{}}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var group []phrase
		for _, w := range strings.Split(line, "/") {
			group = appendPhrases(group, a.wordPhrases(strings.TrimSpace(w))...)
		}
		if len(group) < 2 {
			continue
		}
		n := len(syn.groups)
		syn.groups = append(syn.groups, group)
		for _, p := range group {
			k := p.key()
			syn.byKey[k] = append(syn.byKey[k], n)
		}
	}
	return syn
}

// expand returns ps followed by the phrases of every group that holds one
// of ps, each once.
func (syn synonyms) expand(ps []phrase) []phrase {
	out := appendPhrases(nil, ps...)
	for _, p := range ps {
		for _, g := range syn.byKey[p.key()] {
			out = appendPhrases(out, syn.groups[g]...)
		}
	}
	return out
}

// key identifies a phrase.
func (p phrase) key() string { return strings.Join(p, " ") }

// appendPhrases appends the phrases of ps that dst does not hold yet.
func appendPhrases(dst []phrase, ps ...phrase) []phrase {
next:
	for _, p := range ps {
		if len(p) == 0 {
			continue
		}
		for _, q := range dst {
			if q.key() == p.key() {
				continue next
			}
		}
		dst = append(dst, p)
	}
	return dst
}
