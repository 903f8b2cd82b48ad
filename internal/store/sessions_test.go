package store

import (
	"context"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestIDsAreNeverReused: deleting the newest account (or talent) and making
// another never gives the new one an id used before, on either engine. On
// SQLite a plain INTEGER PRIMARY KEY would give the deleted id again, and
// with it the deleted person's open sessions.
func TestIDsAreNeverReused(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var highest int64
		for i, email := range []string{"a@example.jp", "b@example.jp", "c@example.jp"} {
			u := domain.User{Email: email, Name: "利用者"}
			mustNil(t, s.Accounts().CreateUser(ctx, &u))
			if i == 2 {
				highest = u.ID
				mustNil(t, s.Personal().DeleteAccount(ctx, u.ID))
			}
		}
		for range 2 { // and again: the newest is deleted each time
			u := domain.User{Email: "next@example.jp", Name: "次の人"}
			mustNil(t, s.Accounts().CreateUser(ctx, &u))
			if u.ID <= highest {
				t.Fatalf("new user got id %d, but %d was used before", u.ID, highest)
			}
			highest = u.ID
			mustNil(t, s.Personal().DeleteAccount(ctx, u.ID))
		}

		first := domain.Talent{Name: "一人目", NameKana: "ヒトリメ", ResidenceCountry: "JP"}
		second := domain.Talent{Name: "二人目", NameKana: "フタリメ", ResidenceCountry: "JP"}
		mustNil(t, s.Talents().CreateTalent(ctx, &first))
		mustNil(t, s.Talents().CreateTalent(ctx, &second))
		_, err := s.exec(ctx, `DELETE FROM talents WHERE id = $1`, second.ID)
		mustNil(t, err)
		third := domain.Talent{Name: "三人目", NameKana: "サンニンメ", ResidenceCountry: "JP"}
		mustNil(t, s.Talents().CreateTalent(ctx, &third))
		if third.ID <= second.ID {
			t.Errorf("new talent got id %d, but %d was used before", third.ID, second.ID)
		}
	})
}

// TestEndEverySessionOfAUser: ending a person's sessions ends all of
// theirs and nobody else's; a session a request in flight writes back
// afterwards stays dead, as does any session of a deleted account; a new
// session in the new generation lives.
func TestEndEverySessionOfAUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ss := s.Accounts().Sessions()
		later := time.Now().Add(time.Hour)
		hanako, taro := domain.User{Email: "hanako@example.jp", Name: "花子"}, domain.User{Email: "taro@example.jp", Name: "太郎"}
		mustNil(t, s.Accounts().CreateUser(ctx, &hanako))
		mustNil(t, s.Accounts().CreateUser(ctx, &taro))
		gen, err := ss.Generation(ctx, hanako.ID)
		if err != nil || gen != 0 {
			t.Fatalf("first generation: %d %v", gen, err)
		}
		old := SessionOwner{UserID: hanako.ID, Generation: gen}
		mustNil(t, ss.Save(ctx, "laptop", []byte("h1"), later, old))
		mustNil(t, ss.Save(ctx, "phone", []byte("h2"), later, old))
		mustNil(t, ss.Save(ctx, "taro", []byte("t1"), later, SessionOwner{UserID: taro.ID}))
		mustNil(t, ss.Save(ctx, "visitor", []byte("v1"), later, SessionOwner{}))

		n, err := ss.EndEvery(ctx, hanako.ID)
		if err != nil || n != 2 {
			t.Fatalf("EndEvery = %d, %v; want 2 sessions ended", n, err)
		}
		for token, want := range map[string]bool{"laptop": false, "phone": false, "taro": true, "visitor": true} {
			if _, found, err := ss.Find(ctx, token); err != nil || found != want {
				t.Errorf("session %s found = %v (%v), want %v", token, found, err, want)
			}
		}
		// A request that began before the end writes its session back.
		mustNil(t, ss.Save(ctx, "phone", []byte("h2"), later, old))
		if _, found, _ := ss.Find(ctx, "phone"); found {
			t.Error("a session written back after the end came alive again")
		}
		gen, err = ss.Generation(ctx, hanako.ID)
		if err != nil || gen != 1 {
			t.Fatalf("generation after the end: %d %v", gen, err)
		}
		mustNil(t, ss.Save(ctx, "new", []byte("h3"), later, SessionOwner{UserID: hanako.ID, Generation: gen}))
		if f, found, _ := ss.Find(ctx, "new"); !found || string(f.Data) != "h3" {
			t.Error("a session of the new generation was not found")
		}

		// A deleted account's sessions are gone even if nothing ended them.
		_, err = s.exec(ctx, `DELETE FROM users WHERE id = $1`, taro.ID)
		mustNil(t, err)
		if _, found, _ := ss.Find(ctx, "taro"); found {
			t.Error("a deleted account's session was found")
		}
		if _, err := ss.Generation(ctx, taro.ID); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("generation of a deleted account: %v", err)
		}
	})
}

// TestLegacySessionsAreAdoptedOrDropped: a session saved before sessions
// recorded their owner is found as legacy; it is adopted by its user if
// they exist and never ended their sessions since, and dropped otherwise.
func TestLegacySessionsAreAdoptedOrDropped(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ss := s.Accounts().Sessions()
		later := time.Now().Add(time.Hour)
		keeps, ended := domain.User{Email: "keeps@example.jp", Name: "継続"}, domain.User{Email: "ended@example.jp", Name: "終了"}
		mustNil(t, s.Accounts().CreateUser(ctx, &keeps))
		mustNil(t, s.Accounts().CreateUser(ctx, &ended))
		for _, token := range []string{"keeps", "ended", "gone"} {
			_, err := s.exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)`, token, []byte(token), later)
			mustNil(t, err)
		}
		f, found, err := ss.Find(ctx, "keeps")
		if err != nil || !found || !f.Legacy || string(f.Data) != "keeps" {
			t.Fatalf("legacy find: %+v %v %v", f, found, err)
		}
		if ok, err := ss.Adopt(ctx, "keeps", keeps.ID); err != nil || !ok {
			t.Fatalf("adopt: %v %v", ok, err)
		}
		if f, found, _ := ss.Find(ctx, "keeps"); !found || f.Legacy {
			t.Errorf("adopted session: %+v %v", f, found)
		}
		// Ended since: EndEvery cannot find the legacy row, but the
		// generation has moved, so it is never adopted.
		_, err = ss.EndEvery(ctx, ended.ID)
		mustNil(t, err)
		if ok, err := ss.Adopt(ctx, "ended", ended.ID); err != nil || ok {
			t.Errorf("adopted after the end: %v %v", ok, err)
		}
		if ok, err := ss.Adopt(ctx, "gone", 999999); err != nil || ok {
			t.Errorf("adopted by nobody: %v %v", ok, err)
		}
		for _, token := range []string{"ended", "gone"} {
			if _, found, _ := ss.Find(ctx, token); found {
				t.Errorf("refused legacy session %s is still there", token)
			}
		}
		// Once adopted, ending the owner's sessions ends it like any other.
		if n, err := ss.EndEvery(ctx, keeps.ID); err != nil || n != 1 {
			t.Errorf("EndEvery after adoption = %d, %v", n, err)
		}
	})
}
