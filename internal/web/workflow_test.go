package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// member signs a new person in and gives them a role in an organization.
func (w *world) member(t *testing.T, email, name string, role domain.Role, orgID int64) (int64, *http.Client) {
	t.Helper()
	c := w.signedIn(t, email, name)
	creds, err := w.st.Accounts().Credentials(context.Background(), email)
	must(t, err)
	must(t, w.st.Accounts().AddMembership(context.Background(), &domain.Membership{UserID: creds.User.ID, OrganizationID: orgID, Role: role}))
	return creds.User.ID, c
}

// orgNamed finds one of the world's organizations.
func (w *world) orgNamed(t *testing.T, name string) domain.Organization {
	t.Helper()
	for _, m := range []domain.Municipality{w.ota, w.tsubame} {
		orgs, err := w.st.Directory().Organizations(context.Background(), m.ID)
		must(t, err)
		for _, o := range orgs {
			if o.Name == name {
				return o
			}
		}
	}
	t.Fatalf("no organization %q", name)
	return domain.Organization{}
}

// mailTo returns the newest mail to an address whose subject contains s.
func (w *world) mailTo(t *testing.T, to, subject string) (body string, found bool) {
	t.Helper()
	box, err := w.st.Messaging().Outbox(context.Background(), 200, false)
	must(t, err)
	for _, m := range box {
		if m.To == to && strings.Contains(m.Subject, subject) {
			return m.Body, true
		}
	}
	return "", false
}

func TestProjectDraftReviewPublish(t *testing.T) { eachEngine(t, projectScenario) }

func projectScenario(t *testing.T, w *world) {
	ctx := context.Background()
	base := w.srv.URL + "/admin/131113/projects"
	mill := w.orgNamed(t, "有限会社森田製作所")
	office := w.orgNamed(t, "大田区 産業経済部")
	_, owner := w.member(t, "owner@mill.example.jp", "森田 社長", domain.RoleBusinessOwner, mill.ID)
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	program, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2026")
	must(t, err)

	// The form explains itself; a half-filled form keeps what was typed.
	status, body, _ := send(t, owner, "GET", base+"/new", nil)
	if status != 200 || !strings.Contains(body, "はじめて求人を書く方も大丈夫です") || !strings.Contains(body, "有限会社森田製作所") {
		t.Fatalf("new form: %d", status)
	}
	form := url.Values{"host": {strconv.FormatInt(mill.ID, 10)}, "program": {strconv.FormatInt(program.ID, 10)},
		"title": {"町工場の技術を動画で伝えたい"}, "description": {"旋盤加工の技術を、若い人に伝わる動画にしたい。"},
		"team_size": {"2"}, "hours": {"たくさん"}, "work_style": {"hybrid"}, "place": {""}, "reward_type": {"paid"}, "reward_yen": {"30000"}}
	status, body, _ = send(t, owner, "POST", base, form)
	if status != 422 || !strings.Contains(body, "町工場の技術を動画で伝えたい") || !strings.Contains(body, "数字で入力してください") ||
		!strings.Contains(body, "SDGs") {
		t.Fatalf("bad draft: %d", status)
	}
	form.Set("hours", "20")
	form.Set("place", "大田区糀谷")
	form["sdg"] = []string{"8", "9"}
	form["skill"] = []string{"web-homepage"}
	status, _, h := send(t, owner, "POST", base, form)
	if status != 303 {
		t.Fatalf("draft: %d", status)
	}
	page := h.Get("Location")
	page = page[:strings.Index(page, "?")]
	id, _ := strconv.ParseInt(page[strings.LastIndex(page, "/")+1:], 10, 64)
	// A draft is not public; the owner submits it, and cannot publish.
	if status, _, _ := send(t, w.browser(t), "GET", w.srv.URL+"/projects/"+strconv.FormatInt(id, 10), nil); status != 404 {
		t.Errorf("public draft: %d", status)
	}
	if status, _, _ := send(t, owner, "POST", w.srv.URL+page+"/status", url.Values{"action": {"submit"}}); status != 303 {
		t.Fatalf("submit: %d", status)
	}
	if status, _, _ := send(t, owner, "POST", w.srv.URL+page+"/status", url.Values{"action": {"publish"}}); status != 403 {
		t.Errorf("owner publishing: %d", status)
	}
	// Staff see it waiting, return it with a comment the owner reads.
	_, body, _ = send(t, staff, "GET", base, nil)
	if !strings.Contains(body, "確認待ち") || !strings.Contains(body, "町工場の技術を動画で伝えたい") {
		t.Error("staff do not see the project waiting")
	}
	if status, body, _ := send(t, staff, "POST", w.srv.URL+page+"/status", url.Values{"action": {"return"}}); status != 422 ||
		!strings.Contains(body, "差し戻す理由を書いてください") {
		t.Errorf("return without comment: %d", status)
	}
	send(t, staff, "POST", w.srv.URL+page+"/status", url.Values{"action": {"return"}, "comment": {"報酬の支払い時期も書いてください"}})
	_, body, _ = send(t, owner, "GET", w.srv.URL+page, nil)
	if !strings.Contains(body, "報酬の支払い時期も書いてください") || !strings.Contains(body, "区から差し戻されました") {
		t.Error("the owner does not see the comment")
	}
	if _, ok := w.mailTo(t, "owner@mill.example.jp", "差し戻されました"); !ok {
		t.Error("no mail about the return")
	}
	form.Set("description", "旋盤加工の技術を動画に。報酬は月末払いです。")
	if status, _, _ := send(t, owner, "POST", w.srv.URL+page, form); status != 303 {
		t.Fatalf("edit: %d", status)
	}
	send(t, owner, "POST", w.srv.URL+page+"/status", url.Values{"action": {"submit"}})
	if status, _, _ := send(t, staff, "POST", w.srv.URL+page+"/status", url.Values{"action": {"publish"}}); status != 303 {
		t.Fatalf("publish: %d", status)
	}
	status, body, _ = send(t, w.browser(t), "GET", w.srv.URL+"/projects/"+strconv.FormatInt(id, 10), nil)
	if status != 200 || !strings.Contains(body, "報酬は月末払いです") {
		t.Errorf("published project: %d", status)
	}
	if _, ok := w.mailTo(t, "owner@mill.example.jp", "公開されました"); !ok {
		t.Error("no mail about publication")
	}
	_, body, _ = send(t, owner, "GET", w.srv.URL+"/me/notifications", nil)
	if !strings.Contains(body, "公開されました") || !strings.Contains(body, "差し戻されました") {
		t.Error("notices missing")
	}
	hist, err := w.st.Projects().ProjectHistory(ctx, id)
	must(t, err)
	if len(hist) != 4 {
		t.Errorf("history %+v", hist)
	}
}

