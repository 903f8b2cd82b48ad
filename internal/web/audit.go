package web

import (
	"context"
	"errors"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"net/http"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// audit records who did what to what, in tx when the event belongs to a
// change (so it exists exactly when the change does), else on its own.
func (s *Server) audit(ctx context.Context, tx *store.Store, r *http.Request, action, subjectType string,
	subjectID, municipalityID int64) error {
	return s.auditEvent(ctx, tx, r, store.AuditEvent{Action: action, SubjectType: subjectType, SubjectID: subjectID,
		MunicipalityID: municipalityID})
}

// auditEvent records an event with more than audit says (a detail such as
// a reason, a subject without a numeric id, or an actor who is not yet
// signed in, such as someone signing up). The signed-in person is the
// actor unless the event names one, and the address is the request's.
func (s *Server) auditEvent(ctx context.Context, tx *store.Store, r *http.Request, e store.AuditEvent) error {
	if tx == nil {
		tx = s.store
	}
	if e.ActorID == 0 {
		e.ActorID = s.userID(r)
	}
	e.Address = clientAddress(r)
	return tx.Compliance().Audit(ctx, e)
}

// deniedError is the application's refusal (app.Denied), recorded by
// recordDenial when it reaches the error page.
type deniedError = app.Denied

// forbiddenIn refuses an action in a municipality with a 403.
func forbiddenIn(municipalityID int64) error {
	return refused("error.forbidden", municipalityID, "municipality", municipalityID)
}

// forbiddenOn refuses an action on one thing with a 403.
func forbiddenOn(municipalityID int64, what string, id int64) error {
	return refused("error.forbidden", municipalityID, what, id)
}

// refused is a 403 whose message (key) says why.
func refused(key string, municipalityID int64, what string, id int64) error {
	return app.Refused(key, municipalityID, what, id)
}

// hiddenFrom answers 404 for a thing the person may not see, as if it did
// not exist, and records the attempt.
func hiddenFrom(municipalityID int64, what string, id int64) error {
	return app.Hidden(municipalityID, what, id)
}

// recordDenial writes an access.denied line for a refusal of a signed-in
// person: who, where, the method and path (never the query or a form
// body), and from which address. A visitor who is not signed in is sent
// to log in instead and is not recorded.
func (s *Server) recordDenial(r *http.Request, err error) {
	var d *deniedError
	if !errors.As(err, &d) {
		return
	}
	userID := s.userID(r)
	if userID == 0 {
		return
	}
	detail := strconv.Itoa(statusOf(d.Err.Code)) + " " + r.Method + " " + r.URL.Path
	e := store.AuditEvent{ActorID: userID, Action: "access.denied", SubjectType: d.SubjectType, SubjectID: d.SubjectID,
		SubjectKey: d.SubjectKey, MunicipalityID: d.MunicipalityID, Address: clientAddress(r), Detail: detail}
	if werr := s.store.Compliance().Audit(r.Context(), e); werr != nil {
		s.log.ErrorContext(r.Context(), "record a denial", "path", r.URL.Path, "err", werr)
	}
}
