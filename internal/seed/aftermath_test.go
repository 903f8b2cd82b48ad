package seed

import (
	"context"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// loadedDemo is the demo loaded into a fresh database of one engine, with
// the dataset and plan it came from.
type loadedDemo struct {
	st      *store.Store
	ds      *demo.Dataset
	plan    *demo.Aftermath
	program domain.Program
	now     time.Time // the moment the demo was loaded for
}

func loadDemo(t *testing.T, url string) loadedDemo {
	t.Helper()
	return loadDemoAt(t, url, time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
}

// loadDemoAt loads the demo as of now.
func loadDemoAt(t *testing.T, url string, now time.Time) loadedDemo {
	t.Helper()
	ctx := context.Background()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	c, err := Demo(ctx, st, ref, demo.DefaultSeed, now)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded in %s: %s", time.Since(start).Round(time.Millisecond), c)
	d := loadedDemo{st: st, now: now}
	if d.ds, err = demo.Generate(ref, demo.DefaultSeed, now); err != nil {
		t.Fatal(err)
	}
	if d.plan, err = demo.PlanAftermath(d.ds, demo.DefaultSeed); err != nil {
		t.Fatal(err)
	}
	if d.program, err = st.Directory().ProgramBySlug(ctx, demo.Ota2021Slug); err != nil {
		t.Fatal(err)
	}
	return d
}

// forEachEngine runs a test on SQLite and, when configured, PostgreSQL.
func forEachEngine(t *testing.T, test func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) { test(t, "") })
	t.Run("postgres", func(t *testing.T) { test(t, storetest.PostgresURL(t)) })
}

func TestDemoTeamsAtWork(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		d := loadDemo(t, url)
		planned := map[string]demo.Team{} // by project title
		for _, team := range d.plan.Teams {
			planned[d.ds.Projects[team.ProjectID-1].Title] = team
		}
		gs, err := d.st.Workspaces().Engagements(ctx, d.program.MunicipalityID)
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) == 0 || len(gs) != len(d.plan.Teams) {
			t.Fatalf("%d engagements, planned %d", len(gs), len(d.plan.Teams))
		}
		completed, newBusinesses := 0, 0
		for _, g := range gs {
			p, err := d.st.Projects().Project(ctx, g.ProjectID)
			if err != nil {
				t.Fatal(err)
			}
			plan, ok := planned[p.Title]
			if !ok || p.ProgramID != d.program.ID {
				t.Fatalf("an engagement for %q, not planned in 2021", p.Title)
			}
			team, err := d.st.Workspaces().Team(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			if len(team) == 0 || len(team) != len(plan.Members) {
				t.Errorf("%s: team of %d, planned %d", p.Title, len(team), len(plan.Members))
			}
			checkReports(t, d.st, g, team, p.Title)
			meetings, _ := d.st.Workspaces().Meetings(ctx, g.ID)
			milestones, _ := d.st.Workspaces().Milestones(ctx, g.ID)
			messages, _ := d.st.Workspaces().Messages(ctx, g.ID, 10)
			if len(meetings) == 0 || len(milestones) < 2 || len(messages) == 0 || g.Goal == "" {
				t.Errorf("%s: %d meetings, %d milestones, %d messages, goal %q", p.Title, len(meetings), len(milestones),
					len(messages), g.Goal)
			}
			if (g.Status == domain.EngagementCompleted) != plan.Completed || g.StoryConsent != plan.StoryConsent {
				t.Errorf("%s: status %s, story consent %v; planned %+v", p.Title, g.Status, g.StoryConsent, plan)
			}
			if g.Status == domain.EngagementCompleted {
				completed++
				checkReviews(t, d.st, g, team, p.Title)
			}
			ins, _ := d.st.Workspaces().Indicators(ctx, g.ID)
			if len(ins) < 1 || len(ins) > 3 {
				t.Errorf("%s: %d indicators", p.Title, len(ins))
			}
			for _, in := range ins {
				if in.Kind == domain.IndicatorNewBusiness && in.HasResult() {
					newBusinesses += int(in.Result)
				}
				if !in.HasResult() && g.Status == domain.EngagementCompleted {
					t.Errorf("%s: a completed team has no %s result", p.Title, in.Kind)
				}
			}
		}
		if completed != len(gs) {
			t.Errorf("%d of %d engagements completed; want all, the 2021 program ended in March 2022", completed, len(gs))
		}
		if newBusinesses != d.plan.NewBusinesses() || newBusinesses != demo.NewBusinesses2021 {
			t.Errorf("%d new businesses recorded, planned %d", newBusinesses, d.plan.NewBusinesses())
		}
	})
}

