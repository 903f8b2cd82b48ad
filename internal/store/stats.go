package store

import (
	"context"
)

// ProgramStats are the public figures of a program.
type ProgramStats struct {
	Projects int
	Entries  int
	// EntrantsInside lived in the program's municipality when they entered.
	EntrantsInside int
}

// ProgramStats counts a program's public projects and its entries.
func (s Insights) ProgramStats(ctx context.Context, programID int64) (ProgramStats, error) {
	s.core = s.replicaSafe(ctx)
	var st ProgramStats
	err := s.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM projects WHERE program_id = $1 AND status IN ('published', 'closed')),
		(SELECT COUNT(*) FROM entries WHERE program_id = $1),
		(SELECT COUNT(*) FROM entries e
			JOIN programs pr ON pr.id = e.program_id
			JOIN municipalities m ON m.id = pr.municipality_id
			WHERE e.program_id = $1 AND EXISTS (SELECT 1 FROM talent_affinities a
				WHERE a.talent_id = e.talent_id AND a.kind = 'lives' AND a.lgcode = m.lgcode))`,
		programID).Scan(&st.Projects, &st.Entries, &st.EntrantsInside)
	return st, err
}

// HubStats are the figures on the home page.
type HubStats struct {
	Municipalities int
	Programs       int
	Projects       int
	Talents        int
	Entries        int
}

// HubStats counts what the hub holds.
func (s Insights) HubStats(ctx context.Context) (HubStats, error) {
	s.core = s.replicaSafe(ctx)
	var h HubStats
	err := s.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM municipalities),
		(SELECT COUNT(*) FROM programs),
		(SELECT COUNT(*) FROM projects WHERE status IN ('published', 'closed')),
		(SELECT COUNT(*) FROM talents),
		(SELECT COUNT(*) FROM entries)`).Scan(&h.Municipalities, &h.Programs, &h.Projects, &h.Talents, &h.Entries)
	return h, err
}
