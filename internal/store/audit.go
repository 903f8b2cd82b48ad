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
	SubjectKey     string // the subject's id when it is not a number (a credential)
	MunicipalityID int64  // 0 when the event belongs to no municipality
	Address        string
	Detail         string // e.g. the reason of a 見送り or a revocation; never a form body

	// Read back by AuditLog, for people to read.
	ActorName    string // the actor's name now; "" when ActorGone or there is no actor
	ActorGone    bool   // the actor's account was deleted
	SubjectLabel string // what the subject is called (a program's title, an entrant's name), or ""
}

// Audit appends an event, inside the caller's transaction when there is
// one, so the record exists exactly when the change does.
func (s Compliance) Audit(ctx context.Context, e AuditEvent) error {
	var actor, muni any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	if e.MunicipalityID != 0 {
		muni = e.MunicipalityID
	}
	_, err := s.execQuiet(ctx, `INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, subject_key,
		municipality_id, address, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, s.now(), actor, e.Action,
		e.SubjectType, e.SubjectID, e.SubjectKey, muni, e.Address, e.Detail)
	return err
}

// auditSubjectLabel names an audit line's subject by its type: a
// correlated lookup per line, which stays cheap for a page of lines.
const auditSubjectLabel = `COALESCE(CASE a.subject_type
	WHEN 'entry' THEN (SELECT t.name FROM entries e JOIN talents t ON t.id = e.talent_id WHERE e.id = a.subject_id)
	WHEN 'program' THEN (SELECT title FROM programs WHERE id = a.subject_id)
	WHEN 'project' THEN (SELECT title FROM projects WHERE id = a.subject_id)
	WHEN 'engagement' THEN (SELECT p.title FROM engagements g JOIN projects p ON p.id = g.project_id WHERE g.id = a.subject_id)
	WHEN 'agreement' THEN (SELECT p.title FROM agreements g JOIN projects p ON p.id = g.project_id WHERE g.id = a.subject_id)
	WHEN 'indicator' THEN (SELECT p.title FROM indicators i JOIN engagements g ON g.id = i.engagement_id
		JOIN projects p ON p.id = g.project_id WHERE i.id = a.subject_id)
	WHEN 'credential' THEN (SELECT t.name FROM credentials c JOIN talents t ON t.id = c.talent_id WHERE c.id = a.subject_key)
	WHEN 'talent' THEN (SELECT name FROM talents WHERE id = a.subject_id)
	WHEN 'user' THEN (SELECT name FROM users WHERE id = a.subject_id)
	WHEN 'municipality' THEN (SELECT name FROM municipalities WHERE id = a.subject_id)
	WHEN 'event' THEN (SELECT title FROM events WHERE id = a.subject_id)
	WHEN 'idea' THEN (SELECT title FROM ideas WHERE id = a.subject_id)
	END, '')`

// AuditLog lists the newest events first, with the actor's name and the
// subject's; municipalityID 0 lists all.
func (s Compliance) AuditLog(ctx context.Context, municipalityID int64, limit int) ([]AuditEvent, error) {
	rows, err := s.query(ctx, `SELECT a.id, a.at, a.actor_id, a.action, a.subject_type, a.subject_id, a.subject_key,
		a.municipality_id, a.address, a.detail, COALESCE(u.name, ''), u.id IS NULL, `+auditSubjectLabel+`
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE $1 = 0 OR a.municipality_id = $1 ORDER BY a.id DESC LIMIT $2`, municipalityID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEvent
	for rows.Next() {
		var e AuditEvent
		var actor, muni sql.NullInt64
		var noUser bool
		if err := rows.Scan(&e.ID, &e.At, &actor, &e.Action, &e.SubjectType, &e.SubjectID, &e.SubjectKey, &muni,
			&e.Address, &e.Detail, &e.ActorName, &noUser, &e.SubjectLabel); err != nil {
			return nil, err
		}
		e.At, e.ActorID, e.MunicipalityID = e.At.UTC(), actor.Int64, muni.Int64
		e.ActorGone = actor.Valid && noUser
		out = append(out, e)
	}
	return out, rows.Err()
}
