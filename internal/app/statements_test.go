package app

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// The public pages and a talent's own page run as many statements with a
// few programs, municipalities or entries as with many: nothing is read
// once per item. Each test renders with a few, adds many more, renders
// again and compares the counts exactly, then checks what the page shows
// against the single reads it replaced.

func TestHomeStatementsDoNotGrowWithPrograms(t *testing.T) {
	engines(t, func(t *testing.T, url string) {
		w := newHubWorld(t, url)
		add := func(m domain.Municipality, daysAgo int) {
			p := w.program(m, daysAgo)
			open := w.project(p, domain.ProjectPublished)
			w.project(p, domain.ProjectClosed)
			w.project(p, domain.ProjectDraft)
			inside, _ := w.talent(m.LGCode)
			outside, _ := w.talent("")
			w.entry(inside, p, open.ID)
			w.entry(outside, p, open.ID)
		}
		var muns []domain.Municipality
		for i := range 3 {
			muns = append(muns, w.municipality())
			add(muns[i], []int{3, 10, 90}[i]) // two open, one closed
		}
		// Counted afresh each time (the totals are otherwise reused a minute).
		home := func() error {
			w.app.Hub.totals.forget()
			w.app.Hub.programs.m = nil
			_, err := w.app.Hub.Home(w.ctx)
			return err
		}
		few := w.statements(home)
		// 27 more programs: 17 closed, beyond the 12 the page shows, and
		// 10 open, in new municipalities and in the first ones.
		for i := range 27 {
			m := muns[i%len(muns)]
			if i%3 == 0 {
				m = w.municipality()
			}
			daysAgo := 40 + 20*i
			if i%3 == 1 {
				daysAgo = 1 + i
			}
			add(m, daysAgo)
		}
		many := w.statements(home)
		if few != many {
			t.Errorf("home: %d statements with 3 programs, %d with 30", few, many)
		}
		t.Logf("home: %d statements with 3 programs, %d with 30", few, many)

		got, err := w.app.Hub.Home(w.ctx)
		w.must(err)
		all, err := w.st.Directory().Programs(w.ctx, 0)
		w.must(err)
		var want []int64
		closed := 0
		for _, p := range all {
			if p.Phase(w.now) == domain.PhaseClosed {
				if closed++; closed > homePastPrograms {
					continue
				}
			}
			want = append(want, p.ID)
		}
		var ids []int64
		for _, c := range got.Programs {
			ids = append(ids, c.ID)
			stats, err := w.st.Insights().ProgramStats(w.ctx, c.ID)
			w.must(err)
			if c.Stats != stats {
				t.Errorf("program %s: figures %+v, ProgramStats %+v", c.Slug, c.Stats, stats)
			}
			mu, err := w.st.Directory().MunicipalityByID(w.ctx, c.MunicipalityID)
			w.must(err)
			if c.Municipality != mu || len(c.Hosts) != 1 || c.Hosts[0].ID != w.hosts[mu.ID] {
				t.Errorf("program %s: municipality %+v, hosts %+v", c.Slug, c.Municipality, c.Hosts)
			}
		}
		if !reflect.DeepEqual(ids, want) || len(want) != 11+homePastPrograms {
			t.Errorf("programs %v, want every open one and the %d latest closed: %v", ids, homePastPrograms, want)
		}
		if got.Programs[0].Stats != (ProgramStats{Projects: 2, Entries: 2, EntrantsInside: 1}) {
			t.Errorf("figures of the newest program %+v", got.Programs[0].Stats)
		}
		for _, c := range got.Latest {
			if c.Municipality.ID != c.MunicipalityID || c.Program.ID != c.ProgramID || c.Host.ID != c.HostID {
				t.Errorf("latest project %d: %+v", c.ID, c)
			}
		}
	})
}