func TestScreeningJourney(t *testing.T) { eachEngine(t, screeningScenario) }

func screeningScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	_, leader := w.member(t, "leader@example.jp", "先輩 副業", domain.RoleLeaderTalent, office.ID)
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	talent := w.signedIn(t, "hanako@example.jp", "山田 花子")
	creds, _ := w.st.Accounts().Credentials(ctx, "hanako@example.jp")
	tal := domain.Talent{UserID: creds.User.ID, Name: "山田 花子", NameKana: "ヤマダ ハナコ", ResidenceCountry: "JP", TimeZone: "Asia/Tokyo"}
	must(t, w.st.Talents().CreateTalent(ctx, &tal))
	p, _ := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2026")
	e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: p.ID, TalentID: tal.ID, Choices: []int64{w.shop.ID},
		Motivation: "商店街を元気にしたい", Status: domain.EntrySubmitted, SubmittedAt: testNow}
	must(t, w.st.Entries().CreateEntry(ctx, &e))
	eid := strconv.FormatInt(e.ID, 10)
	boardURL := w.srv.URL + "/admin/131113/programs/ota-sdgs-2026/entries"
	entryURL := w.srv.URL + "/admin/131113/entries/" + eid

	// The board shows the entry under 応募; a filter by name finds it.
	_, body, _ := send(t, staff, "GET", boardURL+"?q=ヤマダ", nil)
	if !strings.Contains(body, "山田 花子") || !strings.Contains(body, "1件中 1件を表示") {
		t.Fatalf("board filter by reading")
	}
	_, body, _ = send(t, staff, "GET", boardURL+"?q=佐藤", nil)
	if strings.Contains(body, "山田 花子") {
		t.Error("the name filter let another name through")
	}
	// Staff assign the leader; the leader scores and notes, privately.
	leaderCreds, _ := w.st.Accounts().Credentials(ctx, "leader@example.jp")
	if status, _, _ := send(t, staff, "POST", entryURL+"/reviewers", url.Values{"user": {strconv.FormatInt(leaderCreds.User.ID, 10)}}); status != 303 {
		t.Fatalf("assign: %d", status)
	}
	if status, body, _ := send(t, leader, "POST", entryURL+"/review", url.Values{"score_skills": {"7"}}); status != 422 ||
		!strings.Contains(body, "1〜5の範囲") {
		t.Errorf("score 7: %d", status)
	}
	if status, _, _ := send(t, leader, "POST", entryURL+"/review", url.Values{"score_skills": {"4"}, "score_motivation": {"5"},
		"note": {"商店街の経験が豊富"}}); status != 303 {
		t.Fatalf("review: %d", status)
	}
	_, body, _ = send(t, staff, "GET", boardURL+"?reviewer=me", nil)
	if strings.Contains(body, "山田 花子") {
		t.Error("the staff member's own filter shows an entry they do not review")
	}
	_, body, _ = send(t, leader, "GET", boardURL+"?reviewer=me", nil)
	if !strings.Contains(body, "評価 4.5（1人）") {
		t.Error("the leader's filtered board lacks the entry with its score")
	}
	// Leaders screen but do not move; nobody but the municipality decides.
	if status, _, _ := send(t, leader, "POST", boardURL+"/move", url.Values{"entry": {eid}, "to": {"screening"}}); status != 403 {
		t.Errorf("leader moving: %d", status)
	}
	// A bulk move to 書類選考 tells the entrant by notice and mail.
	if status, _, _ := send(t, staff, "POST", boardURL+"/move", url.Values{"entry": {eid}, "to": {"screening"}}); status != 303 {
		t.Fatalf("move: %d", status)
	}
	if body, ok := w.mailTo(t, "hanako@example.jp", "状況が更新されました"); !ok || !strings.Contains(body, "書類選考") {
		t.Errorf("no stage mail: %q", body)
	}
	// An interview: the entry moves to 面談 and the mail carries an .ics.
	status, _, _ := send(t, staff, "POST", entryURL+"/interviews", url.Values{"date": {"2026-12-01"}, "time": {"19:30"},
		"minutes": {"45"}, "video_url": {"https://meet.example.jp/xyz"}, "note": {"5分前にお入りください"}})
	if status != 303 {
		t.Fatalf("interview: %d", status)
	}
	box, _ := w.st.Messaging().Outbox(ctx, 20, false)
	var ics string
	for _, m := range box {
		if m.To == "hanako@example.jp" && strings.Contains(m.Subject, "面談のご案内") {
			ics = m.Attachment.Data
			if !strings.Contains(m.Body, "2026年12月1日 19:30") || m.MunicipalityID != w.ota.ID {
				t.Errorf("interview mail: %s", m.Body)
			}
		}
	}
	if !strings.Contains(ics, "METHOD:REQUEST") || !strings.Contains(ics, "DTSTART:20261201T103000Z") ||
		!strings.Contains(ics, "hanako@example.jp") {
		t.Errorf("invitation:\n%s", ics)
	}
	// 内定 is the municipality's; 見送り needs a reason.
	if status, body, _ := send(t, staff, "POST", entryURL+"/move", url.Values{"to": {"declined"}}); status != 422 ||
		!strings.Contains(body, "見送りにする理由を書いてください") {
		t.Errorf("decline without reason: %d", status)
	}
	if status, _, _ := send(t, staff, "POST", entryURL+"/move", url.Values{"to": {"offered"}}); status != 303 {
		t.Fatalf("offer: %d", status)
	}
	if body, ok := w.mailTo(t, "hanako@example.jp", "状況が更新されました"); !ok || !strings.Contains(body, "内定") {
		t.Error("no offer mail")
	}
	// The entrant sees the offer and the interview, and accepts.
	_, body, _ = send(t, talent, "GET", w.srv.URL+"/me", nil)
	if !strings.Contains(body, "内定のお知らせが届いています") || !strings.Contains(body, "カレンダーに追加") {
		t.Error("my page lacks the offer or the interview")
	}
	ivs, _ := w.st.Entries().Interviews(ctx, e.ID)
	status, body, h := send(t, talent, "GET", w.srv.URL+"/me/interviews/"+strconv.FormatInt(ivs[0].ID, 10), nil)
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/calendar") || !strings.Contains(body, "BEGIN:VEVENT") {
		t.Errorf("ics download: %d %s", status, h.Get("Content-Type"))
	}
	if status, _, _ := send(t, talent, "POST", w.srv.URL+"/me/entries/"+eid+"/offer", url.Values{"answer": {"accept"}}); status != 303 {
		t.Fatalf("accept: %d", status)
	}
	// Accepting the 内定 is recorded; 合意 waits for the terms.
	got, _ := w.st.Entries().Entry(ctx, e.ID)
	if got.Status != domain.EntryOffered || !got.OfferAccepted {
		t.Errorf("after accepting: %s %v", got.Status, got.OfferAccepted)
	}
	// The history says who moved it, when and why; reviews stay private.
	_, body, _ = send(t, staff, "GET", entryURL, nil)
	for _, want := range []string{"応募 → 書類選考", "書類選考 → 面談", "面談 → 内定", "(区 職員)", "商店街の経験が豊富"} {
		if !strings.Contains(body, want) {
			t.Errorf("entry page lacks %q", want)
		}
	}
	_, body, _ = send(t, talent, "GET", w.srv.URL+"/me", nil)
	if strings.Contains(body, "商店街の経験が豊富") {
		t.Error("a reviewer's note reached the entrant")
	}
	_, body, _ = send(t, talent, "GET", w.srv.URL+"/me/notifications", nil)
	if !strings.Contains(body, "「書類選考」になりました") || !strings.Contains(body, "面談が") {
		t.Error("entrant's notices missing")
	}
	// A program without document review: the board loses that column.
	if status, _, _ := send(t, staff, "POST", w.srv.URL+"/admin/131113/programs/ota-sdgs-2026/stages",
		url.Values{"stage": {"interview"}}); status != 303 {
		t.Fatalf("stages: %d", status)
	}
	_, body, _ = send(t, staff, "GET", boardURL, nil)
	if strings.Contains(body, `id="col-screening"`) || !strings.Contains(body, `id="col-interview"`) {
		t.Error("the board still shows 書類選考, or lost 面談")
	}
	// Staff read their municipality's outbox, without account mail.
	_, body, _ = send(t, staff, "GET", w.srv.URL+"/admin/131113/outbox", nil)
	if !strings.Contains(body, "面談のご案内") {
		t.Error("outbox page lacks the interview mail")
	}
}

