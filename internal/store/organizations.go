package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

const organizationColumns = `id, municipality_id, kind, name, name_kana, jsic_major, jsic_middle, area, description, website`

func scanOrganization(row interface{ Scan(...any) error }) (domain.Organization, error) {
	var o domain.Organization
	err := row.Scan(&o.ID, &o.MunicipalityID, &o.Kind, &o.Name, &o.NameKana, &o.JSICMajor,
		&o.JSICMiddle, &o.Area, &o.Description, &o.Website)
	return o, err
}

// CreateOrganization adds an office, partner, association or business.
func (s Directory) CreateOrganization(ctx context.Context, o *domain.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	id, err := s.insertID(ctx, `INSERT INTO organizations (municipality_id, kind, name, name_kana,
		jsic_major, jsic_middle, area, description, website, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		o.MunicipalityID, o.Kind, o.Name, o.NameKana, o.JSICMajor, o.JSICMiddle, o.Area,
		o.Description, o.Website, s.now())
	if err != nil {
		return mapError(err, "organization")
	}
	o.ID = id
	return nil
}

// Organization finds an organization by id.
func (s Directory) Organization(ctx context.Context, id int64) (domain.Organization, error) {
	o, err := scanOrganization(s.queryRow(ctx, `SELECT `+organizationColumns+` FROM organizations WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, domain.NotFound("organization")
	}
	return o, err
}

// OrganizationsByID loads several organizations at once, keyed by id.
func (s Directory) OrganizationsByID(ctx context.Context, ids []int64) (map[int64]domain.Organization, error) {
	s.core = s.replicaSafe(ctx)
	out := make(map[int64]domain.Organization, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	in, args := inList(ids, 1)
	rows, err := s.query(ctx, `SELECT `+organizationColumns+` FROM organizations WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanOrganization(rows)
		if err != nil {
			return nil, err
		}
		out[o.ID] = o
	}
	return out, rows.Err()
}

// Organizations lists a municipality's organizations by name.
func (s Directory) Organizations(ctx context.Context, municipalityID int64) ([]domain.Organization, error) {
	rows, err := s.query(ctx, `SELECT `+organizationColumns+` FROM organizations WHERE municipality_id = $1
		ORDER BY name, id`, municipalityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Organization
	for rows.Next() {
		o, err := scanOrganization(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
