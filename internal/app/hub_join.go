package app

import (
	"context"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// firstAdminInvitation is how long the invitation of a new municipality's
// first admin stays open.
const firstAdminInvitation = 7 * 24 * time.Hour

// NewMunicipality is a municipality that has joined the hub, with the one-time
// token of its first admin's invitation ("" when none was asked for).
type NewMunicipality struct {
	Municipality domain.Municipality
	InviteToken  string
}

// AddMunicipality brings a municipality onto the hub: the municipality, its
// office, the audit line and, when an address is given, the invitation of
// its first admin, in one transaction. Only the operator adds
// municipalities. A municipality already on the hub is a conflict.
func (h *Hub) AddMunicipality(ctx context.Context, m domain.Municipality, admin string) (NewMunicipality, error) {
	if !PrincipalFrom(ctx).System {
		return NewMunicipality{}, Refused("error.forbidden", 0, "municipality", 0)
	}
	var token string
	err := h.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Directory().CreateMunicipality(ctx, &m); err != nil {
			return err
		}
		office := domain.Organization{MunicipalityID: m.ID, Kind: domain.OrgMunicipalityOffice, Name: m.Name + " 役所"}
		if err := tx.Directory().CreateOrganization(ctx, &office); err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "municipality.add", SubjectType: "municipality", SubjectID: m.ID,
			MunicipalityID: m.ID}); err != nil {
			return err
		}
		if admin == "" {
			return nil
		}
		plain, hash, err := auth.NewToken()
		if err != nil {
			return err
		}
		token = plain
		return tx.Accounts().CreateInvitation(ctx, &domain.Invitation{Email: admin, MunicipalityID: m.ID, OrganizationID: office.ID,
			Role: domain.RoleMunicipalityAdmin, Lang: "ja"}, hash, firstAdminInvitation)
	})
	return NewMunicipality{Municipality: m, InviteToken: token}, err
}

// IssueAPIToken makes an API token for the account with the address, as the
// operator does at the command line (people make their own on /me/tokens).
// It returns the token, shown only once, and when it stops working.
func (a *Accounts) IssueAPIToken(ctx context.Context, email, label string, days int) (string, time.Time, error) {
	if !PrincipalFrom(ctx).System {
		return "", time.Time{}, Refused("error.forbidden", 0, "user", 0)
	}
	if key := auth.CheckAPITokenDays(days); key != "" {
		return "", time.Time{}, domain.Errorf(domain.CodeInvalid, key, "Max", auth.MaxAPITokenDays)
	}
	creds, err := a.app.st.Accounts().Credentials(ctx, email)
	if err != nil {
		return "", time.Time{}, err
	}
	plain, hash, err := auth.NewAPIToken()
	if err != nil {
		return "", time.Time{}, err
	}
	expires := a.app.expiryNow().AddDate(0, 0, days)
	err = a.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Accounts().CreateToken(ctx, creds.User.ID, domain.TokenAPI, hash, expires, label); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "token.create", SubjectType: "user", SubjectID: creds.User.ID})
	})
	return plain, expires, err
}
