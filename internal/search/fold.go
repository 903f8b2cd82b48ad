package search

import (
	"unicode"
	"unicode/utf8"
)

// Folding: every index and query term is written in one kana script, so a
// word typed in hiragana (ほーむぺーじ) matches the same word written in
// katakana (ホームページ). Katakana is folded to hiragana after analysis
// (kagome reads the two scripts differently, so the text it analyses is left
// as it is); the long-vowel mark ー is shared by both scripts, and a dash
// typed after kana in its place (ほ-むぺ-じ) is read as ー before analysis.

// foldKana returns s with katakana folded to hiragana. Katakana without a
// hiragana counterpart (ヷ, ヸ, ヹ, ヺ) and the long-vowel mark stay.
func foldKana(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isFoldableKatakana(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	b := []rune(s)
	for j, r := range b {
		if isFoldableKatakana(r) {
			b[j] = r - 0x60
		}
	}
	return string(b)
}

// isFoldableKatakana reports whether r is katakana ァ..ヶ, which have a
// hiragana counterpart 0x60 code points before them.
func isFoldableKatakana(r rune) bool { return 'ァ' <= r && r <= 'ヶ' }

// toKatakana returns s with hiragana ぁ..ゖ written in katakana.
func toKatakana(s string) string {
	b := []rune(s)
	for j, r := range b {
		if 'ぁ' <= r && r <= 'ゖ' {
			b[j] = r + 0x60
		}
	}
	return string(b)
}

// isKanaWord reports whether s is made of kana (and ー) only.
func isKanaWord(s string) bool {
	for _, r := range s {
		if !isKana(r) && r != 'ー' {
			return false
		}
	}
	return s != ""
}

// isKana reports whether r is hiragana or katakana, the middle dot ・ aside.
func isKana(r rune) bool {
	return r != '・' && (unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// isDash reports whether r is a dash that people type for ー after kana.
// NFKC has already turned the full-width and half-width forms into these.
func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', '〜', '~':
		return true
	}
	return false
}
