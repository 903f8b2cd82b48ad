package store

import (
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestAPITokensExpireAndRecordUse: a token works until its expiry and is
// refused after it with its own message; each use is noted, at most once
// a minute; the owner's list shows both times.
func TestAPITokensExpireAndRecordUse(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		clock := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		s.now = func() time.Time { return clock }
		u := domain.User{Email: "api@example.jp", Name: "API 利用者"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		hash := sha256.Sum256([]byte("tsu_thirty"))
		expires := clock.AddDate(0, 0, 30)
		mustNil(t, s.Accounts().CreateToken(ctx, u.ID, domain.TokenAPI, hash[:], expires, "thirty days"))
		list := func() APIToken {
			t.Helper()
			tokens, err := s.Accounts().APITokens(ctx, u.ID)
			mustNil(t, err)
			if len(tokens) != 1 {
				t.Fatalf("%d tokens", len(tokens))
			}
			return tokens[0]
		}
		if tok := list(); !tok.ExpiresAt.Equal(expires) || !tok.LastUsedAt.IsZero() || tok.Label != "thirty days" {
			t.Errorf("new token: %+v", tok)
		}
		if id, err := s.Accounts().APITokenUser(ctx, hash[:]); err != nil || id != u.ID {
			t.Fatalf("use: %d %v", id, err)
		}
		if tok := list(); !tok.LastUsedAt.Equal(clock) {
			t.Errorf("last used %v, want %v", tok.LastUsedAt, clock)
		}
		first := clock
		clock = clock.Add(30 * time.Second)
		_, err := s.Accounts().APITokenUser(ctx, hash[:])
		mustNil(t, err)
		if tok := list(); !tok.LastUsedAt.Equal(first) {
			t.Errorf("a use within the minute wrote %v", tok.LastUsedAt)
		}
		clock = clock.Add(time.Minute)
		_, err = s.Accounts().APITokenUser(ctx, hash[:])
		mustNil(t, err)
		if tok := list(); !tok.LastUsedAt.Equal(clock) {
			t.Errorf("last used %v, want %v", tok.LastUsedAt, clock)
		}
		clock = expires.Add(-time.Second)
		if _, err := s.Accounts().APITokenUser(ctx, hash[:]); err != nil {
			t.Errorf("a second before expiry: %v", err)
		}
		clock = expires
		_, err = s.Accounts().APITokenUser(ctx, hash[:])
		if key, _ := domain.ErrorKey(err); domain.ErrorCode(err) != domain.CodeUnauthorized || key != "error.api_token_expired" {
			t.Errorf("at expiry: %v", err)
		}
		if tok := list(); !tok.Expired(clock) || tok.Expired(expires.Add(-time.Second)) {
			t.Errorf("Expired: %+v", tok)
		}
	})
}
