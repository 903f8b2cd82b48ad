package domain

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file is the one place where what people type is brought into the
// form in which it is validated, compared and stored. Japanese users type
// full-width digits and letters, full-width addresses and readings in
// hiragana by habit; every form, the JSON API and the imports go through
// these functions, so no handler keeps a copy of its own.

// NormalizeText applies NFKC (full-width digits and letters to half-width,
// half-width kana to full-width, the ideographic space to a space) and
// trims surrounding space.
func NormalizeText(s string) string {
	return strings.TrimSpace(norm.NFKC.String(s))
}

// NormalizeEmail is the form in which addresses are stored and compared:
// NFKC (so ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ is taro@example.jp), trimmed and in
// lower case.
func NormalizeEmail(s string) string { return strings.ToLower(NormalizeText(s)) }

// NormalizeKana is the form in which a reading (フリガナ) is validated and
// stored: NFKC (half-width katakana become full-width, ｰ becomes ー),
// hiragana turned into katakana, a dash typed after a kana turned into the
// long-vowel mark ー, and runs of spaces (the ideographic space too)
// collapsed to one ASCII space with the ends trimmed. Whatever is not kana
// is left as it is, for IsKatakanaReading to refuse.
func NormalizeKana(s string) string {
	s = strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		switch {
		case r >= 'ぁ' && r <= 'ゖ', r == 'ゝ', r == 'ゞ':
			r += 'ァ' - 'ぁ'
		case isDash(r) && (unicode.Is(unicode.Katakana, prev) || prev == 'ー'):
			r = 'ー'
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// isDash reports whether r is one of the hyphen-like characters people
// type for a hyphen or a long vowel (after NFKC, which already turns the
// full-width hyphen-minus － into -).
func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', '─', '━', 'ー':
		return true
	}
	return false
}

// ParseNumber reads a whole number as typed: NFKC (so ２０ is 20), with
// thousands separators (1,000 or １，０００) and spaces removed.
func ParseNumber(s string) (int, error) {
	s = strings.NewReplacer(",", "", " ", "", "、", "").Replace(NormalizeText(s))
	return strconv.Atoi(s)
}

// ParseDate reads a calendar day in Japan as typed: NFKC (so
// ２０２５－０４－０１ is 2025-04-01), written 2025-04-01 or 2025/04/01.
func ParseDate(s string) (time.Time, error) {
	return time.ParseInLocation("2006-01-02", dateText(s), Japan())
}

// ParseDateTime reads a day and a time of day in Japan as typed (NFKC,
// 2025-04-01 or 2025/04/01, and 15:04 or １５：０４).
func ParseDateTime(date, clock string) (time.Time, error) {
	return time.ParseInLocation("2006-01-02 15:04", dateText(date)+" "+NormalizeText(clock), Japan())
}

func dateText(s string) string {
	return strings.ReplaceAll(NormalizeText(s), "/", "-")
}

// NormalizePhone reads a Japanese telephone number as typed: with or
// without hyphens, in full-width digits, with any hyphen-like character
// (ー － ‐ −), spaces or brackets between the groups, or from abroad as
// +81 without the leading 0. The canonical form it returns keeps the
// grouping as typed, since the length of the area code cannot be told
// from the digits alone: ASCII digits with one ASCII hyphen wherever the
// person put a separator (090ー1234ー5678 is 090-1234-5678, 09012345678
// stays 09012345678). A number is 10 or 11 digits starting with 0;
// anything else is a validation error on the field "phone". A blank
// number is "" without error: whether one is required is the caller's
// rule.
func NormalizePhone(s string) (string, error) {
	t := NormalizeText(s)
	if t == "" {
		return "", nil
	}
	if rest, ok := strings.CutPrefix(t, "+81"); ok {
		t = "0" + strings.TrimLeft(rest, " -(")
	}
	var b strings.Builder
	digits, sep := 0, false
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			if sep && digits > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(r)
			digits++
		case isDash(r) || r == ' ' || r == '(' || r == ')':
			sep = true
		default:
			return "", invalidPhone(s)
		}
	}
	p := b.String()
	if digits < 10 || digits > 11 || p[0] != '0' {
		return "", invalidPhone(s)
	}
	return p, nil
}

func invalidPhone(s string) error {
	var v ValidationErrors
	v.Add("phone", "error.phone", "Value", strings.TrimSpace(s))
	return v.Err()
}
