package web

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// The notices and mails of a change are the application layer's
// (internal/app, effects.go). These helpers let handlers that still open
// their own transaction record them the same way, inside it.

// tell sends one person an in-app notice and the same by mail, in their
// language. A user id of 0 (a profile without an account) is skipped.
func (s *Server) tell(ctx context.Context, tx *store.Store, municipalityID, userID int64, key string, args map[string]any, link string) error {
	return s.app.On(ctx, tx).Tell(ctx, municipalityID, userID, key, args, link)
}

// tellNote is tell with a note from a person (such as why a project was
// returned) added to the mail.
func (s *Server) tellNote(ctx context.Context, tx *store.Store, municipalityID, userID int64, key string, args map[string]any,
	link, note string) error {
	return s.app.On(ctx, tx).TellNote(ctx, municipalityID, userID, key, args, link, note)
}

// queueMail renders a mail in the recipient's language and puts it in the
// outbox inside the caller's transaction.
func (s *Server) queueMail(ctx context.Context, tx *store.Store, lang i18n.Lang, to, template string, data any) error {
	return s.app.On(ctx, tx).Mail(ctx, lang, to, template, data)
}

// queueMailFor queues a mail that a municipality's work caused, so its
// staff can read it in their outbox, optionally with an attachment.
func (s *Server) queueMailFor(ctx context.Context, tx *store.Store, municipalityID int64, lang i18n.Lang, to, template string,
	data any, att *store.Attachment) error {
	return s.app.On(ctx, tx).MailFor(ctx, municipalityID, lang, to, template, data, att)
}

// hostOwners lists the business owners of an organization, for the
// handlers that still tell them inside their own transaction.
func (s *Server) hostOwners(ctx context.Context, tx *store.Store, mu domain.Municipality, orgID int64) ([]int64, error) {
	members, err := tx.Accounts().Members(ctx, mu.ID)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, m := range members {
		if m.OrganizationID == orgID && m.Role == domain.RoleBusinessOwner {
			out = append(out, m.UserID)
		}
	}
	return out, nil
}

// mailHost is the site's host name for addresses and calendar ids.
func (s *Server) mailHost() string { return s.app.MailHost() }

func pick(lang i18n.Lang, ja, en string) string { return i18n.Pick(lang, ja, en) }
