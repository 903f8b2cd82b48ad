package seed

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// TestDashboardEqualsSQL checks every dashboard figure of the demo against
// a count written directly in SQL, for the 2021 program and for all of
// Ota's programs, on SQLite and PostgreSQL.
func TestDashboardEqualsSQL(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		d := loadDemo(t, url)
		ref, err := refdata.Load()
		if err != nil {
			t.Fatal(err)
		}
		db, closeDB, err := d.st.JobPool()
		if err != nil {
			t.Fatal(err)
		}
		defer closeDB()
		count := func(q string, args ...any) float64 {
			t.Helper()
			var n sql.NullFloat64
			if err := db.QueryRowContext(ctx, fmt.Sprintf(q, args...)).Scan(&n); err != nil {
				t.Fatalf("%s: %v", fmt.Sprintf(q, args...), err)
			}
			return n.Float64
		}
		mu := d.program.MunicipalityID
		scopes := map[string]struct {
			sc       store.DashboardScope
			entries  string // entries of the scope
			projects string // public projects of the scope
		}{
			"program": {store.DashboardScope{MunicipalityID: mu, ProgramID: d.program.ID},
				fmt.Sprintf("SELECT * FROM entries WHERE program_id = %d", d.program.ID),
				fmt.Sprintf("SELECT * FROM projects WHERE program_id = %d AND status IN ('published', 'closed')", d.program.ID)},
			"municipality": {store.DashboardScope{MunicipalityID: mu},
				fmt.Sprintf("SELECT * FROM entries WHERE municipality_id = %d", mu),
				fmt.Sprintf("SELECT * FROM projects WHERE municipality_id = %d AND status IN ('published', 'closed')", mu)},
		}
		for name, s := range scopes {
			t.Run(name, func(t *testing.T) {
				got, err := d.st.Insights().Dashboard(ctx, s.sc)
				if err != nil {
					t.Fatal(err)
				}
				check := func(what string, got, want float64) {
					t.Helper()
					if math.Abs(got-want) > 1e-6 {
						t.Errorf("%s: dashboard %v, SQL %v", what, got, want)
					}
				}
				E, P := "("+s.entries+")", "("+s.projects+")"
				check("entries", float64(got.Entries), count("SELECT COUNT(*) FROM %s e", E))
				check("entry dates", float64(len(got.EntryDates)), count("SELECT COUNT(*) FROM %s e", E))
				check("inside", float64(got.Inside), count(`SELECT COUNT(*) FROM %s e WHERE e.talent_id IN
					(SELECT talent_id FROM talent_affinities WHERE kind = 'lives' AND lgcode = '131113')`, E))
				sum := 0
				for _, c := range got.Prefectures {
					sum += c.Value
					q := `SELECT COUNT(*) FROM %s e WHERE NOT EXISTS (SELECT 1 FROM talent_affinities a WHERE a.talent_id = e.talent_id AND a.kind = 'born')`
					if c.Key != "" {
						q = `SELECT COUNT(*) FROM %s e WHERE (SELECT MIN(substr(a.lgcode, 1, 2)) FROM talent_affinities a
							WHERE a.talent_id = e.talent_id AND a.kind = 'born') = '` + c.Key + `'`
					}
					check("hometown "+c.Key, float64(c.Value), count(q, E))
				}
				check("hometowns add up", float64(sum), float64(got.Entries))
				for _, c := range ref.SkillCategories() {
					cat := c.Code
					check("skills offered "+cat, float64(got.SkillsOffered[cat]), count(`SELECT COUNT(DISTINCT e.talent_id) FROM %s e
						JOIN talent_skills ts ON ts.talent_id = e.talent_id WHERE ts.skill_code LIKE '%s-%%'`, E, cat))
					check("skills asked "+cat, float64(got.SkillsAsked[cat]), count(`SELECT COUNT(DISTINCT p.id) FROM %s p
						JOIN project_skills ps ON ps.project_id = p.id WHERE ps.skill_code LIKE '%s-%%'`, P, cat))
				}
				for g := 1; g <= 17; g++ {
					check(fmt.Sprintf("projects for goal %d", g), float64(got.SDGsProjects[g]),
						count(`SELECT COUNT(*) FROM %s p JOIN project_sdgs s ON s.project_id = p.id WHERE s.goal = %d`, P, g))
					check(fmt.Sprintf("interest in goal %d", g), float64(got.SDGsInterest[g]),
						count(`SELECT COUNT(DISTINCT e.talent_id) FROM %s e JOIN talent_sdgs s ON s.talent_id = e.talent_id WHERE s.goal = %d`, E, g))
				}
				f := got.Funnel
				check("offered", float64(f.Offered), count(`SELECT COUNT(*) FROM %s e WHERE e.status IN ('offered', 'agreed')
					OR e.id IN (SELECT entry_id FROM entry_events WHERE to_status IN ('offered', 'agreed'))`, E))
				check("declined", float64(f.Declined), count(`SELECT COUNT(*) FROM %s e WHERE e.status = 'declined'`, E))
				check("withdrawn", float64(f.Withdrawn), count(`SELECT COUNT(*) FROM %s e WHERE e.status = 'withdrawn'`, E))
				accepted := `SELECT a.id FROM agreements a WHERE 3 = (SELECT COUNT(*) FROM agreement_acceptances x
					WHERE x.agreement_id = a.id AND x.version = a.version)`
				check("agreed", float64(f.Agreed), count(`SELECT COUNT(*) FROM agreements a JOIN %s e ON e.id = a.entry_id
					WHERE a.id IN (%s)`, E, accepted))
				check("completed", float64(f.Completed), count(`SELECT COUNT(*) FROM agreements a JOIN %s e ON e.id = a.entry_id
					JOIN engagements g ON g.project_id = a.project_id WHERE g.status = 'completed' AND a.id IN (%s)`, E, accepted))
				teams := fmt.Sprintf("SELECT * FROM engagements WHERE municipality_id = %d", mu)
				if s.sc.ProgramID != 0 {
					teams = fmt.Sprintf("SELECT g.* FROM engagements g JOIN projects p ON p.id = g.project_id WHERE p.program_id = %d", s.sc.ProgramID)
				}
				G := "(" + teams + ")"
				check("teams", float64(got.Engagements), count("SELECT COUNT(*) FROM %s g", G))
				check("completed teams", float64(got.Completed), count("SELECT COUNT(*) FROM %s g WHERE g.status = 'completed'", G))
				check("hours", float64(got.Hours), count("SELECT SUM(r.hours) FROM reports r JOIN %s g ON g.id = r.engagement_id", G))
				for _, o := range got.Outcomes {
					check("outcome "+string(o.Kind), o.Result, count(`SELECT SUM(i.result) FROM indicators i JOIN %s g
						ON g.id = i.engagement_id WHERE i.kind = '%s' AND i.result IS NOT NULL`, G, o.Kind))
					check("outcome teams "+string(o.Kind), float64(o.Teams), count(`SELECT COUNT(*) FROM indicators i JOIN %s g
						ON g.id = i.engagement_id WHERE i.kind = '%s' AND i.result IS NOT NULL`, G, o.Kind))
				}
				for _, side := range []domain.ReviewSide{domain.ReviewByBusiness, domain.ReviewByTalent} {
					check("reviews "+string(side), got.ReviewAverage[string(side)], count(`SELECT AVG(r.score * 1.0) FROM team_reviews r
						JOIN %s g ON g.id = r.engagement_id WHERE r.side = '%s'`, G, side))
				}
				if f.Entries == 0 || f.Agreed == 0 || f.Completed == 0 || got.Hours == 0 || len(got.Outcomes) == 0 {
					t.Errorf("the demo dashboard is empty somewhere: %+v, hours %d", f, got.Hours)
				}
			})
		}
	})
}
