package auth

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Password length limits, in characters (runes) of the NFKC form.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 128
)

// Problem keys returned by CheckPassword; each is a message ID in the
// translation catalogs.
const (
	ProblemPasswordShort  = "auth.password_short"  // fewer than MinPasswordLen characters
	ProblemPasswordLong   = "auth.password_long"   // more than MaxPasswordLen characters
	ProblemPasswordEmail  = "auth.password_email"  // the email address or its local part
	ProblemPasswordCommon = "auth.password_common" // on the common list, or one character repeated
)

// CheckPassword applies the password policy for a new password and returns
// a problem key for translation, or "" when the password is acceptable.
//
// The policy is meant for people who are not technical: no rules about
// character classes, only a length of MinPasswordLen..MaxPasswordLen
// characters, not the account's email address or the part before the @,
// and not one of the most common passwords. Everything is checked on the
// NFKC form that HashPassword stores, so "ｐａｓｓｗｏｒｄ１２３" is as common
// as "password123"; the email and common-list checks ignore case.
func CheckPassword(password, email string) (problemKey string) {
	pw := norm.NFKC.String(password)
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return ProblemPasswordShort
	case n > MaxPasswordLen:
		return ProblemPasswordLong
	}
	lower := strings.ToLower(pw)
	if matchesEmail(lower, email) {
		return ProblemPasswordEmail
	}
	if isCommonPassword(lower) || isOneRepeatedRune(lower) {
		return ProblemPasswordCommon
	}
	return ""
}

// matchesEmail reports whether lower (a lower-cased NFKC password) equals
// the email address or its local part, ignoring case.
func matchesEmail(lower, email string) bool {
	email = strings.ToLower(norm.NFKC.String(strings.TrimSpace(email)))
	if email == "" {
		return false
	}
	if lower == email {
		return true
	}
	at := strings.LastIndexByte(email, '@')
	return at > 0 && lower == email[:at]
}

// isOneRepeatedRune reports whether s is one character repeated, such as
// "aaaaaaaaaa" or "0000000000".
func isOneRepeatedRune(s string) bool {
	first, size := utf8.DecodeRuneInString(s)
	return strings.Count(s, string(first)) == utf8.RuneCountInString(s) && size > 0
}

// isCommonPassword reports whether lower is on the embedded common list.
func isCommonPassword(lower string) bool {
	for line := range strings.Lines(commonPasswords) {
		if strings.TrimSuffix(line, "\n") == lower {
			return true
		}
	}
	return false
}
