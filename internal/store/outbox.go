package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
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
	// MunicipalityID is the municipality whose work caused the mail; its
	// staff may read it. Zero for account mail, which is shown to no one
	// but the operator (tsunagu outbox).
	MunicipalityID int64
	Attachment     Attachment
	// OneTimeLink marks a mail whose link lets its holder act as the
	// recipient (confirmation, password reset, invitation). Staff see that
	// it exists, never its body.
	OneTimeLink bool
}

// Attachment is a file sent with a mail, such as an interview's .ics.
type Attachment struct {
	Name, Type, Data string
}

// Jobs enqueues background work in the caller's transaction, so a job
// exists exactly when the change that asked for it does.
type Jobs interface {
	MailQueued(ctx context.Context, tx JobTx, mailID int64) error
}

// JobTx is the transaction a change runs in, as a job queue needs it to
// enqueue there: the database/sql transaction (River's SQLite driver takes
// it) and, on PostgreSQL, the connection it runs on (River's pgx driver
// inserts through that connection, see OnPgx).
type JobTx struct {
	SQL  *sql.Tx
	conn *sql.Conn
}

// OnPgx runs fn with the pgx connection the transaction runs on, in the
// midst of that transaction: what fn writes commits or rolls back with the
// change. fn must neither commit nor roll back, and must not keep the
// connection. On SQLite it fails.
func (t JobTx) OnPgx(fn func(*pgx.Conn) error) error {
	if t.conn == nil {
		return errors.New("not a PostgreSQL transaction")
	}
	return t.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("PostgreSQL connection of unexpected type %T", dc)
		}
		return fn(c.Conn())
	})
}

// WithJobs returns a store that enqueues a delivery job for every mail it
// queues.
func (s *Store) WithJobs(j Jobs) *Store {
	c := *s
	c.jobs = j
	return &c
}

// MaxMailAttempts is how many times delivery is tried before a message is
// left for staff to look at.
const MaxMailAttempts = 5

// QueueMail puts a message in the outbox, in the caller's transaction when
// there is one, so the mail exists exactly when the change that caused it
// does.
func (s Messaging) QueueMail(ctx context.Context, m *Mail) error {
	return s.transact(ctx, func(tx *Store) error {
		m.CreatedAt = tx.now()
		id, err := tx.insertID(ctx, `INSERT INTO mail_outbox (to_addr, lang, subject, body, created_at, municipality_id,
			attach_name, attach_type, attach_data, one_time_link) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			m.To, m.Lang, m.Subject, m.Body, m.CreatedAt, nullID(m.MunicipalityID),
			m.Attachment.Name, m.Attachment.Type, m.Attachment.Data, m.OneTimeLink)
		if err != nil {
			return err
		}
		m.ID = id
		if tx.jobs != nil {
			return tx.jobs.MailQueued(ctx, JobTx{SQL: tx.tx, conn: tx.txConn}, id)
		}
		return nil
	})
}

const mailColumns = `id, to_addr, lang, subject, body, created_at, sent_at, attempts, last_error,
	municipality_id, attach_name, attach_type, attach_data, one_time_link`

// staffMailColumns are mailColumns as staff may read them: a mail with a
// one-time link keeps its subject and recipient but loses its body and
// attachment. A token in the body hides it too, should a mail ever be
// queued without its mark.
const staffMailColumns = `id, to_addr, lang, subject,
	CASE WHEN one_time_link OR LOWER(body) LIKE '%token=%' THEN '' ELSE body END, created_at, sent_at, attempts, last_error,
	municipality_id, attach_name, attach_type,
	CASE WHEN one_time_link OR LOWER(body) LIKE '%token=%' THEN '' ELSE attach_data END,
	one_time_link OR LOWER(body) LIKE '%token=%'`

func scanMail(rows interface{ Scan(...any) error }) (Mail, error) {
	var m Mail
	var sent sql.NullTime
	var muni sql.NullInt64
	err := rows.Scan(&m.ID, &m.To, &m.Lang, &m.Subject, &m.Body, &m.CreatedAt, &sent, &m.Attempts, &m.LastError,
		&muni, &m.Attachment.Name, &m.Attachment.Type, &m.Attachment.Data, &m.OneTimeLink)
	m.CreatedAt, m.MunicipalityID = m.CreatedAt.UTC(), muni.Int64
	if sent.Valid {
		m.SentAt = sent.Time.UTC()
	}
	return m, err
}

// Mail reads one message.
func (s Messaging) Mail(ctx context.Context, id int64) (Mail, error) {
	m, err := scanMail(s.queryRow(ctx, `SELECT `+mailColumns+` FROM mail_outbox WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, domain.NotFound("mail")
	}
	return m, err
}

// MunicipalityOutbox lists, newest first, the mail caused by one
// municipality's work, for its staff: a mail with a one-time link comes
// without its body (see staffMailColumns).
func (s Messaging) MunicipalityOutbox(ctx context.Context, municipalityID int64, limit int) ([]Mail, error) {
	rows, err := s.query(ctx, `SELECT `+staffMailColumns+` FROM mail_outbox WHERE municipality_id = $1
		ORDER BY id DESC LIMIT $2`, municipalityID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		m, err := scanMail(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Outbox lists the newest messages first; unsentOnly leaves out the sent.
func (s Messaging) Outbox(ctx context.Context, limit int, unsentOnly bool) ([]Mail, error) {
	q := `SELECT ` + mailColumns + ` FROM mail_outbox`
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
		m, err := scanMail(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkMailSent records that a message was accepted by the SMTP server.
func (s Messaging) MarkMailSent(ctx context.Context, id int64) error {
	_, err := s.exec(ctx, `UPDATE mail_outbox SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL`, s.now(), id)
	return err
}

// MailToSend lists unsent messages still worth trying, oldest first.
func (s Messaging) MailToSend(ctx context.Context, limit int) ([]Mail, error) {
	rows, err := s.query(ctx, `SELECT `+mailColumns+` FROM mail_outbox
		WHERE sent_at IS NULL AND attempts < $1 ORDER BY id LIMIT $2`, MaxMailAttempts, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		m, err := scanMail(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MailFailed records a failed delivery; a permanent failure is not retried.
func (s Messaging) MailFailed(ctx context.Context, id int64, reason string, permanent bool) error {
	q := `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2`
	if permanent {
		q = `UPDATE mail_outbox SET attempts = ` + strconv.Itoa(MaxMailAttempts) + `, last_error = $1 WHERE id = $2`
	}
	_, err := s.exec(ctx, q, reason, id)
	return err
}
