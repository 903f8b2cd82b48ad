package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Ping reports whether the database answers, for the health check.
func (a *App) Ping(ctx context.Context) error { return a.st.Ping(ctx) }

// MigrationsPending reports whether the database still lacks a migration
// of this build, for the readiness check.
func (a *App) MigrationsPending(ctx context.Context) (bool, error) {
	return a.st.MigrationsPending(ctx)
}

// Version moves whenever committed data changes (here or, on PostgreSQL,
// on another instance), so caches of pages built from the data can tell
// they are stale.
func (a *App) Version() uint64 { return a.st.Version() }

// SessionRows are the web sessions as the database keeps them, each with
// its owner, for the session manager.
type SessionRows = store.Sessions

// SessionOwner names whose session a row is, and in which generation of
// their sessions it began.
type SessionOwner = store.SessionOwner

// Sessions gives the session manager its rows.
func (a *App) Sessions() SessionRows { return a.st.Accounts().Sessions() }

// RecordDenial writes an access.denied line for a refusal of the signed-in
// principal: the refused subject, and detail (the status, method and path,
// never the query or a form body). Visitors are not recorded.
func (a *App) RecordDenial(ctx context.Context, d *Denied, detail string) error {
	p := PrincipalFrom(ctx)
	if p.UserID == 0 {
		return nil
	}
	return a.st.Compliance().Audit(ctx, store.AuditEvent{ActorID: p.UserID, Action: "access.denied",
		SubjectType: d.SubjectType, SubjectID: d.SubjectID, SubjectKey: d.SubjectKey, MunicipalityID: d.MunicipalityID,
		Address: p.Address, Detail: detail})
}

// SignInState is what a new session needs to know of its person: the
// generation of their sessions (ending them all moves it on) and whether
// they are a member of any organization (their session is then shorter).
func (s *Accounts) SignInState(ctx context.Context, userID int64) (generation int64, member bool, err error) {
	if generation, err = s.app.st.Accounts().Sessions().Generation(ctx, userID); err != nil {
		return 0, false, err
	}
	ms, err := s.app.st.Accounts().Memberships(ctx, userID)
	return generation, len(ms) > 0, err
}
