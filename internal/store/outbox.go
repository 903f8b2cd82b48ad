package store

import (
	"context"
	"database/sql"
	"strconv"
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
	Attempts  int
	LastError string
}

// MaxMailAttempts is how many times delivery is tried before a message is
// left for staff to look at.
const MaxMailAttempts = 5

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
	q := `SELECT id, to_addr, lang, subject, body, created_at, sent_at, attempts, last_error FROM mail_outbox`
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
		if err := rows.Scan(&m.ID, &m.To, &m.Lang, &m.Subject, &m.Body, &m.CreatedAt, &sent, &m.Attempts, &m.LastError); err != nil {
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

// MailToSend lists unsent messages still worth trying, oldest first.
func (s *Store) MailToSend(ctx context.Context, limit int) ([]Mail, error) {
	rows, err := s.query(ctx, `SELECT id, to_addr, lang, subject, body, created_at, attempts FROM mail_outbox
		WHERE sent_at IS NULL AND attempts < $1 ORDER BY id LIMIT $2`, MaxMailAttempts, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		if err := rows.Scan(&m.ID, &m.To, &m.Lang, &m.Subject, &m.Body, &m.CreatedAt, &m.Attempts); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MailFailed records a failed delivery; a permanent failure is not retried.
func (s *Store) MailFailed(ctx context.Context, id int64, reason string, permanent bool) error {
	q := `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2`
	if permanent {
		q = `UPDATE mail_outbox SET attempts = ` + strconv.Itoa(MaxMailAttempts) + `, last_error = $1 WHERE id = $2`
	}
	_, err := s.exec(ctx, q, reason, id)
	return err
}
