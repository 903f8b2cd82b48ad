package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"
	"golang.org/x/text/unicode/norm"
)

// maxQueryRunes bounds the part of a query that is analysed.
const maxQueryRunes = 256

// syntaxChars are characters with a meaning in FTS5 or tsquery syntax. In
// a query they are reported and treated as plain text, which the analyzer
// then drops like any other punctuation.
const syntaxChars = `*^:(){}[]+&|!<>\`

// Problem is a malformed part of a query, as a translatable message key
// (such as "search.unclosed_quote") with the message's arguments.
type Problem struct {
	Key  string
	Args map[string]any
}

// The problems Parse reports.
const (
	ProblemUnclosedQuote = "search.unclosed_quote"     // a " without its closing "
	ProblemLoneMinus     = "search.lone_minus"         // a - followed by nothing to exclude
	ProblemDanglingOr    = "search.dangling_or"        // OR without an item on one side
	ProblemOrExclusion   = "search.or_exclusion"       // OR next to an excluded item; ignored
	ProblemIgnoredChars  = "search.ignored_characters" // Args["Chars"]: syntax characters read as text
	ProblemTooLong       = "search.too_long"           // Args["Max"]: only the first Max characters were used
)

// phrase is a sequence of terms that must appear adjacently.
type phrase []string

// Query is a parsed search query: every group must match (AND), a group
// matches when any of its phrases does (OR), and documents matching any
// excluded phrase are left out. The zero Query is empty.
type Query struct {
	groups   [][]phrase
	excluded []phrase
	problems []Problem
}

// Problems returns the malformed parts of the query. They were skipped or
// read as plain text; the rest of the query is still usable.
func (q Query) Problems() []Problem { return q.problems }

// Empty reports whether the query has nothing to search for and nothing to
// exclude (it was empty, or only stop words): list everything.
func (q Query) Empty() bool { return len(q.groups) == 0 && len(q.excluded) == 0 }

// Words returns the terms of the positive phrases, for highlighting and for
// showing what was searched for.
func (q Query) Words() [][]string {
	var out [][]string
	for _, g := range q.groups {
		for _, p := range g {
			out = append(out, append([]string(nil), p...))
		}
	}
	return out
}

// item is one lexical part of a query: a word, a quoted phrase or OR.
type item struct {
	text    string
	negated bool
	quoted  bool // a "quoted phrase": not expanded with synonyms
	or      bool
}

// Parse parses a search box's input. It never fails: malformed parts are
// reported by Query.Problems.
func (a *Analyzer) Parse(input string) Query {
	var q Query
	s := strings.ToValidUTF8(norm.NFKC.String(input), "\uFFFD")
	if utf8.RuneCountInString(s) > maxQueryRunes {
		s = string([]rune(s)[:maxQueryRunes])
		q.problem(ProblemTooLong, map[string]any{"Max": maxQueryRunes})
	}
	if chars := usedSyntaxChars(s); chars != "" {
		q.problem(ProblemIgnoredChars, map[string]any{"Chars": chars})
	}
	items := q.lex(s)
	pendingOr := false // an OR waits for its right-hand item
	lastGroup := -1    // the group the previous positive item went into
	prev := item{or: true}
	for _, it := range items {
		switch {
		case it.or && prev.negated:
			q.problem(ProblemOrExclusion, nil)
		case it.or && prev.or:
			q.problem(ProblemDanglingOr, nil)
		case it.or:
			pendingOr = true
		}
		prev = it
		if it.or {
			continue
		}
		alts := a.wordPhrases(it.text)
		if !it.quoted && !it.negated {
			alts = a.syn.expand(alts)
		}
		if it.negated {
			if pendingOr {
				q.problem(ProblemOrExclusion, nil)
			}
			pendingOr, lastGroup = false, -1
			q.excluded = appendPhrases(q.excluded, alts...)
			continue
		}
		switch {
		case len(alts) == 0:
			// Only stop words: the item drops out. Inside an OR chain the
			// chain goes on; otherwise a following OR starts a new group.
			if !pendingOr {
				lastGroup = -1
			}
		case pendingOr && lastGroup >= 0:
			q.groups[lastGroup] = appendPhrases(q.groups[lastGroup], alts...)
		default:
			q.groups = append(q.groups, alts)
			lastGroup = len(q.groups) - 1
		}
		pendingOr = false
	}
	if pendingOr {
		q.problem(ProblemDanglingOr, nil)
	}
	return q
}

// wordPhrases analyses one word or quoted phrase of a query into the
// phrases that it may match (none if it holds only stop words), folded like
// index terms. Kagome misreads hiragana loan words and readings (ぎょうざ is
// ぎょ|う|ざ, but ギョウザ is one noun), so a word of kana that its analysis
// as typed does not cover whole (ぎょうざ leaves only ざ) is analysed in
// katakana instead; the stray pieces of the misreading (ざ) would match
// everything. A word analysed whole (まちづくり is まち|づくり) and one made of
// stop words only (これ, する: dictionary words, none an interjection) are
// kept as they are.
func (a *Analyzer) wordPhrases(text string) []phrase {
	s := normalize(text)
	typed, whole := a.queryTerms(s)
	kata := toKatakana(s)
	if !isKanaWord(s) || kata == s || (typed != nil && whole) || (typed == nil && !a.misread(s)) {
		return appendPhrases(nil, typed)
	}
	p, _ := a.queryTerms(kata)
	return appendPhrases(nil, p)
}

// misread reports whether kagome reads s with an interjection or a word
// it does not know, as it does hiragana that spells a loan word or a
// kanji word's reading (ぎょうざ is ぎょ|う|ざ).
func (a *Analyzer) misread(s string) bool {
	for _, tok := range a.tok.Analyze(s, tokenizer.Search) {
		if a.feat.word(tok).pos0 == "感動詞" || tok.Class == tokenizer.UNKNOWN {
			return true
		}
	}
	return false
}

// queryTerms analyses normalised text into a phrase, and reports whether
// its terms cover all of s (no character was dropped).
func (a *Analyzer) queryTerms(s string) (p phrase, whole bool) {
	terms, _ := a.analyze(s, false)
	if len(terms) == 0 {
		return nil, false
	}
	p = make(phrase, len(terms))
	pos := 0
	whole = true
	for i, t := range terms {
		if t.start != pos {
			whole = false
		}
		p[i], pos = t.text, t.end
	}
	return p, whole && pos == len(s)
}

// lex splits a normalised query into words, quoted phrases and operators.
// A "-" right before a quote (-"…") excludes the quoted phrase.
func (q *Query) lex(s string) []item {
	var items []item
	negateNext := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isQuote(r):
			i += size
			end := indexQuote(s[i:])
			text := s[i:]
			if end < 0 {
				q.problem(ProblemUnclosedQuote, nil)
				i = len(s)
			} else {
				text = s[i : i+end]
				_, qsize := utf8.DecodeRuneInString(s[i+end:])
				i += end + qsize
			}
			items = append(items, item{text: text, negated: negateNext, quoted: true})
			negateNext = false
		default:
			end := len(s)
			for j, r := range s[i:] {
				if unicode.IsSpace(r) || isQuote(r) {
					end = i + j
					break
				}
			}
			word := s[i:end]
			i = end
			switch {
			case word == "OR":
				items = append(items, item{or: true})
			case word == "AND":
				// Space already means AND.
			case strings.TrimLeft(word, "-") == "":
				// A lone minus, unless a quoted phrase follows at once.
				if next, _ := utf8.DecodeRuneInString(s[i:]); i < len(s) && isQuote(next) {
					negateNext = true
				} else {
					q.problem(ProblemLoneMinus, nil)
				}
			default:
				items = append(items, item{text: strings.TrimLeft(word, "-"), negated: word[0] == '-'})
			}
		}
	}
	return items
}

// problem records a problem once per key.
func (q *Query) problem(key string, args map[string]any) {
	for _, p := range q.problems {
		if p.Key == key {
			return
		}
	}
	q.problems = append(q.problems, Problem{Key: key, Args: args})
}

// isQuote reports whether r opens or closes a phrase: the ASCII double
// quote (full-width ＂ becomes one under NFKC) or a typographic one.
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// indexQuote returns the byte index of the first quote in s, or -1.
func indexQuote(s string) int { return strings.IndexFunc(s, isQuote) }

// usedSyntaxChars returns the syntax characters that occur in s, each once,
// in the order of syntaxChars.
func usedSyntaxChars(s string) string {
	var b strings.Builder
	for _, c := range syntaxChars {
		if strings.ContainsRune(s, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}
