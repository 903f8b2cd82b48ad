package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// CreateTalent adds a talent profile with its skills, SDGs interests and
// affinities. Talents belong to the hub, not to one municipality.
func (s Talents) CreateTalent(ctx context.Context, t *domain.Talent) error {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *Store) error {
		var user any
		if t.UserID != 0 {
			user = t.UserID
		}
		id, err := tx.insertID(ctx, `INSERT INTO talents (user_id, name, name_kana, background,
			hours_per_month, work_style, residence_country, time_zone, leader, created_at, residence_pref, residence_lgcode)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			user, t.Name, t.NameKana, t.Background, t.HoursPerMonth, t.WorkStyle,
			t.ResidenceCountry, t.TimeZone, t.Leader, tx.now(), t.ResidencePref, t.ResidenceLGCode)
		if err != nil {
			return mapError(err, "talent")
		}
		t.ID = id
		return tx.Talents().insertTalentDetails(ctx, t)
	})
}

// insertTalentDetails writes a talent's skills, interests and affinities.
func (s Talents) insertTalentDetails(ctx context.Context, t *domain.Talent) error {
	for _, sk := range t.Skills {
		if _, err := s.exec(ctx, `INSERT INTO talent_skills (talent_id, skill_code, level) VALUES ($1, $2, $3)`,
			t.ID, sk.Code, sk.Level); err != nil {
			return mapError(err, "talent_skill")
		}
	}
	for _, g := range t.SDGs {
		if _, err := s.exec(ctx, `INSERT INTO talent_sdgs (talent_id, goal) VALUES ($1, $2)`, t.ID, g); err != nil {
			return mapError(err, "talent_goal")
		}
	}
	for _, a := range t.Affinities {
		if _, err := s.exec(ctx, `INSERT INTO talent_affinities (talent_id, lgcode, kind) VALUES ($1, $2, $3)`,
			t.ID, a.LGCode, a.Kind); err != nil {
			return mapError(err, "talent_affinity")
		}
	}
	return nil
}

// Talent loads a talent profile with its skills, interests and affinities.
func (s Talents) Talent(ctx context.Context, id int64) (domain.Talent, error) {
	var t domain.Talent
	var user sql.NullInt64
	err := s.queryRow(ctx, `SELECT id, user_id, name, name_kana, background, hours_per_month, work_style,
		residence_country, time_zone, leader, residence_pref, residence_lgcode FROM talents WHERE id = $1`, id).Scan(
		&t.ID, &user, &t.Name, &t.NameKana, &t.Background, &t.HoursPerMonth, &t.WorkStyle,
		&t.ResidenceCountry, &t.TimeZone, &t.Leader, &t.ResidencePref, &t.ResidenceLGCode)
	if errors.Is(err, sql.ErrNoRows) {
		return t, domain.NotFound("talent")
	}
	if err != nil {
		return t, err
	}
	t.UserID = user.Int64
	rows, err := s.query(ctx, `SELECT skill_code, level FROM talent_skills WHERE talent_id = $1 ORDER BY skill_code`, id)
	if err != nil {
		return t, err
	}
	for rows.Next() {
		var sk domain.TalentSkill
		if err := rows.Scan(&sk.Code, &sk.Level); err != nil {
			rows.Close()
			return t, err
		}
		t.Skills = append(t.Skills, sk)
	}
	rows.Close()
	rows, err = s.query(ctx, `SELECT goal FROM talent_sdgs WHERE talent_id = $1 ORDER BY goal`, id)
	if err != nil {
		return t, err
	}
	for rows.Next() {
		var g int
		if err := rows.Scan(&g); err != nil {
			rows.Close()
			return t, err
		}
		t.SDGs = append(t.SDGs, g)
	}
	rows.Close()
	rows, err = s.query(ctx, `SELECT lgcode, kind FROM talent_affinities WHERE talent_id = $1 ORDER BY lgcode, kind`, id)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var a domain.Affinity
		if err := rows.Scan(&a.LGCode, &a.Kind); err != nil {
			return t, err
		}
		t.Affinities = append(t.Affinities, a)
	}
	return t, rows.Err()
}

// TalentByUser finds the profile of a signed-in user.
func (s Talents) TalentByUser(ctx context.Context, userID int64) (domain.Talent, error) {
	var id int64
	err := s.queryRow(ctx, `SELECT id FROM talents WHERE user_id = $1`, userID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Talent{}, domain.NotFound("talent")
	}
	if err != nil {
		return domain.Talent{}, err
	}
	return s.Talent(ctx, id)
}

// SaveTalent creates the profile when it has no id, or replaces every
// field of an existing one, in one transaction.
func (s Talents) SaveTalent(ctx context.Context, t *domain.Talent) error {
	if t.ID == 0 {
		return s.CreateTalent(ctx, t)
	}
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `UPDATE talents SET name = $1, name_kana = $2, background = $3, hours_per_month = $4,
			work_style = $5, residence_country = $6, time_zone = $7 WHERE id = $8`,
			t.Name, t.NameKana, t.Background, t.HoursPerMonth, t.WorkStyle, t.ResidenceCountry, t.TimeZone, t.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.NotFound("talent")
		}
		for _, table := range []string{"talent_skills", "talent_sdgs", "talent_affinities"} {
			if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE talent_id = $1`, t.ID); err != nil {
				return err
			}
		}
		return tx.Talents().insertTalentDetails(ctx, t)
	})
}

