package store

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// ThreadRow is a conversation's message with its author's name.
type ThreadRow struct {
	domain.ThreadMessage
	Author string
}

// PostThreadMessage adds a message to an entry's or a scout's
// conversation.
func (s Messaging) PostThreadMessage(ctx context.Context, m *domain.ThreadMessage) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.At = s.now()
	id, err := s.insertID(ctx, `INSERT INTO thread_messages (entry_id, scout_id, author_id, body, created_at)
		VALUES ($1, $2, $3, $4, $5)`, nullID(m.EntryID), nullID(m.ScoutID), nullID(m.AuthorID), m.Body, m.At)
	m.ID = id
	return err
}

// ThreadMessages lists the newest messages of an entry's conversation
// (scoutID 0) or a scout's (entryID 0), oldest of them first.
func (s Messaging) ThreadMessages(ctx context.Context, entryID, scoutID int64, limit int) ([]ThreadRow, error) {
	col, id := "entry_id", entryID
	if entryID == 0 {
		col, id = "scout_id", scoutID
	}
	rows, err := s.query(ctx, `SELECT m.id, COALESCE(m.entry_id, 0), COALESCE(m.scout_id, 0), COALESCE(m.author_id, 0),
			m.body, m.created_at, COALESCE(u.name, '')
		FROM thread_messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.`+col+` = $1
		ORDER BY m.id DESC LIMIT $2`, id, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ThreadRow
	for rows.Next() {
		var m ThreadRow
		if err := rows.Scan(&m.ID, &m.EntryID, &m.ScoutID, &m.AuthorID, &m.Body, &m.At, &m.Author); err != nil {
			return nil, err
		}
		m.At = m.At.UTC()
		out = append([]ThreadRow{m}, out...)
	}
	return out, rows.Err()
}