func TestInviteMakesAMember(t *testing.T) { eachEngine(t, inviteScenario) }

func inviteScenario(t *testing.T, w *world) {
	office := w.orgNamed(t, "大田区 産業経済部")
	cafe := w.orgNamed(t, "喫茶まるや")
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	// Staff cannot make an admin; a bad address is said so.
	if status, _, _ := send(t, staff, "POST", w.srv.URL+"/admin/131113/members", url.Values{"email": {"x@example.jp"},
		"organization": {strconv.FormatInt(office.ID, 10)}, "role": {"municipality_admin"}}); status != 403 {
		t.Errorf("staff inviting an admin: %d", status)
	}
	status, body, _ := send(t, staff, "POST", w.srv.URL+"/admin/131113/members", url.Values{"email": {"maruya"},
		"organization": {strconv.FormatInt(cafe.ID, 10)}, "role": {"business_owner"}})
	if status != 422 || !strings.Contains(body, "形式が正しくありません") {
		t.Errorf("bad address: %d", status)
	}
	if status, _, _ := send(t, staff, "POST", w.srv.URL+"/admin/131113/members", url.Values{"email": {"Master@Maruya.example.jp"},
		"organization": {strconv.FormatInt(cafe.ID, 10)}, "role": {"business_owner"}}); status != 303 {
		t.Fatalf("invite: %d", status)
	}
	body, ok := w.mailTo(t, "master@maruya.example.jp", "招待")
	if !ok {
		t.Fatal("no invitation mail")
	}
	i := strings.Index(body, "/invite?token=")
	link := strings.Fields(body[i:])[0]
	// The invited person makes an account on the way and lands as owner.
	c := w.browser(t)
	status, body, _ = send(t, c, "GET", w.srv.URL+link, nil)
	if status != 200 || !strings.Contains(body, "喫茶まるや") || !strings.Contains(body, "事業者") {
		t.Fatalf("invite page: %d", status)
	}
	token, _ := url.QueryUnescape(strings.TrimPrefix(link, "/invite?token="))
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/invite", url.Values{"token": {token}, "name": {"丸屋 店主"},
		"password": {"short"}}); status != 422 {
		t.Errorf("short password: %d", status)
	}
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/invite", url.Values{"token": {token}, "name": {"丸屋 店主"},
		"password": {"coffee beans and tea leaves"}, "agree": {"yes"}}); status != 303 {
		t.Fatalf("accept: %d", status)
	}
	if status, _, _ := send(t, c, "GET", w.srv.URL+"/admin/131113/projects/new", nil); status != 200 {
		t.Errorf("new owner cannot draft: %d", status)
	}
	if status, _, _ := send(t, w.browser(t), "GET", w.srv.URL+link, nil); status != 409 {
		t.Errorf("reused invitation: %d", status)
	}
	_, body, _ = send(t, staff, "GET", w.srv.URL+"/admin/131113/members", nil)
	if !strings.Contains(body, "丸屋 店主") || !strings.Contains(body, "に参加") {
		t.Error("members page lacks the new member")
	}
}

