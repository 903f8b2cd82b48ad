package store

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// DashboardScope is what a dashboard counts: one program, or every
// program of a municipality.
type DashboardScope struct {
	MunicipalityID int64
	ProgramID      int64 // 0 for every program of the municipality
}

// scopeSQL is the condition on an entries alias e, with its argument.
func (sc DashboardScope) scopeSQL() (string, any) {
	if sc.ProgramID != 0 {
		return "e.program_id = $1", sc.ProgramID
	}
	return "e.municipality_id = $1", sc.MunicipalityID
}

// Count is a labelled number.
type Count struct {
	Key   string
	Value int
}

// Funnel counts the entries that reached each step.
type Funnel struct {
	Entries   int // every entry
	Screened  int // passed document review: reached 面談, 内定 or 合意, or was moved past 応募
	Offered   int // reached 内定
	Agreed    int // their agreement was accepted by all three sides
	Completed int // and their team's work was completed
	Withdrawn int // 辞退
	Declined  int // 見送り
}

// Dashboard holds a municipality's figures for its staff.
type Dashboard struct {
	Entries       int
	Inside        int            // entrants living in the municipality
	EntryDates    []time.Time    // submission times, oldest first, for the chart over time
	Prefectures   []Count        // hometown (出身) prefecture code, "" when unknown, by count
	SkillsOffered map[string]int // skill category → entrants offering it
	SkillsAsked   map[string]int // skill category → projects asking for it
	SDGsProjects  map[int]int    // goal → projects tagged with it
	SDGsInterest  map[int]int    // goal → entrants interested in it
	Funnel        Funnel
	Hours         int                // hours reported by the teams
	Outcomes      []OutcomeTotal     // per indicator kind
	ReviewAverage map[string]float64 // by review side: "business", "talent"
	ReviewCount   map[string]int
	Engagements   int
	Completed     int
}

// OutcomeTotal sums one kind of indicator over the teams that recorded a
// result.
type OutcomeTotal struct {
	Kind     domain.IndicatorKind
	Teams    int
	Baseline float64
	Result   float64
}

// Dashboard computes the figures of a program, or of every program of the
// municipality.
func (s Insights) Dashboard(ctx context.Context, sc DashboardScope) (Dashboard, error) {
	s.core = s.replicaSafe(ctx)
	d := Dashboard{SkillsOffered: map[string]int{}, SkillsAsked: map[string]int{}, SDGsProjects: map[int]int{},
		SDGsInterest: map[int]int{}, ReviewAverage: map[string]float64{}, ReviewCount: map[string]int{}}
	cond, arg := sc.scopeSQL()
	if err := s.queryRow(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM talent_affinities a JOIN municipalities m ON m.lgcode = a.lgcode
			WHERE a.talent_id = e.talent_id AND a.kind = 'lives' AND m.id = e.municipality_id) THEN 1 ELSE 0 END), 0)
		FROM entries e WHERE `+cond, arg).Scan(&d.Entries, &d.Inside); err != nil {
		return d, err
	}
	if err := s.entryDates(ctx, cond, arg, &d); err != nil {
		return d, err
	}
	if err := s.collect(ctx, `SELECT COALESCE((SELECT MIN(substr(a.lgcode, 1, 2)) FROM talent_affinities a
		WHERE a.talent_id = e.talent_id AND a.kind = 'born'), '') AS pref, COUNT(*) FROM entries e WHERE `+cond+`
		GROUP BY pref`, arg, func(k string, n int) { d.Prefectures = append(d.Prefectures, Count{k, n}) }); err != nil {
		return d, err
	}
	sort.Slice(d.Prefectures, func(i, j int) bool {
		a, b := d.Prefectures[i], d.Prefectures[j]
		return a.Value > b.Value || (a.Value == b.Value && a.Key < b.Key)
	})
	// A talent with two skills of one category counts once for it.
	offered := map[string]map[int64]bool{}
	rows, err := s.query(ctx, `SELECT DISTINCT e.talent_id, ts.skill_code FROM entries e JOIN talent_skills ts
		ON ts.talent_id = e.talent_id WHERE `+cond, arg)
	if err != nil {
		return d, err
	}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			rows.Close()
			return d, err
		}
		c := domain.SkillCategoryOf(code)
		if offered[c] == nil {
			offered[c] = map[int64]bool{}
		}
		offered[c][id] = true
	}
	rows.Close()
	for c, ids := range offered {
		d.SkillsOffered[c] = len(ids)
	}
	pcond := "p.program_id = $1"
	if sc.ProgramID == 0 {
		pcond = "p.municipality_id = $1"
	}
	pcond += " AND p.status IN ('published', 'closed')"
	if err := s.collect(ctx, `SELECT ps.skill_category, COUNT(DISTINCT p.id) FROM projects p
		JOIN project_skills ps ON ps.project_id = p.id WHERE `+pcond+` GROUP BY ps.skill_category`, arg,
		func(c string, n int) { d.SkillsAsked[c] = n }); err != nil {
		return d, err
	}
	if err := s.collectInt(ctx, `SELECT g.goal, COUNT(*) FROM projects p JOIN project_sdgs g ON g.project_id = p.id
		WHERE `+pcond+` GROUP BY g.goal`, arg, func(k, n int) { d.SDGsProjects[k] = n }); err != nil {
		return d, err
	}
	if err := s.collectInt(ctx, `SELECT g.goal, COUNT(DISTINCT e.talent_id) FROM entries e
		JOIN talent_sdgs g ON g.talent_id = e.talent_id WHERE `+cond+` GROUP BY g.goal`, arg,
		func(k, n int) { d.SDGsInterest[k] = n }); err != nil {
		return d, err
	}
	if err := s.funnel(ctx, cond, arg, &d.Funnel); err != nil {
		return d, err
	}
	return d, s.engagementFigures(ctx, sc, &d)
}

func (s Insights) entryDates(ctx context.Context, cond string, arg any, d *Dashboard) error {
	rows, err := s.query(ctx, `SELECT e.submitted_at FROM entries e WHERE `+cond+` ORDER BY e.submitted_at`, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(&t); err != nil {
			return err
		}
		d.EntryDates = append(d.EntryDates, t.UTC())
	}
	return rows.Err()
}

// funnel counts how far the entries came. An entry counts as screened when
// it stands past 応募 or was ever moved past it.
func (s Insights) funnel(ctx context.Context, cond string, arg any, f *Funnel) error {
	return s.queryRow(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN e.status IN ('interview', 'offered', 'agreed') OR EXISTS (SELECT 1 FROM entry_events ev
			WHERE ev.entry_id = e.id AND ev.to_status IN ('interview', 'offered', 'agreed')) THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN e.status IN ('offered', 'agreed') OR EXISTS (SELECT 1 FROM entry_events ev
			WHERE ev.entry_id = e.id AND ev.to_status IN ('offered', 'agreed')) THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN e.status = 'withdrawn' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN e.status = 'declined' THEN 1 ELSE 0 END), 0)
		FROM entries e WHERE `+cond, arg).Scan(&f.Entries, &f.Screened, &f.Offered, &f.Withdrawn, &f.Declined)
}

