package store

import (
	"context"
	"database/sql"
	"time"
)

// AuditEvent records who did what, when, to what.
type AuditEvent struct {
	ID             int64
	At             time.Time
	ActorID        int64  // 0 for an anonymous or system action
	Action         string // e.g. "entry.submit", "profile.view"
	SubjectType    string // e.g. "entry"
	SubjectID      int64
	MunicipalityID int64 // 0 when the event belongs to no municipality
	Address        string
	Detail         string
}

// Audit appends an event, inside the caller's transaction when there is
// one, so the record exists exactly when the change does.
func (s *Store) Audit(ctx context.Context, e AuditEvent) error {
	var actor, muni any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	if e.MunicipalityID != 0 {
		muni = e.MunicipalityID
	}
	_, err := s.execQuiet(ctx, `INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, municipality_id, address, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, s.now(), actor, e.Action, e.SubjectType, e.SubjectID, muni, e.Address, e.Detail)
	return err
}

// AuditLog lists the newest events first; municipalityID 0 lists all.
func (s *Store) AuditLog(ctx context.Context, municipalityID int64, limit int) ([]AuditEvent, error) {
	rows, err := s.query(ctx, `SELECT id, at, actor_id, action, subject_type, subject_id, municipality_id, address, detail
		FROM audit_log WHERE $1 = 0 OR municipality_id = $1 ORDER BY id DESC LIMIT $2`, municipalityID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEvent
	for rows.Next() {
		var e AuditEvent
		var actor, muni sql.NullInt64
		if err := rows.Scan(&e.ID, &e.At, &actor, &e.Action, &e.SubjectType, &e.SubjectID, &muni, &e.Address, &e.Detail); err != nil {
			return nil, err
		}
		e.At, e.ActorID, e.MunicipalityID = e.At.UTC(), actor.Int64, muni.Int64
		out = append(out, e)
	}
	return out, rows.Err()
}
