package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// maxTermBytes bounds a term's length; longer ones are dropped (PostgreSQL
// ignores words over 2047 characters, and nobody searches for them).
const maxTermBytes = 128

// term is one index term and the byte range of the normalised text it
// came from.
type term struct {
	text       string
	start, end int
}

// isContentNoun reports whether an IPA noun sub-class (名詞,…) is kept.
func isContentNoun(sub string) bool {
	switch sub {
	case "一般", "固有名詞", "サ変接続", "形容動詞語幹", "ナイ形容詞語幹",
		"副詞可能", "数", "接尾", "引用文字列":
		return true
	}
	return false
}

// isStopBase reports whether a verb or adjective base form carries no
// meaning on its own, so it is not a term.
func isStopBase(base string) bool {
	switch base {
	case "する", "ある", "いる", "おる", "なる", "できる", "いう",
		"れる", "られる", "せる", "させる", "ない", "よい", "いい":
		return true
	}
	return false
}

// analyze turns normalised text into its terms in document order and, when
// withExtra is set, the compound sub-words (see the package documentation)
// in the order found, not deduplicated.
func (a *Analyzer) analyze(s string, withExtra bool) (primary, extra []term) {
	toks := a.tok.Analyze(s, tokenizer.Search)
	primary = make([]term, 0, len(toks)/2+1)
	asciiStart, asciiEnd := -1, -1
	flushASCII := func() {
		if asciiStart >= 0 {
			primary = appendASCII(primary, s, asciiStart, asciiEnd)
			asciiStart, asciiEnd = -1, -1
		}
	}
	// The current run of adjacent compound-noun tokens, and where in it
	// sub-words may start.
	runTokens, runEnd := 0, -1
	var starts []subStart
	flushRun := func() {
		if withExtra && runTokens > 1 {
			extra = a.subWords(extra, s, starts, runEnd)
		}
		runTokens, runEnd, starts = 0, -1, starts[:0]
	}
	for _, tok := range toks {
		start, end := tok.Position, tok.Position+len(tok.Surface)
		if isASCIIWord(tok.Surface) {
			flushRun()
			if asciiStart >= 0 && asciiEnd == start {
				asciiEnd = end
			} else {
				flushASCII()
				asciiStart, asciiEnd = start, end
			}
			continue
		}
		flushASCII()
		w := a.feat.word(tok)
		text, ok, compound := classify(tok, w)
		if !ok || !compound || runEnd != start {
			flushRun()
		}
		if !ok {
			continue
		}
		if compound && withExtra {
			runTokens++
			runEnd = end
			starts = appendStarts(starts, tok, w.pos1, start, end)
		}
		if withExtra {
			if r := reading(tok, w); r != "" {
				extra = appendWhole(extra, r, start, end)
			}
		}
		if text == tok.Surface {
			primary = appendPieces(primary, text, start)
		} else {
			primary = appendWhole(primary, text, start, end)
		}
	}
	flushASCII()
	flushRun()
	return primary, extra
}

// classify decides whether a kagome token (other than an ASCII word) is a
// term. It returns the term's text (the surface, or the base form of an
// inflected word) and whether the token can be part of a compound noun.
func classify(tok tokenizer.Token, w word) (text string, ok, compound bool) {
	switch w.pos0 {
	case "名詞":
		if isContentNoun(w.pos1) {
			return tok.Surface, true, isCompoundChars(tok.Surface)
		}
	case "動詞", "形容詞":
		if w.pos1 != "自立" {
			return "", false, false
		}
		base := w.base
		if base == "*" || base == "" {
			base = tok.Surface
		}
		if isStopBase(base) {
			return "", false, false
		}
		return base, true, false
	case "接頭詞":
		if (w.pos1 == "名詞接続" || w.pos1 == "数接続") && !isAllHiragana(tok.Surface) {
			return tok.Surface, true, isCompoundChars(tok.Surface)
		}
	case "記号":
		if w.pos1 == "アルファベット" {
			return tok.Surface, true, false
		}
	}
	if tok.Class == tokenizer.UNKNOWN && hasLetter(tok.Surface) {
		// Words in scripts the dictionary does not know (한국어).
		return tok.Surface, true, false
	}
	return "", false, false
}

// appendASCII appends the ASCII word s[start:end] as one term, split where
// PostgreSQL's parser would see a number in scientific notation.
func appendASCII(dst []term, s string, start, end int) []term {
	w := s[start:end]
	if n := sciPrefix(w); n > 0 && n < len(w) {
		dst = appendWhole(dst, w[:n], start, start+n)
		start, w = start+n, w[n:]
	}
	return appendWhole(dst, w, start, end)
}

// sciPrefix returns the length of the leading digits-e-digits of w (as in
// "1e5x"), or 0. PostgreSQL's default parser ends a word after it.
func sciPrefix(w string) int {
	i := 0
	for i < len(w) && isDigit(w[i]) {
		i++
	}
	if i == 0 || i+1 >= len(w) || w[i] != 'e' || !isDigit(w[i+1]) {
		return 0
	}
	i++
	for i < len(w) && isDigit(w[i]) {
		i++
	}
	return i
}

// appendPieces appends the runs of letters and digits in text (which starts
// at byte start of the normalised text) as terms.
func appendPieces(dst []term, text string, start int) []term {
	from := -1
	for i, r := range text {
		if isTermRune(r) {
			if from < 0 {
				from = i
			}
			continue
		}
		if from >= 0 {
			dst = appendWhole(dst, text[from:i], start+from, start+i)
			from = -1
		}
	}
	if from >= 0 {
		dst = appendWhole(dst, text[from:], start+from, start+len(text))
	}
	return dst
}

// appendWhole appends text as one term if it is made only of letters and
// digits and is not too long; otherwise it appends its pieces.
func appendWhole(dst []term, text string, start, end int) []term {
	if text == "" || len(text) > maxTermBytes {
		return dst
	}
	for _, r := range text {
		if !isTermRune(r) {
			return appendPieces(dst, text, start)
		}
	}
	return append(dst, term{text: foldKana(text), start: start, end: end})
}

// reading returns the reading of a noun written with kanji (餃子 → ぎょうざ),
// which the index holds besides the noun so that a search typed in kana
// finds it. Readings shorter than two characters (区 → く) would match too
// much and are left out, as are nouns without kanji, whose reading is
// their surface.
func reading(tok tokenizer.Token, w word) string {
	if w.pos0 != "名詞" {
		return ""
	}
	hasHan := false
	for _, r := range tok.Surface {
		if unicode.Is(unicode.Han, r) {
			hasHan = true
			break
		}
	}
	if !hasHan {
		return ""
	}
	r := w.reading
	if r == "*" || utf8.RuneCountInString(r) < 2 || !isKanaWord(r) {
		return ""
	}
	return r
}

// isTermRune reports whether r may appear in a term: a letter or a decimal
// digit, which both FTS5's unicode61 and PostgreSQL treat as word characters.
func isTermRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isASCIIWord reports whether s is a non-empty run of ASCII letters and
// digits.
func isASCIIWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

func isAllHiragana(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Hiragana, r) {
			return false
		}
	}
	return true
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
