package demo

import (
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestProgramWindows(t *testing.T) {
	ds, _ := generate(t)
	now := testNow()
	jst := time.FixedZone("JST", 9*60*60)
	p2021 := programBySlug(t, ds, Ota2021Slug)
	if got := p2021.Phase(now); got != domain.PhaseClosed {
		t.Errorf("2021 program is %s, want closed", got)
	}
	if o := p2021.EntryOpensAt.In(jst); o.Year() != 2021 || o.Month() != time.July || o.Day() != 1 || o.Hour() != 0 {
		t.Errorf("2021 program opens %s", o)
	}
	if c := p2021.EntryClosesAt.In(jst); c.Month() != time.August || c.Day() != 31 {
		t.Errorf("2021 program closes %s", c)
	}
	if len(p2021.HostIDs) != 3 {
		t.Errorf("2021 program has %d co-hosts, want 3", len(p2021.HostIDs))
	}
	if p2021.Delegate != p2021.HostIDs[1] || p2021.Delegate == 0 {
		t.Errorf("2021 program delegated to %d, want the partner %d", p2021.Delegate, p2021.HostIDs[1])
	}
	if p := programBySlug(t, ds, "ota-sdgs-2026"); p.Delegate != 0 {
		t.Errorf("the current program is delegated to %d, want nobody", p.Delegate)
	}
	for _, slug := range []string{"ota-sdgs-2026", "tsubame-monozukuri-2026"} {
		p := programBySlug(t, ds, slug)
		if got := p.Phase(now); got != domain.PhaseOpen {
			t.Errorf("%s is %s, want open", slug, got)
		}
		for _, at := range []time.Time{p.EntryOpensAt, p.EntryClosesAt} {
			if j := at.In(jst); j.Hour() != 0 || j.Minute() != 0 || j.Second() != 0 || at.Location() != time.UTC {
				t.Errorf("%s: window edge %s is not JST midnight in UTC", slug, at)
			}
		}
		for _, pr := range ds.Projects {
			if pr.ProgramID == p.ID && (pr.Status != domain.ProjectPublished || !pr.StartsOn.After(p.EntryClosesAt)) {
				t.Errorf("%s: project %q is %s from %s", slug, pr.Title, pr.Status, pr.StartsOn)
			}
		}
	}
	ota := programBySlug(t, ds, "ota-sdgs-2026")
	if d := now.Sub(ota.EntryOpensAt); d < 30*24*time.Hour || d > 31*24*time.Hour {
		t.Errorf("ota-sdgs-2026 opened %s before now", d)
	}
	if d := ota.EntryClosesAt.Sub(now); d < 44*24*time.Hour || d > 45*24*time.Hour {
		t.Errorf("ota-sdgs-2026 closes %s after now", d)
	}
}

func TestEntries2021(t *testing.T) {
	ds, _ := generate(t)
	p := programBySlug(t, ds, Ota2021Slug)
	counts := map[domain.EntryStatus]int{}
	lastWeek := 0
	var prev time.Time
	for _, e := range ds.Entries {
		if e.ProgramID != p.ID {
			continue
		}
		counts[e.Status]++
		if e.SubmittedAt.Before(p.EntryOpensAt) || !e.SubmittedAt.Before(p.EntryClosesAt) {
			t.Errorf("entry %d submitted %s, outside the window", e.ID, e.SubmittedAt)
		}
		if e.SubmittedAt.Before(prev) {
			t.Errorf("entry %d is numbered out of submission order", e.ID)
		}
		prev = e.SubmittedAt
		if p.EntryClosesAt.Sub(e.SubmittedAt) < 7*24*time.Hour {
			lastWeek++
		}
		if len(e.Choices) < 1 || len(e.Choices) > 5 || e.Motivation == "" {
			t.Errorf("entry %d: %d choices, motivation %q", e.ID, len(e.Choices), e.Motivation)
		}
	}
	if n := counts[domain.EntryOffered]; n < 30 || n > 60 {
		t.Errorf("%d offered, want 30–60", n)
	}
	if n := counts[domain.EntryWithdrawn]; n < 1 || n > 20 {
		t.Errorf("%d withdrawn, want a few", n)
	}
	if counts[domain.EntryDeclined] < 300 || counts[domain.EntrySubmitted]+counts[domain.EntryScreening] != 0 {
		t.Errorf("statuses %v: want most declined and none pending", counts)
	}
	// A uniform spread would put 7/62 (11%) in the last week.
	if lastWeek < 440*20/100 {
		t.Errorf("%d entries in the last week; want a rush near the deadline", lastWeek)
	}
}

func TestCurrentEntries(t *testing.T) {
	ds, _ := generate(t)
	now := testNow()
	entered2021 := map[int64]bool{}
	p2021 := programBySlug(t, ds, Ota2021Slug)
	for _, e := range ds.Entries {
		if e.ProgramID == p2021.ID {
			entered2021[e.TalentID] = true
		}
	}
	for _, c := range []struct {
		slug     string
		min, max int
	}{{"ota-sdgs-2026", 30, 50}, {"tsubame-monozukuri-2026", 3, 10}} {
		p := programBySlug(t, ds, c.slug)
		n, niigata := 0, 0
		for _, e := range ds.Entries {
			if e.ProgramID != p.ID {
				continue
			}
			n++
			if e.Status != domain.EntrySubmitted && e.Status != domain.EntryScreening {
				t.Errorf("%s entry %d is %s", c.slug, e.ID, e.Status)
			}
			if e.SubmittedAt.Before(p.EntryOpensAt) || e.SubmittedAt.After(now) {
				t.Errorf("%s entry %d submitted %s", c.slug, e.ID, e.SubmittedAt)
			}
			if !entered2021[e.TalentID] {
				t.Errorf("%s entry %d: talent %d did not enter 2021", c.slug, e.ID, e.TalentID)
			}
			for _, a := range ds.Talents[e.TalentID-1].Affinities {
				if a.LGCode[:2] == "15" {
					niigata++
					break
				}
			}
		}
		if n < c.min || n > c.max {
			t.Errorf("%s has %d entries, want %d–%d", c.slug, n, c.min, c.max)
		}
		if c.slug == "tsubame-monozukuri-2026" && niigata < 2 {
			t.Errorf("%d Tsubame entrants tied to Niigata, want some", niigata)
		}
	}
}

func TestGenerateAtOtherMoments(t *testing.T) {
	ref := loadRef(t)
	for _, now := range []time.Time{
		time.Date(2022, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2027, time.December, 31, 16, 30, 0, 0, time.UTC), // 2028-01-01 in Japan
		time.Now(),
	} {
		ds, err := Generate(ref, 7, now)
		if err != nil {
			t.Fatalf("now %s: %v", now, err)
		}
		open := 0
		for _, p := range ds.Programs {
			if p.Phase(now) == domain.PhaseOpen {
				open++
			}
		}
		if open != 2 {
			t.Errorf("now %s: %d open programs, want 2", now, open)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	ref := loadRef(b)
	now := testNow()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(ref, DefaultSeed, now); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOtaBusinessesTellTheirStory: every Ota business has a story and a
// place for its public profile, and the 2021 program was run day to day
// by the partner, as it was.
func TestOtaBusinessesTellTheirStory(t *testing.T) {
	for _, b := range otaBusinesses() {
		o := orgFromBusiness(b, otaID, "東京都大田区")
		if o.Story == "" || o.Address != "東京都大田区"+b.Area {
			t.Errorf("%s: story %q, address %q", b.Key, o.Story, o.Address)
		}
	}
	if len(otaStories) != len(otaBusinesses()) {
		t.Errorf("%d stories for %d businesses", len(otaStories), len(otaBusinesses()))
	}
}
