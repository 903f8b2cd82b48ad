package web

import (
	"context"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// audit records who did what to what, in tx when the event belongs to a
// change (so it exists exactly when the change does), else on its own.
func (s *Server) audit(ctx context.Context, tx *store.Store, r *http.Request, action, subjectType string,
	subjectID, municipalityID int64) error {
	if tx == nil {
		tx = s.store
	}
	return tx.Audit(ctx, store.AuditEvent{ActorID: s.userID(r), Action: action, SubjectType: subjectType,
		SubjectID: subjectID, MunicipalityID: municipalityID, Address: clientAddress(r)})
}
