package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTP sends messages through an SMTP server, one connection per message.
// It is safe for concurrent use.
type SMTP struct {
	cfg     SMTPConfig
	from    *mail.Address
	domain  string      // domain of the sender, used for generated Message-IDs
	tlsBase *tls.Config // nil: verify the server against the system's roots
}

var _ Sender = (*SMTP)(nil)

// NewSMTP checks cfg and returns a Sender for it. It does not connect.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	return newSMTP(cfg, nil)
}

// newSMTP is NewSMTP with the TLS settings tests need for a server whose
// certificate is not signed by a public authority.
func newSMTP(cfg SMTPConfig, tlsBase *tls.Config) (*SMTP, error) {
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	from, err := parseOneAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP sender %q: %v", cfg.From, err)
	}
	_, domain, _ := strings.Cut(from.Address, "@")
	s := &SMTP{cfg: cfg, from: from, domain: domain, tlsBase: tlsBase}
	if _, err := s.client(); err != nil { // report bad options now, not at the first send
		return nil, err
	}
	return s, nil
}

// client builds a go-mail client for one connection. Building is cheap and
// keeps each Send independent of the others.
func (s *SMTP) client() (*gomail.Client, error) {
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.tlsBase != nil {
		tlsConfig = s.tlsBase.Clone()
	}
	tlsConfig.ServerName = s.cfg.Host
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.cfg.Timeout),
		gomail.WithTLSConfig(tlsConfig),
	}
	switch s.cfg.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	}
	if s.cfg.Username != "" {
		// Auto-discovery picks the strongest mechanism the server offers and
		// never sends a password in clear text over an unencrypted connection.
		opts = append(opts,
			gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.Username),
			gomail.WithPassword(s.cfg.Password),
		)
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP client for %s: %w", s.cfg.Host, err)
	}
	return c, nil
}

// Send delivers m to the SMTP server. The connection and every command are
// bounded by the configured timeout; ctx can cancel the attempt while it
// connects. A returned error is a *SendError: IsTemporary tells whether
// sending the same message again later may succeed. An invalid message is a
// permanent failure.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := s.compose(m, time.Now())
	if err != nil {
		return &SendError{Temporary: false, Err: err}
	}
	if err := ctx.Err(); err != nil {
		return &SendError{Temporary: true, Err: err}
	}
	c, err := s.client()
	if err != nil {
		return &SendError{Temporary: false, Err: err}
	}
	err = c.DialAndSendWithContext(ctx, msg)
	if err == nil || msg.IsDelivered() {
		// Once the server has accepted the message, a failing RSET or QUIT
		// afterwards does not matter: sending again would duplicate it.
		return nil
	}
	temporary, code := classify(err)
	return &SendError{Temporary: temporary, Code: code, Err: err}
}

// compose builds the MIME message: UTF-8, base64 bodies, encoded words for
// non-ASCII headers (go-mail does the encoding), Date, Message-ID,
// Content-Language and Auto-Submitted.
func (s *SMTP) compose(m Message, now time.Time) (*gomail.Msg, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	to, _ := parseOneAddress(m.To) // checked by Validate
	msg := gomail.NewMsg(
		gomail.WithCharset(gomail.CharsetUTF8),
		gomail.WithEncoding(gomail.EncodingB64),
		gomail.WithNoDefaultUserAgent(),
	)
	msg.FromMailAddress(s.from)
	msg.ToMailAddress(to)
	msg.Subject(cleanSubject(m.Subject))
	msg.SetDateWithValue(now)
	id := trimMessageID(m.MessageID)
	if id == "" {
		id = NewMessageID(s.domain)
	}
	msg.SetMessageIDWithValue(id)
	msg.SetGenHeader(gomail.HeaderContentLang, m.Lang)
	// RFC 3834: tells vacation responders not to answer.
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, crlf(m.Text))
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, crlf(m.HTML))
	}
	if a := m.Attachment; a != nil {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data),
			gomail.WithFileContentType(gomail.ContentType(a.Type))); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

// crlf gives text the CRLF line breaks that MIME's canonical form of text
// requires (base64 does not translate them on the way).
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}
