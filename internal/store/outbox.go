package store

import (
	"context"
	"database/sql"
	"time"
)

// Mail is a message in the outbox.
type Mail struct {
	ID        int64
	To        string
	Lang      string
	Subject   string
	Body      string
	CreatedAt time.Time
	SentAt    time.Time // zero until an SMTP server accepted it
}

// QueueMail puts a message in the outbox, in the caller's transaction when
// there is one, so the mail exists exactly when the change that caused it
// does.
func (s *Store) QueueMail(ctx context.Context, m *Mail) error {
	m.CreatedAt = s.now()
	id, err := s.insertID(ctx, `INSERT INTO mail_outbox (to_addr, lang, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)`,
		m.To, m.Lang, m.Subject, m.Body, m.CreatedAt)
	m.ID = id
	return err
}

// Outbox lists the newest messages first; unsentOnly leaves out the sent.
func (s *Store) Outbox(ctx context.Context, limit int, unsentOnly bool) ([]Mail, error) {
	q := `SELECT id, to_addr, lang, subject, body, created_at, sent_at FROM mail_outbox`
	if unsentOnly {
		q += ` WHERE sent_at IS NULL`
	}
	rows, err := s.query(ctx, q+` ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		var sent sql.NullTime
		if err := rows.Scan(&m.ID, &m.To, &m.Lang, &m.Subject, &m.Body, &m.CreatedAt, &sent); err != nil {
			return nil, err
		}
		m.CreatedAt, m.SentAt = m.CreatedAt.UTC(), sent.Time.UTC()
		if !sent.Valid {
			m.SentAt = time.Time{}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkMailSent records that a message was accepted by the SMTP server.
func (s *Store) MarkMailSent(ctx context.Context, id int64) error {
	_, err := s.exec(ctx, `UPDATE mail_outbox SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL`, s.now(), id)
	return err
}
