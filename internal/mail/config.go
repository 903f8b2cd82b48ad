package mail

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// TLS modes of SMTPConfig.TLS.
const (
	TLSNone     = "none"     // plain SMTP, no encryption (a relay on the same host or network)
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which is required
	TLSImplicit = "tls"      // TLS from the first byte (SMTPS, usually port 465)
)

// DefaultTimeout bounds connecting and each SMTP command when
// SMTPConfig.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// SMTPConfig says how to reach the SMTP server.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	From     string        // "つなぐ <noreply@example.jp>"
	TLS      string        // TLSNone, TLSStartTLS or TLSImplicit
	Timeout  time.Duration // 0: DefaultTimeout
}

// ParseSMTPURL parses a URL such as
//
//	smtp://user:pass@smtp.example.jp:587?from=つなぐ%20<noreply@example.jp>&tls=starttls
//	smtps://user:pass@smtp.example.jp?from=noreply@example.jp
//	smtp://localhost:25?tls=none&from=noreply@example.jp&timeout=10s
//
// smtp:// uses STARTTLS unless tls=none is given; smtps:// uses implicit
// TLS. The port defaults to 587 (starttls), 25 (none) or 465 (tls). The
// from parameter is required. User name and password must be
// percent-encoded if they contain reserved characters.
func ParseSMTPURL(rawURL string) (SMTPConfig, error) {
	fail := func(format string, args ...any) (SMTPConfig, error) {
		return SMTPConfig{}, fmt.Errorf("mail: SMTP URL: "+format, args...)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		// url.Error repeats the whole URL, password included: keep only the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fail("%v", err)
	}
	var cfg SMTPConfig
	switch u.Scheme {
	case "smtp":
		cfg.TLS = TLSStartTLS
	case "smtps":
		cfg.TLS = TLSImplicit
	case "":
		return fail("missing scheme: want smtp:// or smtps://")
	default:
		return fail("unsupported scheme %q: want smtp or smtps", u.Scheme)
	}
	if u.Opaque != "" || u.Host == "" {
		return fail("missing host: want %s://host[:port]", u.Scheme)
	}
	if u.Path != "" && u.Path != "/" {
		return fail("unexpected path %q", u.Path)
	}
	cfg.Host = u.Hostname()
	if cfg.Host == "" {
		return fail("missing host")
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
		if cfg.Username == "" {
			return fail("empty user name before @")
		}
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return fail("query: %v", err)
	}
	for key, values := range q {
		if len(values) != 1 {
			return fail("parameter %q given %d times", key, len(values))
		}
		switch key {
		case "from":
			cfg.From = values[0]
		case "tls":
			mode := strings.ToLower(values[0])
			if u.Scheme == "smtps" && mode != TLSImplicit {
				return fail("smtps:// always uses implicit TLS; tls=%s contradicts it (use smtp://)", values[0])
			}
			if mode != TLSNone && mode != TLSStartTLS && mode != TLSImplicit {
				return fail("tls=%q: want none, starttls or tls", values[0])
			}
			cfg.TLS = mode
		case "timeout":
			d, err := time.ParseDuration(values[0])
			if err != nil || d <= 0 {
				return fail("timeout=%q: want a positive duration such as 10s", values[0])
			}
			cfg.Timeout = d
		default:
			return fail("unknown parameter %q (known: from, tls, timeout)", key)
		}
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return fail("port %q out of range 1-65535", p)
		}
		cfg.Port = n
	} else {
		cfg.Port = defaultPort(cfg.TLS)
	}
	if err := cfg.validate(); err != nil {
		return SMTPConfig{}, err
	}
	return cfg, nil
}

func defaultPort(tlsMode string) int {
	switch tlsMode {
	case TLSNone:
		return 25
	case TLSImplicit:
		return 465
	default:
		return 587
	}
}

// validate checks a configuration, whether parsed from a URL or built by hand.
func (c SMTPConfig) validate() error {
	if c.Host == "" || strings.ContainsAny(c.Host, " /\r\n") {
		return fmt.Errorf("mail: SMTP host %q is not a host name or address", c.Host)
	}
	if net.ParseIP(c.Host) == nil && strings.Contains(c.Host, ":") {
		return fmt.Errorf("mail: SMTP host %q must not include a port; set Port", c.Host)
	}
	if c.Port < 1 || c.Port > 65535 {
		return fmt.Errorf("mail: SMTP port %d out of range 1-65535", c.Port)
	}
	switch c.TLS {
	case TLSNone, TLSStartTLS, TLSImplicit:
	default:
		return fmt.Errorf("mail: SMTP TLS mode %q: want none, starttls or tls", c.TLS)
	}
	if c.Password != "" && c.Username == "" {
		return errors.New("mail: SMTP password given without a user name")
	}
	if c.Timeout < 0 {
		return fmt.Errorf("mail: SMTP timeout %v is negative", c.Timeout)
	}
	if c.From == "" {
		return errors.New(`mail: SMTP sender missing: set From (URL parameter from=), e.g. "つなぐ <noreply@example.jp>"`)
	}
	if _, err := parseOneAddress(c.From); err != nil {
		return fmt.Errorf("mail: SMTP sender %q: %v", c.From, err)
	}
	return nil
}
