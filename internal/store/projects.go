package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

const projectColumns = `p.id, p.municipality_id, p.program_id, p.host_id, p.title, p.description,
	p.team_size, p.hours_per_month, p.work_style, p.place, p.reward_type, p.reward_yen,
	p.starts_on, p.ends_on, p.status`

func scanProject(row interface{ Scan(...any) error }) (domain.Project, error) {
	var p domain.Project
	var starts, ends sql.NullTime
	err := row.Scan(&p.ID, &p.MunicipalityID, &p.ProgramID, &p.HostID, &p.Title, &p.Description,
		&p.TeamSize, &p.HoursPerMonth, &p.WorkStyle, &p.Place, &p.RewardType, &p.RewardYen,
		&starts, &ends, &p.Status)
	p.StartsOn, p.EndsOn = dateOf(starts), dateOf(ends)
	return p, err
}

// dateOf reads a DATE column as midnight in Japan. Both drivers return the
// stored calendar date at midnight UTC.
func dateOf(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	y, m, d := t.Time.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, domain.Japan())
}

// nullDate stores the calendar date of t in Japan, or NULL for no date.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	y, m, d := t.In(domain.Japan()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CreateProject adds a project with its SDGs goals and skills. The host must
// belong to the program's municipality.
func (s Projects) CreateProject(ctx context.Context, p *domain.Project) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *Store) error {
		host, err := tx.Directory().Organization(ctx, p.HostID)
		if err != nil {
			return err
		}
		if host.MunicipalityID != p.MunicipalityID {
			return domain.Errorf(domain.CodeInvalid, "error.host_municipality", "Value", p.HostID)
		}
		now := tx.now()
		id, err := tx.insertID(ctx, `INSERT INTO projects (municipality_id, program_id, host_id, title,
			description, team_size, hours_per_month, work_style, place, reward_type, reward_yen,
			starts_on, ends_on, status, sdg_mask, skill_categories, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
			p.MunicipalityID, p.ProgramID, p.HostID, p.Title, p.Description, p.TeamSize,
			p.HoursPerMonth, p.WorkStyle, p.Place, p.RewardType, p.RewardYen,
			nullDate(p.StartsOn), nullDate(p.EndsOn), p.Status, sdgMask(p.SDGs), skillCategories(p), now)
		if err != nil {
			return mapError(err, "project")
		}
		p.ID = id
		if err := tx.Projects().writeProjectTags(ctx, *p); err != nil {
			return err
		}
		return tx.Projects().indexProject(ctx, *p, host)
	})
}

// writeProjectTags stores the project's goals and skills.
func (s Projects) writeProjectTags(ctx context.Context, p domain.Project) error {
	for _, g := range p.SDGs {
		if _, err := s.exec(ctx, `INSERT INTO project_sdgs (project_id, municipality_id, goal)
			VALUES ($1, $2, $3)`, p.ID, p.MunicipalityID, g); err != nil {
			return mapError(err, "project_goal")
		}
	}
	skills := []struct {
		codes    []string
		required bool
	}{{p.RequiredSkills, true}, {p.PreferredSkills, false}}
	for _, set := range skills {
		for _, code := range set.codes {
			if _, err := s.exec(ctx, `INSERT INTO project_skills (project_id, municipality_id, skill_code, skill_category, required)
				VALUES ($1, $2, $3, $4, $5)`, p.ID, p.MunicipalityID, code, domain.SkillCategoryOf(code), set.required); err != nil {
				return mapError(err, "project_skill")
			}
		}
	}
	return nil
}

// SetProjectStatus moves a project to a status (publish, close, return to
// draft) and records when.
func (s Projects) SetProjectStatus(ctx context.Context, id int64, status domain.ProjectStatus) error {
	if !status.Valid() {
		return domain.Errorf(domain.CodeInvalid, "error.choice", "Value", string(status))
	}
	return s.transact(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `UPDATE projects SET status = $1, updated_at = $2 WHERE id = $3`, status, tx.now(), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return domain.NotFound("project")
		}
		if tx.engine == SQLite {
			_, err = tx.exec(ctx, `UPDATE project_fts SET status = $1 WHERE rowid = $2`, status, id)
		}
		return err
	})
}

// Project finds a project by id with its goals and skills.
func (s Projects) Project(ctx context.Context, id int64) (domain.Project, error) {
	s.core = s.replicaSafe(ctx)
	p, err := scanProject(s.queryRow(ctx, `SELECT `+projectColumns+` FROM projects p WHERE p.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.NotFound("project")
	}
	if err != nil {
		return p, err
	}
	one := []domain.Project{p}
	if err := s.loadProjectTags(ctx, one); err != nil {
		return p, err
	}
	return one[0], nil
}

// loadProjectTags fills SDGs and skills for the projects in place.
func (s Projects) loadProjectTags(ctx context.Context, projects []domain.Project) error {
	if len(projects) == 0 {
		return nil
	}
	ids := make([]int64, len(projects))
	for i, p := range projects {
		ids[i] = p.ID
	}
	in, args := inList(ids, 1)
	return s.loadProjectTagsIn(ctx, projects, in, args)
}

// loadProjectTagsIn fills SDGs and skills for the projects in place,
// reading the tags of the projects whose ids the SQL in selects (a list
// of placeholders or a subquery, with its args): every one of the
// projects, and maybe more, which are ignored.
func (s Projects) loadProjectTagsIn(ctx context.Context, projects []domain.Project, in string, args []any) error {
	if len(projects) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(projects))
	for i, p := range projects {
		idx[p.ID] = i
	}
	rows, err := s.query(ctx, `SELECT project_id, goal FROM project_sdgs WHERE project_id IN (`+in+`) ORDER BY project_id, goal`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var pid int64
		var goal int
		if err := rows.Scan(&pid, &goal); err != nil {
			rows.Close()
			return err
		}
		i, ok := idx[pid]
		if !ok {
			continue
		}
		p := &projects[i]
		p.SDGs = append(p.SDGs, goal)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = s.query(ctx, `SELECT project_id, skill_code, required FROM project_skills
		WHERE project_id IN (`+in+`) ORDER BY project_id, skill_code`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var pid int64
		var code string
		var required bool
		if err := rows.Scan(&pid, &code, &required); err != nil {
			return err
		}
		i, ok := idx[pid]
		if !ok {
			continue
		}
		p := &projects[i]
		if required {
			p.RequiredSkills = append(p.RequiredSkills, code)
		} else {
			p.PreferredSkills = append(p.PreferredSkills, code)
		}
	}
	return rows.Err()
}

// sdgMask sets bit n for goal n.
func sdgMask(goals []int) int64 {
	var m int64
	for _, g := range goals {
		m |= 1 << g
	}
	return m
}

// skillCategories lists the categories of a project's skills, each once.
func skillCategories(p *domain.Project) string {
	var cats []string
	for _, code := range append(append([]string(nil), p.RequiredSkills...), p.PreferredSkills...) {
		if c := domain.SkillCategoryOf(code); c != "" && !slices.Contains(cats, c) {
			cats = append(cats, c)
		}
	}
	return strings.Join(cats, " ")
}
