package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// ProjectEvent is one step in a project's review: submitted, published,
// returned with a comment, closed.
type ProjectEvent struct {
	ProjectID int64
	At        time.Time
	ActorID   int64
	From, To  domain.ProjectStatus
	Comment   string
}

// UpdateProject saves an edited project's fields, goals and skills. Only a
// draft may be edited; status changes go through MoveProject.
func (s Projects) UpdateProject(ctx context.Context, p *domain.Project) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *Store) error {
		cur, err := tx.Projects().Project(ctx, p.ID)
		if err != nil {
			return err
		}
		if cur.Status != domain.ProjectDraft {
			return domain.Errorf(domain.CodeConflict, "error.project_not_draft")
		}
		p.MunicipalityID, p.ProgramID, p.HostID, p.Status = cur.MunicipalityID, cur.ProgramID, cur.HostID, cur.Status
		if _, err := tx.exec(ctx, `UPDATE projects SET title = $1, description = $2, team_size = $3,
			hours_per_month = $4, work_style = $5, place = $6, reward_type = $7, reward_yen = $8,
			starts_on = $9, ends_on = $10, sdg_mask = $11, skill_categories = $12, updated_at = $13 WHERE id = $14`,
			p.Title, p.Description, p.TeamSize, p.HoursPerMonth, p.WorkStyle, p.Place, p.RewardType, p.RewardYen,
			nullDate(p.StartsOn), nullDate(p.EndsOn), sdgMask(p.SDGs), skillCategories(p), tx.now(), p.ID); err != nil {
			return mapError(err, "project")
		}
		for _, table := range []string{"project_sdgs", "project_skills"} {
			if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE project_id = $1`, p.ID); err != nil {
				return err
			}
		}
		if err := tx.Projects().writeProjectTags(ctx, *p); err != nil {
			return err
		}
		host, err := tx.Directory().Organization(ctx, p.HostID)
		if err != nil {
			return err
		}
		return tx.Projects().indexProject(ctx, *p, host)
	})
}

// MoveProject takes a review step and records it with who and why. A
// return to draft needs a comment, which the business reads.
func (s Projects) MoveProject(ctx context.Context, id int64, to domain.ProjectStatus, actorID int64, comment string) (domain.Project, error) {
	var p domain.Project
	err := s.transact(ctx, func(tx *Store) error {
		var err error
		if p, err = tx.Projects().Project(ctx, id); err != nil {
			return err
		}
		if !p.Status.CanMoveTo(to) {
			return domain.Errorf(domain.CodeConflict, "error.project_move", "From", string(p.Status), "To", string(to))
		}
		if p.Status == domain.ProjectReview && to == domain.ProjectDraft && comment == "" {
			return &domain.Error{Code: domain.CodeInvalid, Key: "error.return_comment",
				Fields: []domain.FieldError{{Field: "comment", Key: "error.return_comment"}}}
		}
		if err := tx.Projects().SetProjectStatus(ctx, id, to); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO project_events (project_id, municipality_id, at, actor_id, from_status,
			to_status, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, p.MunicipalityID, tx.now(), nullID(actorID),
			p.Status, to, comment); err != nil {
			return err
		}
		p.Status = to
		return nil
	})
	return p, err
}

// ProjectHistory lists a project's review steps, oldest first.
func (s Projects) ProjectHistory(ctx context.Context, id int64) ([]ProjectEvent, error) {
	rows, err := s.query(ctx, `SELECT project_id, at, actor_id, from_status, to_status, comment FROM project_events
		WHERE project_id = $1 ORDER BY at, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProjectEvent
	for rows.Next() {
		var e ProjectEvent
		var actor sql.NullInt64
		if err := rows.Scan(&e.ProjectID, &e.At, &actor, &e.From, &e.To, &e.Comment); err != nil {
			return nil, err
		}
		e.At, e.ActorID = e.At.UTC(), actor.Int64
		out = append(out, e)
	}
	return out, rows.Err()
}

// CloseEndedProjects closes the published projects of programs whose entry
// period is over, and returns how many it closed.
func (s Projects) CloseEndedProjects(ctx context.Context) (int, error) {
	ids, err := s.queryIDs(ctx, `SELECT p.id FROM projects p JOIN programs g ON g.id = p.program_id
		WHERE p.status = $1 AND g.entry_closes_at < $2 ORDER BY p.id`, domain.ProjectPublished, s.now())
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if _, err := s.MoveProject(ctx, id, domain.ProjectClosed, 0, "program ended"); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
