package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestEntryConfirmEditReenter(t *testing.T) { eachEngine(t, entryStepsScenario) }

// formKey is the idempotency key of the entry form in a page.
func formKey(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no form key")
	}
	return m[1]
}

func entryStepsScenario(t *testing.T, w *world) {
	ctx := context.Background()
	base, form := w.srv.URL, w.srv.URL+"/programs/ota-sdgs-2026/entry"
	c := w.signedIn(t, "omori@example.jp", "大森 六郎")
	u, err := w.st.Accounts().Credentials(ctx, "omori@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: u.User.ID, Name: "大森 六郎", NameKana: "オオモリ ロクロウ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	office := w.orgNamed(t, "大田区 産業経済部")
	_, staff := w.member(t, "kamata@example.jp", "蒲田 職員", domain.RoleMunicipalityStaff, office.ID)
	shop := strconv.FormatInt(w.shop.ID, 10)

	// 入力: the project page's button preselects its project; required
	// fields are marked.
	status, body, _ := send(t, c, "GET", form+"?project="+shop, nil)
	for _, want := range []string{`<li aria-current="step">入力</li>`, `<option value="` + shop + `" selected>`,
		`第1希望<span class="req">必須</span>`, `志望動機<span class="req">必須</span>`, `name="step" value="confirm"`} {
		if !strings.Contains(body, want) {
			t.Errorf("form: missing %q (%d)", want, status)
		}
	}
	key := formKey(t, body)
	typed := url.Values{"key": {key}, "step": {"confirm"}, "choice_1": {shop}, "motivation": {""}}
	status, body, _ = send(t, c, "POST", form, typed)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "志望動機を入力してください") ||
		!strings.Contains(body, `<option value="`+shop+`" selected>`) {
		t.Errorf("confirm without motivation: %d", status)
	}
	// 確認: nothing is sent yet; going back keeps everything.
	typed.Set("motivation", "商店街の写真を撮りたい")
	status, body, _ = send(t, c, "POST", form, typed)
	for _, want := range []string{`<li aria-current="step">確認</li>`, "<h1>エントリー内容の確認</h1>", "<li>商店街のSNS発信</li>",
		`<input type="hidden" name="motivation" value="商店街の写真を撮りたい">`, `<input type="hidden" name="key" value="` + key + `">`,
		`name="step" value="submit">エントリーする</button>`, `name="step" value="edit"`} {
		if !strings.Contains(body, want) {
			t.Errorf("confirmation: missing %q (%d)", want, status)
		}
	}
	if es, _ := w.st.Entries().EntriesOfTalent(ctx, tal.ID); len(es) != 0 {
		t.Fatalf("the confirmation sent the entry: %d", len(es))
	}
	typed.Set("step", "edit")
	if status, body, _ = send(t, c, "POST", form, typed); status != http.StatusOK ||
		!strings.Contains(body, ">商店街の写真を撮りたい</textarea>") || !strings.Contains(body, `<li aria-current="step">入力</li>`) {
		t.Errorf("back to the form: %d", status)
	}
	// 完了.
	typed.Set("step", "submit")
	status, _, h := send(t, c, "POST", form, typed)
	if status != http.StatusSeeOther || h.Get("Location") != "/programs/ota-sdgs-2026/entry/done" {
		t.Fatalf("submit: %d %s", status, h.Get("Location"))
	}
	status, body, _ = send(t, c, "GET", base+h.Get("Location"), nil)
	if status != http.StatusOK || !strings.Contains(body, `<li aria-current="step">完了</li>`) ||
		!strings.Contains(body, "エントリーを受け付けました。") {
		t.Errorf("done: %d", status)
	}
	es, err := w.st.Entries().EntriesOfTalent(ctx, tal.ID)
	must(t, err)
	if len(es) != 1 || es[0].Motivation != "商店街の写真を撮りたい" {
		t.Fatalf("entries: %+v", es)
	}
	id := es[0].ID

	// Before the deadline the form opens with the entry, to edit it.
	if _, body, _ = send(t, c, "GET", base+"/me", nil); !strings.Contains(body, `<a href="/programs/ota-sdgs-2026/entry">エントリーの内容を変更する</a>`) {
		t.Error("my page does not offer to edit the entry")
	}
	status, body, _ = send(t, c, "GET", form, nil)
	if status != http.StatusOK || !strings.Contains(body, "エントリー済みです。") || !strings.Contains(body, ">商店街の写真を撮りたい</textarea>") {
		t.Fatalf("edit form: %d", status)
	}
	edit := url.Values{"key": {formKey(t, body)}, "step": {"submit"}, "choice_1": {shop}, "motivation": {"写真と動画で発信したい"}}
	if status, _, _ := send(t, c, "POST", form, edit); status != http.StatusSeeOther {
		t.Fatalf("edit: %d", status)
	}
	// Withdrawn, then entered again: the history keeps every step.
	if status, _, _ := send(t, c, "POST", base+"/me/entries/"+strconv.FormatInt(id, 10)+"/withdraw", url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", status)
	}
	status, body, _ = send(t, c, "GET", form, nil)
	if status != http.StatusOK || !strings.Contains(body, "取り下げたエントリーです。") {
		t.Fatalf("form after withdrawing: %d", status)
	}
	again := url.Values{"key": {formKey(t, body)}, "step": {"submit"}, "choice_1": {shop}, "motivation": {"やはり参加したい"}}
	if status, _, _ := send(t, c, "POST", form, again); status != http.StatusSeeOther {
		t.Fatalf("enter again: %d", status)
	}
	e, err := w.st.Entries().Entry(ctx, id)
	must(t, err)
	vs, err := w.st.Entries().EntryVersions(ctx, id)
	must(t, err)
	if e.Status != domain.EntrySubmitted || e.Motivation != "やはり参加したい" || len(vs) != 2 ||
		vs[0].Motivation != "商店街の写真を撮りたい" || vs[0].Status != domain.EntrySubmitted ||
		vs[1].Motivation != "写真と動画で発信したい" || vs[1].Status != domain.EntryWithdrawn {
		t.Fatalf("after entering again: %s %q %+v", e.Status, e.Motivation, vs)
	}
	hist, err := w.st.Entries().EntryHistory(ctx, id)
	must(t, err)
	var steps []string
	for _, ev := range hist {
		steps = append(steps, string(ev.From)+">"+string(ev.To))
		if ev.ActorID != u.User.ID {
			t.Errorf("step %s by %d", ev.To, ev.ActorID)
		}
	}
	if !slices.Equal(steps, []string{"submitted>withdrawn", "withdrawn>submitted"}) {
		t.Errorf("history: %v", steps)
	}
	if got := w.auditActions(t, "entry", id); !slices.Contains(got, "entry.edit") || !slices.Contains(got, "entry.reenter") ||
		!slices.Contains(got, "entry.withdraw") {
		t.Errorf("audit: %v", got)
	}
	// Staff read the earlier versions.
	entry := base + "/admin/131113/entries/" + strconv.FormatInt(id, 10)
	if _, body, _ := send(t, staff, "GET", entry, nil); !strings.Contains(body, "以前の内容") ||
		!strings.Contains(body, "商店街の写真を撮りたい") || !strings.Contains(body, "写真と動画で発信したい") {
		t.Error("staff do not see the earlier versions")
	}
	// Once in selection, the entry no longer changes.
	if status, _, _ := send(t, staff, "POST", entry+"/move", url.Values{"to": {"screening"}}); status != http.StatusSeeOther {
		t.Fatalf("move: %d", status)
	}
	status, body, _ = send(t, c, "GET", form, nil)
	if status != http.StatusOK || !strings.Contains(body, "このエントリーは選考が進んでいる（書類選考）ため、変更できません。") ||
		strings.Contains(body, "<textarea") {
		t.Errorf("locked form: %d", status)
	}
	again.Set("key", "a-later-form")
	if status, body, _ := send(t, c, "POST", form, again); status != http.StatusConflict ||
		!strings.Contains(body, "このエントリーは選考が進んでいる（書類選考）ため、変更できません。") {
		t.Errorf("edit in selection: %d", status)
	}
}
