package auth

import (
	"testing"
	"time"
)

func TestBackoffDoublesAfterTheFreeFailuresAndCaps(t *testing.T) {
	b := Backoff{Free: 5, Max: 15 * time.Minute, Forget: 24 * time.Hour}
	for failures, want := range map[int]time.Duration{
		0: 0, 1: 0, 5: 0,
		6: 2 * time.Second, 7: 4 * time.Second, 8: 8 * time.Second, 14: 512 * time.Second,
		15: 15 * time.Minute, 16: 15 * time.Minute, 100: 15 * time.Minute,
	} {
		if got := b.Delay(failures); got != want {
			t.Errorf("Delay(%d) = %v, want %v", failures, got, want)
		}
	}
}

func TestBackoffWaitCountsFromTheLastFailure(t *testing.T) {
	b := Backoff{Free: 5, Max: 15 * time.Minute, Forget: 24 * time.Hour}
	last := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		failures int
		at       time.Time
		want     time.Duration
	}{
		{0, last, 0},
		{5, last, 0},
		{7, last, 4 * time.Second},
		{7, last.Add(time.Second), 3 * time.Second},
		{7, last.Add(4 * time.Second), 0},
		{20, last.Add(10 * time.Minute), 5 * time.Minute},
		{20, last.Add(24 * time.Hour), 0}, // forgotten
	} {
		if got := b.Wait(tc.failures, last, tc.at); got != tc.want {
			t.Errorf("Wait(%d, +%v) = %v, want %v", tc.failures, tc.at.Sub(last), got, tc.want)
		}
	}
	if got := b.ForgetBefore(last); !got.Equal(last.Add(-24 * time.Hour)) {
		t.Errorf("ForgetBefore = %v", got)
	}
}

// TestLoginThrottlesKeepStrangersApart: the keys pair the account with the
// address, so a stranger's failures land on other keys than the owner's;
// there is no key for the account alone. Keys are hashes, never the
// address itself.
func TestLoginThrottlesKeepStrangersApart(t *testing.T) {
	owner := LoginThrottles("Hanako@Example.jp", "203.0.113.7")
	same := LoginThrottles(" hanako@example.jp ", "203.0.113.7")
	stranger := LoginThrottles("hanako@example.jp", "198.51.100.9")
	if len(owner) != 2 || owner[0] != same[0] || owner[1] != same[1] || owner[0] != LoginPairThrottle("hanako@example.jp", "203.0.113.7") {
		t.Fatalf("the same account and address give other keys: %v %v", owner, same)
	}
	for _, o := range owner {
		for _, s := range stranger {
			if o.Key == s.Key {
				t.Errorf("a stranger's attempt counts under the owner's key %s", o.Key)
			}
		}
	}
	if owner[0].Backoff.Free != 5 || owner[1].Backoff.Free != 20 || owner[0].Backoff.Max != 15*time.Minute {
		t.Errorf("backoffs: %+v", owner)
	}
	other := LoginThrottles("taro@example.jp", "203.0.113.7")
	if other[0].Key == owner[0].Key || other[1].Key != owner[1].Key {
		t.Error("the address key should be shared across accounts, the pair key not")
	}
	if reset := PasswordResetThrottles("203.0.113.7"); reset[0].Key == owner[1].Key {
		t.Error("reset requests share a key with sign-ins")
	}
	for _, k := range append(owner, stranger...) {
		if len(k.Key) != 64 {
			t.Errorf("key %q is not a SHA-256 in hex", k.Key)
		}
	}
	if LongestForget() != 24*time.Hour {
		t.Errorf("LongestForget = %v", LongestForget())
	}
}
