package store

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// OpenProjectsByMunicipality lists, for each of the municipalities given
// that has open (published) projects, up to perMunicipality of them,
// newest first: the first page ListProjects gives for that municipality
// and the published status, for all of them in one statement (plus the
// projects' goals and skills). Municipalities without open projects are
// left out.
func (s Projects) OpenProjectsByMunicipality(ctx context.Context, perMunicipality int,
	municipalityIDs []int64) (map[int64][]domain.Project, error) {
	s.core = s.replicaSafe(ctx)
	if len(municipalityIDs) == 0 {
		return map[int64][]domain.Project{}, nil
	}
	// The ids shown: each municipality's newest open projects. The tags
	// are read with the same subquery, not with a list of thousands of ids.
	in, ids := inList(municipalityIDs, 3)
	shown := `SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY municipality_id ORDER BY id DESC) AS n
		FROM projects WHERE status = $1 AND municipality_id IN (` + in + `)) o WHERE o.n <= $2`
	args := append([]any{string(domain.ProjectPublished), perMunicipality}, ids...)
	rows, err := s.query(ctx, `SELECT `+projectColumns+` FROM projects p WHERE p.id IN (`+shown+`)
		ORDER BY p.municipality_id, p.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	var all []domain.Project
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := s.loadProjectTagsIn(ctx, all, shown, args); err != nil {
		return nil, err
	}
	out := map[int64][]domain.Project{}
	for _, p := range all {
		out[p.MunicipalityID] = append(out[p.MunicipalityID], p)
	}
	return out, nil
}

// MunicipalitiesWithOpenProjects lists the municipalities that have a
// published project.
func (s Projects) MunicipalitiesWithOpenProjects(ctx context.Context) (map[int64]bool, error) {
	s.core = s.replicaSafe(ctx)
	rows, err := s.query(ctx, `SELECT DISTINCT municipality_id FROM projects WHERE status = $1`, string(domain.ProjectPublished))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
