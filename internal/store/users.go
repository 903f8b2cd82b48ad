package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// CreateUser adds a person who can sign in; emails are unique, compared in
// lower case.
func (s Accounts) CreateUser(ctx context.Context, u *domain.User) error {
	u.Email = domain.NormalizeEmail(u.Email)
	u.Name = domain.NormalizeText(u.Name)
	u.NameKana = domain.NormalizeKana(u.NameKana)
	if err := u.Validate(); err != nil {
		return err
	}
	id, err := s.insertID(ctx, `INSERT INTO users (email, name, name_kana, created_at) VALUES ($1, $2, $3, $4)`,
		u.Email, u.Name, u.NameKana, s.now())
	if err != nil {
		return mapError(err, "user")
	}
	u.ID = id
	return nil
}

// UserByEmail finds a user by email address.
func (s Accounts) UserByEmail(ctx context.Context, email string) (domain.User, error) {
	var u domain.User
	err := s.queryRow(ctx, `SELECT id, email, name, name_kana FROM users WHERE email = $1`,
		domain.NormalizeEmail(email)).Scan(&u.ID, &u.Email, &u.Name, &u.NameKana)
	if errors.Is(err, sql.ErrNoRows) {
		return u, domain.NotFound("user")
	}
	return u, err
}

// AddMembership gives a user a role in an organization; the membership
// carries the organization's municipality.
func (s Accounts) AddMembership(ctx context.Context, m *domain.Membership) error {
	return s.transact(ctx, func(tx *Store) error {
		org, err := tx.Directory().Organization(ctx, m.OrganizationID)
		if err != nil {
			return err
		}
		m.MunicipalityID = org.MunicipalityID
		if err := m.Validate(); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO memberships (user_id, organization_id, municipality_id, role, created_at)
			VALUES ($1, $2, $3, $4, $5)`, m.UserID, m.OrganizationID, m.MunicipalityID, m.Role, tx.now())
		return mapError(err, "membership")
	})
}

// Memberships lists a user's roles across organizations.
func (s Accounts) Memberships(ctx context.Context, userID int64) ([]domain.Membership, error) {
	rows, err := s.query(ctx, `SELECT user_id, organization_id, municipality_id, role FROM memberships
		WHERE user_id = $1 ORDER BY organization_id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Membership
	for rows.Next() {
		var m domain.Membership
		if err := rows.Scan(&m.UserID, &m.OrganizationID, &m.MunicipalityID, &m.Role); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// UserByID finds a user by id.
func (s Accounts) UserByID(ctx context.Context, id int64) (domain.User, error) {
	var u domain.User
	err := s.queryRow(ctx, `SELECT id, email, name, name_kana FROM users WHERE id = $1`, id).Scan(
		&u.ID, &u.Email, &u.Name, &u.NameKana)
	if errors.Is(err, sql.ErrNoRows) {
		return u, domain.NotFound("user")
	}
	return u, err
}