// engagementFigures counts agreements, teams, hours, outcomes and reviews.
func (s Insights) engagementFigures(ctx context.Context, sc DashboardScope, d *Dashboard) error {
	cond, arg := sc.scopeSQL()
	if err := s.queryRow(ctx, `SELECT
		COALESCE(SUM(CASE WHEN `+acceptedByAll+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN `+acceptedByAll+` AND EXISTS (SELECT 1 FROM engagements g WHERE g.project_id = a.project_id
			AND g.status = 'completed') THEN 1 ELSE 0 END), 0)
		FROM agreements a JOIN entries e ON e.id = a.entry_id WHERE `+cond, arg).Scan(&d.Funnel.Agreed, &d.Funnel.Completed); err != nil {
		return err
	}
	gcond := "g.project_id IN (SELECT id FROM projects WHERE program_id = $1)"
	if sc.ProgramID == 0 {
		gcond = "g.municipality_id = $1"
	}
	if err := s.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN g.status = 'completed' THEN 1 ELSE 0 END), 0)
		FROM engagements g WHERE `+gcond, arg).Scan(&d.Engagements, &d.Completed); err != nil {
		return err
	}
	if err := s.queryRow(ctx, `SELECT COALESCE(SUM(r.hours), 0) FROM reports r JOIN engagements g ON g.id = r.engagement_id
		WHERE `+gcond, arg).Scan(&d.Hours); err != nil {
		return err
	}
	rows, err := s.query(ctx, `SELECT i.kind, COUNT(*), SUM(i.baseline), SUM(i.result) FROM indicators i
		JOIN engagements g ON g.id = i.engagement_id WHERE `+gcond+` AND i.result IS NOT NULL GROUP BY i.kind`, arg)
	if err != nil {
		return err
	}
	byKind := map[domain.IndicatorKind]OutcomeTotal{}
	for rows.Next() {
		var o OutcomeTotal
		if err := rows.Scan(&o.Kind, &o.Teams, &o.Baseline, &o.Result); err != nil {
			rows.Close()
			return err
		}
		byKind[o.Kind] = o
	}
	rows.Close()
	for _, k := range domain.IndicatorKinds() {
		if o, ok := byKind[k]; ok {
			d.Outcomes = append(d.Outcomes, o)
		}
	}
	rows, err = s.query(ctx, `SELECT r.side, COUNT(*), AVG(r.score) FROM team_reviews r JOIN engagements g
		ON g.id = r.engagement_id WHERE `+gcond+` GROUP BY r.side`, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var side string
		var n int
		var avg sql.NullFloat64
		if err := rows.Scan(&side, &n, &avg); err != nil {
			return err
		}
		d.ReviewCount[side], d.ReviewAverage[side] = n, avg.Float64
	}
	return rows.Err()
}

// collect runs a two-column (text, count) query.
func (s Insights) collect(ctx context.Context, q string, arg any, fn func(string, int)) error {
	rows, err := s.query(ctx, q, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		fn(k, n)
	}
	return rows.Err()
}

// collectInt runs a two-column (number, count) query.
func (s Insights) collectInt(ctx context.Context, q string, arg any, fn func(int, int)) error {
	rows, err := s.query(ctx, q, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k, n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		fn(k, n)
	}
	return rows.Err()
}
