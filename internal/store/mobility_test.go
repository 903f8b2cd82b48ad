package store

import (
	"context"
	"database/sql"
	"reflect"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// mobilityModel is how MobilityFlows counted before it was written in SQL:
// every accepted agreement read into Go. The SQL must give the same.
func mobilityModel(t *testing.T, s *Store) []Flow {
	t.Helper()
	ctx := context.Background()
	rows, err := s.query(ctx, `SELECT a.talent_id, a.municipality_id, a.starts_on, g.status, g.completed_at
		FROM agreements a JOIN engagements g ON g.project_id = a.project_id
		WHERE `+acceptedByAll+`
		ORDER BY a.talent_id, a.starts_on, a.id`)
	mustNil(t, err)
	defer rows.Close()
	type team struct {
		municipality      int64
		starts, completed time.Time
	}
	byTalent := map[int64][]team{}
	for rows.Next() {
		var talent int64
		var tm team
		var starts, completed sql.NullTime
		var status string
		mustNil(t, rows.Scan(&talent, &tm.municipality, &starts, &status, &completed))
		tm.starts = dateOf(starts)
		if status == "completed" && completed.Valid {
			tm.completed = completed.Time
		}
		byTalent[talent] = append(byTalent[talent], tm)
	}
	mustNil(t, rows.Err())
	counts := map[[2]int64]int{}
	for _, teams := range byTalent {
		var first *team
		for i := range teams {
			if !teams[i].completed.IsZero() && (first == nil || teams[i].completed.Before(first.completed)) {
				first = &teams[i]
			}
		}
		if first == nil {
			continue
		}
		seen := map[int64]bool{}
		for _, tm := range teams {
			if tm.municipality != first.municipality && !tm.starts.Before(first.completed.Truncate(24*time.Hour)) && !seen[tm.municipality] {
				seen[tm.municipality] = true
				counts[[2]int64{first.municipality, tm.municipality}]++
			}
		}
	}
	out := []Flow{}
	for k, n := range counts {
		out = append(out, Flow{FromID: k[0], ToID: k[1], Talents: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Talents != out[j].Talents {
			return out[i].Talents > out[j].Talents
		}
		return out[i].FromID < out[j].FromID || (out[i].FromID == out[j].FromID && out[i].ToID < out[j].ToID)
	})
	return out
}

// TestMobilityFlowsTrickyCases checks the flows on ties, teams in the same
// municipality, teams starting before or on the day of the first
// completion, and a talent joining two teams in one destination, against
// the expected counts and the model.
func TestMobilityFlowsTrickyCases(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		sanjo := domain.Municipality{LGCode: "152048", Slug: "sanjo", Name: "三条市", PrefCode: 15}
		mustNil(t, s.Directory().CreateMunicipality(ctx, &sanjo))
		sanjoShop := domain.Organization{MunicipalityID: sanjo.ID, Kind: domain.OrgBusiness, Name: "三条刃物"}
		mustNil(t, s.Directory().CreateOrganization(ctx, &sanjoShop))
		hosts := map[int64]int64{f.ota.ID: f.mill.ID, f.tsubame.ID: f.other.ID, sanjo.ID: sanjoShop.ID}
		// Each project has a program of its own, so a talent enters each.
		n := 0
		project := func(municipality int64) int64 {
			t.Helper()
			n++
			open := time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)
			pr := domain.Program{MunicipalityID: municipality, Slug: "flow-" + strconv.Itoa(n), Title: "flow",
				EntryOpensAt: open, EntryClosesAt: open.AddDate(0, 1, 0), HostIDs: []int64{hosts[municipality]}}
			mustNil(t, s.Directory().CreateProgram(ctx, &pr))
			p := domain.Project{MunicipalityID: municipality, ProgramID: pr.ID, HostID: hosts[municipality], Title: "flow",
				SDGs: []int{9}, TeamSize: 10, HoursPerMonth: 10, WorkStyle: domain.WorkRemote, RewardType: domain.RewardProBono,
				Status: domain.ProjectPublished}
			mustNil(t, s.Projects().CreateProject(ctx, &p))
			return p.ID
		}
		talent := func(name string) int64 {
			t.Helper()
			tl := domain.Talent{Name: name, NameKana: "テスト", HoursPerMonth: 10, ResidenceCountry: "JP", TimeZone: "Asia/Tokyo"}
			mustNil(t, s.Talents().CreateTalent(ctx, &tl))
			return tl.ID
		}
		join := func(talentID, projectID int64, start time.Time) {
			t.Helper()
			p, err := s.Projects().Project(ctx, projectID)
			mustNil(t, err)
			e := domain.Entry{MunicipalityID: p.MunicipalityID, ProgramID: p.ProgramID, TalentID: talentID,
				Choices: []int64{projectID}, Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
			mustNil(t, s.Entries().CreateEntry(ctx, &e))
			_, err = s.Entries().MoveEntries(ctx, p.ProgramID, []int64{e.ID}, domain.EntryOffered, 0, "")
			mustNil(t, err)
			a := domain.Agreement{EntryID: e.ID, ProjectID: projectID, Type: domain.AgreementProBono, HoursPerMonth: 10,
				StartsOn: start, EndsOn: start.AddDate(0, 3, 0), Deliverables: "x"}
			mustNil(t, s.Agreements().SaveAgreement(ctx, &a, 0))
			for _, party := range domain.Parties() {
				_, err := s.Agreements().AcceptAgreement(ctx, a.ID, a.Version, party, 0)
				mustNil(t, err)
			}
		}
		complete := func(projectID int64, at time.Time) {
			t.Helper()
			_, err := s.exec(ctx, `UPDATE engagements SET status = 'completed', completed_at = $1 WHERE project_id = $2`,
				at, projectID)
			mustNil(t, err)
		}
		day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, domain.Japan()) }
		o1, o2 := project(f.ota.ID), project(f.ota.ID)
		t1, t2 := project(f.tsubame.ID), project(f.tsubame.ID)
		s1 := project(sanjo.ID)
		a, b, c, d, e := talent("A"), talent("B"), talent("C"), talent("D"), talent("E")
		// A completes o1 first (10 January, 23:30 UTC: the 11th in Japan),
		// then joins two Tsubame teams (counted once), a team in Ota (same
		// municipality) and one in Sanjo that started before.
		join(a, o1, day(2021, 10, 1))
		join(a, t1, day(2022, 2, 1))
		join(a, t2, day(2022, 3, 1))
		join(a, o2, day(2022, 2, 1))
		join(a, s1, day(2021, 12, 1))
		// C completes o1 too; a Sanjo team starting on the UTC day of the
		// completion is not later, a Tsubame one the day after is.
		join(c, o1, day(2021, 10, 1))
		join(c, s1, day(2022, 1, 10))
		join(c, t1, day(2022, 1, 11))
		// o2 and t2 complete at the same instant: B started t2 earlier (though
		// agreed to it later), so
		// Tsubame is B's first; E started both on one day and agreed to t2
		// first, so Tsubame is E's first too.
		join(b, o2, day(2022, 1, 1))
		join(b, t2, day(2021, 12, 1))
		join(b, s1, day(2022, 8, 1))
		join(e, t2, day(2022, 1, 1))
		join(e, o2, day(2022, 1, 1))
		join(e, s1, day(2022, 8, 1))
		// D never completes.
		join(d, t1, day(2022, 1, 1))
		join(d, s1, day(2022, 8, 1))
		if got, err := s.Insights().MobilityFlows(ctx); err != nil || len(got) != 0 {
			t.Fatalf("flows before any completion: %+v %v", got, err)
		}
		complete(o1, time.Date(2022, 1, 10, 23, 30, 0, 0, time.UTC))
		same := time.Date(2022, 6, 30, 12, 0, 0, 0, time.UTC)
		complete(o2, same)
		complete(t2, same)
		got, err := s.Insights().MobilityFlows(ctx)
		mustNil(t, err)
		want := []Flow{{FromID: f.ota.ID, ToID: f.tsubame.ID, Talents: 2}, {FromID: f.tsubame.ID, ToID: sanjo.ID, Talents: 2}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("flows %+v, want %+v", got, want)
		}
		if model := mobilityModel(t, s); !reflect.DeepEqual(got, model) {
			t.Errorf("flows %+v, the model counts %+v", got, model)
		}
	})
}
