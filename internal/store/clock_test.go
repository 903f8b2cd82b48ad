package store

import (
	"context"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestWithClockDatesRows stamps rows with an injected clock, outside and
// inside a transaction, in UTC whatever zone the clock gives, and leaves
// the store it was made from on its own clock.
func TestWithClockDatesRows(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		at := time.Date(2021, time.July, 1, 9, 30, 0, 0, domain.Japan())
		c := s.WithClock(func() time.Time { return at })
		u := domain.User{Email: "hanako@example.jp", Name: "山田 花子"}
		mustNil(t, c.Accounts().CreateUser(ctx, &u))
		m := domain.Municipality{LGCode: "131113", Slug: "ota", Name: "大田区", PrefCode: 13}
		at = at.Add(time.Hour)
		mustNil(t, c.InTx(ctx, func(tx *Store) error { return tx.Directory().CreateMunicipality(ctx, &m) }))
		before := time.Now()
		later := domain.User{Email: "taro@example.jp", Name: "山田 太郎"}
		mustNil(t, s.Accounts().CreateUser(ctx, &later))

		stamp := func(q string, id int64) time.Time {
			t.Helper()
			var v time.Time
			mustNil(t, s.queryRow(ctx, q, id).Scan(&v))
			return v
		}
		if got := stamp(`SELECT created_at FROM users WHERE id = $1`, u.ID); !got.Equal(at.Add(-time.Hour)) {
			t.Errorf("user made at %s, want %s", got, at.Add(-time.Hour))
		}
		if got := stamp(`SELECT created_at FROM municipalities WHERE id = $1`, m.ID); !got.Equal(at) {
			t.Errorf("municipality made in a transaction at %s, want %s", got, at)
		}
		if got := stamp(`SELECT created_at FROM users WHERE id = $1`, later.ID); got.Before(before.Add(-time.Second)) {
			t.Errorf("the original store stamped %s, not its own time", got)
		}
		// Times are stored in UTC, so SQLite compares them as text in order.
		var n int
		mustNil(t, s.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE created_at < $1`, at.UTC()).Scan(&n))
		if n != 1 {
			t.Errorf("%d users made before %s, want 1", n, at.UTC())
		}
	})
}
