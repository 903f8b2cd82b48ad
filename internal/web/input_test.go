package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestJapaneseInputHabits follows a person who types as Japanese users do:
// a full-width address and a reading in hiragana at sign-up, then the
// half-width address at login and for a password reset, then full-width
// hours and a hiragana reading on the profile.
func TestJapaneseInputHabits(t *testing.T) { eachEngine(t, japaneseInputScenario) }

func japaneseInputScenario(t *testing.T, w *world) {
	ctx := context.Background()
	c := w.browser(t)
	base := w.srv.URL
	status, _, h := send(t, c, "POST", base+"/signup", url.Values{"email": {"ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ"},
		"name": {"山田　花子"}, "name_kana": {"やまだ　はなこ"}, "password": {"kamata sakura 2026"}, "agree": {"yes"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/signup/sent" {
		t.Fatalf("signup with a full-width address: %d %s", status, h.Get("Location"))
	}
	creds, err := w.st.Accounts().Credentials(ctx, "hanako@example.jp")
	must(t, err)
	if creds.User.Email != "hanako@example.jp" || creds.User.Name != "山田 花子" || creds.User.NameKana != "ヤマダ ハナコ" {
		t.Fatalf("stored user: %+v", creds.User)
	}
	mails, err := w.st.Messaging().Outbox(ctx, 10, true)
	must(t, err)
	if len(mails) != 1 || mails[0].To != "hanako@example.jp" {
		t.Fatalf("outbox: %+v", mails)
	}
	link := regexp.MustCompile(`http://tsunagu\.test(/verify\?token=[A-Za-z0-9_%-]+)`).FindStringSubmatch(mails[0].Body)
	if link == nil {
		t.Fatalf("no link in:\n%s", mails[0].Body)
	}
	if status, _, h = send(t, c, "GET", base+link[1], nil); status != http.StatusSeeOther || h.Get("Location") != "/me?welcome=1" {
		t.Fatalf("verify: %d %s", status, h.Get("Location"))
	}
	_, _, _ = send(t, c, "POST", base+"/logout", url.Values{})

	// The half-width address logs in, and so does the full-width one.
	for _, addr := range []string{"hanako@example.jp", "ＨＡＮＡＫＯ＠ｅｘａｍｐｌｅ．ｊｐ"} {
		b := w.browser(t)
		status, _, h = send(t, b, "POST", base+"/login", url.Values{"email": {addr}, "password": {"kamata sakura 2026"}})
		if status != http.StatusSeeOther || strings.HasPrefix(h.Get("Location"), "/login") {
			t.Fatalf("login as %q: %d %s", addr, status, h.Get("Location"))
		}
	}

	// A reset asked for with the full-width address reaches the account.
	b := w.browser(t)
	if status, _, _ = send(t, b, "POST", base+"/password/forgot", url.Values{"email": {"ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ"}}); status >= 400 {
		t.Fatalf("reset: %d", status)
	}
	mails, err = w.st.Messaging().Outbox(ctx, 10, true)
	must(t, err)
	if len(mails) != 2 || mails[0].To != "hanako@example.jp" || !strings.Contains(mails[0].Body, "/password/reset?token=") {
		t.Fatalf("reset mail: %d mails, newest %+v", len(mails), mails[0])
	}

	// The profile takes full-width hours and a reading in hiragana.
	status, _, _ = send(t, c, "POST", base+"/login", url.Values{"email": {"hanako@example.jp"}, "password": {"kamata sakura 2026"}})
	if status != http.StatusSeeOther {
		t.Fatalf("login again: %d", status)
	}
	status, body, h := send(t, c, "POST", base+"/me/profile", url.Values{"name": {"山田 花子"}, "name_kana": {"やまだ はなこ"},
		"hours": {"２０"}, "style": {"remote"}, "country": {"JP"}, "aff_code_0": {"１５２１３７"}, "aff_kind_0": {"born"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/me/profile?flash=profile_saved" {
		t.Fatalf("profile: %d\n%s", status, body)
	}
	tal, err := w.st.Talents().TalentByUser(ctx, creds.User.ID)
	must(t, err)
	if tal.HoursPerMonth != 20 || tal.NameKana != "ヤマダ ハナコ" || len(tal.Affinities) != 1 || tal.Affinities[0].LGCode != "152137" {
		t.Fatalf("stored profile: %+v", tal)
	}
}
