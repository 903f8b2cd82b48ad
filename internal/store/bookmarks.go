package store

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Bookmark marks a public project as 気になる for a user; doing it twice
// is the same as once.
func (s Community) Bookmark(ctx context.Context, userID, projectID int64) error {
	return s.transact(ctx, func(tx *Store) error {
		p, err := tx.Projects().Project(ctx, projectID)
		if err != nil {
			return err
		}
		if !p.Status.Public() {
			return domain.NotFound("project")
		}
		_, err = tx.exec(ctx, `INSERT INTO bookmarks (user_id, project_id, municipality_id, created_at)
			VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, project_id) DO NOTHING`, userID, projectID, p.MunicipalityID, tx.now())
		return mapError(err, "project")
	})
}

// Unbookmark removes a bookmark if there is one.
func (s Community) Unbookmark(ctx context.Context, userID, projectID int64) error {
	_, err := s.exec(ctx, `DELETE FROM bookmarks WHERE user_id = $1 AND project_id = $2`, userID, projectID)
	return err
}

// Bookmarked reports whether the user bookmarked the project.
func (s Community) Bookmarked(ctx context.Context, userID, projectID int64) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM bookmarks WHERE user_id = $1 AND project_id = $2`, userID, projectID).Scan(&n)
	return n > 0, err
}

// Bookmarks lists the user's bookmarked projects, newest bookmark first.
func (s Community) Bookmarks(ctx context.Context, userID int64) ([]domain.Project, error) {
	ids, err := s.queryIDs(ctx, `SELECT project_id FROM bookmarks WHERE user_id = $1 ORDER BY created_at DESC, project_id DESC`, userID)
	if err != nil {
		return nil, err
	}
	projects, err := Projects(s).projectsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return projects, Projects(s).loadProjectTags(ctx, projects)
}
