package mail

import (
	"strings"
	"testing"
	"time"
)

func TestParseSMTPURL(t *testing.T) {
	good := []struct {
		url  string
		want SMTPConfig
	}{
		{"smtp://user:pa%24s@smtp.example.jp:587?from=noreply@example.jp&tls=starttls",
			SMTPConfig{Host: "smtp.example.jp", Port: 587, Username: "user", Password: "pa$s", From: "noreply@example.jp", TLS: TLSStartTLS}},
		{"smtp://smtp.example.jp?from=" + "%E3%81%A4%E3%81%AA%E3%81%90%20%3Cnoreply@example.jp%3E",
			SMTPConfig{Host: "smtp.example.jp", Port: 587, From: "つなぐ <noreply@example.jp>", TLS: TLSStartTLS}},
		{"smtp://localhost?tls=none&from=noreply@example.jp",
			SMTPConfig{Host: "localhost", Port: 25, From: "noreply@example.jp", TLS: TLSNone}},
		{"smtp://127.0.0.1:1025/?tls=none&from=noreply@example.jp&timeout=5s",
			SMTPConfig{Host: "127.0.0.1", Port: 1025, From: "noreply@example.jp", TLS: TLSNone, Timeout: 5 * time.Second}},
		{"smtps://u:p@smtp.example.jp?from=noreply@example.jp",
			SMTPConfig{Host: "smtp.example.jp", Port: 465, Username: "u", Password: "p", From: "noreply@example.jp", TLS: TLSImplicit}},
		{"smtps://smtp.example.jp:2465?from=noreply@example.jp&tls=tls",
			SMTPConfig{Host: "smtp.example.jp", Port: 2465, From: "noreply@example.jp", TLS: TLSImplicit}},
		{"smtp://[::1]:2525?tls=none&from=noreply@example.jp",
			SMTPConfig{Host: "::1", Port: 2525, From: "noreply@example.jp", TLS: TLSNone}},
		{"smtp://relay.example.jp:465?tls=tls&from=noreply@example.jp",
			SMTPConfig{Host: "relay.example.jp", Port: 465, From: "noreply@example.jp", TLS: TLSImplicit}},
		{"smtp://relay.example.jp?tls=STARTTLS&from=noreply@example.jp",
			SMTPConfig{Host: "relay.example.jp", Port: 587, From: "noreply@example.jp", TLS: TLSStartTLS}},
	}
	for _, c := range good {
		got, err := ParseSMTPURL(c.url)
		if err != nil {
			t.Errorf("ParseSMTPURL(%q): %v", c.url, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseSMTPURL(%q) = %+v, want %+v", c.url, got, c.want)
		}
	}

	bad := []struct{ url, want string }{
		{"", "missing scheme"},
		{"smtp.example.jp:587", "unsupported scheme"},
		{"http://smtp.example.jp?from=a@example.jp", `unsupported scheme "http"`},
		{"smtp://?from=a@example.jp", "missing host"},
		{"smtp:smtp.example.jp?from=a@example.jp", "missing host"},
		{"smtp://smtp.example.jp", "sender missing"},
		{"smtp://smtp.example.jp?from=not-an-address", `sender "not-an-address"`},
		{"smtp://smtp.example.jp?from=a@example.jp,b@example.jp", "sender"},
		{"smtp://smtp.example.jp:0?from=a@example.jp", "port"},
		{"smtp://smtp.example.jp:70000?from=a@example.jp", "port"},
		{"smtp://smtp.example.jp?from=a@example.jp&tls=ssl", `tls="ssl"`},
		{"smtps://smtp.example.jp?from=a@example.jp&tls=none", "contradicts"},
		{"smtps://smtp.example.jp?from=a@example.jp&tls=starttls", "contradicts"},
		{"smtp://smtp.example.jp?from=a@example.jp&from=b@example.jp", "given 2 times"},
		{"smtp://smtp.example.jp?from=a@example.jp&sender=x", `unknown parameter "sender"`},
		{"smtp://smtp.example.jp?from=a@example.jp&timeout=soon", "timeout"},
		{"smtp://smtp.example.jp?from=a@example.jp&timeout=-1s", "timeout"},
		{"smtp://smtp.example.jp/mail?from=a@example.jp", "unexpected path"},
		{"smtp://:secret@smtp.example.jp?from=a@example.jp", "empty user name"},
		{"smtp://user:secret@smtp.example.jp:bad?from=a@example.jp", "port"},
		{"smtp://smtp.example.jp?from=a@example.jp&tls=none%0d%0a", "tls="},
	}
	for _, c := range bad {
		_, err := ParseSMTPURL(c.url)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseSMTPURL(%q) error = %v, want one containing %q", c.url, err, c.want)
			continue
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("ParseSMTPURL(%q) error %q reveals the password", c.url, err)
		}
	}
}

func TestNewSMTPChecksConfig(t *testing.T) {
	ok := SMTPConfig{Host: "smtp.example.jp", Port: 587, From: "つなぐ <noreply@example.jp>", TLS: TLSStartTLS}
	if _, err := NewSMTP(ok); err != nil {
		t.Fatalf("NewSMTP(%+v): %v", ok, err)
	}
	for _, change := range []func(*SMTPConfig){
		func(c *SMTPConfig) { c.Host = "" },
		func(c *SMTPConfig) { c.Host = "smtp.example.jp:587" },
		func(c *SMTPConfig) { c.Port = 0 },
		func(c *SMTPConfig) { c.TLS = "" },
		func(c *SMTPConfig) { c.From = "" },
		func(c *SMTPConfig) { c.From = "noreply@example.jp\r\nBcc: x@example.com" },
		func(c *SMTPConfig) { c.Password = "secret" },
		func(c *SMTPConfig) { c.Timeout = -time.Second },
	} {
		c := ok
		change(&c)
		if _, err := NewSMTP(c); err == nil {
			t.Errorf("NewSMTP(%+v) succeeded, want an error", c)
		}
	}
}