func TestConsentIsRecordedWithTime(t *testing.T) {
	w := newWorld(t)
	c := w.signedIn(t, "kamata@example.jp", "蒲田 一郎")
	find := "find_" + strconv.FormatInt(w.ota.ID, 10)
	form := url.Values{"name": {"蒲田 一郎"}, "name_kana": {"カマタ イチロウ"}, "hours": {"20"}, "style": {"remote"},
		"country": {"JP"}, find: {"yes"}, "consent_story": {"yes"}}
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/me/profile", form); status != 303 {
		t.Fatalf("save: %d", status)
	}
	// Saving again unchanged records nothing; withdrawing records a row.
	send(t, c, "POST", w.srv.URL+"/me/profile", form)
	form.Del(find)
	send(t, c, "POST", w.srv.URL+"/me/profile", form)
	creds, _ := w.st.Accounts().Credentials(context.Background(), "kamata@example.jp")
	hist, err := w.st.Compliance().ConsentHistory(context.Background(), creds.User.ID)
	must(t, err)
	if len(hist) != 3 || hist[0].Granted || hist[0].MunicipalityID != w.ota.ID || hist[0].Purpose != domain.ConsentScout {
		t.Fatalf("history = %+v", hist)
	}
	_, body, _ := send(t, c, "GET", w.srv.URL+"/me/profile", nil)
	if !strings.Contains(body, "変更の記録") || !strings.Contains(body, "取り消し") || !strings.Contains(body, "大田区の職員が私を見つけて") {
		t.Error("the profile does not show the consent record")
	}
}

