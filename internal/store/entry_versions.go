package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// EntryVersion is an entry as it stood before its talent changed it:
// edited before the deadline, or entered again after withdrawing.
type EntryVersion struct {
	ID          int64
	EntryID     int64
	Motivation  string
	Choices     []int64
	Status      domain.EntryStatus
	SubmittedAt time.Time
	ReplacedAt  time.Time
}

// EntryOf finds a talent's entry to a program.
func (s Entries) EntryOf(ctx context.Context, programID, talentID int64) (domain.Entry, error) {
	var id int64
	err := s.queryRow(ctx, `SELECT id FROM entries WHERE program_id = $1 AND talent_id = $2`, programID,
		talentID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Entry{}, domain.NotFound("entry")
	}
	if err != nil {
		return domain.Entry{}, err
	}
	return s.Entry(ctx, id)
}

// ReviseEntry replaces a talent's entry to a program with e (its choices
// and motivation), keeping the entry as it stood as a version. An entry
// that was withdrawn is entered again: it goes back to 応募, and the step
// is recorded in its history by the talent's account (actorID). Only an
// entry still at 応募 or withdrawn may be revised. e gets the entry's id
// and status; the version kept is returned.
func (s Entries) ReviseEntry(ctx context.Context, e *domain.Entry, actorID int64) (EntryVersion, error) {
	var prev EntryVersion
	if err := e.Validate(); err != nil {
		return prev, err
	}
	err := s.transact(ctx, func(tx *Store) error {
		cur, err := tx.Entries().EntryOf(ctx, e.ProgramID, e.TalentID)
		if err != nil {
			return err
		}
		if cur.Status != domain.EntrySubmitted && cur.Status != domain.EntryWithdrawn {
			return domain.Errorf(domain.CodeConflict, "error.entry_not_editable")
		}
		in, args := inList(e.Choices, 2)
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM projects WHERE program_id = $1 AND id IN (`+in+`)`,
			append([]any{e.ProgramID}, args...)...).Scan(&n); err != nil {
			return err
		}
		if n != len(e.Choices) {
			return domain.Errorf(domain.CodeInvalid, "error.choice_program")
		}
		prev = EntryVersion{EntryID: cur.ID, Motivation: cur.Motivation, Choices: cur.Choices, Status: cur.Status,
			SubmittedAt: cur.SubmittedAt, ReplacedAt: tx.now()}
		if prev.ID, err = tx.insertID(ctx, `INSERT INTO entry_versions (entry_id, municipality_id, motivation, choices,
			status, submitted_at, replaced_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, cur.ID, cur.MunicipalityID,
			cur.Motivation, joinIDs(cur.Choices), cur.Status, cur.SubmittedAt.UTC(), prev.ReplacedAt); err != nil {
			return err
		}
		// The new version's key: the same form sent twice revises once.
		if _, err := tx.exec(ctx, `UPDATE entries SET motivation = $1, submitted_at = $2, idempotency_key = $3,
			idempotency_hash = $4 WHERE id = $5`, e.Motivation, e.SubmittedAt.UTC(), e.IdempotencyKey, e.RequestHash,
			cur.ID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM entry_choices WHERE entry_id = $1`, cur.ID); err != nil {
			return err
		}
		for rank, pid := range e.Choices {
			if _, err := tx.exec(ctx, `INSERT INTO entry_choices (entry_id, municipality_id, rank, project_id)
				VALUES ($1, $2, $3, $4)`, cur.ID, cur.MunicipalityID, rank+1, pid); err != nil {
				return mapError(err, "entry_choice")
			}
		}
		e.ID, e.Status = cur.ID, cur.Status
		if cur.Status == domain.EntryWithdrawn {
			if _, err := tx.Entries().setEntryStatus(ctx, cur, domain.EntrySubmitted, actorID, ""); err != nil {
				return err
			}
			e.Status = domain.EntrySubmitted
		}
		return nil
	})
	return prev, err
}

// EntryVersions lists an entry's earlier versions, oldest first.
func (s Entries) EntryVersions(ctx context.Context, entryID int64) ([]EntryVersion, error) {
	rows, err := s.query(ctx, `SELECT id, entry_id, motivation, choices, status, submitted_at, replaced_at
		FROM entry_versions WHERE entry_id = $1 ORDER BY id`, entryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []EntryVersion
	for rows.Next() {
		var v EntryVersion
		var choices string
		if err := rows.Scan(&v.ID, &v.EntryID, &v.Motivation, &choices, &v.Status, &v.SubmittedAt,
			&v.ReplacedAt); err != nil {
			return nil, err
		}
		v.SubmittedAt, v.ReplacedAt = v.SubmittedAt.UTC(), v.ReplacedAt.UTC()
		for _, f := range strings.Split(choices, ",") {
			if id, err := strconv.ParseInt(f, 10, 64); err == nil {
				v.Choices = append(v.Choices, id)
			}
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// joinIDs writes ids as "3,1,2".
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}
