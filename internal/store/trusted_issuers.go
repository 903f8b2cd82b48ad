package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TrustedIssuer is another Tsunagu instance whose credentials this hub
// accepts, by its origin (https://host[:port]).
type TrustedIssuer struct {
	ID      int64
	Origin  string
	Name    string
	AddedAt time.Time
}

// AddTrustedIssuer registers an instance; an origin already registered is
// a conflict.
func (s Issuance) AddTrustedIssuer(ctx context.Context, ti *TrustedIssuer) error {
	ti.AddedAt = s.now()
	id, err := s.insertID(ctx, `INSERT INTO trusted_issuers (origin, name, added_at) VALUES ($1, $2, $3)`,
		ti.Origin, ti.Name, ti.AddedAt)
	if err != nil {
		return mapError(err, "trusted_issuer")
	}
	ti.ID = id
	return nil
}

// TrustedIssuers lists the registered instances by origin.
func (s Issuance) TrustedIssuers(ctx context.Context) ([]TrustedIssuer, error) {
	rows, err := s.query(ctx, `SELECT id, origin, name, added_at FROM trusted_issuers ORDER BY origin`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TrustedIssuer
	for rows.Next() {
		var ti TrustedIssuer
		if err := rows.Scan(&ti.ID, &ti.Origin, &ti.Name, &ti.AddedAt); err != nil {
			return nil, err
		}
		ti.AddedAt = ti.AddedAt.UTC()
		out = append(out, ti)
	}
	return out, rows.Err()
}

// TrustedIssuerByOrigin finds a registered instance.
func (s Issuance) TrustedIssuerByOrigin(ctx context.Context, origin string) (TrustedIssuer, error) {
	var ti TrustedIssuer
	err := s.queryRow(ctx, `SELECT id, origin, name, added_at FROM trusted_issuers WHERE origin = $1`, origin).
		Scan(&ti.ID, &ti.Origin, &ti.Name, &ti.AddedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return ti, domain.NotFound("trusted_issuer")
	}
	ti.AddedAt = ti.AddedAt.UTC()
	return ti, err
}

// RemoveTrustedIssuer unregisters an instance and returns what it was.
func (s Issuance) RemoveTrustedIssuer(ctx context.Context, origin string) (TrustedIssuer, error) {
	var removed TrustedIssuer
	err := s.transact(ctx, func(tx *Store) error {
		ti, err := tx.Issuance().TrustedIssuerByOrigin(ctx, origin)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM trusted_issuers WHERE id = $1`, ti.ID); err != nil {
			return err
		}
		removed = ti
		return nil
	})
	return removed, err
}
