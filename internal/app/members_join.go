package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// InvitationView is an invitation behind a link: what it offers, and
// either how to accept it or why the signed-in account cannot.
type InvitationView struct {
	Invitation   domain.Invitation
	Organization domain.Organization
	Municipality domain.Municipality
	SignedIn     bool
	// SignedInAs is the signed-in account's address; Refusal is set (a
	// catalog key) when that account may not accept the invitation.
	SignedInAs string
	Refusal    string
	// HasAccount says the invited address has an account already, to
	// sign in with rather than make one.
	HasAccount bool
}

// OpenInvitation reads the invitation behind a link. One that can no
// longer be used (withdrawn, expired, used) comes back with the error
// saying why, and the attempt is recorded.
func (m *Members) OpenInvitation(ctx context.Context, token string) (InvitationView, error) {
	d, err := m.invitation(ctx, token)
	if err != nil && d.Invitation.ID != 0 {
		inv := d.Invitation
		// The store judges expiry by its clock, so the record does too.
		if aerr := m.app.Change(ctx, func(tx *Tx) error {
			return tx.Audit(ctx, store.AuditEvent{Action: "members.invite_" + string(inv.State(m.app.expiryNow())),
				SubjectType: "invitation", SubjectID: inv.ID, MunicipalityID: inv.MunicipalityID})
		}); aerr != nil {
			return d, aerr
		}
	}
	return d, err
}

func (m *Members) invitation(ctx context.Context, token string) (InvitationView, error) {
	var d InvitationView
	var err error
	st := m.app.st
	if d.Invitation, err = st.Accounts().InvitationByToken(ctx, auth.HashToken(token)); err != nil {
		return d, err
	}
	if d.Organization, err = st.Directory().Organization(ctx, d.Invitation.OrganizationID); err != nil {
		return d, err
	}
	if d.Municipality, err = st.Directory().MunicipalityByID(ctx, d.Invitation.MunicipalityID); err != nil {
		return d, err
	}
	if id := PrincipalFrom(ctx).UserID; id != 0 {
		u, err := st.Accounts().UserByID(ctx, id)
		if err != nil {
			return d, err
		}
		creds, err := st.Accounts().Credentials(ctx, u.Email)
		if err != nil {
			return d, err
		}
		d.SignedIn, d.SignedInAs = true, u.Email
		if err := d.Invitation.AcceptableBy(u.Email, creds.Verified); err != nil {
			d.Refusal, _ = domain.ErrorKey(err)
		}
	}
	_, err = st.Accounts().Credentials(ctx, d.Invitation.Email)
	d.HasAccount = err == nil
	return d, nil
}

// InvitationAnswer accepts an invitation: its link, and, for someone
// without an account, what making one asks for.
type InvitationAnswer struct {
	Token                    string
	Name, NameKana, Password string
	Agreement                Agreement
}

// Joined is how accepting an invitation went, beside its error.
type Joined struct {
	View InvitationView
	// SignInFirst: nobody is signed in and the invited address has an
	// account; the person signs in with it and comes back.
	SignInFirst bool
	// NewUser is the account made on the way, for the caller to sign in.
	NewUser int64
}

// AcceptInvitation joins the signed-in person to the organization when
// their confirmed address is the invited one, or makes their account with
// the invited address first: the link arrived at that address, which
// confirms it as the sign-up mail's link would. Missing or invalid
// details for the account are a validation error, field by field. An
// account with another address (or an unconfirmed one) gets no
// membership: a forbidden error, with the view saying why, and a record.
func (m *Members) AcceptInvitation(ctx context.Context, in InvitationAnswer) (Joined, error) {
	d, err := m.OpenInvitation(ctx, in.Token)
	res := Joined{View: d}
	if err != nil {
		return res, err
	}
	userID := PrincipalFrom(ctx).UserID
	var newUser *domain.User
	var hash string
	if userID == 0 {
		if d.HasAccount {
			res.SignInFirst = true
			return res, nil
		}
		newUser = &domain.User{Email: d.Invitation.Email, Name: domain.NormalizeText(in.Name),
			NameKana: domain.NormalizeKana(in.NameKana)}
		if err := newAccountProblems(*newUser, in.Password, in.Agreement.Agreed, false); err != nil {
			return res, err
		}
		if hash, err = m.app.Accounts.hash(ctx, in.Password); err != nil {
			return res, err
		}
	}
	err = m.app.Change(ctx, func(tx *Tx) error {
		if newUser != nil {
			if err := tx.Accounts().CreateUser(ctx, newUser); err != nil {
				return err
			}
			if err := tx.Accounts().SetPassword(ctx, newUser.ID, hash); err != nil {
				return err
			}
			if err := tx.recordAgreement(ctx, newUser.ID, in.Agreement); err != nil {
				return err
			}
			if err := tx.Accounts().MarkEmailVerified(ctx, newUser.ID); err != nil {
				return err
			}
			userID = newUser.ID
		}
		inv, err := tx.Accounts().AcceptInvitation(ctx, auth.HashToken(in.Token), userID)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{ActorID: userID, Action: "members.join", SubjectType: "invitation",
			SubjectID: inv.ID, MunicipalityID: inv.MunicipalityID})
	})
	if domain.ErrorCode(err) == domain.CodeForbidden {
		inv := d.Invitation
		if aerr := m.app.Change(ctx, func(tx *Tx) error {
			return tx.Audit(ctx, store.AuditEvent{Action: "members.join_refused", SubjectType: "invitation",
				SubjectID: inv.ID, MunicipalityID: inv.MunicipalityID})
		}); aerr != nil {
			return res, aerr
		}
		res.View.Refusal, _ = domain.ErrorKey(err)
		return res, err
	}
	if err != nil {
		return res, err
	}
	if newUser != nil {
		res.NewUser = newUser.ID
	}
	return res, nil
}
