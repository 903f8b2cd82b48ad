package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// talentsByID loads the profiles with the ids, in their order, with their
// skills, interests and ties: four queries however many there are.
func (s Talents) talentsByID(ctx context.Context, ids []int64) ([]domain.Talent, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := inList(ids, 1)
	out := make([]domain.Talent, len(ids))
	idx := make(map[int64]int, len(ids))
	for i, id := range ids {
		idx[id] = i
	}
	rows, err := s.query(ctx, `SELECT id, user_id, hours_per_month, work_style, residence_country FROM talents
		WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t domain.Talent
		var user sql.NullInt64
		if err := rows.Scan(&t.ID, &user, &t.HoursPerMonth, &t.WorkStyle, &t.ResidenceCountry); err != nil {
			rows.Close()
			return nil, err
		}
		t.UserID = user.Int64
		out[idx[t.ID]] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	details := []struct {
		q    string
		scan func(rows *sql.Rows) error
	}{
		{`SELECT talent_id, skill_code, level FROM talent_skills WHERE talent_id IN (` + in + `) ORDER BY talent_id, skill_code`,
			func(rows *sql.Rows) error {
				var id int64
				var sk domain.TalentSkill
				err := rows.Scan(&id, &sk.Code, &sk.Level)
				out[idx[id]].Skills = append(out[idx[id]].Skills, sk)
				return err
			}},
		{`SELECT talent_id, goal FROM talent_sdgs WHERE talent_id IN (` + in + `) ORDER BY talent_id, goal`,
			func(rows *sql.Rows) error {
				var id int64
				var g int
				err := rows.Scan(&id, &g)
				out[idx[id]].SDGs = append(out[idx[id]].SDGs, g)
				return err
			}},
		{`SELECT talent_id, lgcode, kind FROM talent_affinities WHERE talent_id IN (` + in + `) ORDER BY talent_id, kind, lgcode`,
			func(rows *sql.Rows) error {
				var id int64
				var a domain.Affinity
				err := rows.Scan(&id, &a.LGCode, &a.Kind)
				out[idx[id]].Affinities = append(out[idx[id]].Affinities, a)
				return err
			}},
	}
	for _, d := range details {
		rows, err := s.query(ctx, d.q, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			if err := d.scan(rows); err != nil {
				rows.Close()
				return nil, err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Experience is a project a talent completed in a team: where, when, and
// the credential the hub's issuer gave them for it (ID "" when none was
// issued yet or it was revoked).
type Experience struct {
	TalentID       int64
	EngagementID   int64
	ProjectTitle   string
	MunicipalityID int64
	CompletedAt    time.Time
	CredentialID   string
	CredentialPub  bool // its holder made it public
}

// Endorsement is what a business wrote of a talent's completed work.
type Endorsement struct {
	TalentID     int64
	EngagementID int64
	Score        int
	Comment      string
}

// Experiences lists the completed projects of the talents, oldest first,
// with their credentials, in one query.
func (s Talents) Experiences(ctx context.Context, talentIDs []int64) ([]Experience, error) {
	if len(talentIDs) == 0 {
		return nil, nil
	}
	in, args := inList(talentIDs, 1)
	rows, err := s.query(ctx, `SELECT a.talent_id, g.id, p.title, a.municipality_id, g.completed_at,
			COALESCE(c.id, ''), COALESCE(c.public, FALSE)
		FROM agreements a JOIN engagements g ON g.project_id = a.project_id
		JOIN projects p ON p.id = a.project_id
		LEFT JOIN credentials c ON c.engagement_id = g.id AND c.talent_id = a.talent_id AND c.revoked_at IS NULL
		WHERE a.talent_id IN (`+in+`) AND g.status = 'completed' AND g.completed_at IS NOT NULL AND `+acceptedByAll+`
		ORDER BY a.talent_id, g.completed_at, g.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Experience
	for rows.Next() {
		var x Experience
		if err := rows.Scan(&x.TalentID, &x.EngagementID, &x.ProjectTitle, &x.MunicipalityID, &x.CompletedAt,
			&x.CredentialID, &x.CredentialPub); err != nil {
			return nil, err
		}
		x.CompletedAt = x.CompletedAt.UTC()
		out = append(out, x)
	}
	return out, rows.Err()
}

// Endorsements lists what businesses wrote of the talents' completed work,
// only for those whose newest answer lets their reviews be shown, in one
// query.
func (s Talents) Endorsements(ctx context.Context, talentIDs []int64) ([]Endorsement, error) {
	if len(talentIDs) == 0 {
		return nil, nil
	}
	in, args := inList(talentIDs, 1)
	rows, err := s.query(ctx, `SELECT r.talent_id, r.engagement_id, r.score, r.comment
		FROM team_reviews r JOIN talents t ON t.id = r.talent_id
		WHERE r.talent_id IN (`+in+`) AND r.side = 'business'
		AND EXISTS (SELECT 1 FROM consents c WHERE c.user_id = t.user_id AND c.purpose = 'reviews' AND c.granted = TRUE
			AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.user_id = c.user_id AND n.purpose = c.purpose
				AND (n.at > c.at OR (n.at = c.at AND n.id > c.id))))
		ORDER BY r.talent_id, r.engagement_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Endorsement
	for rows.Next() {
		var e Endorsement
		if err := rows.Scan(&e.TalentID, &e.EngagementID, &e.Score, &e.Comment); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
