package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// EntryEvent is one change of an entry's status.
type EntryEvent struct {
	EntryID  int64
	At       time.Time
	ActorID  int64
	From, To domain.EntryStatus
	Reason   string
}

// DecideEntries moves a program's entries to new statuses in one
// transaction and records each change with who and why. Withdrawn and
// agreed entries are left as they are; unchanged ones record nothing.
func (s Entries) DecideEntries(ctx context.Context, programID int64, to map[int64]domain.EntryStatus, actorID int64,
	reason string) (changed int, err error) {
	err = s.transact(ctx, func(tx *Store) error {
		var actor any
		if actorID != 0 {
			actor = actorID
		}
		for entryID, status := range to {
			if !status.Valid() {
				return domain.Errorf(domain.CodeInvalid, "error.choice", "Value", string(status))
			}
			e, err := tx.Entries().Entry(ctx, entryID)
			if err != nil {
				return err
			}
			if e.ProgramID != programID {
				return domain.NotFound("entry")
			}
			if e.Status == status || e.Status == domain.EntryWithdrawn || e.Status == domain.EntryAgreed {
				continue
			}
			if _, err := tx.exec(ctx, `UPDATE entries SET status = $1 WHERE id = $2`, status, entryID); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO entry_events (entry_id, municipality_id, at, actor_id, from_status,
				to_status, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`, entryID, e.MunicipalityID, tx.now(), actor,
				e.Status, status, reason); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	return changed, err
}

// EntryHistory lists an entry's status changes, oldest first.
func (s Entries) EntryHistory(ctx context.Context, entryID int64) ([]EntryEvent, error) {
	rows, err := s.query(ctx, `SELECT entry_id, at, actor_id, from_status, to_status, reason FROM entry_events
		WHERE entry_id = $1 ORDER BY at, id`, entryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []EntryEvent
	for rows.Next() {
		var e EntryEvent
		var actor sql.NullInt64
		if err := rows.Scan(&e.EntryID, &e.At, &actor, &e.From, &e.To, &e.Reason); err != nil {
			return nil, err
		}
		e.At, e.ActorID = e.At.UTC(), actor.Int64
		out = append(out, e)
	}
	return out, rows.Err()
}
