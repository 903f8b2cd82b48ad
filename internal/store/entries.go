package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// CreateEntry records a talent's entry with its ranked choices, which must
// be projects of the entry's program. A second entry by the same talent to
// the same program is a conflict.
func (s Entries) CreateEntry(ctx context.Context, e *domain.Entry) error {
	_, err := s.SubmitEntry(ctx, e)
	return err
}

// SubmitEntry is CreateEntry that also reports whether the entry is new:
// false when the idempotency key matched an earlier submission, whose
// entry now fills e. Call it outside any transaction: a lost race is
// resolved after the rollback.
func (s Entries) SubmitEntry(ctx context.Context, e *domain.Entry) (created bool, err error) {
	created, err = s.InsertEntry(ctx, e)
	return s.SettleEntryRace(ctx, e, created, err)
}

// InsertEntry records an entry, or, when its idempotency key matches an
// earlier submission, fills e with that entry and reports created false.
// In a caller's transaction it joins it, so the caller can record what
// follows from a new entry in the same commit; the caller then settles a
// lost race with SettleEntryRace after the transaction.
func (s Entries) InsertEntry(ctx context.Context, e *domain.Entry) (created bool, err error) {
	if err := e.Validate(); err != nil {
		return false, err
	}
	err = s.transact(ctx, func(tx *Store) error {
		if e.IdempotencyKey != "" {
			got, err := tx.Entries().entryByKey(ctx, e)
			if err == nil {
				*e = got
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		var mode domain.ChoiceMode
		if err := tx.queryRow(ctx, `SELECT choice_mode FROM programs WHERE id = $1`, e.ProgramID).Scan(&mode); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return domain.NotFound("program")
			}
			return err
		}
		if err := mode.CheckChoices(e.Choices); err != nil {
			return err
		}
		if len(e.Choices) > 0 {
			in, args := inList(e.Choices, 2)
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM projects WHERE program_id = $1 AND id IN (`+in+`)`,
				append([]any{e.ProgramID}, args...)...).Scan(&n); err != nil {
				return err
			}
			if n != len(e.Choices) {
				return domain.Errorf(domain.CodeInvalid, "error.choice_program")
			}
		}
		id, err := tx.insertID(ctx, `INSERT INTO entries (municipality_id, program_id, talent_id, motivation, status,
			submitted_at, idempotency_key, idempotency_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			e.MunicipalityID, e.ProgramID, e.TalentID, e.Motivation, e.Status, e.SubmittedAt.UTC(), e.IdempotencyKey,
			e.RequestHash)
		if err != nil {
			if err = mapError(err, "entry"); domain.ErrorCode(err) == domain.CodeConflict {
				return domain.Errorf(domain.CodeConflict, "error.already_entered")
			}
			return err
		}
		e.ID = id
		for rank, pid := range e.Choices {
			if _, err := tx.exec(ctx, `INSERT INTO entry_choices (entry_id, municipality_id, rank, project_id)
				VALUES ($1, $2, $3, $4)`, id, e.MunicipalityID, rank+1, pid); err != nil {
				return mapError(err, "entry_choice")
			}
		}
		created = true
		return nil
	})
	return created, err
}

// SettleEntryRace resolves the outcome of InsertEntry once its transaction
// has ended: when two submissions with one key raced (PostgreSQL runs
// them side by side), the loser gets the winner's entry instead of the
// conflict.
func (s Entries) SettleEntryRace(ctx context.Context, e *domain.Entry, created bool, err error) (bool, error) {
	if err != nil && e.IdempotencyKey != "" && domain.ErrorCode(err) == domain.CodeConflict {
		// Two submissions with one key raced (PostgreSQL runs them side by
		// side): the loser returns the winner's entry.
		// Inside a caller's transaction on PostgreSQL the lookup fails
		// too (the transaction is aborted): the conflict stands then.
		got, kerr := s.entryByKey(ctx, e)
		switch {
		case kerr == nil:
			*e = got
			return false, nil
		case domain.ErrorCode(kerr) == domain.CodeUnprocessable:
			return false, kerr
		}
	}
	return created, err
}

// entryByKey returns the entry an earlier submission with e's idempotency
// key made, or sql.ErrNoRows when there is none. The key sent again with
// another request is refused (domain.CheckSameRequest).
func (s Entries) entryByKey(ctx context.Context, e *domain.Entry) (domain.Entry, error) {
	var id int64
	var hash string
	err := s.queryRow(ctx, `SELECT id, idempotency_hash FROM entries WHERE program_id = $1 AND talent_id = $2
		AND idempotency_key = $3`, e.ProgramID, e.TalentID, e.IdempotencyKey).Scan(&id, &hash)
	if err != nil {
		return domain.Entry{}, err
	}
	if err := domain.CheckSameRequest(hash, e.RequestHash); err != nil {
		return domain.Entry{}, err
	}
	return s.Entry(ctx, id)
}

// Entry loads an entry with its choices in rank order.
func (s Entries) Entry(ctx context.Context, id int64) (domain.Entry, error) {
	var e domain.Entry
	var answer string
	err := s.queryRow(ctx, `SELECT id, municipality_id, program_id, talent_id, motivation, status, submitted_at,
		idempotency_key, placement_project_id, offer_answer FROM entries WHERE id = $1`, id).Scan(&e.ID, &e.MunicipalityID,
		&e.ProgramID, &e.TalentID, &e.Motivation, &e.Status, &e.SubmittedAt, &e.IdempotencyKey, &e.Placement, &answer)
	e.OfferAccepted = answer == offerAccepted
	if errors.Is(err, sql.ErrNoRows) {
		return e, domain.NotFound("entry")
	}
	if err != nil {
		return e, err
	}
	e.SubmittedAt = e.SubmittedAt.UTC()
	rows, err := s.query(ctx, `SELECT project_id FROM entry_choices WHERE entry_id = $1 ORDER BY rank`, id)
	if err != nil {
		return e, err
	}
	defer rows.Close()
	for rows.Next() {
		var pid int64
		if err := rows.Scan(&pid); err != nil {
			return e, err
		}
		e.Choices = append(e.Choices, pid)
	}
	return e, rows.Err()
}

// EntriesOfTalent lists a talent's entries, newest first.
func (s Entries) EntriesOfTalent(ctx context.Context, talentID int64) ([]domain.Entry, error) {
	// Two queries whatever the number of entries: the entries, then all
	// their choices in rank order.
	rows, err := s.query(ctx, `SELECT id, municipality_id, program_id, talent_id, motivation, status, submitted_at,
		idempotency_key, placement_project_id, offer_answer FROM entries WHERE talent_id = $1
		ORDER BY submitted_at DESC, id DESC`, talentID)
	if err != nil {
		return nil, err
	}
	out := []domain.Entry{}
	at := map[int64]int{}
	for rows.Next() {
		var e domain.Entry
		var answer string
		if err := rows.Scan(&e.ID, &e.MunicipalityID, &e.ProgramID, &e.TalentID, &e.Motivation, &e.Status,
			&e.SubmittedAt, &e.IdempotencyKey, &e.Placement, &answer); err != nil {
			rows.Close()
			return nil, err
		}
		e.OfferAccepted = answer == offerAccepted
		e.SubmittedAt = e.SubmittedAt.UTC()
		at[e.ID] = len(out)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	rows, err = s.query(ctx, `SELECT c.entry_id, c.project_id FROM entry_choices c JOIN entries e ON e.id = c.entry_id
		WHERE e.talent_id = $1 ORDER BY c.entry_id, c.rank`, talentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var entryID, projectID int64
		if err := rows.Scan(&entryID, &projectID); err != nil {
			return nil, err
		}
		if i, ok := at[entryID]; ok {
			out[i].Choices = append(out[i].Choices, projectID)
		}
	}
	return out, rows.Err()
}

// WithdrawEntry lets a talent withdraw their own entry while it is still
// being considered.
func (s Entries) WithdrawEntry(ctx context.Context, entryID, talentID int64) error {
	return s.transact(ctx, func(tx *Store) error {
		e, err := tx.Entries().Entry(ctx, entryID)
		if err != nil {
			return err
		}
		if e.TalentID != talentID {
			return domain.NotFound("entry")
		}
		if !e.Status.Withdrawable() {
			return domain.Errorf(domain.CodeConflict, "error.cannot_withdraw")
		}
		// The step stays in the entry's history, by the talent's account.
		var userID int64
		if err := tx.queryRow(ctx, `SELECT COALESCE(user_id, 0) FROM talents WHERE id = $1`, talentID).Scan(&userID); err != nil {
			return err
		}
		_, err = tx.Entries().setEntryStatus(ctx, e, domain.EntryWithdrawn, userID, "")
		return err
	})
}

// offerAccepted is entries.offer_answer once the entrant accepted the 内定.
const offerAccepted = "accepted"

// EntryRow is an entry as staff see it in a list.
type EntryRow struct {
	domain.Entry
	TalentName, TalentKana string
	Leader                 bool
	// ResidencePref and ResidenceLGCode are where the entrant lives (0
	// and "" when unknown).
	ResidencePref   int
	ResidenceLGCode string
}

// EntriesOfProgram lists a program's entries with their entrants' names,
// in submission order.
func (s Entries) EntriesOfProgram(ctx context.Context, programID int64) ([]EntryRow, error) {
	rows, err := s.query(ctx, `SELECT e.id, e.municipality_id, e.program_id, e.talent_id, e.motivation, e.status,
		e.submitted_at, t.name, t.name_kana, t.leader, e.placement_project_id, t.residence_pref, t.residence_lgcode
		FROM entries e JOIN talents t ON t.id = e.talent_id
		WHERE e.program_id = $1 ORDER BY e.submitted_at, e.id`, programID)
	if err != nil {
		return nil, err
	}
	var out []EntryRow
	idx := map[int64]int{}
	for rows.Next() {
		var r EntryRow
		if err := rows.Scan(&r.ID, &r.MunicipalityID, &r.ProgramID, &r.TalentID, &r.Motivation, &r.Status,
			&r.SubmittedAt, &r.TalentName, &r.TalentKana, &r.Leader, &r.Placement, &r.ResidencePref,
			&r.ResidenceLGCode); err != nil {
			rows.Close()
			return nil, err
		}
		r.SubmittedAt = r.SubmittedAt.UTC()
		idx[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.query(ctx, `SELECT c.entry_id, c.project_id FROM entry_choices c JOIN entries e ON e.id = c.entry_id
		WHERE e.program_id = $1 ORDER BY c.entry_id, c.rank`, programID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var eid, pid int64
		if err := rows.Scan(&eid, &pid); err != nil {
			return nil, err
		}
		if i, ok := idx[eid]; ok {
			out[i].Choices = append(out[i].Choices, pid)
		}
	}
	return out, rows.Err()
}

// AffinitiesOfProgram gives the ties (関わり) of each entrant of a
// program, by talent id, in one query.
func (s Entries) AffinitiesOfProgram(ctx context.Context, programID int64) (map[int64][]domain.Affinity, error) {
	rows, err := s.query(ctx, `SELECT a.talent_id, a.lgcode, a.kind FROM talent_affinities a
		JOIN entries e ON e.talent_id = a.talent_id WHERE e.program_id = $1 ORDER BY a.talent_id, a.lgcode, a.kind`, programID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]domain.Affinity{}
	for rows.Next() {
		var id int64
		var a domain.Affinity
		if err := rows.Scan(&id, &a.LGCode, &a.Kind); err != nil {
			return nil, err
		}
		out[id] = append(out[id], a)
	}
	return out, rows.Err()
}
