// Package mail composes translated messages and sends them.
//
// Two Senders exist: SMTP (this package) and the outbox, which stores
// messages in the database for staff to read when no SMTP server is
// configured (implemented elsewhere). Templates renders the subject and plain
// text body of the account mails in the recipient's language.
package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
)

// The recipient languages that messages and templates support.
const (
	LangJA = "ja" // Japanese, the default
	LangEN = "en" // English
)

// languages returns the supported languages, Japanese first.
func languages() []string { return []string{LangJA, LangEN} }

// Message is one mail to one recipient.
type Message struct {
	To        string // one address, optionally with a display name: "山田 太郎 <taro@example.jp>"
	Lang      string // "ja" or "en": the recipient's language, sent as Content-Language
	Subject   string
	Text      string // plain text body (always)
	HTML      string // optional HTML alternative
	MessageID string // stable id so a retried send is recognisable; generated if empty
	// Attachment is an optional file, such as an interview's .ics.
	Attachment *Attachment
	// OneTimeLink marks a mail whose link lets its holder act as the
	// recipient; it is never shown to staff.
	OneTimeLink bool
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name string // file name, e.g. "interview.ics"
	Type string // MIME type, e.g. "text/calendar; charset=utf-8; method=REQUEST"
	Data []byte
}

// Sender sends one message. The SMTP type is one implementation; the outbox
// that stores messages for staff to read is the other.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// ErrInvalidMessage is wrapped by the errors that Validate returns. Such a
// message can never be sent, so IsTemporary reports false for it.
var ErrInvalidMessage = errors.New("mail: invalid message")

// Validate checks that m can be sent: one valid recipient, a supported
// language, a subject, a text body and, if set, a well-formed Message-ID.
func (m Message) Validate() error {
	if _, err := parseOneAddress(m.To); err != nil {
		return fmt.Errorf("%w: recipient %q: %v", ErrInvalidMessage, m.To, err)
	}
	if !slices.Contains(languages(), m.Lang) {
		return fmt.Errorf("%w: language %q is not one of %q", ErrInvalidMessage, m.Lang, languages())
	}
	if cleanSubject(m.Subject) == "" {
		return fmt.Errorf("%w: empty subject", ErrInvalidMessage)
	}
	if strings.TrimSpace(m.Text) == "" {
		return fmt.Errorf("%w: empty text body", ErrInvalidMessage)
	}
	if m.MessageID != "" && !validMessageID(trimMessageID(m.MessageID)) {
		return fmt.Errorf("%w: Message-ID %q is not of the form local@domain", ErrInvalidMessage, m.MessageID)
	}
	return nil
}

// NewMessageID returns a new random Message-ID (without angle brackets) in
// the given domain, e.g. "3f9c…@example.jp". Callers that queue a message
// and may retry it should set Message.MessageID once, before the first
// attempt, so that every attempt carries the same id.
func NewMessageID(domain string) string {
	if domain == "" || !validMessageID("x@"+domain) {
		domain = "tsunagu.invalid"
	}
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never returns an error
	return hex.EncodeToString(b[:]) + "@" + domain
}

// parseOneAddress parses exactly one address; lists are rejected.
func parseOneAddress(s string) (*mail.Address, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, errors.New("contains a line break")
	}
	addr, err := mail.ParseAddress(s)
	if err != nil {
		return nil, err
	}
	return addr, nil
}

// cleanSubject puts a subject on one line: every line break and other
// control character becomes a space, runs of ASCII spaces become one, and
// the ends are trimmed. Other spaces (such as the ideographic space U+3000
// common in Japanese) are kept. A subject so cleaned can never start a new
// header line.
func cleanSubject(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\u0085' || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return strings.TrimSpace(s)
}

// trimMessageID removes the angle brackets a caller may have included.
func trimMessageID(id string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
}

// validMessageID reports whether id (without brackets) is printable ASCII
// without spaces or brackets, with exactly one "@" between two non-empty parts.
func validMessageID(id string) bool {
	if len(id) > 250 {
		return false
	}
	for _, r := range id {
		if r <= ' ' || r > '~' || r == '<' || r == '>' || r == '"' || r == '\\' {
			return false
		}
	}
	local, domain, ok := strings.Cut(id, "@")
	return ok && local != "" && domain != "" && !strings.Contains(domain, "@")
}
