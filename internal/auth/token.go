package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// TokenBytes is the number of random bytes in a token: 256 bits, so tokens
// can neither be guessed nor collide.
const TokenBytes = 32

// APITokenPrefix starts every API token, so a leaked token is recognisable
// in logs and by secret scanners.
const APITokenPrefix = "tsu_"

// NewToken returns a fresh random token for email verification, password
// reset, invitations or sessions. plain is TokenBytes random bytes in
// unpadded URL-safe base64 (43 characters, safe in URLs and cookies); it
// goes to the user and is never stored. hash is HashToken(plain), the
// only form the database keeps, so a leaked table reveals no usable token.
func NewToken() (plain string, hash []byte, err error) {
	b := make([]byte, TokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("auth: reading random token: %w", err)
	}
	plain = base64.RawURLEncoding.EncodeToString(b)
	return plain, HashToken(plain), nil
}

// NewAPIToken returns a fresh API token: APITokenPrefix followed by 43
// characters as from NewToken. hash is HashToken of the whole plain token,
// prefix included, so lookups hash exactly what the client sends.
func NewAPIToken() (plain string, hash []byte, err error) {
	plain, _, err = NewToken()
	if err != nil {
		return "", nil, err
	}
	plain = APITokenPrefix + plain
	return plain, HashToken(plain), nil
}

// HashToken returns the SHA-256 digest (32 bytes) of a plain token, to look
// the token up by. A fast hash is right here, unlike for passwords: the
// token has 256 bits of entropy, so there is nothing to brute-force.
func HashToken(plain string) []byte {
	sum := sha256.Sum256([]byte(plain))
	return sum[:]
}

// API token lifetimes, in days: a token made without a choice lasts
// DefaultAPITokenDays, and none lasts longer than MaxAPITokenDays, so a
// forgotten or leaked token stops working by itself.
const (
	DefaultAPITokenDays = 90
	MaxAPITokenDays     = 365
)

// ProblemTokenDays is the catalog key for a lifetime outside 1..MaxAPITokenDays.
const ProblemTokenDays = "auth.token_days"

// APITokenDayChoices are the lifetimes the token page offers.
func APITokenDayChoices() []int { return []int{30, DefaultAPITokenDays, MaxAPITokenDays} }

// CheckAPITokenDays returns ProblemTokenDays when days is not a lifetime an
// API token may have, or "".
func CheckAPITokenDays(days int) (problemKey string) {
	if days < 1 || days > MaxAPITokenDays {
		return ProblemTokenDays
	}
	return ""
}