// checkReports requires a report from every member for every month of their
// agreement.
func checkReports(t *testing.T, st *store.Store, g domain.Engagement, team []store.TeamMember, title string) {
	t.Helper()
	reports, err := st.Workspaces().Reports(context.Background(), g.ID)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		talent int64
		month  string
	}
	have := map[key]bool{}
	for _, r := range reports {
		have[key{r.TalentID, r.Month}] = true
	}
	for _, m := range team {
		a := m.Agreement
		if !a.Complete() || a.StartsOn.IsZero() {
			t.Errorf("%s: member %s has agreement %+v", title, m.Name, a)
		}
		for month := a.StartsOn.In(domain.Japan()); !month.After(a.EndsOn); month = month.AddDate(0, 1, 0) {
			if !have[key{m.TalentID, month.Format("2006-01")}] {
				t.Errorf("%s: no report from %s for %s", title, m.Name, month.Format("2006-01"))
			}
		}
	}
}

// checkReviews requires reviews both ways for every member.
func checkReviews(t *testing.T, st *store.Store, g domain.Engagement, team []store.TeamMember, title string) {
	t.Helper()
	reviews, err := st.Workspaces().TeamReviews(context.Background(), g.ID)
	if err != nil {
		t.Fatal(err)
	}
	sides := map[int64]map[domain.ReviewSide]bool{}
	for _, r := range reviews {
		if sides[r.TalentID] == nil {
			sides[r.TalentID] = map[domain.ReviewSide]bool{}
		}
		sides[r.TalentID][r.Side] = true
	}
	for _, m := range team {
		if !sides[m.TalentID][domain.ReviewByBusiness] || !sides[m.TalentID][domain.ReviewByTalent] {
			t.Errorf("%s: reviews of %s: %v", title, m.Name, sides[m.TalentID])
		}
	}
}

func TestDemoEntriesFollowAgreements(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		d := loadDemo(t, url)
		rows, err := d.st.Entries().EntriesOfProgram(ctx, d.program.ID)
		if err != nil {
			t.Fatal(err)
		}
		complete, pending, none := 0, 0, 0
		for _, e := range rows {
			a, err := d.st.Agreements().AgreementOfEntry(ctx, e.ID)
			switch {
			case domain.ErrorCode(err) == domain.CodeNotFound:
				ivs, err := d.st.Entries().Interviews(ctx, e.ID)
				if err != nil {
					t.Fatal(err)
				}
				if e.Status == domain.EntryOffered {
					t.Errorf("entry %d is still offered", e.ID)
				}
				if e.Status == domain.EntryWithdrawn && len(ivs) > 0 { // an offer (each followed an interview) declined
					none++
				}
				if e.Status == domain.EntryAgreed {
					t.Errorf("entry %d is agreed without an agreement", e.ID)
				}
			case err != nil:
				t.Fatal(err)
			case a.Complete():
				complete++
				if e.Status != domain.EntryAgreed {
					t.Errorf("entry %d has a complete agreement but is %s", e.ID, e.Status)
				}
			default:
				pending++
				if e.Status != domain.EntryWithdrawn {
					t.Errorf("entry %d has terms never accepted by all but is %s, not declined", e.ID, e.Status)
				}
			}
		}
		want := 0
		for _, a := range d.plan.Agreements {
			if len(a.Accepted) == len(domain.Parties()) {
				want++
			}
		}
		if complete != want || pending == 0 || none == 0 || complete+pending+none != len(d.ds.Offers) {
			t.Errorf("%d complete (planned %d), %d in progress, %d offers without terms, of %d offers",
				complete, want, pending, none, len(d.ds.Offers))
		}
	})
}
