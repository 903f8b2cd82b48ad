package store

import (
	"context"
)

// Flow counts talents whose first completed engagement was in one
// municipality and who later joined a team in another: experience gained
// here, used there.
type Flow struct {
	FromID, ToID int64
	Talents      int
}

// MobilityFlows lists the flows between municipalities, largest first.
//
// Each talent's teams are their agreements accepted by all sides. The
// first completed team is the one completed earliest (ties: the earlier
// start, then the earlier agreement). A later team is one in another
// municipality that starts after the calendar day (UTC) of that
// completion; a talent counts once per destination. Only the counts leave
// the database.
func (s Insights) MobilityFlows(ctx context.Context) ([]Flow, error) {
	s.core = s.replicaSafe(ctx)
	// The day after which a later team starts: the completion's date in
	// UTC, compared with the team's start date.
	later := `t.starts_on > CAST(f.completed_at AT TIME ZONE 'UTC' AS DATE)`
	if s.engine == SQLite {
		later = `date(t.starts_on) > date(f.completed_at)`
	}
	rows, err := s.query(ctx, `WITH teams AS (
			SELECT a.id, a.talent_id, a.municipality_id, a.starts_on, g.status, g.completed_at
			FROM agreements a JOIN engagements g ON g.project_id = a.project_id
			WHERE `+acceptedByAll+`),
		firsts AS (
			SELECT talent_id, municipality_id, completed_at,
				ROW_NUMBER() OVER (PARTITION BY talent_id ORDER BY completed_at, starts_on, id) AS n
			FROM teams WHERE status = 'completed' AND completed_at IS NOT NULL)
		SELECT f.municipality_id, t.municipality_id, COUNT(DISTINCT t.talent_id)
		FROM firsts f JOIN teams t ON t.talent_id = f.talent_id AND t.municipality_id <> f.municipality_id
		WHERE f.n = 1 AND `+later+`
		GROUP BY f.municipality_id, t.municipality_id
		ORDER BY 3 DESC, 1, 2`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Flow{}
	for rows.Next() {
		var f Flow
		if err := rows.Scan(&f.FromID, &f.ToID, &f.Talents); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