// TalentsForMatching loads talent profiles with their skills, interests
// and affinities, in four queries, for the matching engine's pool: those
// given, or with none given every one.
func (s Talents) TalentsForMatching(ctx context.Context, ids ...int64) ([]domain.Talent, error) {
	var only, onlyOf string
	var args []any
	if len(ids) > 0 {
		var in string
		in, args = inList(ids, 1)
		only, onlyOf = ` WHERE id IN (`+in+`)`, ` WHERE talent_id IN (`+in+`)`
	}
	rows, err := s.query(ctx, `SELECT id, name, hours_per_month, work_style FROM talents`+only+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	var out []domain.Talent
	idx := map[int64]int{}
	for rows.Next() {
		var t domain.Talent
		if err := rows.Scan(&t.ID, &t.Name, &t.HoursPerMonth, &t.WorkStyle); err != nil {
			rows.Close()
			return nil, err
		}
		idx[t.ID] = len(out)
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	details := []struct {
		q    string
		scan func(rows *sql.Rows) error
	}{
		{`SELECT talent_id, skill_code, level FROM talent_skills` + onlyOf + ` ORDER BY talent_id, skill_code`, func(rows *sql.Rows) error {
			var id int64
			var sk domain.TalentSkill
			err := rows.Scan(&id, &sk.Code, &sk.Level)
			if i, ok := idx[id]; ok && err == nil {
				out[i].Skills = append(out[i].Skills, sk)
			}
			return err
		}},
		{`SELECT talent_id, goal FROM talent_sdgs` + onlyOf + ` ORDER BY talent_id, goal`, func(rows *sql.Rows) error {
			var id int64
			var g int
			err := rows.Scan(&id, &g)
			if i, ok := idx[id]; ok && err == nil {
				out[i].SDGs = append(out[i].SDGs, g)
			}
			return err
		}},
		{`SELECT talent_id, lgcode, kind FROM talent_affinities` + onlyOf + ` ORDER BY talent_id, lgcode, kind`, func(rows *sql.Rows) error {
			var id int64
			var a domain.Affinity
			err := rows.Scan(&id, &a.LGCode, &a.Kind)
			if i, ok := idx[id]; ok && err == nil {
				out[i].Affinities = append(out[i].Affinities, a)
			}
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

// LinkTalentUser attaches an existing profile to a user account.
func (s Talents) LinkTalentUser(ctx context.Context, talentID, userID int64) error {
	res, err := s.exec(ctx, `UPDATE talents SET user_id = $1 WHERE id = $2`, userID, talentID)
	if err != nil {
		return mapError(err, "talent")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("talent")
	}
	return nil
}

// TalentByEmail finds the talent with this address: through their
// account, or the contact address of a profile imported without one.
func (s Talents) TalentByEmail(ctx context.Context, email string) (domain.Talent, error) {
	var id int64
	err := s.queryRow(ctx, `SELECT t.id FROM talents t LEFT JOIN users u ON u.id = t.user_id
		WHERE u.email = $1 OR t.contact_email = $1 ORDER BY t.id LIMIT 1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Talent{}, domain.NotFound("talent")
	}
	if err != nil {
		return domain.Talent{}, err
	}
	return s.Talent(ctx, id)
}

// SetTalentContactEmail records the address of a profile that has no
// account, so a later import finds it again.
func (s Talents) SetTalentContactEmail(ctx context.Context, talentID int64, email string) error {
	_, err := s.exec(ctx, `UPDATE talents SET contact_email = $1 WHERE id = $2`, email, talentID)
	return err
}

// TalentEmails gives the address of each entrant of a program: their
// account's, else the contact address.
func (s Talents) TalentEmails(ctx context.Context, programID int64) (map[int64]string, error) {
	rows, err := s.query(ctx, `SELECT t.id, COALESCE(u.email, t.contact_email) FROM entries e
		JOIN talents t ON t.id = e.talent_id LEFT JOIN users u ON u.id = t.user_id WHERE e.program_id = $1`, programID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			return nil, err
		}
		out[id] = email
	}
	return out, rows.Err()
}

// TalentEmail is where to reach a talent: their account's address, or the
// contact address an import gave; "" when there is none.
func (s Talents) TalentEmail(ctx context.Context, talentID int64) (string, error) {
	var email string
	err := s.queryRow(ctx, `SELECT COALESCE(u.email, t.contact_email) FROM talents t LEFT JOIN users u ON u.id = t.user_id
		WHERE t.id = $1`, talentID).Scan(&email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", domain.NotFound("talent")
	}
	return email, err
}
