package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// apiToken makes a personal API token for the user, valid for a day.
func (w *world) apiToken(t *testing.T, userID int64) string {
	t.Helper()
	plain, hash, err := auth.NewAPIToken()
	must(t, err)
	must(t, w.st.Accounts().CreateToken(context.Background(), userID, domain.TokenAPI, hash, time.Now().AddDate(0, 0, 1), "script"))
	return plain
}

// callAPI sends a request to the API with an Authorization header (none
// for "") and a JSON body (none for ""), decodes the JSON answer into out
// and returns the status and the raw body.
func (w *world) callAPI(t *testing.T, method, path, authorization, body string, out any) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, w.srv.URL+path, rd)
	must(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(t, err)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s %s: content type %q", method, path, ct)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, path, err, b)
		}
	}
	return resp.StatusCode, string(b)
}

func bearer(token string) string { return "Bearer " + token }

type entryListResponse struct {
	Program    string             `json:"program"`
	Total      int                `json:"total"`
	Offset     int                `json:"offset"`
	Limit      int                `json:"limit"`
	NextOffset *int               `json:"next_offset"`
	Entries    []apiScreenedEntry `json:"entries"`
}

func (l entryListResponse) ids() []int64 {
	var out []int64
	for _, e := range l.Entries {
		out = append(out, e.ID)
	}
	return out
}

// screeningWorld is the team world with three more entrants of 2021, the
// second assigned to the leader, staff of Tsubame, and a token each.
type screeningWorld struct {
	*teamWorld
	program domain.Program
	more    []domain.Entry
	tokens  map[string]string // by role: staff, partner, leader, owner, tsubame
}

