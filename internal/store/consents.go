package store

import (
	"context"
	"database/sql"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// RecordConsent appends a consent answer with its time and, for a
// document (terms of use, privacy notice), the version agreed to.
func (s Compliance) RecordConsent(ctx context.Context, c *domain.Consent) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.At = s.now()
	_, err := s.exec(ctx, `INSERT INTO consents (user_id, municipality_id, purpose, granted, at, document_version)
		VALUES ($1, $2, $3, $4, $5, $6)`, c.UserID, nullID(c.MunicipalityID), c.Purpose, c.Granted, c.At, c.DocumentVersion)
	return err
}

// ConsentHistory lists a user's consent answers, newest first.
func (s Compliance) ConsentHistory(ctx context.Context, userID int64) ([]domain.Consent, error) {
	rows, err := s.query(ctx, `SELECT user_id, municipality_id, purpose, granted, at, document_version FROM consents WHERE user_id = $1
		ORDER BY at DESC, id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Consent
	for rows.Next() {
		var c domain.Consent
		var m sql.NullInt64
		if err := rows.Scan(&c.UserID, &m, &c.Purpose, &c.Granted, &c.At, &c.DocumentVersion); err != nil {
			return nil, err
		}
		c.MunicipalityID, c.At = m.Int64, c.At.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// CurrentConsents gives each purpose's newest hub-wide answer; purposes
// never answered are absent (not granted).
func (s Compliance) CurrentConsents(ctx context.Context, userID int64) (map[domain.ConsentPurpose]domain.Consent, error) {
	hist, err := s.ConsentHistory(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := map[domain.ConsentPurpose]domain.Consent{}
	for _, c := range hist {
		if _, seen := out[c.Purpose]; !seen && c.MunicipalityID == 0 {
			out[c.Purpose] = c
		}
	}
	return out, nil
}
