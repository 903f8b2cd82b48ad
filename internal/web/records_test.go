package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// auditRow is the part of an audit line a test compares exactly.
type auditRow struct {
	ActorID        int64
	Action         string
	SubjectType    string
	SubjectID      int64
	SubjectKey     string
	MunicipalityID int64
	Address        string
	Detail         string
}

func rowOf(e store.AuditEvent) auditRow {
	return auditRow{e.ActorID, e.Action, e.SubjectType, e.SubjectID, e.SubjectKey, e.MunicipalityID, e.Address, e.Detail}
}

// newestAudit is the newest audit line of the whole instance.
func (w *world) newestAudit(t *testing.T) (auditRow, int) {
	t.Helper()
	log, err := w.st.Compliance().AuditLog(context.Background(), 0, 10000)
	must(t, err)
	if len(log) == 0 {
		return auditRow{}, 0
	}
	return rowOf(log[0]), len(log)
}

func TestDenialsAreRecorded(t *testing.T) { eachEngine(t, denialScenario) }

func denialScenario(t *testing.T, w *world) {
	tw := newTeamWorld(t, w)
	ota, id := w.ota.ID, func(n int64) string { return strconv.FormatInt(n, 10) }
	jiroEntry := "/admin/131113/entries/" + id(tw.jiroEntry.ID)
	agreement := "/agreements/" + id(tw.team.agreement)
	cases := []struct {
		who    string
		method string
		path   string
		form   url.Values
		status int
		want   auditRow
	}{
		// A leader asks for an entry not assigned to them: 404, recorded
		// with the entry as subject.
		{"leader", "GET", jiroEntry, nil, 404,
			auditRow{tw.users["leader"], "access.denied", "entry", tw.jiroEntry.ID, "", ota, "127.0.0.1", "404 GET " + jiroEntry}},
		// Staff open the admins' audit log; the query is not recorded.
		{"staff", "GET", "/admin/131113/audit?q=" + url.QueryEscape("秘密の検索"), nil, 403,
			auditRow{tw.users["staff"], "access.denied", "municipality", ota, "", ota, "127.0.0.1", "403 GET /admin/131113/audit"}},
		// The partner tries to accept for the municipality; the form body
		// (with a note in it) is not recorded.
		{"partner", "POST", agreement + "/accept", url.Values{"party": {"municipality"}, "version": {"1"}, "note": {"秘密のメモ"}}, 403,
			auditRow{tw.users["partner"], "access.denied", "agreement", tw.team.agreement, "", ota, "127.0.0.1", "403 POST " + agreement + "/accept"}},
		// A member asks for the team's completion.
		{"hanako", "POST", "/engagements/" + id(tw.team.engagement) + "/complete", url.Values{}, 403,
			auditRow{tw.users["hanako"], "access.denied", "engagement", tw.team.engagement, "", ota, "127.0.0.1",
				"403 POST /engagements/" + id(tw.team.engagement) + "/complete"}},
		// The partner tries to decide a 内定, which is the municipality's.
		{"partner", "POST", "/admin/131113/entries/" + id(tw.hanakoEntry.ID) + "/move", url.Values{"to": {"offered"}}, 403,
			auditRow{tw.users["partner"], "access.denied", "program", tw.hanakoEntry.ProgramID, "", ota, "127.0.0.1",
				"403 POST /admin/131113/entries/" + id(tw.hanakoEntry.ID) + "/move"}},
		// The owner tries to revoke a credential.
		{"owner", "POST", "/admin/131113/credentials/x/revoke", url.Values{"reason": {"x"}}, 403,
			auditRow{tw.users["owner"], "access.denied", "municipality", ota, "", ota, "127.0.0.1", "403 POST /admin/131113/credentials/x/revoke"}},
	}
	clients := map[string]*http.Client{"leader": tw.leader, "staff": tw.staff, "partner": tw.partner, "hanako": tw.hanako,
		"owner": tw.owner}
	for _, c := range cases {
		status, body, _ := send(t, clients[c.who], c.method, w.srv.URL+c.path, c.form)
		if status != c.status {
			t.Fatalf("%s %s %s: %d, want %d", c.who, c.method, c.path, status, c.status)
		}
		if strings.Contains(body, "秘密") {
			t.Errorf("%s %s: the page repeats what was asked", c.who, c.path)
		}
		if got, _ := w.newestAudit(t); got != c.want {
			t.Errorf("%s %s %s:\n got %+v\nwant %+v", c.who, c.method, c.path, got, c.want)
		}
	}
	// A visitor who is not signed in is sent to log in, and nothing is
	// recorded.
	_, before := w.newestAudit(t)
	if status, _, _ := send(t, w.browser(t), "GET", w.srv.URL+"/admin/131113/audit", nil); status != 303 {
		t.Errorf("a visitor: %d", status)
	}
	if _, after := w.newestAudit(t); after != before {
		t.Errorf("a visitor's redirect was recorded: %d lines, then %d", before, after)
	}
	log, err := w.st.Compliance().AuditLog(context.Background(), 0, 10000)
	must(t, err)
	for _, l := range log {
		if strings.Contains(l.Detail, "秘密") {
			t.Errorf("a request's text reached the audit log: %+v", l)
		}
	}
}