func newScreeningWorld(t *testing.T, w *world) *screeningWorld {
	t.Helper()
	ctx := context.Background()
	sw := &screeningWorld{teamWorld: newTeamWorld(t, w), tokens: map[string]string{}}
	var err error
	sw.program, err = w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	for _, name := range []string{"一 応募", "二 応募", "三 応募"} {
		sw.more = append(sw.more, w.entrant(t, name, sw.program.ID, w.green.ID))
	}
	must(t, w.st.Entries().AssignReviewer(ctx, sw.more[1].ID, sw.users["leader"], sw.users["staff"]))
	tsubameID, _ := w.member(t, "staff@tsubame.example.jp", "燕 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "燕市 商工振興課").ID)
	sw.users["tsubame"] = tsubameID
	for _, role := range []string{"staff", "partner", "leader", "owner", "tsubame"} {
		sw.tokens[role] = w.apiToken(t, sw.users[role])
	}
	return sw
}

const otaEntries = "/api/v1/municipalities/131113/programs/ota-sdgs-2021/entries"

func TestAPIProgramEntries(t *testing.T) { eachEngine(t, apiEntriesScenario) }

func apiEntriesScenario(t *testing.T, w *world) {
	sw := newScreeningWorld(t, w)
	all := []int64{sw.hanakoEntry.ID, sw.jiroEntry.ID, sw.more[0].ID, sw.more[1].ID, sw.more[2].ID}

	// Staff see every entry, in submission order, with its stage, choices
	// and the entrant's name, and nobody's address.
	var l entryListResponse
	status, body := w.callAPI(t, "GET", otaEntries, bearer(sw.tokens["staff"]), "", &l)
	if status != 200 || l.Program != "ota-sdgs-2021" || l.Total != 5 || l.Offset != 0 || l.Limit != 50 || l.NextOffset != nil ||
		fmt.Sprint(l.ids()) != fmt.Sprint(all) {
		t.Fatalf("staff: %d %s", status, body)
	}
	first, third := l.Entries[0], l.Entries[2]
	if first.Stage != "agreed" || fmt.Sprint(first.Choices) != fmt.Sprint([]int64{w.web.ID}) || first.Entrant == nil ||
		first.Entrant.Name != "山田 花子" || first.Entrant.Kana != "テスト" || !first.SubmittedAt.Equal(testNow) {
		t.Errorf("hanako's entry: %+v %+v", first, first.Entrant)
	}
	if third.Stage != "submitted" || fmt.Sprint(third.Choices) != fmt.Sprint([]int64{w.green.ID}) || third.Entrant.Name != "一 応募" {
		t.Errorf("the third entry: %+v %+v", third, third.Entrant)
	}
	if strings.Contains(body, "@") || strings.Contains(body, "motivation") {
		t.Errorf("the list shows more than the board's cards: %s", body)
	}
	// Reading the list is audited as the board is.
	if got, _ := w.newestAudit(t); got != (auditRow{sw.users["staff"], "entries.view", "program", sw.program.ID, "", w.ota.ID, "127.0.0.1", ""}) {
		t.Errorf("audit: %+v", got)
	}

	// Pages of two, then an offset past the end.
	for _, c := range []struct {
		query string
		ids   []int64
		next  int // 0 for none
	}{
		{"?limit=2", all[:2], 2},
		{"?limit=2&offset=2", all[2:4], 4},
		{"?limit=2&offset=4", all[4:], 0},
		{"?offset=9", nil, 0},
	} {
		var page entryListResponse
		status, body := w.callAPI(t, "GET", otaEntries+c.query, bearer(sw.tokens["staff"]), "", &page)
		next := 0
		if page.NextOffset != nil {
			next = *page.NextOffset
		}
		if status != 200 || page.Total != 5 || fmt.Sprint(page.ids()) != fmt.Sprint(c.ids) || next != c.next {
			t.Errorf("%s: %d %s", c.query, status, body)
		}
		if c.ids == nil && !strings.Contains(body, `"entries": []`) {
			t.Errorf("%s: an empty page is not an empty list: %s", c.query, body)
		}
	}

	// The partner sees every entry; a leader only the one assigned to
	// them, with a token or a session alike.
	if status, _ := w.callAPI(t, "GET", otaEntries, bearer(sw.tokens["partner"]), "", &l); status != 200 || l.Total != 5 {
		t.Errorf("partner: %d %d", status, l.Total)
	}
	if status, body := w.callAPI(t, "GET", otaEntries, bearer(sw.tokens["leader"]), "", &l); status != 200 || l.Total != 1 ||
		fmt.Sprint(l.ids()) != fmt.Sprint([]int64{sw.more[1].ID}) || strings.Contains(body, "山田 花子") {
		t.Errorf("leader: %d %s", status, body)
	}
	status, body, _ = send(t, sw.leader, "GET", w.srv.URL+otaEntries, nil)
	if status != 200 || !strings.Contains(body, "二 応募") || strings.Contains(body, "一 応募") {
		t.Errorf("leader's session: %d %s", status, body)
	}
	// A token acts for its owner, whoever the session is.
	req, _ := http.NewRequest("GET", w.srv.URL+otaEntries, nil)
	req.Header.Set("Authorization", bearer(sw.tokens["staff"]))
	resp, err := sw.leader.Do(req)
	must(t, err)
	must(t, json.NewDecoder(resp.Body).Decode(&l))
	resp.Body.Close()
	if resp.StatusCode != 200 || l.Total != 5 {
		t.Errorf("the staff's token in the leader's browser: %d %d", resp.StatusCode, l.Total)
	}

	// Refusals: the pages' rights, with the JSON error shape.
	for _, c := range []struct {
		name, path, authorization string
		status                    int
		code, field, message      string
	}{
		{"the owner", otaEntries, bearer(sw.tokens["owner"]), 403, "forbidden", "", "このページを表示する権限がありません。必要な場合は、自治体の担当者にお問い合わせください。"},
		{"Tsubame's staff", otaEntries, bearer(sw.tokens["tsubame"]), 403, "forbidden", "", ""},
		{"Ota's staff on Tsubame's program", "/api/v1/municipalities/131113/programs/tsubame-2026/entries", bearer(sw.tokens["staff"]), 404, "not_found", "", "お探しの募集プログラムは見つかりませんでした。URLをご確認ください。"},
		{"Ota's staff in Tsubame", "/api/v1/municipalities/152137/programs/tsubame-2026/entries", bearer(sw.tokens["staff"]), 403, "forbidden", "", ""},
		{"an unknown municipality", "/api/v1/municipalities/999997/programs/ota-sdgs-2021/entries", bearer(sw.tokens["staff"]), 404, "not_found", "", ""},
		{"no credentials", otaEntries, "", 401, "unauthorized", "", "ログインするか、APIトークンを Authorization: Bearer で送ってください。"},
		{"an unknown token", otaEntries, "Bearer tsu_nope", 401, "unauthorized", "", ""},
		{"another scheme", otaEntries, "Basic " + sw.tokens["staff"], 401, "unauthorized", "", ""},
		{"limit 0", otaEntries + "?limit=0", bearer(sw.tokens["staff"]), 400, "invalid", "limit", "1〜200の範囲で入力してください。"},
		{"limit too large", otaEntries + "?limit=201", bearer(sw.tokens["staff"]), 400, "invalid", "limit", ""},
		{"limit not a number", otaEntries + "?limit=ten", bearer(sw.tokens["staff"]), 400, "invalid", "limit", "数字で入力してください。"},
		{"a negative offset", otaEntries + "?offset=-1", bearer(sw.tokens["staff"]), 400, "invalid", "offset", ""},
	} {
		var e errorResponse
		status, body := w.callAPI(t, "GET", c.path, c.authorization, "", &e)
		if status != c.status || e.Error.Code != c.code || e.Error.Field != c.field || (c.message != "" && e.Error.Message != c.message) {
			t.Errorf("%s: %d %s", c.name, status, body)
		}
		if strings.Contains(body, "応募") {
			t.Errorf("%s: an entrant's name leaked: %s", c.name, body)
		}
	}
	// Tsubame's staff list their own program.
	if status, _ := w.callAPI(t, "GET", "/api/v1/municipalities/152137/programs/tsubame-2026/entries", bearer(sw.tokens["tsubame"]), "", &l); status != 200 || l.Total != 0 {
		t.Errorf("Tsubame's own: %d %d", status, l.Total)
	}
	// A refusal through a token is recorded for the token's owner.
	w.callAPI(t, "GET", otaEntries, bearer(sw.tokens["owner"]), "", nil)
	if got, _ := w.newestAudit(t); got != (auditRow{sw.users["owner"], "access.denied", "municipality", w.ota.ID, "", w.ota.ID,
		"127.0.0.1", "403 GET " + otaEntries}) {
		t.Errorf("the owner's refusal: %+v", got)
	}
	// An expired token says so.
	plain, hash, err := auth.NewAPIToken()
	must(t, err)
	must(t, w.st.Accounts().CreateToken(context.Background(), sw.users["staff"], domain.TokenAPI, hash, time.Now().Add(-time.Minute), "old"))
	var e errorResponse
	if status, body := w.callAPI(t, "GET", otaEntries, bearer(plain), "", &e); status != 401 || !strings.Contains(e.Error.Message, "有効期限") {
		t.Errorf("an expired token: %d %s", status, body)
	}
}

type moveResponse struct {
	To    string          `json:"to"`
	Moved []apiMovedEntry `json:"moved"`
}

func TestAPIMoveEntries(t *testing.T) { eachEngine(t, apiMoveScenario) }

func apiMoveScenario(t *testing.T, w *world) {
	ctx := context.Background()
	sw := newScreeningWorld(t, w)
	m0, m1, m2 := sw.more[0].ID, sw.more[1].ID, sw.more[2].ID
	move := otaEntries + "/move"
	stageOf := func(id int64) domain.EntryStatus {
		t.Helper()
		e, err := w.st.Entries().Entry(ctx, id)
		must(t, err)
		return e.Status
	}
	post := func(role, body string, out any) (int, string) {
		t.Helper()
		authorization := ""
		if role != "" {
			authorization = bearer(sw.tokens[role])
		}
		return w.callAPI(t, "POST", move, authorization, body, out)
	}

	// Staff move two entries to 書類選考; the answer lists both.
	var mv moveResponse
	status, body := post("staff", fmt.Sprintf(`{"entries":[%d,%d],"to":"screening"}`, m0, m1), &mv)
	if status != 200 || mv.To != "screening" || len(mv.Moved) != 2 || mv.Moved[0].ID != m0 || mv.Moved[0].From != "submitted" ||
		mv.Moved[0].Stage != "screening" || fmt.Sprint(mv.Moved[1].Choices) != fmt.Sprint([]int64{w.green.ID}) ||
		!mv.Moved[1].SubmittedAt.Equal(testNow) {
		t.Fatalf("move: %d %s", status, body)
	}
	if stageOf(m0) != domain.EntryScreening || stageOf(m1) != domain.EntryScreening || stageOf(m2) != domain.EntrySubmitted {
		t.Errorf("stages: %s %s %s", stageOf(m0), stageOf(m1), stageOf(m2))
	}
	if got, _ := w.newestAudit(t); got.ActorID != sw.users["staff"] || got.Action != "entry.move.screening" || got.SubjectID != m1 {
		t.Errorf("audit: %+v", got)
	}
	// The same move again changes nothing.
	if status, body := post("staff", fmt.Sprintf(`{"entries":[%d,%d],"to":"screening"}`, m0, m1), &mv); status != 200 ||
		len(mv.Moved) != 0 || !strings.Contains(body, `"moved": []`) {
		t.Errorf("again: %d %s", status, body)
	}

	// The partner moves between stages but does not decide 内定; the
	// refusal is recorded for the partner.
	var e errorResponse
	if status, body := post("partner", fmt.Sprintf(`{"entries":[%d],"to":"offered"}`, m0), &e); status != 403 ||
		e.Error.Code != "forbidden" || e.Error.Message != "内定・合意・見送りを決められるのは自治体の職員だけです。" {
		t.Errorf("the partner's 内定: %d %s", status, body)
	}
	if stageOf(m0) != domain.EntryScreening {
		t.Errorf("the partner's 内定 moved the entry to %s", stageOf(m0))
	}
	if got, _ := w.newestAudit(t); got != (auditRow{sw.users["partner"], "access.denied", "program", sw.program.ID, "", w.ota.ID,
		"127.0.0.1", "403 POST " + move}) {
		t.Errorf("the partner's refusal: %+v", got)
	}
	if status, body := post("partner", fmt.Sprintf(`{"entries":[%d],"to":"interview"}`, m0), &mv); status != 200 || len(mv.Moved) != 1 {
		t.Errorf("the partner's 面談: %d %s", status, body)
	}
	// Leaders screen but do not move; the owner and Tsubame's staff have
	// no say; a visitor must sign in.
	for role, want := range map[string]int{"leader": 403, "owner": 403, "tsubame": 403, "": 401} {
		if status, body := post(role, fmt.Sprintf(`{"entries":[%d],"to":"interview"}`, m1), &e); status != want {
			t.Errorf("%q: %d %s", role, status, body)
		}
	}
	if stageOf(m1) != domain.EntryScreening {
		t.Errorf("a refused move moved the entry to %s", stageOf(m1))
	}

	// The stage rules, each tied to its field.
	open, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2026")
	must(t, err)
	other := w.entrant(t, "別 募集", open.ID, w.shop.ID)
	for _, c := range []struct {
		name, body   string
		status       int
		field, check string
	}{
		{"見送り without a reason", fmt.Sprintf(`{"entries":[%d],"to":"declined"}`, m1), 400, "reason", "見送りにする理由を書いてください（応募者には送られません）。"},
		{"辞退 for the entrant", fmt.Sprintf(`{"entries":[%d],"to":"withdrawn"}`, m1), 400, "to", "辞退は応募者本人だけが選べます。"},
		{"合意 before 内定", fmt.Sprintf(`{"entries":[%d],"to":"agreed"}`, m1), 400, "to", "合意は内定の後にだけ記録できます。"},
		{"an unknown stage", fmt.Sprintf(`{"entries":[%d],"to":"hired"}`, m1), 400, "to", ""},
		{"no entries", `{"entries":[],"to":"screening"}`, 400, "entries", "動かすエントリーを1件以上選んでください。"},
		{"not JSON", `entries=1`, 400, "body", "JSONとして読めません。"},
		{"an unknown field", fmt.Sprintf(`{"entries":[%d],"to":"interview","note":"x"}`, m1), 400, "body", ""},
		{"another program's entry", fmt.Sprintf(`{"entries":[%d],"to":"interview"}`, other.ID), 404, "", "お探しのエントリーは見つかりませんでした。URLをご確認ください。"},
		{"no such entry", `{"entries":[999999],"to":"interview"}`, 404, "", ""},
	} {
		var e errorResponse
		status, body := post("staff", c.body, &e)
		if status != c.status || e.Error.Field != c.field || (c.check != "" && e.Error.Message != c.check) {
			t.Errorf("%s: %d %s", c.name, status, body)
		}
	}
	if stageOf(m1) != domain.EntryScreening || stageOf(other.ID) != domain.EntrySubmitted {
		t.Errorf("a refused move moved an entry: %s %s", stageOf(m1), stageOf(other.ID))
	}

	// Staff decide: 見送り with its reason, recorded with the move.
	if status, body := post("staff", fmt.Sprintf(`{"entries":[%d],"to":"declined","reason":"稼働時間が合わない"}`, m1), &mv); status != 200 ||
		len(mv.Moved) != 1 || mv.Moved[0].From != "screening" || mv.Moved[0].Stage != "declined" {
		t.Errorf("見送り: %d %s", status, body)
	}
	history, err := w.st.Entries().EntryHistory(ctx, m1)
	must(t, err)
	if last := history[len(history)-1]; last.To != domain.EntryDeclined || last.Reason != "稼働時間が合わない" || last.ActorID != sw.users["staff"] {
		t.Errorf("history: %+v", last)
	}
	// All or nothing: a closed entry among others moves none of them.
	var e2 errorResponse
	if status, body := post("staff", fmt.Sprintf(`{"entries":[%d,%d],"to":"screening"}`, m2, m1), &e2); status != 400 ||
		e2.Error.Field != "to" || e2.Error.Message != "このエントリーは選考が終わっています。" {
		t.Errorf("with a closed entry: %d %s", status, body)
	}
	if stageOf(m2) != domain.EntrySubmitted {
		t.Errorf("a failed move moved %d to %s", m2, stageOf(m2))
	}
	// Staff decide 内定 too, and a session works as a token does.
	status, body, _ = sendJSON(t, sw.staff, w.srv.URL+move, fmt.Sprintf(`{"entries":[%d],"to":"offered"}`, m0))
	if status != 200 || stageOf(m0) != domain.EntryOffered {
		t.Errorf("staff's 内定 by session: %d %s", status, body)
	}
}
