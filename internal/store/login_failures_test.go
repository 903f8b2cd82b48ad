package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// TestLoginFailuresAreShared: two Store instances on one database (two
// servers behind a load balancer) count failed sign-ins together, even
// when they arrive at the same moment; a count forgotten by age starts
// again from one; clearing and forgetting remove keys.
func TestLoginFailuresAreShared(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "shared.db")
		a, b := openOn(t, "sqlite:"+path), openOn(t, "sqlite:"+path)
		loginFailuresScenario(t, a, b)
	})
	t.Run("postgres", func(t *testing.T) {
		url := storetest.PostgresURL(t)
		a, b := openOn(t, url), openOn(t, url)
		loginFailuresScenario(t, a, b)
	})
}

func openOn(t *testing.T, url string) *Store {
	t.Helper()
	s, err := Open(context.Background(), url, "")
	mustNil(t, err)
	t.Cleanup(func() { s.Close() })
	_, err = s.Migrate(context.Background())
	mustNil(t, err)
	return s
}

func loginFailuresScenario(t *testing.T, a, b *Store) {
	ctx := context.Background()
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	forget := at.Add(-24 * time.Hour)
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := a
			if i%2 == 1 {
				s = b
			}
			if err := s.Accounts().AddLoginFailure(ctx, "pair", at, forget); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for name, s := range map[string]*Store{"a": a, "b": b} {
		f, err := s.Accounts().LoginFailures(ctx, "pair")
		mustNil(t, err)
		if f.Count != 12 || !f.Last.Equal(at) {
			t.Errorf("instance %s sees %+v, want 12 failures, the last at %v", name, f, at)
		}
	}
	if f, err := a.Accounts().LoginFailures(ctx, "nobody"); err != nil || f != (LoginFailures{}) {
		t.Errorf("unknown key: %+v %v", f, err)
	}
	// A day later the old count is forgotten: the next failure is the first.
	next := at.Add(25 * time.Hour)
	mustNil(t, b.Accounts().AddLoginFailure(ctx, "pair", next, next.Add(-24*time.Hour)))
	if f, _ := a.Accounts().LoginFailures(ctx, "pair"); f.Count != 1 || !f.Last.Equal(next) {
		t.Errorf("after a quiet day: %+v", f)
	}
	mustNil(t, a.Accounts().AddLoginFailure(ctx, "address", at, forget))
	mustNil(t, b.Accounts().ClearLoginFailures(ctx, "pair"))
	if f, _ := a.Accounts().LoginFailures(ctx, "pair"); f.Count != 0 {
		t.Errorf("a cleared key still counts %d", f.Count)
	}
	if n, err := a.Accounts().ForgetLoginFailures(ctx, at.Add(time.Second)); err != nil || n != 1 {
		t.Errorf("forget: %d %v", n, err)
	}
	if f, _ := b.Accounts().LoginFailures(ctx, "address"); f.Count != 0 {
		t.Errorf("a forgotten key still counts %d", f.Count)
	}
}
