package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestEnterAProgram(t *testing.T) { eachEngine(t, entryScenario) }

func entryScenario(t *testing.T, w *world) {
	ctx := context.Background()
	c := w.signedIn(t, "rokugo@example.jp", "六郷 四郎")
	base := w.srv.URL
	status, _, h := send(t, c, "GET", base+"/programs/ota-sdgs-2026/entry", nil)
	if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/me/profile") {
		t.Fatalf("without a profile: %d %s", status, h.Get("Location"))
	}
	u, err := w.st.Accounts().Credentials(ctx, "rokugo@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: u.User.ID, Name: "六郷 四郎", NameKana: "ロクゴウ シロウ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))

	status, body, _ := send(t, c, "GET", base+"/programs/ota-sdgs-2026/entry", nil)
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(body)
	if status != 200 || key == nil || !strings.Contains(body, "商店街のSNS発信") {
		t.Fatalf("entry form: %d", status)
	}
	status, body, _ = send(t, c, "POST", base+"/programs/ota-sdgs-2026/entry", url.Values{"key": {key[1]}, "motivation": {"地元の商店街を元気にしたい"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "1つ以上選んでください") || !strings.Contains(body, "地元の商店街を元気にしたい") {
		t.Errorf("no choice: %d", status)
	}
	form := url.Values{"key": {key[1]}, "choice_1": {strconv.FormatInt(w.shop.ID, 10)}, "motivation": {"地元の商店街を元気にしたい"}}
	for i := 0; i < 2; i++ { // a double click
		status, _, h = send(t, c, "POST", base+"/programs/ota-sdgs-2026/entry", form)
		if status != http.StatusSeeOther || h.Get("Location") != "/me?entered=ota-sdgs-2026" {
			t.Fatalf("submit %d: %d %s", i, status, h.Get("Location"))
		}
	}
	entries, err := w.st.Entries().EntriesOfTalent(ctx, tal.ID)
	must(t, err)
	mails, _ := w.st.Messaging().Outbox(ctx, 10, false)
	if len(entries) != 1 || len(mails) != 1 || !strings.Contains(mails[0].Body, "商店街のSNS発信") {
		t.Fatalf("after a double click: %d entries, %d mails", len(entries), len(mails))
	}
	form.Set("key", "another-form")
	if status, body, _ = send(t, c, "POST", base+"/programs/ota-sdgs-2026/entry", form); status != http.StatusConflict ||
		!strings.Contains(body, "すでにエントリーしています") {
		t.Errorf("a second entry: %d", status)
	}
	// A closed program says so.
	status, body, _ = send(t, c, "GET", base+"/programs/ota-sdgs-2021/entry", nil)
	if status != http.StatusConflict || !strings.Contains(body, "募集は締め切りました") {
		t.Errorf("closed program: %d", status)
	}
	// A project of another program cannot be chosen.
	form.Set("choice_1", strconv.FormatInt(w.web.ID, 10))
	if status, body, _ = send(t, c, "POST", base+"/programs/ota-sdgs-2026/entry", form); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "このプログラムにありません") {
		t.Errorf("a foreign project: %d", status)
	}
	_, body, _ = send(t, c, "GET", base+"/me?entered=ota-sdgs-2026", nil)
	if !strings.Contains(body, "エントリーを受け付けました") || !strings.Contains(body, "応募") {
		t.Error("my page does not show the entry")
	}
	status, _, _ = send(t, c, "POST", base+"/me/entries/"+strconv.FormatInt(entries[0].ID, 10)+"/withdraw", url.Values{})
	if status != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", status)
	}
	if e, _ := w.st.Entries().Entry(ctx, entries[0].ID); e.Status != domain.EntryWithdrawn {
		t.Errorf("status after withdrawing: %s", e.Status)
	}
}
