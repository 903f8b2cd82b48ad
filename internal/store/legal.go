package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// SaveLegalDocument stores a new version of one of a municipality's
// documents: the next number after the newest, from now on in force.
// Two admins saving at once cannot both get the same number (conflict).
func (s Compliance) SaveLegalDocument(ctx context.Context, d *domain.LegalDocument) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if d.MunicipalityID == 0 {
		return domain.NotFound("municipality")
	}
	return s.transact(ctx, func(tx *Store) error {
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM legal_documents
			WHERE municipality_id = $1 AND kind = $2`, d.MunicipalityID, d.Kind).Scan(&d.Version); err != nil {
			return err
		}
		d.CreatedAt = tx.now()
		id, err := tx.insertID(ctx, `INSERT INTO legal_documents (municipality_id, kind, version, body_ja, body_en,
			effective_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, d.MunicipalityID, d.Kind,
			d.Version, d.BodyJA, d.BodyEN, d.EffectiveAt.UTC(), nullID(d.CreatedBy), d.CreatedAt)
		d.ID = id
		return mapError(err, "legal_document")
	})
}

// LegalDocument is the version of a municipality's document in force (the
// newest); not found when the municipality has not written its own.
func (s Compliance) LegalDocument(ctx context.Context, municipalityID int64, kind domain.DocumentKind) (domain.LegalDocument, error) {
	d := domain.LegalDocument{MunicipalityID: municipalityID, Kind: kind}
	var by sql.NullInt64
	err := s.queryRow(ctx, `SELECT id, version, body_ja, body_en, effective_at, created_by, created_at FROM legal_documents
		WHERE municipality_id = $1 AND kind = $2 ORDER BY version DESC LIMIT 1`, municipalityID, kind).Scan(
		&d.ID, &d.Version, &d.BodyJA, &d.BodyEN, &d.EffectiveAt, &by, &d.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return d, domain.NotFound("legal_document")
	}
	d.CreatedBy, d.EffectiveAt, d.CreatedAt = by.Int64, d.EffectiveAt.UTC(), d.CreatedAt.UTC()
	return d, err
}
