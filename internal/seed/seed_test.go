package seed

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
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
	plan, err := demo.PlanAftermath(ds, demo.DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{Municipalities: len(ds.Municipalities), Organizations: len(ds.Organizations), Programs: len(ds.Programs),
		Projects: len(ds.Projects), Talents: len(ds.Talents), Entries: len(ds.Entries),
		Agreements: len(plan.Agreements), Engagements: len(plan.Teams)}
	if c != want {
		t.Fatalf("loaded %v, generated %v", c, want)
	}
	h, err := st.Insights().HubStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h.Municipalities != want.Municipalities || h.Talents != want.Talents || h.Entries != want.Entries || h.Programs != want.Programs {
		t.Errorf("database holds %+v, want %v", h, want)
	}
	// Entry choices point at the remapped projects of the right program.
	p, err := st.Directory().ProgramBySlug(ctx, demo.Ota2021Slug)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := st.Insights().ProgramStats(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Entries != 440 || stats.EntrantsInside < 80 || stats.EntrantsInside > 120 {
		t.Errorf("2021 stats %+v", stats)
	}
	if _, err := Demo(ctx, st, ref, demo.DefaultSeed, now); err == nil || !strings.Contains(err.Error(), "already has data") {
		t.Errorf("second load: %v", err)
	}
	h2, _ := st.Insights().HubStats(ctx)
	if h2 != h {
		t.Errorf("a refused load changed the database: %+v → %+v", h, h2)
	}
}

func TestDemoAccounts(t *testing.T) {
	ctx := context.Background()
	ref, _ := refdata.Load()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := Demo(ctx, st, ref, demo.DefaultSeed, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	ota, _ := st.Directory().MunicipalityByLGCode(ctx, demo.OtaLGCode)
	tsubame, _ := st.Directory().MunicipalityByLGCode(ctx, demo.TsubameLGCode)
	for _, a := range DemoAccounts() {
		c, err := st.Accounts().Credentials(ctx, a.Email)
		if err != nil || !c.Verified || c.PasswordHash == "" {
			t.Fatalf("%s: %+v %v", a.Email, c, err)
		}
		ms, err := st.Accounts().Memberships(ctx, c.User.ID)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case a.Role == "":
			if len(ms) != 0 {
				t.Errorf("the talent has memberships: %+v", ms)
			}
			if _, err := st.Talents().TalentByUser(ctx, c.User.ID); err != nil {
				t.Errorf("the demo talent has no profile: %v", err)
			}
		case strings.HasPrefix(a.Email, "tsubame"):
			if len(ms) != 1 || ms[0].MunicipalityID != tsubame.ID || ms[0].Role != a.Role {
				t.Errorf("%s: %+v", a.Email, ms)
			}
		default:
			if len(ms) != 1 || ms[0].MunicipalityID != ota.ID || ms[0].Role != a.Role {
				t.Errorf("%s: %+v", a.Email, ms)
			}
		}
	}
	// The leader sees only what is assigned to them, so the demo assigns
	// them entries of 2021 and teams: those at work and one completed.
	leader, err := st.Accounts().Credentials(ctx, "leader@demo.tsunagu.example")
	if err != nil {
		t.Fatal(err)
	}
	p2021, err := st.Directory().ProgramBySlug(ctx, demo.Ota2021Slug)
	if err != nil {
		t.Fatal(err)
	}
	reviewers, err := st.Entries().ReviewersOfProgram(ctx, p2021.ID)
	if err != nil {
		t.Fatal(err)
	}
	entries := 0
	for _, r := range reviewers {
		if r.UserID == leader.User.ID {
			entries++
		}
	}
	leaders, err := st.Workspaces().TeamLeaders(ctx, ota.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	led := map[domain.EngagementStatus]int{}
	for _, l := range leaders {
		g, err := st.Workspaces().Engagement(ctx, l.EngagementID)
		if err != nil || l.UserID != leader.User.ID {
			t.Fatalf("leader %+v: %v", l, err)
		}
		led[g.Status]++
	}
	if entries != 12 || led[domain.EngagementActive] != 0 || led[domain.EngagementCompleted] != 1 {
		t.Errorf("the demo leader reviews %d entries and leads %v", entries, led)
	}
}
