package app

import (
	"context"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// IssuedCredential is a credential as this hub issued it.
type IssuedCredential = store.IssuedCredential

// Issuer is the municipalities' issuer of this hub, the library the
// service signs with; commands and tests issue through it too.
func (c *Credentials) Issuer() *issuer.Issuer { return c.app.issuer }

// Get finds a credential the person may see: a public one for anyone,
// otherwise for its talent and the issuer's staff (never a leader or a
// business: they read no one's credential that is not public). One whose
// holder deleted their account is kept only in the status list.
func (c *Credentials) Get(ctx context.Context, id string) (IssuedCredential, error) {
	cr, err := c.app.st.Issuance().Credential(ctx, id)
	if err == nil && cr.JWT == "" {
		return cr, domain.NotFound("credential")
	}
	if err != nil || cr.Public {
		return cr, err
	}
	uid := PrincipalFrom(ctx).UserID
	if uid == 0 {
		return cr, domain.NotFound("credential")
	}
	if c.holds(ctx, uid, cr) {
		return cr, nil
	}
	a, err := c.app.Actor(ctx)
	if err != nil {
		return cr, err
	}
	if policy.Can(a, policy.ViewCredentials, policy.Resource{MunicipalityID: cr.MunicipalityID}) {
		return cr, nil
	}
	return cr, &Denied{Err: domain.NotFound("credential"), MunicipalityID: cr.MunicipalityID, SubjectType: "credential",
		SubjectKey: cr.ID}
}

// holds reports whether the user's talent profile holds the credential.
func (c *Credentials) holds(ctx context.Context, userID int64, cr IssuedCredential) bool {
	t, err := c.app.st.Talents().TalentByUser(ctx, userID)
	return err == nil && t.ID == cr.TalentID
}

// CredentialView is a credential as its page shows it, checked now.
type CredentialView struct {
	Credential IssuedCredential
	Check      Check
	Mine       bool   // the person holds it
	RevokeFrom string // the issuing municipality's code, for its staff who may revoke it
}

// View finds a credential the person may see and checks it now.
func (c *Credentials) View(ctx context.Context, id string) (CredentialView, error) {
	var v CredentialView
	var err error
	if v.Credential, err = c.Get(ctx, id); err != nil {
		return v, err
	}
	v.Check = c.Verify(ctx, v.Credential.JWT)
	if uid := PrincipalFrom(ctx).UserID; uid != 0 {
		v.Mine = c.holds(ctx, uid, v.Credential)
	}
	a, err := c.app.Actor(ctx)
	if err != nil {
		return v, err
	}
	if v.Credential.RevokedAt.IsZero() && policy.Can(a, policy.DecideTeams, policy.Resource{MunicipalityID: v.Credential.MunicipalityID}) {
		mu, err := c.app.st.Directory().MunicipalityByID(ctx, v.Credential.MunicipalityID)
		if err != nil {
			return v, err
		}
		v.RevokeFrom = mu.LGCode
	}
	return v, nil
}

// SetPublic lets the signed-in talent show one of their credentials
// publicly, or not.
func (c *Credentials) SetPublic(ctx context.Context, id string, public bool) error {
	uid := PrincipalFrom(ctx).UserID
	if uid == 0 {
		return ErrSignIn
	}
	t, err := c.app.st.Talents().TalentByUser(ctx, uid)
	if err != nil {
		return err
	}
	return c.app.st.Issuance().SetCredentialPublic(ctx, id, t.ID, public)
}

// Revoke lets the issuing municipality's staff revoke a credential, with
// a reason, audited in the same transaction.
func (c *Credentials) Revoke(ctx context.Context, lgcode, id, reason string) error {
	mu, err := c.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return err
	}
	if _, err := c.app.Authorize(ctx, policy.DecideTeams, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	cr, err := c.app.st.Issuance().Credential(ctx, id)
	if err != nil || cr.MunicipalityID != mu.ID {
		return domain.NotFound("credential")
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return domain.Errorf(domain.CodeInvalid, "error.required", "Field", "cred.revoke_reason")
	}
	return c.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Issuance().RevokeCredential(ctx, cr.ID, reason); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "credential.revoke", SubjectType: "credential",
			SubjectKey: cr.ID, MunicipalityID: mu.ID, Detail: reason})
	})
}
