package seed

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

func TestDemoLoadsEverythingOnce(t *testing.T) {
	ctx := context.Background()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	ds, err := demo.Generate(ref, demo.DefaultSeed, now)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Demo(ctx, st, ref, demo.DefaultSeed, now)
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{len(ds.Municipalities), len(ds.Organizations), len(ds.Programs), len(ds.Projects), len(ds.Talents), len(ds.Entries)}
	if c != want {
		t.Fatalf("loaded %v, generated %v", c, want)
	}
	h, err := st.HubStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h.Municipalities != want.Municipalities || h.Talents != want.Talents || h.Entries != want.Entries || h.Programs != want.Programs {
		t.Errorf("database holds %+v, want %v", h, want)
	}
	// Entry choices point at the remapped projects of the right program.
	p, err := st.ProgramBySlug(ctx, demo.Ota2021Slug)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := st.ProgramStats(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Entries != 440 || stats.EntrantsInside < 80 || stats.EntrantsInside > 120 {
		t.Errorf("2021 stats %+v", stats)
	}
	if _, err := Demo(ctx, st, ref, demo.DefaultSeed, now); err == nil || !strings.Contains(err.Error(), "already has data") {
		t.Errorf("second load: %v", err)
	}
	h2, _ := st.HubStats(ctx)
	if h2 != h {
		t.Errorf("a refused load changed the database: %+v → %+v", h, h2)
	}
}