func TestOutcomesLockOnceCompleted(t *testing.T) { eachEngine(t, outcomeLockScenario) }

func outcomeLockScenario(t *testing.T, w *world) {
	ctx := context.Background()
	tw := newTeamWorld(t, w)
	outcome := func(c *http.Client, form url.Values) (int, string) {
		t.Helper()
		status, body, _ := send(t, c, "POST", tw.work+"/outcomes", form)
		return status, body
	}
	if status, _ := outcome(tw.owner, url.Values{"indicator": {"0"}, "kind": {"new_customers"}, "sdg": {"8"}, "baseline": {"1"},
		"result": {"6"}, "evidence": {"記録"}}); status != 303 {
		t.Fatalf("record an outcome: %d", status)
	}
	ins, err := w.st.Workspaces().Indicators(ctx, tw.team.engagement)
	must(t, err)
	in := strconv.FormatInt(ins[0].ID, 10)
	if status, _, _ := send(t, tw.staff, "POST", tw.work+"/complete", url.Values{}); status != 303 {
		t.Fatalf("complete: %d", status)
	}
	// The parties, the partner and the leader can no longer change it.
	edit := url.Values{"indicator": {in}, "kind": {"new_customers"}, "sdg": {"8"}, "baseline": {"1"}, "result": {"60"}, "evidence": {"記録"}}
	for who, c := range map[string]*http.Client{"hanako": tw.hanako, "owner": tw.owner, "partner": tw.partner} {
		if status, body := outcome(c, edit); status != 422 || !strings.Contains(body, "活動が完了したチームの成果は変更できません。") {
			t.Errorf("%s edits a completed team's outcome: %d", who, status)
		}
	}
	if status, _ := outcome(tw.leader, edit); status != 403 {
		t.Errorf("the leader: %d", status)
	}
	// Staff correct it, but only with a reason; the record keeps both.
	if status, body := outcome(tw.staff, edit); status != 422 || !strings.Contains(body, "訂正の理由を入力してください。") {
		t.Errorf("a correction without a reason: %d", status)
	}
	added := url.Values{"indicator": {"0"}, "kind": {"sales"}, "sdg": {"8"}, "baseline": {"0"}, "reason": {"追加"}}
	if status, body := outcome(tw.staff, added); status != 422 || !strings.Contains(body, "活動が完了したチームの成果は変更できません。") {
		t.Errorf("adding an outcome after completion: %d", status)
	}
	fix := url.Values{"indicator": {in}, "kind": {"new_customers"}, "sdg": {"8"}, "baseline": {"1"}, "result": {"5"},
		"evidence": {"記録（重複を除いた）"}, "reason": {"同じ取引先を二度数えていた"}}
	if status, _ := outcome(tw.staff, fix); status != 303 {
		t.Fatalf("correct: %d", status)
	}
	ins, err = w.st.Workspaces().Indicators(ctx, tw.team.engagement)
	must(t, err)
	if len(ins) != 1 || ins[0].Result != 5 || ins[0].Evidence != "記録（重複を除いた）" {
		t.Errorf("after the correction: %+v", ins)
	}
	got, _ := w.newestAudit(t)
	want := auditRow{tw.users["staff"], "engagement.outcome_correct", "engagement", tw.team.engagement, "", w.ota.ID, "127.0.0.1",
		`reason="同じ取引先を二度数えていた"; before: kind=new_customers sdg=8 baseline=1 result=6 evidence="記録"; ` +
			`after: kind=new_customers sdg=8 baseline=1 result=5 evidence="記録（重複を除いた）"`}
	if got != want {
		t.Errorf("the correction's record:\n got %+v\nwant %+v", got, want)
	}
	// The page says the outcomes are final, and offers staff the correction.
	_, body, _ := send(t, tw.owner, "GET", tw.work, nil)
	if !strings.Contains(body, "成果は確定しています") || strings.Contains(body, `action="`+strings.TrimPrefix(tw.work, w.srv.URL)+`/outcomes"`) {
		t.Error("the owner's page does not say the outcomes are final, or still offers the form")
	}
	_, body, _ = send(t, tw.staff, "GET", tw.work, nil)
	if !strings.Contains(body, "訂正の理由") {
		t.Error("staff are not offered the correction")
	}
}

