package mail

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"syscall"
	"testing"
	"time"
)

func testSMTP(t *testing.T) *SMTP {
	t.Helper()
	s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: 25, From: "つなぐ <noreply@example.jp>", TLS: TLSNone})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// composeAndParse composes m as Send would and parses the result back.
func composeAndParse(t *testing.T, m Message) (*mail.Message, []byte) {
	t.Helper()
	msg, err := testSMTP(t).compose(m, time.Date(2021, 8, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	if _, err := msg.WriteTo(&raw); err != nil {
		t.Fatal(err)
	}
	parsed, err := mail.ReadMessage(bytes.NewReader(raw.Bytes()))
	if err != nil {
		t.Fatalf("%v\n%s", err, raw.Bytes())
	}
	return parsed, raw.Bytes()
}

func TestComposeHeaders(t *testing.T) {
	parsed, raw := composeAndParse(t, Message{
		To: "山田 花子 <hanako@example.jp>", Lang: LangJA,
		Subject:   "【つなぐ】エントリーを受け付けました（大田区SDGs副業 2021）",
		Text:      "山田 花子 様\n\nエントリーを受け付けました。\n",
		HTML:      "<p>エントリーを受け付けました。</p>",
		MessageID: "<entry-42@example.jp>",
	})
	h := parsed.Header
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil || subject != "【つなぐ】エントリーを受け付けました（大田区SDGs副業 2021）" {
		t.Errorf("Subject %q decodes to %q, %v", h.Get("Subject"), subject, err)
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		if line == "" {
			break // end of the top-level header
		}
		for _, r := range line {
			if r > '~' {
				t.Errorf("header line is not 7-bit: %q", line)
				break
			}
		}
	}
	from, err := h.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "つなぐ" || from[0].Address != "noreply@example.jp" {
		t.Errorf("From = %v, %v", from, err)
	}
	to, err := h.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "山田 花子" || to[0].Address != "hanako@example.jp" {
		t.Errorf("To = %v, %v", to, err)
	}
	if d, err := h.Date(); err != nil || !d.Equal(time.Date(2021, 8, 1, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("Date = %v, %v", d, err)
	}
	for key, want := range map[string]string{
		"Message-Id": "<entry-42@example.jp>", "Content-Language": "ja",
		"Auto-Submitted": "auto-generated", "Mime-Version": "1.0",
	} {
		if got := h.Get(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	// multipart/alternative: the text part first, then HTML, both UTF-8 base64.
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type = %q, %v", h.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(parsed.Body, params["boundary"])
	for _, want := range []struct{ typ, body string }{
		{"text/plain", "山田 花子 様\r\n\r\nエントリーを受け付けました。\r\n"},
		{"text/html", "<p>エントリーを受け付けました。</p>"},
	} {
		p, err := mr.NextRawPart()
		if err != nil {
			t.Fatal(err)
		}
		if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, want.typ) || !strings.Contains(strings.ToLower(ct), "utf-8") {
			t.Errorf("part Content-Type = %q, want %s; charset=UTF-8", ct, want.typ)
		}
		body, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, p))
		if string(body) != want.body {
			t.Errorf("%s body = %q, want %q", want.typ, body, want.body)
		}
	}
}

func TestComposeGeneratesMessageID(t *testing.T) {
	m := Message{To: "a@example.jp", Lang: LangEN, Subject: "Hello", Text: "Hi"}
	p1, _ := composeAndParse(t, m)
	p2, _ := composeAndParse(t, m)
	id1, id2 := p1.Header.Get("Message-Id"), p2.Header.Get("Message-Id")
	if !strings.HasPrefix(id1, "<") || !strings.HasSuffix(id1, "@example.jp>") || id1 == id2 {
		t.Errorf("generated Message-IDs %q and %q: want distinct <…@example.jp>", id1, id2)
	}
	if got := p1.Header.Get("Content-Language"); got != "en" {
		t.Errorf("Content-Language = %q", got)
	}
}

func TestSubjectCannotInjectHeaders(t *testing.T) {
	for _, subject := range []string{
		"お知らせ\r\nBcc: evil@example.com",
		"Notice\r\nBcc: evil@example.com",
		"Notice\nBcc: evil@example.com\n\nbody",
		"Notice\rBcc: evil@example.com",
	} {
		parsed, raw := composeAndParse(t, Message{To: "a@example.jp", Lang: LangJA, Subject: subject, Text: "本文"})
		if got := parsed.Header.Get("Bcc"); got != "" {
			t.Errorf("subject %q created Bcc: %q", subject, got)
		}
		if bytes.Contains(bytes.ToLower(raw), []byte("\nbcc:")) {
			t.Errorf("subject %q created a Bcc line:\n%s", subject, raw)
		}
		var dec mime.WordDecoder
		got, err := dec.DecodeHeader(parsed.Header.Get("Subject"))
		if err != nil || strings.ContainsAny(got, "\r\n") || !strings.Contains(got, "Bcc: evil@example.com") {
			t.Errorf("subject %q arrives as %q, %v: want one line keeping the text", subject, got, err)
		}
	}
}

func TestValidateMessage(t *testing.T) {
	ok := Message{To: "a@example.jp", Lang: LangJA, Subject: "件名", Text: "本文"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, change := range []func(*Message){
		func(m *Message) { m.To = "" },
		func(m *Message) { m.To = "a@example.jp, b@example.jp" },
		func(m *Message) { m.To = "a@example.jp\r\nBcc: b@example.jp" },
		func(m *Message) { m.Lang = "" },
		func(m *Message) { m.Lang = "fr" },
		func(m *Message) { m.Subject = " \r\n" },
		func(m *Message) { m.Text = "" },
		func(m *Message) { m.MessageID = "no-at-sign" },
		func(m *Message) { m.MessageID = "a b@example.jp" },
		func(m *Message) { m.MessageID = "x@example.jp>\r\nBcc: b@example.jp" },
	} {
		m := ok
		change(&m)
		err := m.Validate()
		if !errors.Is(err, ErrInvalidMessage) {
			t.Errorf("Validate(%+v) = %v, want ErrInvalidMessage", m, err)
		}
		sendErr := testSMTP(t).Send(context.Background(), m)
		if sendErr == nil || IsTemporary(sendErr) {
			t.Errorf("Send(%+v) = %v, want a permanent error", m, sendErr)
		}
	}
}

func TestSendConnectionRefusedIsTemporary(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens on port now
	s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: port, From: "noreply@example.jp", TLS: TLSNone, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(t.Context(), Message{To: "a@example.jp", Lang: LangJA, Subject: "件名", Text: "本文"})
	var se *SendError
	if !errors.As(err, &se) || !IsTemporary(err) || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("Send to a closed port = %v, want a temporary *SendError wrapping ECONNREFUSED", err)
	}
	t.Log(err)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.Send(ctx, Message{To: "a@example.jp", Lang: LangJA, Subject: "件名", Text: "本文"}); !IsTemporary(err) || !errors.Is(err, context.Canceled) {
		t.Errorf("Send with a cancelled context = %v, want temporary context.Canceled", err)
	}
}

func TestCleanSubject(t *testing.T) {
	for in, want := range map[string]string{
		"お知らせ\r\nBcc: evil@example.com": "お知らせ Bcc: evil@example.com",
		"  大田区　産業振興課\tから\n":             "大田区　産業振興課 から", // U+3000 kept
		"a\u2028b\x00c": "a b c",
		"\r\n":          "",
	} {
		if got := cleanSubject(in); got != want {
			t.Errorf("cleanSubject(%q) = %q, want %q", in, got, want)
		}
	}
}