func TestSharedPoolAndScout(t *testing.T) { eachEngine(t, poolScenario) }

func poolScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	ts := w.orgNamed(t, "燕市 商工振興課")
	_, tsStaff := w.member(t, "staff@tsubame.example.jp", "燕 職員", domain.RoleMunicipalityStaff, ts.ID)
	c := w.signedIn(t, "kamata@example.jp", "蒲田 一郎")
	form := url.Values{"name": {"蒲田 一郎"}, "name_kana": {"カマタ イチロウ"}, "hours": {"20"}, "style": {"remote"},
		"country": {"JP"}, "skill_web-homepage": {"3"}, "find_" + strconv.FormatInt(w.ota.ID, 10): {"yes"}}
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/me/profile", form); status != 303 {
		t.Fatalf("save: %d", status)
	}
	creds, _ := w.st.Accounts().Credentials(ctx, "kamata@example.jp")
	tal, err := w.st.Talents().TalentByUser(ctx, creds.User.ID)
	must(t, err)
	id := strconv.FormatInt(tal.ID, 10)
	// Ota's staff find the talent, without the name; Tsubame's do not.
	_, body, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/talents", nil)
	if !strings.Contains(body, "人材 #"+id) || strings.Contains(body, "蒲田 一郎") || strings.Contains(body, "kamata@") {
		t.Error("Ota's pool lacks the talent, or shows the name or address")
	}
	_, body, _ = send(t, tsStaff, "GET", w.srv.URL+"/admin/152137/talents", nil)
	if strings.Contains(body, "人材 #"+id) {
		t.Error("Tsubame's pool shows a talent who did not consent to it")
	}
	if status, _, _ := send(t, tsStaff, "POST", w.srv.URL+"/admin/152137/talents/"+id+"/scout", url.Values{"message": {"燕にも"}}); status != 404 {
		t.Errorf("an offer outside the consent: %d", status)
	}
	if status, _, _ := send(t, staff, "POST", w.srv.URL+"/admin/131113/talents/"+id+"/scout",
		url.Values{"project": {strconv.FormatInt(w.shop.ID, 10)}, "message": {"商店街の案件にいかがですか"}}); status != 303 {
		t.Fatalf("scout: %d", status)
	}
	if _, ok := w.mailTo(t, "kamata@example.jp", "自治体からの声かけ"); !ok {
		t.Error("the talent got no mail")
	}
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me", nil)
	if !strings.Contains(body, "商店街の案件にいかがですか") || !strings.Contains(body, "商店街のSNS発信") {
		t.Fatal("my page lacks the offer")
	}
	offers, _ := w.st.Talents().ScoutsOf(ctx, tal.ID)
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/me/scouts/"+strconv.FormatInt(offers[0].ID, 10),
		url.Values{"answer": {"accept"}}); status != 303 {
		t.Fatalf("answer: %d", status)
	}
	if _, ok := w.mailTo(t, "staff@city.example.jp", "スカウトへの返事"); !ok {
		t.Error("the sender was not told")
	}
}

