package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Moved is an entry that changed stage, with what a notice to its entrant
// needs.
type Moved struct {
	Entry    domain.Entry
	From     domain.EntryStatus
	UserID   int64 // the entrant's account; 0 for an imported profile without one
	TalentID int64
}

// MoveEntries moves a program's entries to a stage in one transaction,
// checks each move against the stage rules and records it with who and why.
// Entries already there are left alone. In a caller's transaction it joins
// it, so the caller can tell each moved entrant in the same commit.
func (s Entries) MoveEntries(ctx context.Context, programID int64, ids []int64, to domain.EntryStatus, actorID int64,
	reason string) (moved []Moved, err error) {
	err = s.transact(ctx, func(tx *Store) error {
		moved = moved[:0]
		p, err := scanProgram(tx.queryRow(ctx, `SELECT `+programColumns+` FROM programs WHERE id = $1`, programID))
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("program")
		}
		if err != nil {
			return err
		}
		if !p.UsesStage(to) {
			return &domain.Error{Code: domain.CodeInvalid, Key: "error.stage_not_used",
				Fields: []domain.FieldError{{Field: "to", Key: "error.stage_not_used"}}}
		}
		for _, id := range ids {
			e, err := tx.Entries().Entry(ctx, id)
			if err != nil {
				return err
			}
			if e.ProgramID != programID {
				return domain.NotFound("entry")
			}
			if e.Status == to {
				continue
			}
			if err := (domain.Move{From: e.Status, To: to, Reason: reason}).Validate(); err != nil {
				return err
			}
			m, err := tx.Entries().setEntryStatus(ctx, e, to, actorID, reason)
			if err != nil {
				return err
			}
			moved = append(moved, m)
		}
		return nil
	})
	return moved, err
}

// setEntryStatus changes one entry's status and records the change.
func (s Entries) setEntryStatus(ctx context.Context, e domain.Entry, to domain.EntryStatus, actorID int64, reason string) (Moved, error) {
	m := Moved{Entry: e, From: e.Status, TalentID: e.TalentID}
	if _, err := s.exec(ctx, `UPDATE entries SET status = $1 WHERE id = $2`, to, e.ID); err != nil {
		return m, err
	}
	if _, err := s.exec(ctx, `INSERT INTO entry_events (entry_id, municipality_id, at, actor_id, from_status,
		to_status, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.ID, e.MunicipalityID, s.now(), nullID(actorID),
		e.Status, to, reason); err != nil {
		return m, err
	}
	var user sql.NullInt64
	if err := s.queryRow(ctx, `SELECT user_id FROM talents WHERE id = $1`, e.TalentID).Scan(&user); err != nil {
		return m, err
	}
	m.UserID, m.Entry.Status = user.Int64, to
	return m, nil
}

// AnswerOffer records the entrant's own answer to a 内定: accepting it
// keeps the entry at 内定 with the answer noted (合意 follows the terms,
// accepted separately); declining it is a withdrawal (辞退).
func (s Entries) AnswerOffer(ctx context.Context, entryID, talentID int64, accept bool) (Moved, error) {
	var m Moved
	err := s.transact(ctx, func(tx *Store) error {
		e, err := tx.Entries().Entry(ctx, entryID)
		if err != nil {
			return err
		}
		if e.TalentID != talentID {
			return domain.NotFound("entry")
		}
		if e.Status != domain.EntryOffered || e.OfferAccepted {
			return domain.Errorf(domain.CodeConflict, "error.offer_not_open")
		}
		var userID int64
		if err := tx.queryRow(ctx, `SELECT COALESCE(user_id, 0) FROM talents WHERE id = $1`, talentID).Scan(&userID); err != nil {
			return err
		}
		if !accept {
			m, err = tx.Entries().setEntryStatus(ctx, e, domain.EntryWithdrawn, userID, "offer declined")
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE entries SET offer_answer = $1 WHERE id = $2`, offerAccepted, e.ID); err != nil {
			return err
		}
		e.OfferAccepted = true
		m = Moved{Entry: e, From: e.Status, UserID: userID, TalentID: e.TalentID}
		return nil
	})
	return m, err
}

