package store

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// OpenProjectsByMunicipality lists, for every municipality with open
// (published) projects, up to perMunicipality of them, newest first: the
// first page ListProjects gives for that municipality and the published
// status, for all municipalities in one statement (plus the projects'
// goals and skills). Municipalities without open projects are left out.
func (s Projects) OpenProjectsByMunicipality(ctx context.Context, perMunicipality int) (map[int64][]domain.Project, error) {
	s.core = s.replicaSafe(ctx)
	// The ids shown: each municipality's newest open projects. The tags
	// are read with the same subquery, not with a list of thousands of ids.
	shown := `SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY municipality_id ORDER BY id DESC) AS n
		FROM projects WHERE status = $1) o WHERE o.n <= $2`
	args := []any{string(domain.ProjectPublished), perMunicipality}
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
