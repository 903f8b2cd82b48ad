package mail

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// sampleTemplateData returns realistic data for every template.
func sampleTemplateData() map[string]any {
	expires := time.Date(2021, 8, 1, 6, 30, 0, 0, time.UTC) // 15:30 in Tokyo
	return map[string]any{
		TemplateVerifyEmail:   VerifyEmail{Name: "山田 花子", URL: "https://tsunagu.example.jp/verify?t=abc", Expires: expires},
		TemplateResetPassword: ResetPassword{Name: "山田 花子", URL: "https://tsunagu.example.jp/reset?t=def", Expires: expires},
		TemplateInvite: &Invite{Name: "", Organization: "大田区 産業振興課", Role: "審査員",
			URL: "https://tsunagu.example.jp/invite?t=ghi"},
		TemplateEntryReceived: EntryReceived{Name: "Hanako Yamada", Program: "大田区SDGs副業 2021",
			Projects: []string{"町工場の新商品PR", "商店街のキャッシュレス化"}, URL: "https://tsunagu.example.jp/entries/42"},
		TemplateStatusChanged: StatusChanged{Name: "山田 花子", Program: "大田区SDGs副業 2021", Status: "書類選考通過",
			Note: "面談の日程は追ってご連絡します。"},
		TemplateNotice: Notice{Name: "山田 花子", Title: "システムメンテナンスのお知らせ",
			Body: "8月1日 0:00〜6:00 はご利用いただけません。", URL: "https://tsunagu.example.jp/news/1"},
		TemplateInterview: Interview{Name: "山田 花子", Program: "大田区SDGs副業 2021", Starts: expires, Minutes: 45,
			VideoURL: "https://meet.example.jp/abc", Note: "10分前に入室してください。"},
		TemplatePasswordChanged: PasswordChanged{Name: "山田 花子", At: expires,
			ResetURL: "https://tsunagu.example.jp/password/forgot"},
		TemplateOffer: Offer{Name: "山田 花子", Program: "大田区SDGs副業 2021", Project: "町工場の新商品PR",
			Host: "有限会社森田製作所", URL: "https://tsunagu.example.jp/me"},
		TemplateNotSelected: NotSelected{Name: "山田 花子", Program: "大田区SDGs副業 2021",
			URL: "https://tsunagu.example.jp/projects"},
	}
}

func TestRenderEveryTemplateInBothLanguages(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	data := sampleTemplateData()
	if len(data) != len(templateTypes()) {
		t.Fatalf("sample data for %d templates, want %d", len(data), len(templateTypes()))
	}
	for name, d := range data {
		for _, lang := range languages() {
			subject, text, err := tpl.Render(name, lang, d)
			if err != nil {
				t.Errorf("%s/%s: %v", lang, name, err)
				continue
			}
			t.Logf("%s/%s\nSubject: %s\n\n%s", lang, name, subject, text)
			service := map[string]string{LangJA: "つなぐ", LangEN: "Tsunagu"}[lang]
			unexpected := map[string]string{LangJA: "お心当たりのない場合", LangEN: "If you"}[lang]
			for what, ok := range map[string]bool{
				"subject names the service":          strings.Contains(subject, service),
				"subject on one line":                !strings.ContainsAny(subject, "\r\n"),
				"text names the service":             strings.Contains(text, service),
				"text says what to do if unexpected": strings.Contains(text, unexpected),
				"text ends with one newline":         strings.HasSuffix(text, "\n") && !strings.HasSuffix(text, "\n\n"),
				"no doubled blank lines":             !strings.Contains(text, "\n\n\n"),
				"no missing values":                  !strings.Contains(text+subject, "<no value>"),
			} {
				if !ok {
					t.Errorf("%s/%s: want %s", lang, name, what)
				}
			}
		}
	}
}

func TestRenderDetails(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	data := sampleTemplateData()
	cases := []struct {
		name, lang string
		want       []string
	}{
		{TemplateResetPassword, LangJA, []string{"山田 花子 様", "2021年8月1日 15:30（日本時間）", "https://tsunagu.example.jp/reset?t=def"}},
		{TemplateResetPassword, LangEN, []string{"Dear 山田 花子,", "1 August 2021, 15:30 (Japan time, UTC+9)"}},
		{TemplateInvite, LangJA, []string{"つなぐをご利用の方へ", "大田区 産業振興課から", "役割：審査員"}},
		{TemplateInvite, LangEN, []string{"Hello,", "Role: 審査員"}},
		{TemplateEntryReceived, LangJA, []string{"第1希望　町工場の新商品PR", "第2希望　商店街のキャッシュレス化"}},
		{TemplateEntryReceived, LangEN, []string{"1. 町工場の新商品PR", "2. 商店街のキャッシュレス化"}},
		{TemplateStatusChanged, LangJA, []string{"新しい状況：書類選考通過", "面談の日程は追ってご連絡します。"}},
		{TemplateInterview, LangJA, []string{"日時：2021年8月1日 15:30（日本時間）（45分）", "オンライン：https://meet.example.jp/abc", "interview.ics"}},
		{TemplateInterview, LangEN, []string{"When: 1 August 2021, 15:30 (Japan time, UTC+9) (45 minutes)", "Online: https://meet.example.jp/abc"}},
	}
	for _, c := range cases {
		_, text, err := tpl.Render(c.name, c.lang, data[c.name])
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s/%s: text lacks %q:\n%s", c.lang, c.name, w, text)
			}
		}
	}
	subject, _, err := tpl.Render(TemplateEntryReceived, LangJA, data[TemplateEntryReceived])
	if want := "【つなぐ】エントリーを受け付けました（大田区SDGs副業 2021）"; err != nil || subject != want {
		t.Errorf("subject = %q, %v; want %q", subject, err, want)
	}
}