// Placing is one decision of an accepted allocation: 内定 for Project, or
// 見送り when Project is 0.
type Placing struct {
	EntryID int64
	Project int64
}

// PlaceEntries records an accepted allocation in one transaction: each
// entry offered a place gets 内定 with its project saved as the
// placement, each other entry 見送り, every change with who and why. An
// entry that is closed (合意, 見送り, 辞退) or no longer in the program
// is a conflict: the allocation was planned on older data.
func (s Entries) PlaceEntries(ctx context.Context, programID int64, decisions []Placing, actorID int64,
	reason string) (moved []Moved, err error) {
	err = s.transact(ctx, func(tx *Store) error {
		moved = moved[:0]
		for _, d := range decisions {
			e, err := tx.Entries().Entry(ctx, d.EntryID)
			if err != nil {
				return err
			}
			if e.ProgramID != programID {
				return domain.NotFound("entry")
			}
			if e.Status.Closed() {
				return domain.Errorf(domain.CodeConflict, "error.allocation_stale")
			}
			to := domain.EntryDeclined
			if d.Project != 0 {
				to = domain.EntryOffered
				var n int
				if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM projects WHERE id = $1 AND program_id = $2`,
					d.Project, programID).Scan(&n); err != nil {
					return err
				}
				if n == 0 {
					return domain.NotFound("project")
				}
			}
			if _, err := tx.exec(ctx, `UPDATE entries SET placement_project_id = $1, offer_answer = '' WHERE id = $2`,
				d.Project, e.ID); err != nil {
				return err
			}
			e.Placement = d.Project
			m, err := tx.Entries().setEntryStatus(ctx, e, to, actorID, reason)
			if err != nil {
				return err
			}
			moved = append(moved, m)
		}
		return nil
	})
	return moved, err
}

// Reviewer is a person assigned to screen an entry.
type Reviewer struct {
	EntryID int64
	UserID  int64
	Name    string
}

// AssignReviewer puts a person on an entry's screening; assigning twice is
// harmless.
func (s Entries) AssignReviewer(ctx context.Context, entryID, userID, by int64) error {
	_, err := s.exec(ctx, `INSERT INTO entry_reviewers (entry_id, user_id, assigned_by, assigned_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (entry_id, user_id) DO NOTHING`, entryID, userID, nullID(by), s.now())
	return mapError(err, "reviewer")
}

// UnassignReviewer takes a person off an entry's screening.
func (s Entries) UnassignReviewer(ctx context.Context, entryID, userID int64) error {
	_, err := s.exec(ctx, `DELETE FROM entry_reviewers WHERE entry_id = $1 AND user_id = $2`, entryID, userID)
	return err
}

// ReviewersOfProgram lists who is assigned to which of a program's entries.
func (s Entries) ReviewersOfProgram(ctx context.Context, programID int64) ([]Reviewer, error) {
	rows, err := s.query(ctx, `SELECT r.entry_id, r.user_id, u.name FROM entry_reviewers r
		JOIN entries e ON e.id = r.entry_id JOIN users u ON u.id = r.user_id
		WHERE e.program_id = $1 ORDER BY r.entry_id, u.name, u.id`, programID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Reviewer
	for rows.Next() {
		var r Reviewer
		if err := rows.Scan(&r.EntryID, &r.UserID, &r.Name); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Screener is someone who may screen a municipality's entries.
type Screener struct {
	UserID int64
	Name   string
	Role   domain.Role
}

// Screeners lists the municipality's staff and leader talents, who may be
// assigned to entries.
func (s Entries) Screeners(ctx context.Context, municipalityID int64) ([]Screener, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT u.id, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.municipality_id = $1 AND m.role IN ($2, $3, $4, $5) ORDER BY u.name, u.id`, municipalityID,
		domain.RoleMunicipalityAdmin, domain.RoleMunicipalityStaff, domain.RolePartnerStaff, domain.RoleLeaderTalent)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Screener
	for rows.Next() {
		var sc Screener
		if err := rows.Scan(&sc.UserID, &sc.Name, &sc.Role); err != nil {
			return nil, err
		}
		if len(out) > 0 && out[len(out)-1].UserID == sc.UserID {
			continue
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// SaveReview stores a reviewer's scores and note on an entry, replacing
// their earlier ones.
func (s Entries) SaveReview(ctx context.Context, r *domain.Review) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.UpdatedAt = s.now()
	score := func(c domain.Criterion) any {
		if n, ok := r.Scores[c]; ok {
			return n
		}
		return nil
	}
	_, err := s.exec(ctx, `INSERT INTO entry_reviews (entry_id, reviewer_id, score_skills, score_motivation,
		score_local, score_time, note, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (entry_id, reviewer_id) DO UPDATE SET score_skills = excluded.score_skills,
		score_motivation = excluded.score_motivation, score_local = excluded.score_local,
		score_time = excluded.score_time, note = excluded.note, updated_at = excluded.updated_at`,
		r.EntryID, r.ReviewerID, score(domain.CriterionSkills), score(domain.CriterionMotivation),
		score(domain.CriterionLocal), score(domain.CriterionTime), r.Note, r.UpdatedAt)
	return mapError(err, "review")
}

// ReviewRow is a review with its reviewer's name.
type ReviewRow struct {
	domain.Review
	ReviewerName string
}

const reviewColumns = `r.entry_id, r.reviewer_id, u.name, r.score_skills, r.score_motivation, r.score_local,
	r.score_time, r.note, r.updated_at`

func scanReview(row interface{ Scan(...any) error }) (ReviewRow, error) {
	var r ReviewRow
	var sc [4]sql.NullInt64
	err := row.Scan(&r.EntryID, &r.ReviewerID, &r.ReviewerName, &sc[0], &sc[1], &sc[2], &sc[3], &r.Note, &r.UpdatedAt)
	r.Scores = map[domain.Criterion]int{}
	for i, c := range domain.Criteria() {
		if sc[i].Valid {
			r.Scores[c] = int(sc[i].Int64)
		}
	}
	r.UpdatedAt = r.UpdatedAt.UTC()
	return r, err
}

// Reviews lists the reviews of an entry, or of every entry of a program
// when entryID is 0 and programID is set.
func (s Entries) Reviews(ctx context.Context, programID, entryID int64) ([]ReviewRow, error) {
	q := `SELECT ` + reviewColumns + ` FROM entry_reviews r JOIN users u ON u.id = r.reviewer_id
		JOIN entries e ON e.id = r.entry_id WHERE `
	arg := entryID
	if entryID != 0 {
		q += `r.entry_id = $1`
	} else {
		q += `e.program_id = $1`
		arg = programID
	}
	rows, err := s.query(ctx, q+` ORDER BY r.entry_id, r.updated_at, r.reviewer_id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReviewRow
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreateInterview schedules an interview for an entry and moves the entry
// to 面談 if it is earlier in screening. It returns the entry as it now
// stands, with its entrant's account, for the invitation.
func (s Entries) CreateInterview(ctx context.Context, iv *domain.Interview) (Moved, error) {
	if err := iv.Validate(); err != nil {
		return Moved{}, err
	}
	var m Moved
	err := s.transact(ctx, func(tx *Store) error {
		e, err := tx.Entries().Entry(ctx, iv.EntryID)
		if err != nil {
			return err
		}
		// Interviews go on until the terms: after a 内定 the business
		// meets the person placed with it; not once the entry closed.
		if e.Status.Closed() {
			return domain.Errorf(domain.CodeConflict, "error.stage_closed")
		}
		id, err := tx.insertID(ctx, `INSERT INTO interviews (entry_id, municipality_id, starts_at, ends_at, place,
			video_url, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			iv.EntryID, e.MunicipalityID, iv.StartsAt.UTC(), iv.EndsAt.UTC(), iv.Place, iv.VideoURL, iv.Note,
			nullID(iv.CreatedBy), tx.now())
		if err != nil {
			return err
		}
		iv.ID = id
		m = Moved{Entry: e, From: e.Status, TalentID: e.TalentID}
		p, err := scanProgram(tx.queryRow(ctx, `SELECT `+programColumns+` FROM programs WHERE id = $1`, e.ProgramID))
		if err != nil {
			return err
		}
		if e.Status.BeforeInterview() && p.UsesStage(domain.EntryInterview) {
			if m, err = tx.Entries().setEntryStatus(ctx, e, domain.EntryInterview, iv.CreatedBy, ""); err != nil {
				return err
			}
		} else {
			var user sql.NullInt64
			if err := tx.queryRow(ctx, `SELECT user_id FROM talents WHERE id = $1`, e.TalentID).Scan(&user); err != nil {
				return err
			}
			m.UserID = user.Int64
		}
		return nil
	})
	return m, err
}

// Interviews lists an entry's interviews, soonest first.
func (s Entries) Interviews(ctx context.Context, entryID int64) ([]domain.Interview, error) {
	rows, err := s.query(ctx, `SELECT `+interviewColumns+` FROM interviews WHERE entry_id = $1 ORDER BY starts_at, id`, entryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Interview
	for rows.Next() {
		iv, err := scanInterview(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, iv)
	}
	return out, rows.Err()
}

// interviewColumns are what scanInterview reads.
const interviewColumns = `id, entry_id, starts_at, ends_at, place, video_url, note, sequence, cancelled_at, created_by`

func scanInterview(row interface{ Scan(...any) error }) (domain.Interview, error) {
	var iv domain.Interview
	var cancelled sql.NullTime
	var by sql.NullInt64
	if err := row.Scan(&iv.ID, &iv.EntryID, &iv.StartsAt, &iv.EndsAt, &iv.Place, &iv.VideoURL, &iv.Note,
		&iv.Sequence, &cancelled, &by); err != nil {
		return iv, err
	}
	iv.StartsAt, iv.EndsAt, iv.CreatedBy = iv.StartsAt.UTC(), iv.EndsAt.UTC(), by.Int64
	if cancelled.Valid {
		iv.CancelledAt = cancelled.Time.UTC()
	}
	return iv, nil
}

// Recipient is where and in which language to write to a user.
type Recipient struct {
	UserID int64
	Email  string
	Name   string
	Lang   string
}

// RecipientOf finds a user's address and language.
func (s Entries) RecipientOf(ctx context.Context, userID int64) (Recipient, error) {
	r := Recipient{UserID: userID}
	err := s.queryRow(ctx, `SELECT email, name, lang FROM users WHERE id = $1`, userID).Scan(&r.Email, &r.Name, &r.Lang)
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.NotFound("user")
	}
	return r, err
}

// Notification is an in-app notice: a catalog key with its arguments,
// rendered in the reader's language.
type Notification struct {
	ID        int64
	UserID    int64
	Key       string
	Args      map[string]any
	Link      string
	CreatedAt time.Time
	ReadAt    time.Time
}

// InterviewByID finds one interview.
func (s Entries) InterviewByID(ctx context.Context, id int64) (domain.Interview, error) {
	var entryID int64
	err := s.queryRow(ctx, `SELECT entry_id FROM interviews WHERE id = $1`, id).Scan(&entryID)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Interview{}, domain.NotFound("interview")
	}
	if err != nil {
		return domain.Interview{}, err
	}
	all, err := s.Interviews(ctx, entryID)
	if err != nil {
		return domain.Interview{}, err
	}
	for _, iv := range all {
		if iv.ID == id {
			return iv, nil
		}
	}
	return domain.Interview{}, domain.NotFound("interview")
}
