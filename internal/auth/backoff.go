package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Backoff is the progressive delay that failed attempts earn a throttling
// key. The first Free failures cost nothing; after failure Free+n the key
// must wait 2^n seconds from that failure (2 s, 4 s, 8 s …), at most Max.
// A key whose last failure is Forget old starts again from nothing.
//
// Unlike a lock-out it never refuses a key for long: the real owner of an
// account waits seconds, not hours, and (because keys pair an account
// with an address) a stranger's failures from elsewhere do not delay them
// at all.
type Backoff struct {
	Free   int
	Max    time.Duration
	Forget time.Duration
}

// Delay is how long a key must wait after its last failure, given how many
// failures it has.
func (b Backoff) Delay(failures int) time.Duration {
	n := failures - b.Free
	if n <= 0 {
		return 0
	}
	if n > 30 { // 2^30 s is decades; no need to shift further
		return b.Max
	}
	return min(time.Duration(1<<n)*time.Second, b.Max)
}

// Wait is how long a key with failures, the last at last, must still wait
// at now before its next attempt is even checked; 0 means go ahead.
func (b Backoff) Wait(failures int, last, now time.Time) time.Duration {
	if failures == 0 || !now.Before(last.Add(b.Forget)) {
		return 0
	}
	return max(last.Add(b.Delay(failures)).Sub(now), 0)
}

// ForgetBefore is the time before which a key's last failure no longer
// counts, at now.
func (b Backoff) ForgetBefore(now time.Time) time.Time { return now.Add(-b.Forget) }

// Throttle is one key that an attempt is counted under, with its backoff.
// Key is a hash, so the table that remembers failures holds no addresses
// or email addresses.
type Throttle struct {
	Key     string
	Backoff Backoff
}

// The backoffs of signing in. An account-and-address pair gets five free
// failures; an address alone, which may be an office or a phone network
// shared by many, gets twenty. Both forget after a day without failures.
func pairBackoff() Backoff {
	return Backoff{Free: 5, Max: 15 * time.Minute, Forget: 24 * time.Hour}
}

func addressBackoff() Backoff {
	return Backoff{Free: 20, Max: 15 * time.Minute, Forget: 24 * time.Hour}
}

// resetBackoff counts requests for reset links from one address.
func resetBackoff() Backoff {
	return Backoff{Free: 20, Max: 15 * time.Minute, Forget: time.Hour}
}

// LoginThrottles are the keys a password check is counted under: the
// account (an email address, as typed) together with the client address,
// and the client address alone. There is deliberately no key for the
// account alone, so nobody can keep its owner out by failing on purpose;
// guessing one account from many addresses is slowed per address.
func LoginThrottles(account, address string) []Throttle {
	return []Throttle{LoginPairThrottle(account, address),
		{Key: throttleKey("login-address", address), Backoff: addressBackoff()}}
}

// LoginPairThrottle is the account-and-address key of LoginThrottles, the
// one a successful sign-in clears.
func LoginPairThrottle(account, address string) Throttle {
	account = strings.ToLower(strings.TrimSpace(account))
	return Throttle{Key: throttleKey("login-pair", account, address), Backoff: pairBackoff()}
}

// PasswordResetThrottles are the keys a request for a reset link is
// counted under (every request counts, so the form cannot flood an inbox
// or probe for accounts quickly): the client address.
func PasswordResetThrottles(address string) []Throttle {
	return []Throttle{{Key: throttleKey("reset-address", address), Backoff: resetBackoff()}}
}

// LongestForget is the longest any throttle remembers a failure; rows
// older than that can be deleted.
func LongestForget() time.Duration {
	return max(pairBackoff().Forget, addressBackoff().Forget, resetBackoff().Forget)
}

// throttleKey hashes a kind and its parts into a key.
func throttleKey(kind string, parts ...string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}
