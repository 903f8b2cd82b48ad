package store

import (
	"context"
	"crypto/sha256"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestCredentialsAndTokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		clock := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		s.now = func() time.Time { return clock }
		u := domain.User{Email: "hanako@example.jp", Name: "山田 花子"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		c, err := s.Accounts().Credentials(ctx, " HANAKO@example.jp")
		mustNil(t, err)
		if c.User.ID != u.ID || c.PasswordHash != "" || c.Verified || c.Lang != "ja" {
			t.Fatalf("new user: %+v", c)
		}
		mustNil(t, s.Accounts().SetPassword(ctx, u.ID, "$argon2id$stub"))
		mustNil(t, s.Accounts().MarkEmailVerified(ctx, u.ID))
		mustNil(t, s.Accounts().MarkEmailVerified(ctx, u.ID)) // idempotent
		c, _ = s.Accounts().Credentials(ctx, "hanako@example.jp")
		if c.PasswordHash != "$argon2id$stub" || !c.Verified {
			t.Errorf("after updates: %+v", c)
		}
		if err := s.Accounts().SetPassword(ctx, 999, "x"); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("unknown user: %v", err)
		}

		hash := sha256.Sum256([]byte("verify-me"))
		mustNil(t, s.Accounts().CreateToken(ctx, u.ID, domain.TokenVerifyEmail, hash[:], clock.Add(time.Hour), ""))
		if _, err := s.Accounts().UseToken(ctx, hash[:], domain.TokenResetPassword); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("wrong purpose: %v", err)
		}
		id, err := s.Accounts().UseToken(ctx, hash[:], domain.TokenVerifyEmail)
		if err != nil || id != u.ID {
			t.Fatalf("use: %d %v", id, err)
		}
		if _, err := s.Accounts().UseToken(ctx, hash[:], domain.TokenVerifyEmail); err == nil {
			t.Error("a one-time token worked twice")
		} else if key, _ := domain.ErrorKey(err); key != "error.token_used" {
			t.Errorf("second use: %s", key)
		}
		late := sha256.Sum256([]byte("late"))
		mustNil(t, s.Accounts().CreateToken(ctx, u.ID, domain.TokenResetPassword, late[:], clock.Add(time.Hour), ""))
		clock = clock.Add(2 * time.Hour)
		if _, err := s.Accounts().UseToken(ctx, late[:], domain.TokenResetPassword); err == nil {
			t.Error("an expired token worked")
		} else if key, _ := domain.ErrorKey(err); key != "error.token_expired" {
			t.Errorf("expired: %s", key)
		}

		// Two requests spending the same token at once: exactly one wins.
		race := sha256.Sum256([]byte("race"))
		mustNil(t, s.Accounts().CreateToken(ctx, u.ID, domain.TokenResetPassword, race[:], clock.Add(time.Hour), ""))
		var wg sync.WaitGroup
		wins := make(chan bool, 8)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.Accounts().UseToken(ctx, race[:], domain.TokenResetPassword)
				wins <- err == nil
			}()
		}
		wg.Wait()
		close(wins)
		n := 0
		for w := range wins {
			if w {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d requests spent one token", n)
		}

		api := sha256.Sum256([]byte("tsu_api"))
		if err := s.Accounts().CreateToken(ctx, u.ID, domain.TokenAPI, api[:], time.Time{}, "laptop"); err == nil {
			t.Error("an API token without an expiry was made")
		}
		mustNil(t, s.Accounts().CreateToken(ctx, u.ID, domain.TokenAPI, api[:], clock.AddDate(0, 0, 90), "laptop"))
		if id, err := s.Accounts().APITokenUser(ctx, api[:]); err != nil || id != u.ID {
			t.Errorf("api token: %d %v", id, err)
		}
		mustNil(t, s.Accounts().RevokeAPIToken(ctx, u.ID, api[:]))
		if _, err := s.Accounts().APITokenUser(ctx, api[:]); domain.ErrorCode(err) != domain.CodeUnauthorized {
			t.Errorf("revoked token: %v", err)
		}
		if err := s.Accounts().RevokeAPIToken(ctx, u.ID, api[:]); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("revoking twice: %v", err)
		}
	})
}

