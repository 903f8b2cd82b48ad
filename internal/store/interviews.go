package store

import (
	"context"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// RescheduleInterview moves an interview to iv's time and place and bumps
// its sequence, so calendars replace the copy they hold. A cancelled
// interview cannot be moved. iv gets the new sequence.
func (s Entries) RescheduleInterview(ctx context.Context, iv *domain.Interview) error {
	if err := iv.Validate(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *Store) error {
		cur, err := tx.Entries().InterviewByID(ctx, iv.ID)
		if err != nil {
			return err
		}
		if !cur.CancelledAt.IsZero() {
			return domain.Errorf(domain.CodeConflict, "error.interview_cancelled")
		}
		if _, err := tx.exec(ctx, `UPDATE interviews SET starts_at = $1, ends_at = $2, place = $3, video_url = $4,
			note = $5, sequence = sequence + 1 WHERE id = $6`, iv.StartsAt.UTC(), iv.EndsAt.UTC(), iv.Place,
			iv.VideoURL, iv.Note, iv.ID); err != nil {
			return err
		}
		iv.EntryID, iv.CreatedBy, iv.Sequence = cur.EntryID, cur.CreatedBy, cur.Sequence+1
		return nil
	})
}

// CancelInterview cancels an interview and bumps its sequence; it returns
// the interview as cancelled. Cancelling twice is a conflict.
func (s Entries) CancelInterview(ctx context.Context, id int64, at time.Time) (domain.Interview, error) {
	var iv domain.Interview
	err := s.transact(ctx, func(tx *Store) error {
		var err error
		if iv, err = tx.Entries().InterviewByID(ctx, id); err != nil {
			return err
		}
		if !iv.CancelledAt.IsZero() {
			return domain.Errorf(domain.CodeConflict, "error.interview_cancelled")
		}
		if _, err := tx.exec(ctx, `UPDATE interviews SET cancelled_at = $1, sequence = sequence + 1 WHERE id = $2`,
			at.UTC(), id); err != nil {
			return err
		}
		iv.CancelledAt, iv.Sequence = at.UTC(), iv.Sequence+1
		return nil
	})
	return iv, err
}

// CandidatesOfProject lists the entries of a program that are about the
// project (placed in it, or before a placement chose it) and stand at one
// of the statuses, with their entrants' names,
// in submission order.
func (s Entries) CandidatesOfProject(ctx context.Context, programID, projectID int64,
	statuses []domain.EntryStatus) ([]EntryRow, error) {
	all, err := s.EntriesOfProgram(ctx, programID)
	if err != nil {
		return nil, err
	}
	var out []EntryRow
	for _, e := range all {
		chose := false
		for _, id := range e.Entry.Projects() {
			chose = chose || id == projectID
		}
		for _, st := range statuses {
			if chose && e.Status == st {
				out = append(out, e)
				break
			}
		}
	}
	return out, nil
}

// NewEntryCount is how many entries a program received in a span.
type NewEntryCount struct {
	MunicipalityID int64
	ProgramID      int64
	Count          int
}

// NewEntries counts the entries submitted in [since, until), by program.
func (s Entries) NewEntries(ctx context.Context, since, until time.Time) ([]NewEntryCount, error) {
	rows, err := s.query(ctx, `SELECT municipality_id, program_id, COUNT(*) FROM entries
		WHERE submitted_at >= $1 AND submitted_at < $2 GROUP BY municipality_id, program_id
		ORDER BY municipality_id, program_id`, since.UTC(), until.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []NewEntryCount
	for rows.Next() {
		var c NewEntryCount
		if err := rows.Scan(&c.MunicipalityID, &c.ProgramID, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ClaimDigest records that a municipality's staff get the digest of the
// day; it reports false when that day's digest was already sent.
func (s Entries) ClaimDigest(ctx context.Context, municipalityID int64, day string, entries int) (bool, error) {
	res, err := s.exec(ctx, `INSERT INTO staff_digests (municipality_id, day, entries, sent_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (municipality_id, day) DO NOTHING`, municipalityID, day, entries, s.now())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