func TestRenderRejectsBadCalls(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, lang string
		data       any
	}{
		{"no_such_template", LangJA, Notice{}},
		{TemplateNotice, "fr", Notice{Title: "x"}},
		{TemplateNotice, LangJA, map[string]string{"Title": "x"}},
		{TemplateNotice, LangJA, VerifyEmail{}},
		{TemplateNotice, LangJA, nil},
	} {
		if _, _, err := tpl.Render(c.name, c.lang, c.data); err == nil {
			t.Errorf("Render(%q, %q, %#v) succeeded, want an error", c.name, c.lang, c.data)
		}
	}
}

func TestRenderedSubjectCannotInjectHeaders(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range languages() {
		subject, _, err := tpl.Render(TemplateNotice, lang, Notice{Title: "お知らせ\r\nBcc: evil@example.com\n\u2028X: y"})
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(subject, "\r\n\u2028") {
			t.Errorf("%s: subject %q contains a line break", lang, subject)
		}
	}
}

func TestMessageFromTemplate(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	m, err := tpl.Message(TemplateVerifyEmail, LangEN, "hanako@example.jp", sampleTemplateData()[TemplateVerifyEmail])
	if err != nil {
		t.Fatal(err)
	}
	if m.Lang != LangEN || m.To != "hanako@example.jp" || m.Subject == "" || m.Text == "" {
		t.Errorf("Message = %+v", m)
	}
	if err := m.Validate(); err != nil {
		t.Error(err)
	}
}

// TestLoadTemplatesFailsFast changes a copy of the embedded files and
// checks that each defect is caught when loading.
func TestLoadTemplatesFailsFast(t *testing.T) {
	base := fstest.MapFS{}
	err := fs.WalkDir(templateFiles, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFiles, p)
		base[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadTemplates(base); err != nil {
		t.Fatalf("unchanged copy: %v", err)
	}
	for _, c := range []struct {
		what   string
		change func(fstest.MapFS)
		want   string
	}{
		{"template missing in English", func(f fstest.MapFS) { delete(f, "templates/en/invite.tmpl") }, `"invite" missing in language "en"`},
		{"template missing in Japanese", func(f fstest.MapFS) { delete(f, "templates/ja/notice.tmpl") }, `"notice" missing in language "ja"`},
		{"undefined field", func(f fstest.MapFS) {
			f["templates/ja/invite.tmpl"] = &fstest.MapFile{Data: []byte(`{{define "subject"}}x{{end}}{{define "text"}}{{.Organisation}}{{end}}`)}
		}, "Organisation"},
		{"undefined field inside a condition", func(f fstest.MapFS) {
			f["templates/en/notice.tmpl"] = &fstest.MapFile{Data: []byte(`{{define "subject"}}x{{end}}{{define "text"}}{{if .URL}}{{.Link}}{{end}}{{end}}`)}
		}, "Link"},
		{"no subject", func(f fstest.MapFS) {
			f["templates/en/notice.tmpl"] = &fstest.MapFile{Data: []byte(`{{define "text"}}x{{end}}`)}
		}, `no "subject"`},
		{"template without data type", func(f fstest.MapFS) {
			f["templates/ja/welcome.tmpl"] = &fstest.MapFile{Data: []byte(`{{define "subject"}}x{{end}}`)}
		}, "welcome.tmpl has no data type"},
		{"syntax error", func(f fstest.MapFS) {
			f["templates/ja/notice.tmpl"] = &fstest.MapFile{Data: []byte(`{{define "subject"}}x{{end}`)}
		}, "notice.tmpl"},
	} {
		f := fstest.MapFS{}
		for k, v := range base {
			f[k] = v
		}
		c.change(f)
		_, err := loadTemplates(f)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one containing %q", c.what, err, c.want)
		}
	}
}

// TestOneTimeLinkMails: the mails whose link acts for the recipient are
// marked, by template and, for any other kind, by a token in the text.
func TestOneTimeLinkMails(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{TemplateVerifyEmail: true, TemplateResetPassword: true, TemplateInvite: true}
	if got := TemplateNames(); len(got) != len(sampleTemplateData()) {
		t.Fatalf("TemplateNames() = %v, but there is sample data for %d templates", got, len(sampleTemplateData()))
	}
	for _, name := range TemplateNames() {
		m, err := tpl.Message(name, LangJA, "hanako@example.jp", sampleTemplateData()[name])
		if err != nil {
			t.Fatal(err)
		}
		if m.OneTimeLink != want[name] {
			t.Errorf("%s: OneTimeLink = %v, want %v", name, m.OneTimeLink, want[name])
		}
	}
	m, err := tpl.Message(TemplateNotice, LangJA, "hanako@example.jp", Notice{Title: "お知らせ", Body: "本文",
		URL: "https://tsunagu.example.jp/login?token=abc"})
	if err != nil {
		t.Fatal(err)
	}
	if !m.OneTimeLink {
		t.Error("a notice with a token link is not marked as carrying a one-time link")
	}
}
