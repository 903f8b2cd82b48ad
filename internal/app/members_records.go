package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// OutboxMail is a mail as the outbox keeps it, with whether it was sent.
type OutboxMail = store.Mail

// Outbox is the mail a municipality's work caused, newest first, for its
// staff; account mail (one-time links) is never in it. Reading it is
// recorded.
func (m *Members) Outbox(ctx context.Context, mu domain.Municipality) ([]OutboxMail, error) {
	if _, err := m.app.Authorize(ctx, policy.ReadOutbox, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return nil, err
	}
	mails, err := m.app.st.Messaging().MunicipalityOutbox(ctx, mu.ID, 100)
	if err != nil {
		return nil, err
	}
	err = m.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "outbox.view", SubjectType: "municipality", SubjectID: mu.ID,
			MunicipalityID: mu.ID})
	})
	return mails, err
}

// Export is all of a municipality's data, for its admins to download; the
// download is recorded.
func (m *Members) Export(ctx context.Context, mu domain.Municipality) (Records, error) {
	if _, err := m.app.Authorize(ctx, policy.ReadAudit, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return nil, err
	}
	data, err := m.app.st.Personal().MunicipalityData(ctx, mu.ID)
	if err != nil {
		return nil, err
	}
	err = m.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "municipality.export", SubjectType: "municipality",
			SubjectID: mu.ID, MunicipalityID: mu.ID})
	})
	return data, err
}
