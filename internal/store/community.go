package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// EventRow is an event with how many said they come.
type EventRow struct {
	domain.Event
	Going int
}

// CreateEvent adds an event.
func (s Community) CreateEvent(ctx context.Context, e *domain.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	id, err := s.insertID(ctx, `INSERT INTO events (municipality_id, title, description, starts_at, ends_at, online, place,
		url, capacity, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, e.MunicipalityID,
		e.Title, e.Description, e.StartsAt.UTC(), e.EndsAt.UTC(), e.Online, e.Place, e.URL, e.Capacity, nullID(e.CreatedBy), s.now())
	e.ID = id
	return err
}

const eventColumns = `e.id, e.municipality_id, e.title, e.description, e.starts_at, e.ends_at, e.online, e.place, e.url,
	e.capacity, COALESCE(e.created_by, 0), (SELECT COUNT(*) FROM event_rsvps r WHERE r.event_id = e.id)`

func scanEvent(row interface{ Scan(...any) error }) (EventRow, error) {
	var e EventRow
	err := row.Scan(&e.ID, &e.MunicipalityID, &e.Title, &e.Description, &e.StartsAt, &e.EndsAt, &e.Online, &e.Place, &e.URL,
		&e.Capacity, &e.CreatedBy, &e.Going)
	e.StartsAt, e.EndsAt = e.StartsAt.UTC(), e.EndsAt.UTC()
	return e, err
}

// Events lists events ending after since, soonest first; municipalityID 0
// means every municipality.
func (s Community) Events(ctx context.Context, municipalityID int64, since time.Time) ([]EventRow, error) {
	s.core = s.replicaSafe(ctx)
	q := `SELECT ` + eventColumns + ` FROM events e WHERE e.ends_at >= $1`
	args := []any{since.UTC()}
	if municipalityID != 0 {
		q += ` AND e.municipality_id = $2`
		args = append(args, municipalityID)
	}
	rows, err := s.query(ctx, q+` ORDER BY e.starts_at, e.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []EventRow
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EventByID finds an event.
func (s Community) EventByID(ctx context.Context, id int64) (EventRow, error) {
	e, err := scanEvent(s.queryRow(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, domain.NotFound("event")
	}
	return e, err
}

// RSVP says the user comes; a full event refuses, checked in the same
// transaction as the reply so two last seats are never both taken.
func (s Community) RSVP(ctx context.Context, eventID, userID int64) error {
	return s.transact(ctx, func(tx *Store) error {
		e, err := tx.Community().EventByID(ctx, eventID)
		if err != nil {
			return err
		}
		if going, err := tx.Community().Going(ctx, eventID, userID); err != nil || going {
			return err
		}
		if e.Capacity > 0 && e.Going >= e.Capacity {
			return domain.Errorf(domain.CodeConflict, "error.event_full")
		}
		_, err = tx.exec(ctx, `INSERT INTO event_rsvps (event_id, user_id, at) VALUES ($1, $2, $3)`, eventID, userID, tx.now())
		return mapError(err, "rsvp")
	})
}

// CancelRSVP takes a reply back.
func (s Community) CancelRSVP(ctx context.Context, eventID, userID int64) error {
	_, err := s.exec(ctx, `DELETE FROM event_rsvps WHERE event_id = $1 AND user_id = $2`, eventID, userID)
	return err
}

// Going reports whether the user said they come.
func (s Community) Going(ctx context.Context, eventID, userID int64) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM event_rsvps WHERE event_id = $1 AND user_id = $2`, eventID, userID).Scan(&n)
	return n > 0, err
}

// CreateIdea records a proposal as received.
func (s Community) CreateIdea(ctx context.Context, i *domain.Idea) error {
	if err := i.Validate(); err != nil {
		return err
	}
	i.Status, i.CreatedAt = domain.IdeaReceived, s.now()
	id, err := s.insertID(ctx, `INSERT INTO ideas (municipality_id, author_id, title, body, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, i.MunicipalityID, nullID(i.AuthorID), i.Title, i.Body, i.Status, i.CreatedAt)
	i.ID = id
	return mapError(err, "idea")
}

const ideaColumns = `i.id, i.municipality_id, COALESCE(i.author_id, 0), i.title, i.body, i.status, i.answer, i.created_at,
	i.answered_at, (SELECT COUNT(*) FROM idea_supports x WHERE x.idea_id = i.id)`

func scanIdea(row interface{ Scan(...any) error }) (domain.Idea, error) {
	var i domain.Idea
	var answered sql.NullTime
	err := row.Scan(&i.ID, &i.MunicipalityID, &i.AuthorID, &i.Title, &i.Body, &i.Status, &i.Answer, &i.CreatedAt, &answered,
		&i.Supporters)
	i.CreatedAt = i.CreatedAt.UTC()
	if answered.Valid {
		i.AnsweredAt = answered.Time.UTC()
	}
	return i, err
}

// Ideas lists ideas, most supported first; municipalityID 0 means all.
func (s Community) Ideas(ctx context.Context, municipalityID int64) ([]domain.Idea, error) {
	q := `SELECT ` + ideaColumns + ` FROM ideas i`
	var args []any
	if municipalityID != 0 {
		q += ` WHERE i.municipality_id = $1`
		args = append(args, municipalityID)
	}
	rows, err := s.query(ctx, q+` ORDER BY 10 DESC, i.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Idea
	for rows.Next() {
		i, err := scanIdea(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// Idea finds one idea.
func (s Community) Idea(ctx context.Context, id int64) (domain.Idea, error) {
	i, err := scanIdea(s.queryRow(ctx, `SELECT `+ideaColumns+` FROM ideas i WHERE i.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return i, domain.NotFound("idea")
	}
	return i, err
}

// SupportIdea adds or takes back the user's support.
func (s Community) SupportIdea(ctx context.Context, ideaID, userID int64, support bool) error {
	if _, err := s.Idea(ctx, ideaID); err != nil {
		return err
	}
	if !support {
		_, err := s.exec(ctx, `DELETE FROM idea_supports WHERE idea_id = $1 AND user_id = $2`, ideaID, userID)
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO idea_supports (idea_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
		ideaID, userID, s.now())
	return err
}

// Supported lists the ideas the user supports.
func (s Community) Supported(ctx context.Context, userID int64) (map[int64]bool, error) {
	ids, err := s.queryIDs(ctx, `SELECT idea_id FROM idea_supports WHERE user_id = $1`, userID)
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// AnswerIdea records the municipality's answer.
func (s Community) AnswerIdea(ctx context.Context, id int64, status domain.IdeaStatus, answer string) (domain.Idea, error) {
	if !status.Valid() {
		return domain.Idea{}, domain.Errorf(domain.CodeInvalid, "error.choice", "Value", string(status))
	}
	if len([]rune(answer)) > 2000 {
		return domain.Idea{}, domain.Errorf(domain.CodeInvalid, "error.too_long", "Max", 2000)
	}
	res, err := s.exec(ctx, `UPDATE ideas SET status = $1, answer = $2, answered_at = $3 WHERE id = $4`, status, answer, s.now(), id)
	if err != nil {
		return domain.Idea{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.Idea{}, domain.NotFound("idea")
	}
	return s.Idea(ctx, id)
}
