package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// CreateInvitation stores an invitation under the hash of its token.
func (s Accounts) CreateInvitation(ctx context.Context, inv *domain.Invitation, tokenHash []byte, ttl time.Duration) error {
	inv.Email = domain.NormalizeEmail(inv.Email)
	if err := inv.Validate(); err != nil {
		return err
	}
	org, err := Directory(s).Organization(ctx, inv.OrganizationID)
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

const invitationColumns = `id, email, municipality_id, organization_id, role, invited_by, lang, created_at, expires_at,
	accepted_at, revoked_at, revoked_by`

func scanInvitation(row interface{ Scan(...any) error }) (domain.Invitation, error) {
	var inv domain.Invitation
	var by, revokedBy sql.NullInt64
	var accepted, revoked sql.NullTime
	err := row.Scan(&inv.ID, &inv.Email, &inv.MunicipalityID, &inv.OrganizationID, &inv.Role, &by, &inv.Lang,
		&inv.CreatedAt, &inv.ExpiresAt, &accepted, &revoked, &revokedBy)
	inv.InvitedBy, inv.RevokedBy = by.Int64, revokedBy.Int64
	inv.CreatedAt, inv.ExpiresAt = inv.CreatedAt.UTC(), inv.ExpiresAt.UTC()
	if accepted.Valid {
		inv.AcceptedAt = accepted.Time.UTC()
	}
	if revoked.Valid {
		inv.RevokedAt = revoked.Time.UTC()
	}
	return inv, err
}

// InvitationByToken finds an invitation by its link. One that can no
// longer be used (accepted, withdrawn, expired) is returned together with
// the error saying why, so that the attempt can be recorded.
func (s Accounts) InvitationByToken(ctx context.Context, tokenHash []byte) (domain.Invitation, error) {
	inv, err := scanInvitation(s.queryRow(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE token_hash = $1`, tokenHash))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return domain.Invitation{}, domain.Errorf(domain.CodeNotFound, "error.invitation_invalid")
	case err != nil:
		return inv, err
	}
	return inv, inv.Usable(s.now())
}

// Invitation finds one of a municipality's invitations by id.
func (s Accounts) Invitation(ctx context.Context, municipalityID, id int64) (domain.Invitation, error) {
	inv, err := scanInvitation(s.queryRow(ctx, `SELECT `+invitationColumns+` FROM invitations
		WHERE id = $1 AND municipality_id = $2`, id, municipalityID))
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Invitation{}, domain.NotFound("invitation")
	}
	return inv, err
}

// AcceptInvitation gives the user the invitation's membership and closes
// the invitation, once, and only when the user's confirmed address is the
// invited one (domain.Invitation.AcceptableBy). The check runs in the same
// transaction as the grant, so no caller can hand the membership to
// whoever happens to hold the link.
func (s Accounts) AcceptInvitation(ctx context.Context, tokenHash []byte, userID int64) (domain.Invitation, error) {
	var inv domain.Invitation
	err := s.transact(ctx, func(tx *Store) error {
		var err error
		if inv, err = tx.Accounts().InvitationByToken(ctx, tokenHash); err != nil {
			return err
		}
		var email string
		var verified sql.NullTime
		err = tx.queryRow(ctx, `SELECT email, email_verified_at FROM users WHERE id = $1`, userID).Scan(&email, &verified)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("user")
		} else if err != nil {
			return err
		}
		if err := inv.AcceptableBy(email, verified.Valid); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE invitations SET accepted_at = $1, accepted_by = $2
			WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL`, tx.now(), userID, inv.ID)
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
		return tx.Accounts().AddMembership(ctx, &domain.Membership{UserID: userID, OrganizationID: inv.OrganizationID,
			MunicipalityID: inv.MunicipalityID, Role: inv.Role})
	})
	return inv, err
}

// RevokeInvitation withdraws one of a municipality's open invitations, so
// its link stops working at once.
func (s Accounts) RevokeInvitation(ctx context.Context, municipalityID, id, by int64) (domain.Invitation, error) {
	var inv domain.Invitation
	err := s.transact(ctx, func(tx *Store) error {
		var err error
		if inv, err = tx.Accounts().Invitation(ctx, municipalityID, id); err != nil {
			return err
		}
		if !inv.CanRevoke(tx.now()) {
			return domain.Errorf(domain.CodeConflict, "error.invitation_not_open")
		}
		inv.RevokedAt, inv.RevokedBy = tx.now(), by
		res, err := tx.exec(ctx, `UPDATE invitations SET revoked_at = $1, revoked_by = $2
			WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL`, inv.RevokedAt, nullID(by), inv.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.CodeConflict, "error.invitation_not_open")
		}
		return nil
	})
	return inv, err
}

// Invitations lists a municipality's invitations, newest first.
func (s Accounts) Invitations(ctx context.Context, municipalityID int64, limit int) ([]domain.Invitation, error) {
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
func (s Accounts) Members(ctx context.Context, municipalityID int64) ([]Member, error) {
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
