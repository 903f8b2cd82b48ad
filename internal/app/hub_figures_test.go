package app

import (
	"context"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestHubTotalsAreAMinuteOldAtMost: the home page's totals are reused
// for a minute, then counted again.
func TestHubTotalsAreAMinuteOldAtMost(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t, "")
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	a.now = func() time.Time { return now }
	first, err := a.Hub.Home(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := domain.Municipality{LGCode: "011002", Slug: "sapporo", Name: "札幌市", PrefCode: 1}
	if err := st.Directory().CreateMunicipality(ctx, &m); err != nil {
		t.Fatal(err)
	}
	now = now.Add(59 * time.Second)
	if again, _ := a.Hub.Home(ctx); again.Stats != first.Stats {
		t.Errorf("within the minute: %+v, want %+v", again.Stats, first.Stats)
	}
	now = now.Add(time.Second)
	later, err := a.Hub.Home(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if later.Stats.Municipalities != first.Stats.Municipalities+1 {
		t.Errorf("after a minute: %d municipalities, want %d", later.Stats.Municipalities, first.Stats.Municipalities+1)
	}
}
