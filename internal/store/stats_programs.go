package store

import "context"

// StatsOfPrograms counts the figures of several programs in one
// statement, the same as ProgramStats for each, keyed by program id; a
// program that does not exist has no figures.
func (s Insights) StatsOfPrograms(ctx context.Context, programIDs []int64) (map[int64]ProgramStats, error) {
	s.core = s.replicaSafe(ctx)
	out := make(map[int64]ProgramStats, len(programIDs))
	if len(programIDs) == 0 {
		return out, nil
	}
	in, args := inList(programIDs, 1)
	rows, err := s.query(ctx, `SELECT pr.id,
		(SELECT COUNT(*) FROM projects p WHERE p.program_id = pr.id AND p.status IN ('published', 'closed')),
		(SELECT COUNT(*) FROM entries e WHERE e.program_id = pr.id),
		(SELECT COUNT(*) FROM entries e
			JOIN municipalities m ON m.id = pr.municipality_id
			WHERE e.program_id = pr.id AND EXISTS (SELECT 1 FROM talent_affinities a
				WHERE a.talent_id = e.talent_id AND a.kind = 'lives' AND a.lgcode = m.lgcode))
		FROM programs pr WHERE pr.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var st ProgramStats
		if err := rows.Scan(&id, &st.Projects, &st.Entries, &st.EntrantsInside); err != nil {
			return nil, err
		}
		out[id] = st
	}
	return out, rows.Err()
}
