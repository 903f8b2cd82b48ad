package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

const municipalityColumns = `id, lgcode, slug, name, name_en, pref_code, accent_color`

func scanMunicipality(row interface{ Scan(...any) error }) (domain.Municipality, error) {
	var m domain.Municipality
	err := row.Scan(&m.ID, &m.LGCode, &m.Slug, &m.Name, &m.NameEN, &m.PrefCode, &m.AccentColor)
	return m, err
}

// CreateMunicipality adds a municipality to the hub.
func (s Directory) CreateMunicipality(ctx context.Context, m *domain.Municipality) error {
	if err := m.Validate(); err != nil {
		return err
	}
	id, err := s.insertID(ctx, `INSERT INTO municipalities (lgcode, slug, name, name_en, pref_code, accent_color, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		m.LGCode, m.Slug, m.Name, m.NameEN, m.PrefCode, m.AccentColor, s.now())
	if err != nil {
		return mapError(err, "municipality")
	}
	m.ID = id
	return nil
}

// Municipalities lists the hub's municipalities by lgcode.
func (s Directory) Municipalities(ctx context.Context) ([]domain.Municipality, error) {
	s.core = s.replicaSafe(ctx)
	rows, err := s.query(ctx, `SELECT `+municipalityColumns+` FROM municipalities ORDER BY lgcode`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Municipality
	for rows.Next() {
		m, err := scanMunicipality(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MunicipalityByLGCode finds a hub municipality by its code.
func (s Directory) MunicipalityByLGCode(ctx context.Context, lgcode string) (domain.Municipality, error) {
	s.core = s.replicaSafe(ctx)
	m, err := scanMunicipality(s.queryRow(ctx, `SELECT `+municipalityColumns+` FROM municipalities WHERE lgcode = $1`, lgcode))
	if errors.Is(err, sql.ErrNoRows) {
		return m, domain.NotFound("municipality")
	}
	return m, err
}

// MunicipalityByID finds a hub municipality by id.
func (s Directory) MunicipalityByID(ctx context.Context, id int64) (domain.Municipality, error) {
	s.core = s.replicaSafe(ctx)
	m, err := scanMunicipality(s.queryRow(ctx, `SELECT `+municipalityColumns+` FROM municipalities WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, domain.NotFound("municipality")
	}
	return m, err
}

// Analyze refreshes the planner's statistics of every table, after a bulk
// load.
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.execQuiet(ctx, `ANALYZE`)
	return err
}

// IsEmpty reports whether the hub has no municipality yet (a fresh database).
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM municipalities`).Scan(&n)
	return n == 0, err
}
