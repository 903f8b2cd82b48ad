package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

const organizationColumns = `id, municipality_id, kind, name, name_kana, jsic_major, jsic_middle, area, description, website, address, story`

func scanOrganization(row interface{ Scan(...any) error }) (domain.Organization, error) {
	var o domain.Organization
	err := row.Scan(&o.ID, &o.MunicipalityID, &o.Kind, &o.Name, &o.NameKana, &o.JSICMajor,
		&o.JSICMiddle, &o.Area, &o.Description, &o.Website, &o.Address, &o.Story)
	return o, err
}

// CreateOrganization adds an office, partner, association or business.
func (s Directory) CreateOrganization(ctx context.Context, o *domain.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	id, err := s.insertID(ctx, `INSERT INTO organizations (municipality_id, kind, name, name_kana,
		jsic_major, jsic_middle, area, description, website, address, story, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		o.MunicipalityID, o.Kind, o.Name, o.NameKana, o.JSICMajor, o.JSICMiddle, o.Area,
		o.Description, o.Website, o.Address, o.Story, s.now())
	if err != nil {
		return mapError(err, "organization")
	}
	o.ID = id
	return nil
}

// UpdateOrganization rewrites an organization's name and profile. Its
// municipality and kind stay as they were: a business does not become
// the municipality's office.
func (s Directory) UpdateOrganization(ctx context.Context, o *domain.Organization) error {
	old, err := s.Organization(ctx, o.ID)
	if err != nil {
		return err
	}
	o.MunicipalityID, o.Kind = old.MunicipalityID, old.Kind
	if err := o.Validate(); err != nil {
		return err
	}
	_, err = s.exec(ctx, `UPDATE organizations SET name = $1, name_kana = $2, jsic_major = $3, jsic_middle = $4,
		area = $5, description = $6, website = $7, address = $8, story = $9 WHERE id = $10`,
		o.Name, o.NameKana, o.JSICMajor, o.JSICMiddle, o.Area, o.Description, o.Website, o.Address, o.Story, o.ID)
	return mapError(err, "organization")
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
