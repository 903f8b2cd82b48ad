package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Compound sub-words: kagome sometimes splits a compound noun across a word
// the reader sees in it (副業者 is 副|業者), so the index also holds such
// words. See the package documentation.

// isSubWordNoun reports whether an IPA noun sub-class may be a compound
// sub-word: only common nouns. Proper nouns may not (東京都 must not yield
// 京都, nor 佐賀市川副町 市川), nor suffixes, numbers and adverbial nouns.
func isSubWordNoun(sub string) bool {
	switch sub {
	case "一般", "サ変接続", "形容動詞語幹":
		return true
	}
	return false
}

// isCompoundChars reports whether s is made of kanji and katakana only: the
// tokens that make up compound nouns such as 副業者 or 販路開拓.
func isCompoundChars(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !unicode.Is(unicode.Katakana, r) && r != 'ー' && r != '々' {
			return false
		}
	}
	return s != ""
}

// subStart is a place in a compound run where a sub-word may start: at
// byte at, and ending after byte beyond (the end of the token it starts in).
type subStart struct{ at, beyond int }

// appendStarts appends the places where sub-words crossing out of the
// compound token tok, at bytes start..end, may start: the start of the
// token, unless it is a suffix (県南 in 神奈川県南足柄市 is noise), and every
// later character of a proper noun, as place names and surnames such as
// 向副, 野副 and 川副 swallow the 副 of 副業 (安曇野副業 is 安曇|野副|業).
func appendStarts(dst []subStart, tok tokenizer.Token, pos1 string, start, end int) []subStart {
	if pos1 != "接尾" {
		dst = append(dst, subStart{start, end})
	}
	if pos1 == "固有名詞" {
		for i := range tok.Surface {
			if i > 0 {
				dst = append(dst, subStart{start + i, end})
			}
		}
	}
	return dst
}

// subWords appends the dictionary's common nouns of two or more characters
// that start at one of starts inside the compound run ending at byte end
// and cross out of the token they start in.
func (a *Analyzer) subWords(dst []term, s string, starts []subStart, end int) []term {
	for _, st := range starts {
		found := ""
		a.lookup(s[st.at:end], func(id, n int) {
			w := s[st.at : st.at+n]
			if st.at+n <= st.beyond || w == found || utf8.RuneCountInString(w) < 2 {
				return
			}
			if a.nounPOS(id) {
				found = w
				dst = appendPieces(dst, w, st.at)
			}
		})
	}
	return dst
}
