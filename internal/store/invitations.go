package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// CreateInvitation stores an invitation under the hash of its token.
func (s *Store) CreateInvitation(ctx context.Context, inv *domain.Invitation, tokenHash []byte, ttl time.Duration) error {
	inv.Email = strings.ToLower(strings.TrimSpace(inv.Email))
	if err := inv.Validate(); err != nil {
		return err
	}
	org, err := s.Organization(ctx, inv.OrganizationID)
	if err != nil {
		return err
	}
	if org.MunicipalityID != inv.MunicipalityID {
		return domain.NotFound("organization")
	}
	inv.CreatedAt = s.now()
	inv.ExpiresAt = inv.CreatedAt.Add(ttl)
	id, err := s.insertID(ctx, `INSERT INTO invitations (token_hash, email, municipality_id, organization_id, role,
		invited_by, lang, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, tokenHash, inv.Email,
		inv.MunicipalityID, inv.OrganizationID, inv.Role, nullID(inv.InvitedBy), inv.Lang, inv.CreatedAt, inv.ExpiresAt)
	inv.ID = id
	return mapError(err, "invitation")
}

const invitationColumns = `id, email, municipality_id, organization_id, role, invited_by, lang, created_at, expires_at, accepted_at`

func scanInvitation(row interface{ Scan(...any) error }) (domain.Invitation, error) {
	var inv domain.Invitation
	var by sql.NullInt64
	var accepted sql.NullTime
	err := row.Scan(&inv.ID, &inv.Email, &inv.MunicipalityID, &inv.OrganizationID, &inv.Role, &by, &inv.Lang,
		&inv.CreatedAt, &inv.ExpiresAt, &accepted)
	inv.InvitedBy, inv.CreatedAt, inv.ExpiresAt = by.Int64, inv.CreatedAt.UTC(), inv.ExpiresAt.UTC()
	if accepted.Valid {
		inv.AcceptedAt = accepted.Time.UTC()
	}
	return inv, err
}

// InvitationByToken finds an open invitation; a used or expired one is
// reported as such.
func (s *Store) InvitationByToken(ctx context.Context, tokenHash []byte) (domain.Invitation, error) {
	inv, err := scanInvitation(s.queryRow(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE token_hash = $1`, tokenHash))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return inv, domain.Errorf(domain.CodeNotFound, "error.invitation_invalid")
	case err != nil:
		return inv, err
	case !inv.AcceptedAt.IsZero():
		return inv, domain.Errorf(domain.CodeConflict, "error.invitation_used")
	case s.now().After(inv.ExpiresAt):
		return inv, domain.Errorf(domain.CodeConflict, "error.invitation_expired")
	}
	return inv, nil
}

// AcceptInvitation gives the user the invitation's membership and closes
// the invitation, once.
func (s *Store) AcceptInvitation(ctx context.Context, tokenHash []byte, userID int64) (domain.Invitation, error) {
	var inv domain.Invitation
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if inv, err = tx.InvitationByToken(ctx, tokenHash); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE invitations SET accepted_at = $1, accepted_by = $2 WHERE id = $3 AND accepted_at IS NULL`,
			tx.now(), userID, inv.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.CodeConflict, "error.invitation_used")
		}
		var exists int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE user_id = $1 AND organization_id = $2 AND role = $3`,
			userID, inv.OrganizationID, inv.Role).Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			return nil
		}
		return tx.AddMembership(ctx, &domain.Membership{UserID: userID, OrganizationID: inv.OrganizationID,
			MunicipalityID: inv.MunicipalityID, Role: inv.Role})
	})
	return inv, err
}

// Invitations lists a municipality's invitations, newest first.
func (s *Store) Invitations(ctx context.Context, municipalityID int64, limit int) ([]domain.Invitation, error) {
	rows, err := s.query(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE municipality_id = $1
		ORDER BY created_at DESC, id DESC LIMIT $2`, municipalityID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Invitation
	for rows.Next() {
		inv, err := scanInvitation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

// Member is a membership with the person's name and address.
type Member struct {
	domain.Membership
	Name, Email string
}

// Members lists the people working in a municipality's organizations.
func (s *Store) Members(ctx context.Context, municipalityID int64) ([]Member, error) {
	rows, err := s.query(ctx, `SELECT m.user_id, m.organization_id, m.municipality_id, m.role, u.name, u.email
		FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.municipality_id = $1
		ORDER BY m.organization_id, m.role, u.name, u.id`, municipalityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.UserID, &m.OrganizationID, &m.MunicipalityID, &m.Role, &m.Name, &m.Email); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// RecordConsent appends a consent answer with its time.
func (s *Store) RecordConsent(ctx context.Context, c *domain.Consent) error {
	if !c.Purpose.Valid() {
		return domain.Errorf(domain.CodeInvalid, "error.choice", "Value", string(c.Purpose))
	}
	c.At = s.now()
	_, err := s.exec(ctx, `INSERT INTO consents (user_id, municipality_id, purpose, granted, at) VALUES ($1, $2, $3, $4, $5)`,
		c.UserID, nullID(c.MunicipalityID), c.Purpose, c.Granted, c.At)
	return err
}

// ConsentHistory lists a user's consent answers, newest first.
func (s *Store) ConsentHistory(ctx context.Context, userID int64) ([]domain.Consent, error) {
	rows, err := s.query(ctx, `SELECT user_id, municipality_id, purpose, granted, at FROM consents WHERE user_id = $1
		ORDER BY at DESC, id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Consent
	for rows.Next() {
		var c domain.Consent
		var m sql.NullInt64
		if err := rows.Scan(&c.UserID, &m, &c.Purpose, &c.Granted, &c.At); err != nil {
			return nil, err
		}
		c.MunicipalityID, c.At = m.Int64, c.At.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// CurrentConsents gives each purpose's newest hub-wide answer; purposes
// never answered are absent (not granted).
func (s *Store) CurrentConsents(ctx context.Context, userID int64) (map[domain.ConsentPurpose]domain.Consent, error) {
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