func TestSessionsAndOutbox(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ss := s.Accounts().Sessions()
		now := time.Now()
		mustNil(t, ss.Save(ctx, "tok1", []byte("first"), now.Add(time.Hour), SessionOwner{}))
		mustNil(t, ss.Save(ctx, "tok1", []byte("second"), now.Add(time.Hour), SessionOwner{}))
		mustNil(t, ss.Save(ctx, "old", []byte("x"), now.Add(-time.Minute), SessionOwner{}))
		f, found, err := ss.Find(ctx, "tok1")
		if err != nil || !found || string(f.Data) != "second" || f.Legacy {
			t.Errorf("find: %+v %v %v", f, found, err)
		}
		if _, found, _ := ss.Find(ctx, "old"); found {
			t.Error("an expired session was found")
		}
		if n, err := ss.DeleteExpired(ctx); err != nil || n != 1 {
			t.Errorf("delete expired: %d %v", n, err)
		}
		mustNil(t, ss.Delete(ctx, "tok1"))
		if _, found, _ := ss.Find(ctx, "tok1"); found {
			t.Error("a deleted session was found")
		}

		m := Mail{To: "hanako@example.jp", Lang: "ja", Subject: "【つなぐ】メールアドレスの確認", Body: "本文"}
		mustNil(t, s.Messaging().QueueMail(ctx, &m))
		mustNil(t, s.Messaging().QueueMail(ctx, &Mail{To: "b@example.jp", Lang: "en", Subject: "Hello", Body: "Body"}))
		all, err := s.Messaging().Outbox(ctx, 10, false)
		mustNil(t, err)
		if len(all) != 2 || all[1].Subject != m.Subject || !all[0].SentAt.IsZero() {
			t.Fatalf("outbox: %+v", all)
		}
		mustNil(t, s.Messaging().MarkMailSent(ctx, m.ID))
		unsent, err := s.Messaging().Outbox(ctx, 10, true)
		mustNil(t, err)
		if len(unsent) != 1 || unsent[0].To != "b@example.jp" {
			t.Errorf("unsent: %+v", unsent)
		}
	})
}

// TestResetLinksOneAtATime: TokenOwner tells whose a link is without
// spending it; SpendTokens spends every live link of the person for one
// purpose and no others.
func TestResetLinksOneAtATime(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		later := time.Now().Add(time.Hour)
		u := domain.User{Email: "reset@example.jp", Name: "再設定"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		first, second := sha256.Sum256([]byte("first")), sha256.Sum256([]byte("second"))
		verify := sha256.Sum256([]byte("verify"))
		mustNil(t, s.Accounts().CreateToken(ctx, u.ID, domain.TokenResetPassword, first[:], later, ""))
		mustNil(t, s.Accounts().CreateToken(ctx, u.ID, domain.TokenVerifyEmail, verify[:], later, ""))
		for range 2 {
			if id, err := s.Accounts().TokenOwner(ctx, first[:], domain.TokenResetPassword); err != nil || id != u.ID {
				t.Fatalf("owner: %d %v", id, err)
			}
		}
		// Asking again: the earlier link is spent, the new one is live.
		mustNil(t, s.Accounts().SpendTokens(ctx, u.ID, domain.TokenResetPassword))
		mustNil(t, s.Accounts().CreateToken(ctx, u.ID, domain.TokenResetPassword, second[:], later, ""))
		if _, err := s.Accounts().TokenOwner(ctx, first[:], domain.TokenResetPassword); err == nil {
			t.Error("the replaced link still works")
		} else if key, _ := domain.ErrorKey(err); key != "error.token_used" {
			t.Errorf("replaced link: %v", err)
		}
		if id, err := s.Accounts().UseToken(ctx, second[:], domain.TokenResetPassword); err != nil || id != u.ID {
			t.Errorf("the newest link: %d %v", id, err)
		}
		if _, err := s.Accounts().TokenOwner(ctx, verify[:], domain.TokenVerifyEmail); err != nil {
			t.Errorf("a confirmation link was spent with the reset links: %v", err)
		}
	})
}
