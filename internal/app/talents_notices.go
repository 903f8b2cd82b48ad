package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Notification is an in-app notice: a catalog key with its arguments,
// rendered in the reader's language.
type Notification = store.Notification

// Notices lists the signed-in person's in-app notices, newest first.
func (s *Talents) Notices(ctx context.Context) ([]Notification, error) {
	userID, err := signedInUser(ctx)
	if err != nil {
		return nil, err
	}
	return s.app.st.Messaging().Notifications(ctx, userID, 100)
}

// ReadNotices marks every notice of the signed-in person read.
func (s *Talents) ReadNotices(ctx context.Context) error {
	userID, err := signedInUser(ctx)
	if err != nil {
		return err
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Messaging().MarkNotificationsRead(ctx, userID); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "notices.read", SubjectType: "user", SubjectID: userID})
	})
}

// Unread counts a person's unread notices, for the bell in every page's
// header.
func (s *Talents) Unread(ctx context.Context, userID int64) (int, error) {
	return s.app.st.Messaging().UnreadNotifications(ctx, userID)
}
