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
	shop := strconv.FormatInt(w.shop.ID, 10)
	// Without a profile the form opens, and what is typed survives making
	// one: the confirmation step sends the person to their profile, whose
	// saving leads back to the form as it was.
	status, body, _ := send(t, c, "GET", base+"/programs/ota-sdgs-2026/entry?project="+shop, nil)
	if status != http.StatusOK || !strings.Contains(body, "エントリーにはプロフィールの登録が必要です") ||
		!strings.Contains(body, `<option value="`+shop+`" selected>`) {
		t.Fatalf("without a profile: %d", status)
	}
	draft := url.Values{"key": {"k0"}, "step": {"confirm"}, "choice_1": {shop}, "motivation": {"商店街が好きです\n二行目"}}
	status, _, h := send(t, c, "POST", base+"/programs/ota-sdgs-2026/entry", draft)
	wantProfile := "/me/profile?choice_1=" + shop + "&choice_2=&choice_3=&choice_4=&choice_5=&for=ota-sdgs-2026&motivation=%E5%95%86%E5%BA%97%E8%A1%97%E3%81%8C%E5%A5%BD%E3%81%8D%E3%81%A7%E3%81%99%0A%E4%BA%8C%E8%A1%8C%E7%9B%AE"
	if status != http.StatusSeeOther || h.Get("Location") != wantProfile {
		t.Fatalf("confirm without a profile: %d %s", status, h.Get("Location"))
	}
	status, body, _ = send(t, c, "GET", base+h.Get("Location"), nil)
	if status != http.StatusOK || !strings.Contains(body, `<input type="hidden" name="for" value="ota-sdgs-2026">`) ||
		!strings.Contains(body, `<input type="hidden" name="choice_1" value="`+shop+`">`) {
		t.Fatalf("profile for the entry: %d", status)
	}
	prof := url.Values{"name": {"六郷 四郎"}, "name_kana": {"ロクゴウ シロウ"}, "hours": {"10"}, "style": {"remote"},
		"country": {"JP"}, "for": {"ota-sdgs-2026"}, "choice_1": {shop}, "motivation": {"商店街が好きです\n二行目"}}
	status, _, h = send(t, c, "POST", base+"/me/profile", prof)
	wantBack := "/programs/ota-sdgs-2026/entry?choice_1=" + shop + "&choice_2=&choice_3=&choice_4=&choice_5=&motivation=%E5%95%86%E5%BA%97%E8%A1%97%E3%81%8C%E5%A5%BD%E3%81%8D%E3%81%A7%E3%81%99%0A%E4%BA%8C%E8%A1%8C%E7%9B%AE"
	if status != http.StatusSeeOther || h.Get("Location") != wantBack {
		t.Fatalf("profile saved: %d %s", status, h.Get("Location"))
	}
	status, body, _ = send(t, c, "GET", base+wantBack, nil)
	if status != http.StatusOK || !strings.Contains(body, ">商店街が好きです\n二行目</textarea>") ||
		!strings.Contains(body, `<option value="`+shop+`" selected>`) || strings.Contains(body, "プロフィールの登録が必要") {
		t.Fatalf("back at the form: %d", status)
	}
	u, err := w.st.Accounts().Credentials(ctx, "rokugo@example.jp")
	must(t, err)
	tal, err := w.st.Talents().TalentByUser(ctx, u.User.ID)
	must(t, err)

	status, body, _ = send(t, c, "GET", base+"/programs/ota-sdgs-2026/entry", nil)
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
		if status != http.StatusSeeOther || h.Get("Location") != "/programs/ota-sdgs-2026/entry/done" {
			t.Fatalf("submit %d: %d %s", i, status, h.Get("Location"))
		}
	}
	entries, err := w.st.Entries().EntriesOfTalent(ctx, tal.ID)
	must(t, err)
	mails, _ := w.st.Messaging().Outbox(ctx, 10, false)
	if len(entries) != 1 || len(mails) != 1 || !strings.Contains(mails[0].Body, "商店街のSNS発信") {
		t.Fatalf("after a double click: %d entries, %d mails", len(entries), len(mails))
	}
	// Sent again from another form, the entry is edited (the deadline has
	// not passed), and the version before stays.
	form.Set("key", "another-form")
	form.Set("motivation", "地元の商店街を元気にしたい（書き直し）")
	if status, _, h = send(t, c, "POST", base+"/programs/ota-sdgs-2026/entry", form); status != http.StatusSeeOther ||
		h.Get("Location") != "/programs/ota-sdgs-2026/entry/done" {
		t.Errorf("an edit: %d", status)
	}
	vs, err := w.st.Entries().EntryVersions(ctx, entries[0].ID)
	must(t, err)
	if e, _ := w.st.Entries().Entry(ctx, entries[0].ID); len(vs) != 1 || vs[0].Motivation != "地元の商店街を元気にしたい" ||
		e.Motivation != "地元の商店街を元気にしたい（書き直し）" {
		t.Errorf("after the edit: %+v", vs)
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