func TestAPITokenMadeInThePage(t *testing.T) {
	w := newWorld(t)
	c := w.signedIn(t, "omori@example.jp", "大森 花")
	if status, body, _ := send(t, c, "POST", w.srv.URL+"/me/tokens", url.Values{"label": {""}}); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "名前を付けてください") {
		t.Errorf("no label: %d", status)
	}
	_, body, _ := send(t, c, "POST", w.srv.URL+"/me/tokens", url.Values{"label": {"表計算"}})
	token := regexp.MustCompile(`tsu_[A-Za-z0-9_-]+`).FindString(body)
	if token == "" {
		t.Fatal("the new token is not shown")
	}
	call := func() int {
		req, _ := http.NewRequest("POST", w.srv.URL+"/api/v1/programs/ota-sdgs-2026/entries", strings.NewReader(`{}`))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		must(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	if status := call(); status != http.StatusConflict { // known, but has no profile yet
		t.Errorf("with the token: %d", status)
	}
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me/tokens", nil)
	if strings.Contains(body, token) || !strings.Contains(body, "表計算") {
		t.Error("the list shows the token itself, or not its name")
	}
	id := regexp.MustCompile(`name="token" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no revoke form")
	}
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/me/tokens/revoke", url.Values{"token": {id[1]}}); status != 303 {
		t.Fatalf("revoke: %d", status)
	}
	if status := call(); status != http.StatusUnauthorized {
		t.Errorf("after revoking: %d", status)
	}
}

// entrant adds a talent (without an account) who entered the program with
// one choice.
func (w *world) entrant(t *testing.T, name string, programID, projectID int64) domain.Entry {
	t.Helper()
	ctx := context.Background()
	tal := domain.Talent{Name: name, NameKana: "テスト", ResidenceCountry: "JP"}
	must(t, w.st.Talents().CreateTalent(ctx, &tal))
	p, err := w.st.Projects().Project(ctx, projectID)
	must(t, err)
	e := domain.Entry{MunicipalityID: p.MunicipalityID, ProgramID: programID, TalentID: tal.ID, Choices: []int64{projectID},
		Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: testNow}
	must(t, w.st.Entries().CreateEntry(ctx, &e))
	return e
}

type teamIDs struct{ agreement, engagement int64 }

// team offers the entry the project, has all three sides accept the terms
// and, if completed, ends the work.
func (w *world) team(t *testing.T, e domain.Entry, projectID int64, completed bool) teamIDs {
	t.Helper()
	ctx := context.Background()
	_, err := w.st.Entries().MoveEntries(ctx, e.ProgramID, []int64{e.ID}, domain.EntryOffered, 0, "")
	must(t, err)
	start := time.Date(2021, 10, 1, 0, 0, 0, 0, domain.Japan())
	a := domain.Agreement{EntryID: e.ID, ProjectID: projectID, Type: domain.AgreementQuasiMandate, RewardYen: 30000,
		HoursPerMonth: 20, StartsOn: start, EndsOn: start.AddDate(0, 4, 0), Deliverables: "成果物"}
	must(t, w.st.Agreements().SaveAgreement(ctx, &a, 0))
	for _, p := range domain.Parties() {
		_, err := w.st.Agreements().AcceptAgreement(ctx, a.ID, a.Version, p, 0)
		must(t, err)
	}
	g, err := w.st.Workspaces().EngagementOfProject(ctx, projectID)
	must(t, err)
	if completed {
		must(t, w.st.Workspaces().CompleteEngagement(ctx, g.ID))
	}
	return teamIDs{a.ID, g.ID}
}

func TestCommunityEventsAndIdeas(t *testing.T) { eachEngine(t, communityScenario) }

func communityScenario(t *testing.T, w *world) {
	office := w.orgNamed(t, "大田区 産業経済部")
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	a, b := w.signedIn(t, "a@example.jp", "蒲田 一"), w.signedIn(t, "b@example.jp", "大森 二")
	// Staff hold an online event for one person; a bad link is refused.
	form := url.Values{"title": {"オンライン交流会"}, "date": {"2026-12-10"}, "time": {"20:00"}, "minutes": {"60"},
		"online": {"yes"}, "url": {"http://meet.example.jp/x"}, "capacity": {"1"}}
	if status, body, _ := send(t, staff, "POST", w.srv.URL+"/admin/131113/events", form); status != 422 || !strings.Contains(body, "https://") {
		t.Errorf("insecure link: %d", status)
	}
	form.Set("url", "https://meet.example.jp/x")
	status, _, h := send(t, staff, "POST", w.srv.URL+"/admin/131113/events", form)
	if status != 303 {
		t.Fatalf("create event: %d", status)
	}
	page, created, _ := strings.Cut(h.Get("Location"), "?")
	if created != "flash=event_created" {
		t.Errorf("create event: redirected to %q", h.Get("Location"))
	}
	_, body, _ := send(t, w.browser(t), "GET", w.srv.URL+page, nil)
	if strings.Contains(body, "meet.example.jp") {
		t.Error("the online link shows to someone not coming")
	}
	send(t, a, "POST", w.srv.URL+page+"/rsvp", url.Values{"action": {"join"}})
	_, body, _ = send(t, a, "GET", w.srv.URL+page, nil)
	if !strings.Contains(body, "https://meet.example.jp/x") || !strings.Contains(body, "参加予定です") {
		t.Error("the one coming does not see the link")
	}
	if status, body, _ := send(t, b, "POST", w.srv.URL+page+"/rsvp", url.Values{"action": {"join"}}); status != 409 || !strings.Contains(body, "満席") {
		t.Errorf("over capacity: %d", status)
	}
	_, cal, hdr := send(t, a, "GET", w.srv.URL+page+"/ics", nil)
	if !strings.HasPrefix(hdr.Get("Content-Type"), "text/calendar") || !strings.Contains(cal, "URL:https://meet.example.jp/x") ||
		!strings.Contains(cal, "DTSTART:20261210T110000Z") {
		t.Errorf("calendar:\n%s", cal)
	}
	_, cal, _ = send(t, b, "GET", w.srv.URL+page+"/ics", nil)
	if strings.Contains(cal, "meet.example.jp") {
		t.Error("the calendar file gives the link to someone not coming")
	}

	// A talent proposes an idea; another supports it; the ward answers.
	if status, _, _ := send(t, a, "POST", w.srv.URL+"/ideas", url.Values{"municipality": {"131113"}, "title": {"工場見学ツアー"},
		"body": {"週末に町工場を巡るツアーを"}}); status != 303 {
		t.Fatalf("propose: %d", status)
	}
	ideas, _ := w.st.Community().Ideas(context.Background(), w.ota.ID)
	if len(ideas) != 1 {
		t.Fatalf("ideas %+v", ideas)
	}
	id := strconv.FormatInt(ideas[0].ID, 10)
	send(t, b, "POST", w.srv.URL+"/ideas/"+id+"/support", url.Values{"support": {"yes"}})
	_, body, _ = send(t, w.browser(t), "GET", w.srv.URL+"/ideas", nil)
	if !strings.Contains(body, "応援 1") || !strings.Contains(body, "受付") {
		t.Error("the board lacks the support count or status")
	}
	if status, _, _ := send(t, staff, "POST", w.srv.URL+"/admin/131113/ideas/"+id, url.Values{"status": {"adopted"},
		"answer": {"来年度に実施します"}}); status != 303 {
		t.Fatalf("answer: %d", status)
	}
	if mailBody, ok := w.mailTo(t, "a@example.jp", "アイデアへの回答"); !ok || !strings.Contains(mailBody, "採用") {
		t.Errorf("the author was not told: %q", mailBody)
	}
	_, body, _ = send(t, w.browser(t), "GET", w.srv.URL+"/ideas", nil)
	if !strings.Contains(body, "来年度に実施します") || !strings.Contains(body, "採用") {
		t.Error("the answer is not on the board")
	}
}

func TestDownloadAndDeleteMyData(t *testing.T) { eachEngine(t, personalScenario) }

func personalScenario(t *testing.T, w *world) {
	c := w.signedIn(t, "kamata@example.jp", "蒲田 一郎")
	form := url.Values{"name": {"蒲田 一郎"}, "name_kana": {"カマタ イチロウ"}, "hours": {"20"}, "style": {"remote"}, "country": {"JP"},
		"consent_story": {"yes"}}
	send(t, c, "POST", w.srv.URL+"/me/profile", form)
	status, body, h := send(t, c, "GET", w.srv.URL+"/me/data", nil)
	var dump struct {
		Data map[string][]map[string]any `json:"data"`
	}
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") || json.Unmarshal([]byte(body), &dump) != nil {
		t.Fatalf("download: %d %s", status, h.Get("Content-Type"))
	}
	if dump.Data["user"][0]["email"] != "kamata@example.jp" || dump.Data["talent"][0]["name"] != "蒲田 一郎" || len(dump.Data["consents"]) != 1 {
		t.Errorf("my data: %+v", dump.Data)
	}
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/me/delete", url.Values{"password": {"wrong password"}}); status != 422 {
		t.Errorf("wrong password: %d", status)
	}
	if status, body, _ := send(t, c, "POST", w.srv.URL+"/me/delete", url.Values{"password": {"correct horse battery"}}); status != 200 ||
		!strings.Contains(body, "削除しました") {
		t.Fatalf("delete: %d", status)
	}
	if status, _, _ := send(t, c, "GET", w.srv.URL+"/me", nil); status != 303 {
		t.Errorf("still signed in after deletion: %d", status)
	}
	if _, err := w.st.Accounts().Credentials(context.Background(), "kamata@example.jp"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("the account is still there: %v", err)
	}
	// The municipality's admins can take all of its data out.
	office := w.orgNamed(t, "大田区 産業経済部")
	_, admin := w.member(t, "admin@city.example.jp", "区 管理者", domain.RoleMunicipalityAdmin, office.ID)
	status, body, _ = send(t, admin, "GET", w.srv.URL+"/admin/131113/export", nil)
	var all struct {
		Data map[string][]map[string]any `json:"data"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &all) != nil || len(all.Data["projects"]) == 0 || len(all.Data["programs"]) != 2 {
		t.Errorf("export: %d, %d programs", status, len(all.Data["programs"]))
	}
	if strings.Contains(body, "token_hash") || strings.Contains(body, "燕市ものづくり") {
		t.Error("the export holds a secret or another municipality's data")
	}
}

func TestDeletingKeepsOrRevokesCredentials(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	p, _ := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	for _, choice := range []string{"keep", "revoke"} {
		email := choice + "@example.jp"
		c := w.signedIn(t, email, "証明 "+choice)
		creds, _ := w.st.Accounts().Credentials(ctx, email)
		tal := domain.Talent{UserID: creds.User.ID, Name: "証明 " + choice, NameKana: "ショウメイ", ResidenceCountry: "JP"}
		must(t, w.st.Talents().CreateTalent(ctx, &tal))
		project := w.web
		if choice == "revoke" {
			project = w.green
		}
		e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: p.ID, TalentID: tal.ID, Choices: []int64{project.ID},
			Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: testNow}
		must(t, w.st.Entries().CreateEntry(ctx, &e))
		team := w.team(t, e, project.ID, true)
		if n, err := w.app.app.Credentials.Issuer().IssueFor(ctx, team.engagement); err != nil || n != 1 {
			t.Fatalf("issue: %d %v", n, err)
		}
		issued, _ := w.st.Issuance().IssuedCredentials(ctx, 0, tal.ID)
		if status, _, _ := send(t, c, "POST", w.srv.URL+"/me/delete", url.Values{"password": {"correct horse battery"},
			"credentials": {choice}}); status != 200 {
			t.Fatalf("%s: delete %d", choice, status)
		}
		_, err := w.app.verifyToken(ctx, issued[0].JWT)
		if choice == "keep" && err != nil {
			t.Errorf("a kept credential no longer verifies: %v", err)
		}
		if choice == "revoke" && err == nil {
			t.Error("a revoked credential still verifies")
		}
	}
}

