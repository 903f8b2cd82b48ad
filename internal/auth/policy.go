package auth

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Password length limits, in characters (runes) of the NFKC form.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 128
)

// Problem keys returned by CheckPassword; each is a message ID in the
// translation catalogs.
const (
	ProblemPasswordShort  = "auth.password_short"  // fewer than MinPasswordLen characters
	ProblemPasswordLong   = "auth.password_long"   // more than MaxPasswordLen characters
	ProblemPasswordEmail  = "auth.password_email"  // the email address or its local part
	ProblemPasswordName   = "auth.password_name"   // the person's name
	ProblemPasswordCommon = "auth.password_common" // on the common list, or one character repeated
)

// Owner is whose new password is checked: what a password must not be.
// Either field may be empty (a reset form that does not know the name
// yet checks what it has).
type Owner struct {
	Email string
	Name  string
}

// CheckPassword applies the password policy for a new password (at sign-up,
// reset and change) and returns a problem key for translation, or "" when
// the password is acceptable.
//
// The policy is meant for people who are not technical: no rules about
// character classes, only a length of MinPasswordLen..MaxPasswordLen
// characters, not the owner's email address, the part before the @, or
// their name, and not one of the most common passwords. Everything is
// checked on the NFKC form that HashPassword stores, so "ｐａｓｓｗｏｒｄ１２３"
// is as common as "password123"; the owner and common-list checks ignore
// case, and the owner checks ignore spaces too ("Yamada Hanako" is
// "yamadahanako").
func CheckPassword(password string, owner Owner) (problemKey string) {
	pw := norm.NFKC.String(password)
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return ProblemPasswordShort
	case n > MaxPasswordLen:
		return ProblemPasswordLong
	}
	lower := strings.ToLower(pw)
	if matchesEmail(lower, owner.Email) {
		return ProblemPasswordEmail
	}
	if name := comparable(owner.Name); name != "" && comparable(pw) == name {
		return ProblemPasswordName
	}
	if isCommonPassword(lower) || isOneRepeatedRune(lower) {
		return ProblemPasswordCommon
	}
	return ""
}

// comparable is s as the owner checks compare it: NFKC, lower case, and
// without any white space (a full-width space included).
func comparable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, strings.ToLower(norm.NFKC.String(s)))
}

// matchesEmail reports whether lower (a lower-cased NFKC password) equals
// the email address or its local part, ignoring case and spaces.
func matchesEmail(lower, email string) bool {
	email = comparable(email)
	if email == "" {
		return false
	}
	pw := comparable(lower)
	if pw == email {
		return true
	}
	at := strings.LastIndexByte(email, '@')
	return at > 0 && pw == email[:at]
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
