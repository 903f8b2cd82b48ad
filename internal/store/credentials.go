package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// IssuedCredential is a credential as stored.
type IssuedCredential struct {
	ID             string
	MunicipalityID int64
	TalentID       int64
	EngagementID   int64
	StatusIndex    int
	JWT            string
	Public         bool
	IssuedAt       time.Time
	RevokedAt      time.Time
	RevokeReason   string
}

const credentialColumns = `id, municipality_id, talent_id, engagement_id, status_index, jwt, public, issued_at, revoked_at, revoke_reason`

func scanCredential(row interface{ Scan(...any) error }) (IssuedCredential, error) {
	var c IssuedCredential
	var revoked sql.NullTime
	err := row.Scan(&c.ID, &c.MunicipalityID, &c.TalentID, &c.EngagementID, &c.StatusIndex, &c.JWT, &c.Public, &c.IssuedAt,
		&revoked, &c.RevokeReason)
	c.IssuedAt = c.IssuedAt.UTC()
	if revoked.Valid {
		c.RevokedAt = revoked.Time.UTC()
	}
	return c, err
}

// NextStatusIndex is the municipality's next free place in its status list.
func (s Issuance) NextStatusIndex(ctx context.Context, municipalityID int64) (int, error) {
	var n sql.NullInt64
	err := s.queryRow(ctx, `SELECT MAX(status_index) FROM credentials WHERE municipality_id = $1`, municipalityID).Scan(&n)
	if !n.Valid {
		return 0, err
	}
	return int(n.Int64) + 1, err
}

// SaveCredential stores an issued credential.
func (s Issuance) SaveCredential(ctx context.Context, c IssuedCredential) error {
	_, err := s.exec(ctx, `INSERT INTO credentials (id, municipality_id, talent_id, engagement_id, status_index, jwt, issued_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.ID, c.MunicipalityID, c.TalentID, c.EngagementID, c.StatusIndex, c.JWT, c.IssuedAt)
	return mapError(err, "credential")
}

// Credential finds one credential.
func (s Issuance) Credential(ctx context.Context, id string) (IssuedCredential, error) {
	c, err := scanCredential(s.queryRow(ctx, `SELECT `+credentialColumns+` FROM credentials WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, domain.NotFound("credential")
	}
	return c, err
}

// IssuedCredentials lists credentials by talent (talentID ≠ 0), or else by
// municipality, newest first.
func (s Issuance) IssuedCredentials(ctx context.Context, municipalityID, talentID int64) ([]IssuedCredential, error) {
	q, arg := `SELECT `+credentialColumns+` FROM credentials WHERE municipality_id = $1`, municipalityID
	if talentID != 0 {
		q, arg = `SELECT `+credentialColumns+` FROM credentials WHERE talent_id = $1`, talentID
	}
	rows, err := s.query(ctx, q+` ORDER BY issued_at DESC, id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IssuedCredential
	for rows.Next() {
		c, err := scanCredential(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// HasCredential reports whether the talent has one for the engagement.
func (s Issuance) HasCredential(ctx context.Context, engagementID, talentID int64) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM credentials WHERE engagement_id = $1 AND talent_id = $2`, engagementID, talentID).Scan(&n)
	return n > 0, err
}

// RevokeCredential marks a credential revoked, with a reason.
func (s Issuance) RevokeCredential(ctx context.Context, id, reason string) error {
	res, err := s.exec(ctx, `UPDATE credentials SET revoked_at = $1, revoke_reason = $2 WHERE id = $3 AND revoked_at IS NULL`,
		s.now(), reason, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.Errorf(domain.CodeConflict, "error.credential_revoked")
	}
	return nil
}

// SetCredentialPublic lets the talent show a credential on a public page,
// or not.
func (s Issuance) SetCredentialPublic(ctx context.Context, id string, talentID int64, public bool) error {
	res, err := s.exec(ctx, `UPDATE credentials SET public = $1 WHERE id = $2 AND talent_id = $3`, public, id, talentID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("credential")
	}
	return nil
}

// RevokedIndexes lists the municipality's revoked places in its status list.
func (s Issuance) RevokedIndexes(ctx context.Context, municipalityID int64) ([]int, error) {
	rows, err := s.query(ctx, `SELECT status_index FROM credentials WHERE municipality_id = $1 AND revoked_at IS NOT NULL`, municipalityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var i int
		if err := rows.Scan(&i); err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// EngagementsMissingCredentials lists the completed engagements, but for
// those ended early without credentials, where a team member (an agreement accepted by all) has no credential yet.
func (s Issuance) EngagementsMissingCredentials(ctx context.Context) ([]int64, error) {
	return s.queryIDs(ctx, `SELECT g.id FROM engagements g WHERE g.status = $1 AND NOT g.credential_withheld AND EXISTS (
		SELECT 1 FROM agreements a WHERE a.project_id = g.project_id AND `+acceptedByAll+`
		AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.engagement_id = g.id AND c.talent_id = a.talent_id))
		ORDER BY g.id`, domain.EngagementCompleted)
}