func TestHometownAfterCompletedWork(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	p, _ := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	c := w.signedIn(t, "tsubame-born@example.jp", "燕 出身")
	creds, _ := w.st.Accounts().Credentials(ctx, "tsubame-born@example.jp")
	tal := domain.Talent{UserID: creds.User.ID, Name: "燕 出身", NameKana: "ツバメ", ResidenceCountry: "JP",
		Affinities: []domain.Affinity{{LGCode: "152137", Kind: domain.AffinityBorn}}}
	must(t, w.st.Talents().CreateTalent(ctx, &tal))
	_, body, _ := send(t, c, "GET", w.srv.URL+"/me", nil)
	if strings.Contains(body, "経験を、ゆかりのある町で") {
		t.Error("hometown suggestions before any completed work")
	}
	e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: p.ID, TalentID: tal.ID, Choices: []int64{w.web.ID},
		Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: testNow}
	must(t, w.st.Entries().CreateEntry(ctx, &e))
	team := w.team(t, e, w.web.ID, true)
	if _, err := w.app.app.Credentials.Issuer().IssueFor(ctx, team.engagement); err != nil {
		t.Fatal(err)
	}
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me", nil)
	if !strings.Contains(body, "経験を、ゆかりのある町で") || !strings.Contains(body, "洋食器の海外販路") {
		t.Error("no suggestion from the hometown after completed work")
	}
}

