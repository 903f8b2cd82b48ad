package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Records are a person's or a municipality's data as exported: table by
// table, row by row.
type Records = map[string][]map[string]any

// CommittedError is a change that committed while the work after the
// commit failed: the change stands.
type CommittedError = store.CommittedError

// PersonalData is everything Tsunagu holds about the signed-in person,
// for them to download; the download is recorded.
func (a *Accounts) PersonalData(ctx context.Context) (Records, error) {
	userID, err := signedInUser(ctx)
	if err != nil {
		return nil, err
	}
	data, err := a.app.st.Personal().PersonalData(ctx, userID)
	if err != nil {
		return nil, err
	}
	err = a.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "user.export", SubjectType: "user", SubjectID: userID})
	})
	return data, err
}

// DeleteAccount erases the signed-in person's account once they confirm
// with their password, and ends every session of theirs on every device.
// Wrong passwords count against the sign-in throttle (a *Throttled error
// once too many), so an unattended session cannot be used to guess the
// password, and come back as a validation error on the password field.
// A talent chooses whether the credentials issued to them stay
// verifiable or are revoked with the account. A *CommittedError means
// the account is gone and only the clean-up after it failed.
func (a *Accounts) DeleteAccount(ctx context.Context, password string, revokeCredentials bool) error {
	u, err := a.confirmPassword(ctx, password, "password", "delete.wrong_password", "account.delete_failed")
	if err != nil {
		return err
	}
	userID := u.ID
	return a.app.Change(ctx, func(tx *Tx) error {
		if t, err := tx.Talents().TalentByUser(ctx, userID); err == nil && revokeCredentials {
			creds, err := tx.Issuance().IssuedCredentials(ctx, 0, t.ID)
			if err != nil {
				return err
			}
			for _, c := range creds {
				if c.RevokedAt.IsZero() {
					if err := tx.Issuance().RevokeCredential(ctx, c.ID, "the holder deleted their account"); err != nil {
						return err
					}
				}
			}
		}
		// Every session of theirs ends, on every device, not only this one.
		if _, err := tx.Accounts().Sessions().EndEvery(ctx, userID); err != nil {
			return err
		}
		return tx.Personal().DeleteAccount(ctx, userID)
	})
}
