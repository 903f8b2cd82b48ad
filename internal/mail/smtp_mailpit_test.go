package mail

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

const testFrom = "つなぐ <noreply@example.jp>"

// TestSMTPWithMailpit sends through NewSMTP to a real SMTP server and reads
// the messages back through Mailpit's HTTP API. The subtests share servers
// and change Mailpit's settings, so they run one after another.
func TestSMTPWithMailpit(t *testing.T) {
	bin := mailpitBinary(t)
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	mp := startMailpit(t, bin, "--smtp-allowed-recipients", `@example\.jp$`, "--enable-chaos", "--ignore-duplicate-ids")
	s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: mp.smtpPort, From: testFrom, TLS: TLSNone, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("Japanese message arrives intact", func(t *testing.T) {
		m, err := tpl.Message(TemplateEntryReceived, LangJA, "山田 花子 <hanako@example.jp>", sampleTemplateData()[TemplateEntryReceived])
		if err != nil {
			t.Fatal(err)
		}
		m.HTML = "<p>「大田区SDGs副業 2021」へのエントリーを受け付けました。</p>"
		m.MessageID = NewMessageID("example.jp")
		if err := s.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		got, h := mp.message(t, m.MessageID)
		if got.Subject != "【つなぐ】エントリーを受け付けました（大田区SDGs副業 2021）" {
			t.Errorf("Subject = %q", got.Subject)
		}
		if len(got.To) != 1 || got.To[0] != (mpAddress{"山田 花子", "hanako@example.jp"}) || len(got.Cc)+len(got.Bcc) != 0 {
			t.Errorf("recipients To=%v Cc=%v Bcc=%v", got.To, got.Cc, got.Bcc)
		}
		if got.From != (mpAddress{"つなぐ", "noreply@example.jp"}) {
			t.Errorf("From = %v", got.From)
		}
		if text := strings.ReplaceAll(got.Text, "\r\n", "\n"); strings.TrimSpace(text) != strings.TrimSpace(m.Text) {
			t.Errorf("Text = %q\nwant %q", text, m.Text)
		}
		if !strings.Contains(got.HTML, "エントリーを受け付けました") {
			t.Errorf("HTML = %q", got.HTML)
		}
		for name, want := range map[string]string{
			"Content-Language": "ja", "Message-ID": "<" + m.MessageID + ">", "Auto-Submitted": "auto-generated",
		} {
			if v := header(h, name); len(v) != 1 || v[0] != want {
				t.Errorf("header %s = %q, want %q", name, v, want)
			}
		}
		if v := header(h, "Date"); len(v) != 1 {
			t.Errorf("Date = %q", v)
		} else if d, err := time.Parse(time.RFC1123Z, v[0]); err != nil || time.Since(d) > time.Minute {
			t.Errorf("Date %q: %v", v[0], err)
		}
		// On the wire every header is 7-bit, the Japanese in encoded words.
		rawHeader, _, _ := strings.Cut(strings.ReplaceAll(mp.raw(t, got.ID), "\r\n", "\n"), "\n\n")
		for _, r := range rawHeader {
			if r > '~' {
				t.Fatalf("raw header has %q, want 7-bit only:\n%s", r, rawHeader)
			}
		}
		if !strings.Contains(rawHeader, "Subject:") || !strings.Contains(rawHeader, "=?UTF-8?b?") {
			t.Errorf("raw subject is not MIME-encoded:\n%s", rawHeader)
		}
	})

	t.Run("English message carries Content-Language en", func(t *testing.T) {
		m, err := tpl.Message(TemplateResetPassword, LangEN, "hanako@example.jp", sampleTemplateData()[TemplateResetPassword])
		if err != nil {
			t.Fatal(err)
		}
		m.MessageID = NewMessageID("example.jp")
		if err := s.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		got, h := mp.message(t, m.MessageID)
		if v := header(h, "Content-Language"); len(v) != 1 || v[0] != "en" || got.Subject != "[Tsunagu] Reset your password" {
			t.Errorf("Content-Language %q, Subject %q", v, got.Subject)
		}
	})

	t.Run("subject cannot add a Bcc", func(t *testing.T) {
		m := Message{To: "hanako@example.jp", Lang: LangJA, Subject: "お知らせ\r\nBcc: evil@example.jp", Text: "本文",
			MessageID: NewMessageID("example.jp")}
		if err := s.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		got, h := mp.message(t, m.MessageID)
		if len(got.Bcc) != 0 || len(got.To) != 1 || header(h, "Bcc") != nil {
			t.Errorf("To=%v Bcc=%v Bcc header=%q", got.To, got.Bcc, header(h, "Bcc"))
		}
		if got.Subject != "お知らせ Bcc: evil@example.jp" {
			t.Errorf("Subject = %q", got.Subject)
		}
	})

	t.Run("a retried message keeps its Message-ID", func(t *testing.T) {
		m := Message{To: "hanako@example.jp", Lang: LangJA, Subject: "再送テスト", Text: "本文",
			MessageID: NewMessageID("example.jp")}
		before := len(mp.messages(t))
		for range 2 {
			if err := s.Send(t.Context(), m); err != nil {
				t.Fatal(err)
			}
		}
		// Mailpit runs with --ignore-duplicate-ids: the second copy is recognised.
		if after := len(mp.messages(t)); after != before+1 {
			t.Errorf("stored %d messages for two sends of one Message-ID, want 1", after-before)
		}
	})

	t.Run("rejected recipient is permanent", func(t *testing.T) {
		err := s.Send(t.Context(), Message{To: "someone@example.com", Lang: LangJA, Subject: "件名", Text: "本文"})
		se, ok := errors.AsType[*SendError](err)
		if !ok || IsTemporary(err) || se.Code != 550 {
			t.Fatalf("Send = %v, want a permanent 550 *SendError", err)
		}
		t.Log(err)
	})

	t.Run("4xx reply is temporary", func(t *testing.T) {
		chaos := map[string]any{"Recipient": map[string]int{"ErrorCode": 451, "Probability": 100}}
		mp.call(t, http.MethodPut, "/api/v1/chaos", chaos, nil)
		defer mp.call(t, http.MethodPut, "/api/v1/chaos", map[string]any{}, nil)
		err := s.Send(t.Context(), Message{To: "hanako@example.jp", Lang: LangJA, Subject: "件名", Text: "本文"})
		se, ok := errors.AsType[*SendError](err)
		if !ok || !IsTemporary(err) || se.Code != 451 {
			t.Fatalf("Send = %v, want a temporary 451 *SendError", err)
		}
		t.Log(err)
	})
}