func TestStaffOpenAProgram(t *testing.T) {
	w := newWorld(t)
	ts := w.orgNamed(t, "燕市 商工振興課")
	_, staff := w.member(t, "staff@tsubame.example.jp", "燕 職員", domain.RoleMunicipalityStaff, ts.ID)
	form := url.Values{"title": {"燕市ものづくり副業 2027"}, "slug": {"Tsubame 2027"}, "opens": {"2027-04-01"}, "closes": {"2027-03-01"}}
	if status, body, _ := send(t, staff, "POST", w.srv.URL+"/admin/152137/programs", form); status != 422 ||
		!strings.Contains(body, "燕市ものづくり副業 2027") {
		t.Errorf("bad form: %d", status)
	}
	form.Set("slug", "tsubame-2027")
	form.Set("closes", "2027-05-31")
	form["host"] = []string{strconv.FormatInt(ts.ID, 10)}
	status, _, h := send(t, staff, "POST", w.srv.URL+"/admin/152137/programs", form)
	if status != 303 || h.Get("Location") != "/programs/tsubame-2027?flash=program_created" {
		t.Fatalf("create: %d %s", status, h.Get("Location"))
	}
	p, err := w.st.Directory().ProgramBySlug(context.Background(), "tsubame-2027")
	must(t, err)
	if p.MunicipalityID != w.tsubame.ID || p.EntryClosesAt.In(domain.Japan()).Format("2006-01-02 15:04") != "2027-05-31 23:59" {
		t.Errorf("program %+v", p)
	}
	// Ota's staff cannot open a program for Tsubame.
	_, ota := w.member(t, "staff@ota.example.jp", "区 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "大田区 産業経済部").ID)
	if status, _, _ := send(t, ota, "POST", w.srv.URL+"/admin/152137/programs", form); status != 403 {
		t.Errorf("another municipality: %d", status)
	}
}