func TestHometownStatementsDoNotGrowWithMunicipalities(t *testing.T) {
	engines(t, func(t *testing.T, url string) {
		w := newHubWorld(t, url)
		add := func(projects int) domain.Municipality {
			m := w.municipality()
			p := w.program(m, 3)
			for range projects {
				w.project(p, domain.ProjectPublished)
			}
			w.project(p, domain.ProjectClosed)
			w.project(p, domain.ProjectDraft)
			return m
		}
		chosen := add(hometownProjects + 3) // more than a group shows
		add(1)
		empty := add(0) // not shown: no open projects
		page := func() error {
			_, err := w.app.Hub.Hometown(w.ctx, HometownQuery{Municipality: chosen.LGCode})
			return err
		}
		few := w.statements(page)
		for i := range 37 {
			add(1 + i%3)
		}
		add(hometownProjects + 3) // more than a group shows
		many := w.statements(page)
		if few != many {
			t.Errorf("hometown: %d statements with 3 municipalities, %d with 41", few, many)
		}
		t.Logf("hometown: %d statements with 3 municipalities, %d with 41", few, many)

		got, err := w.app.Hub.Hometown(w.ctx, HometownQuery{Municipality: chosen.LGCode})
		w.must(err)
		// The chosen place, then the nearest municipalities with open
		// projects, twenty in all.
		if len(got.Groups) != hometownGroups || got.Groups[0].Municipality.ID != chosen.ID || got.Groups[0].DistanceKm != 0 {
			t.Fatalf("%d groups, the first %+v", len(got.Groups), got.Groups[0].Municipality)
		}
		shown := map[int64]bool{}
		for _, g := range got.Groups {
			shown[g.Municipality.ID] = true
		}
		if shown[empty.ID] {
			t.Error("a municipality without open projects is shown")
		}
		ms, err := w.st.Directory().Municipalities(w.ctx)
		w.must(err)
		here, _ := w.app.ref.Municipality(chosen.LGCode)
		farthest := got.Groups[len(got.Groups)-1].DistanceKm
		for _, m := range ms {
			ref, _ := w.app.ref.Municipality(m.LGCode)
			km := int(math.Round(match.DistanceKm(match.Location{Lat: here.Lat, Lng: here.Lng, Valid: true},
				match.Location{Lat: ref.Lat, Lng: ref.Lng, Valid: true})))
			if !shown[m.ID] && m.ID != empty.ID && km < farthest {
				t.Errorf("%s at %d km is left out, %d km is shown", m.Name, km, farthest)
			}
		}
		full := 0
		for i, g := range got.Groups {
			if i > 0 && g.DistanceKm < got.Groups[i-1].DistanceKm {
				t.Errorf("group %d at %d km after one at %d km", i, g.DistanceKm, got.Groups[i-1].DistanceKm)
			}
			page, err := w.st.Projects().ListProjects(w.ctx, store.ProjectFilter{MunicipalityID: g.Municipality.ID,
				Limit: hometownProjects, Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
			w.must(err)
			if len(g.Projects) != len(page.Projects) {
				t.Errorf("%s: %d projects, ListProjects gives %d", g.Municipality.Name, len(g.Projects), len(page.Projects))
				continue
			}
			if len(g.Projects) == hometownProjects {
				full++
			}
			for j, c := range g.Projects {
				if !reflect.DeepEqual(c.Project, page.Projects[j]) || c.Host.ID != c.HostID ||
					c.Municipality != g.Municipality || c.Program.ID != 0 {
					t.Errorf("%s, project %d: %+v, ListProjects gives %+v", g.Municipality.Name, j, c, page.Projects[j])
				}
			}
		}
		if full != 1 {
			t.Errorf("%d full groups, want 1", full)
		}
	})
}

func TestMyPageStatementsDoNotGrowWithEntries(t *testing.T) {
	engines(t, func(t *testing.T, url string) {
		w := newHubWorld(t, url)
		talent, userID := w.talent("")
		var placed []int64 // projects of agreements accepted by all
		add := func(agree bool) {
			m := w.municipality()
			p := w.program(m, 3)
			a, b := w.project(p, domain.ProjectPublished), w.project(p, domain.ProjectPublished)
			e := w.entry(talent, p, a.ID, b.ID)
			start := w.now.Add(24 * time.Hour).Truncate(time.Hour)
			_, err := w.st.Entries().CreateInterview(w.ctx, &domain.Interview{EntryID: e.ID, StartsAt: start,
				EndsAt: start.Add(time.Hour), Place: "役場"})
			w.must(err)
			w.must(w.st.Community().Bookmark(w.ctx, userID, b.ID))
			w.must(w.st.Compliance().RecordConsent(w.ctx, &domain.Consent{UserID: userID, MunicipalityID: m.ID,
				Purpose: domain.ConsentScout, Granted: true}))
			w.must(w.st.Talents().SendScout(w.ctx, &domain.ScoutOffer{MunicipalityID: m.ID, TalentID: talent.ID,
				ProjectID: a.ID, Message: "ぜひ"}))
			if !agree {
				return
			}
			_, err = w.st.Entries().MoveEntries(w.ctx, p.ID, []int64{e.ID}, domain.EntryOffered, 0, "")
			w.must(err)
			ag := domain.Agreement{EntryID: e.ID, ProjectID: a.ID, Type: domain.AgreementProBono, HoursPerMonth: 10,
				StartsOn: w.now.AddDate(0, 1, 0), EndsOn: w.now.AddDate(0, 4, 0), Deliverables: "成果物"}
			w.must(w.st.Agreements().SaveAgreement(w.ctx, &ag, 0))
			for _, party := range domain.Parties() {
				_, err := w.st.Agreements().AcceptAgreement(w.ctx, ag.ID, ag.Version, party, 0)
				w.must(err)
			}
			placed = append(placed, a.ID)
		}
		add(true)
		add(false)
		ctx := WithPrincipal(w.ctx, Principal{UserID: userID})
		page := func() error { _, err := w.app.Talents.Home(ctx); return err }
		few := w.statements(page)
		for i := range 18 {
			add(i%4 == 0)
		}
		many := w.statements(page)
		if few != many {
			t.Errorf("my page: %d statements with 2 entries, %d with 20", few, many)
		}
		t.Logf("my page: %d statements with 2 entries, %d with 20", few, many)

		got, err := w.app.Talents.Home(ctx)
		w.must(err)
		entries, err := w.st.Entries().EntriesOfTalent(w.ctx, talent.ID)
		w.must(err)
		title := func(id int64) string {
			p, err := w.st.Projects().Project(w.ctx, id)
			w.must(err)
			return p.Title
		}
		if len(got.Entries) != 20 || len(entries) != 20 {
			t.Fatalf("%d entries shown of %d", len(got.Entries), len(entries))
		}
		for i, he := range got.Entries {
			e := entries[i]
			ivs, err := w.st.Entries().Interviews(w.ctx, e.ID)
			w.must(err)
			prog, err := w.st.Directory().ProgramByID(w.ctx, e.ProgramID)
			w.must(err)
			want := []string{title(e.Choices[0]), title(e.Choices[1])}
			if he.Entry.ID != e.ID || !reflect.DeepEqual(he.Projects, want) || !reflect.DeepEqual(he.Interviews, ivs) ||
				!reflect.DeepEqual(he.Program, prog) || !he.Editable == (e.Status == domain.EntrySubmitted) {
				t.Errorf("entry %d: %+v", e.ID, he)
			}
		}
		if len(got.Work) != len(placed) || len(got.Scouts) != 20 || len(got.Bookmarks) != 20 {
			t.Fatalf("%d agreements (want %d), %d offers, %d bookmarks", len(got.Work), len(placed), len(got.Scouts),
				len(got.Bookmarks))
		}
		for _, hw := range got.Work {
			g, err := w.st.Workspaces().EngagementOfProject(w.ctx, hw.Agreement.ProjectID)
			w.must(err)
			a, err := w.st.Agreements().Agreement(w.ctx, hw.Agreement.ID)
			w.must(err)
			if !reflect.DeepEqual(hw.Agreement, a) || len(a.Accepted) != 3 {
				t.Errorf("agreement %+v, read alone %+v", hw.Agreement, a)
			}
			if hw.Title != title(hw.Agreement.ProjectID) || hw.Engagement != g.ID || g.ID == 0 {
				t.Errorf("agreement %d: %+v", hw.Agreement.ID, hw)
			}
		}
		for _, hs := range got.Scouts {
			mu, err := w.st.Directory().MunicipalityByID(w.ctx, hs.Offer.MunicipalityID)
			w.must(err)
			if hs.Project != title(hs.Offer.ProjectID) || hs.Municipality != mu.Name {
				t.Errorf("offer %d: %+v", hs.Offer.ID, hs)
			}
		}
		for _, c := range got.Bookmarks {
			if c.Municipality.ID != c.MunicipalityID || c.Program.ID != c.ProgramID || c.Host.ID != c.HostID {
				t.Errorf("bookmark %d: %+v", c.ID, c)
			}
		}
	})
}