func TestEveryAuditLineNamesActorAndSubject(t *testing.T) { eachEngine(t, auditWorkflowScenario) }

// auditWorkflowScenario runs a program's life through the pages (sign-up,
// entry, screening, a 見送り, a team's work, completion, a correction, a
// revocation, a refusal, an account deletion) and then reads the whole
// audit log: every line names its actor and its subject.
func auditWorkflowScenario(t *testing.T, w *world) {
	ctx := context.Background()
	tw := newTeamWorld(t, w)
	base := w.srv.URL
	post := func(c *http.Client, path string, form url.Values, want int) {
		t.Helper()
		if status, _, _ := send(t, c, "POST", base+path, form); status != want {
			t.Fatalf("POST %s: %d, want %d", path, status, want)
		}
	}
	get := func(c *http.Client, path string, want int) string {
		t.Helper()
		status, body, _ := send(t, c, "GET", base+path, nil)
		if status != want {
			t.Fatalf("GET %s: %d, want %d", path, status, want)
		}
		return body
	}
	_, admin := w.member(t, "admin@team.example.jp", "区 管理者", domain.RoleMunicipalityAdmin, w.orgNamed(t, "大田区 産業経済部").ID)

	// A newcomer signs up, confirms the address and enters by the API.
	newcomer := w.browser(t)
	post(newcomer, "/signup", url.Values{"email": {"kenta@example.jp"}, "name": {"佐藤 健太"}, "name_kana": {"サトウ ケンタ"},
		"password": {"kamata sakura 2026"}, "agree": {"yes"}}, 303)
	mail, _ := w.mailTo(t, "kenta@example.jp", "メールアドレスの確認")
	link := regexp.MustCompile(`http://tsunagu\.test(/verify\?token=[A-Za-z0-9_%-]+)`).FindStringSubmatch(mail)
	if link == nil {
		t.Fatal("no confirmation link")
	}
	get(newcomer, link[1], 303)
	creds, err := w.st.Accounts().Credentials(ctx, "kenta@example.jp")
	must(t, err)
	kenta := domain.Talent{UserID: creds.User.ID, Name: "佐藤 健太", NameKana: "サトウ ケンタ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().CreateTalent(ctx, &kenta))
	req := `{"choices": [` + strconv.FormatInt(w.shop.ID, 10) + `], "motivation": "商店街を手伝いたい"}`
	status, _, _ := sendJSON(t, newcomer, base+"/api/v1/programs/ota-sdgs-2026/entries", req)
	if status != 201 {
		t.Fatalf("entry: %d", status)
	}
	entries, err := w.st.Entries().EntriesOfProgram(ctx, w.shop.ProgramID)
	must(t, err)
	entry := "/admin/131113/entries/" + strconv.FormatInt(entries[0].ID, 10)

	// Screening: the leader is assigned, reads and scores; staff hold an
	// interview, then decline the entry with a reason.
	get(tw.staff, "/admin/131113/programs/ota-sdgs-2026/entries", 200)
	post(tw.staff, entry+"/reviewers", url.Values{"user": {strconv.FormatInt(tw.users["leader"], 10)}, "action": {"add"}}, 303)
	get(tw.leader, entry, 200)
	post(tw.leader, entry+"/review", url.Values{"score_skills": {"4"}, "note": {"熱意がある"}}, 303)
	post(tw.partner, entry+"/interviews", url.Values{"date": {"2026-12-01"}, "time": {"19:30"}, "minutes": {"45"}, "place": {"区役所"}}, 303)
	post(tw.staff, entry+"/move", url.Values{"to": {"declined"}, "reason": {"今回は募集人数を超えたため"}}, 303)

	// The 2021 team's work, its completion, a correction and a revocation.
	work := strings.TrimPrefix(tw.work, base)
	post(tw.leader, work+"/messages", url.Values{"body": {"次回もよろしく"}}, 303)
	post(tw.jiro, work+"/messages", url.Values{"body": {"了解です"}}, 303)
	post(tw.leader, work+"/meetings", url.Values{"kind": {"one_to_one"}, "talent": {strconv.FormatInt(tw.hanakoEntry.TalentID, 10)},
		"held_on": {"2021-10-08"}, "minutes": {"30"}, "notes": {"進め方の相談"}}, 303)
	post(tw.hanako, work+"/reports", url.Values{"month": {"2021-10"}, "hours": {"18"}, "done": {"聞き取り"}}, 303)
	post(tw.owner, work+"/outcomes", url.Values{"indicator": {"0"}, "kind": {"web_visits"}, "sdg": {"8"}, "baseline": {"100"},
		"result": {"300"}, "evidence": {"アクセス解析"}}, 303)
	get(tw.owner, "/agreements/"+strconv.FormatInt(tw.team.agreement, 10), 200)
	post(tw.staff, work+"/complete", url.Values{}, 303)
	ins, err := w.st.Workspaces().Indicators(ctx, tw.team.engagement)
	must(t, err)
	post(tw.staff, work+"/outcomes", url.Values{"indicator": {strconv.FormatInt(ins[0].ID, 10)}, "kind": {"web_visits"}, "sdg": {"8"},
		"baseline": {"100"}, "result": {"280"}, "evidence": {"アクセス解析（修正）"}, "reason": {"集計期間の誤り"}}, 303)
	issued, err := w.st.Issuance().IssuedCredentials(ctx, w.ota.ID, 0)
	must(t, err)
	var cred string
	for _, c := range issued {
		if c.TalentID == tw.hanakoEntry.TalentID {
			cred = c.ID
		}
	}
	post(tw.staff, "/admin/131113/credentials/"+cred+"/revoke", url.Values{"reason": {"成果の記載に誤りがあった"}}, 303)

	// A refusal, and a member who leaves.
	get(tw.leader, "/admin/131113/audit", 403)
	post(tw.jiro, "/me/delete", url.Values{"password": {"correct horse battery"}, "credentials": {"keep"}}, 200)

	log, err := w.st.Compliance().AuditLog(ctx, 0, 10000)
	must(t, err)
	if len(log) < 25 {
		t.Fatalf("only %d audit lines", len(log))
	}
	seen := map[string]store.AuditEvent{}
	for _, l := range log {
		if l.ActorID == 0 || l.SubjectType == "" || (l.SubjectID == 0 && l.SubjectKey == "") {
			t.Errorf("a line without actor or subject: %+v", rowOf(l))
		}
		if _, ok := seen[l.Action]; !ok {
			seen[l.Action] = l
		}
	}
	for _, action := range []string{"user.signup", "user.verify_email", "user.login", "entry.submit", "entries.view",
		"entry.reviewer.add", "entry.view", "entry.review", "entry.interview", "entry.move.declined", "engagement.message",
		"engagement.meeting", "engagement.report", "engagement.outcome", "agreement.view", "engagement.complete",
		"engagement.outcome_correct", "credential.revoke", "access.denied", "user.delete"} {
		if _, ok := seen[action]; !ok {
			t.Errorf("no %s line", action)
		}
	}
	if l := seen["entry.move.declined"]; l.Detail != "今回は募集人数を超えたため" || l.ActorID != tw.users["staff"] {
		t.Errorf("the 見送り line: %+v", rowOf(l))
	}
	if l := seen["credential.revoke"]; l.SubjectKey != cred || l.Detail != "成果の記載に誤りがあった" || l.MunicipalityID != w.ota.ID {
		t.Errorf("the revocation line: %+v", rowOf(l))
	}
	if l := seen["user.signup"]; l.ActorID != creds.User.ID || l.SubjectID != creds.User.ID {
		t.Errorf("the sign-up line: %+v", rowOf(l))
	}

	// The admins' page names who did it, or says the account was deleted,
	// and what it touched.
	body := get(admin, "/admin/131113/audit", 200)
	for _, want := range []string{"役 staff", "削除された利用者", "今回は募集人数を超えたため", "成果の記載に誤りがあった",
		"エントリー #" + strconv.FormatInt(entries[0].ID, 10) + "「佐藤 健太」", "チーム #" + strconv.FormatInt(tw.team.engagement, 10) +
			"「" + w.web.Title + "」", "証明書 " + cred + "「山田 花子」"} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}
}

// sendJSON posts a JSON body with the client's cookies.
func sendJSON(t *testing.T, c *http.Client, u, body string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("POST", u, strings.NewReader(body))
	must(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}
