package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// preEntryForm is the 2021 pre-entry form as Google Forms exports it:
// no project choices, the residence as a prefecture, the tie to the ward.
const preEntryForm = "タイムスタンプ,メールアドレス,氏名,フリガナ,お住まいの都道府県,大田区との関わり,スキル,志望動機\r\n" +
	"2021/07/15 10:23:45,kamata@example.jp,蒲田 一郎,かまた いちろう,東京都,在住,\"HP制作、Webライティング\",地元の町工場を応援したい\r\n" +
	"2021/07/16 9:03,mori@example.jp,森 環,モリ タマキ,埼玉県,応援したい,\"脱炭素; 省エネ\",工場の脱炭素に関わりたい\r\n" +
	"2021/07/17 21:00,ikegami@example.jp,池上 三郎,イケガミ サブロウ,東京都,在勤,茶道,区内の職場から応援したい\r\n" +
	"2021/07/18 8:00,yaguchi@example.jp,矢口 四郎,ヤグチ シロウ,神奈川県,出身,経理,ふるさとに関わりたい\r\n" +
	"2021/07/19 12:00,chidori@example.jp,千鳥 五子,チドリ イツコ,東京都,応援したい,英語,海外とつなぎたい\r\n"

// TestThe2021Flow drives the 2021 program through HTTP, in the order it
// ran: a pre-entry program and its form imported with structured
// residence, ties and skills; a leader side-jobber scoring the entries
// assigned to them and staff deciding who passes; an allocation with its
// confirmation page; 内定 mails naming the projects; the business seeing
// its candidate and joining the interview, with the .ics to everyone; a
// conversation on the entry; and the terms drafted from the placement.
func TestThe2021Flow(t *testing.T) { eachEngine(t, flow2021Scenario) }

func flow2021Scenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	mill := w.orgNamed(t, "有限会社森田製作所")
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	kamata := w.signedIn(t, "kamata@example.jp", "蒲田 一郎") // has an account before the import

	// Staff open a pre-entry program on the program form.
	status, body, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/programs/new", nil)
	if status != 200 || !strings.Contains(body, `value="none"`) || !strings.Contains(body, "先行エントリー（プロジェクトは選ばない）") {
		t.Fatalf("program form: %d", status)
	}
	status, _, _ = send(t, staff, "POST", w.srv.URL+"/admin/131113/programs", url.Values{"title": {"大田区先行エントリー 2021"},
		"slug": {"ota-pre-2021"}, "opens": {"2021-07-01"}, "closes": {"2021-08-31"}, "host": {id(office.ID)}, "choice_mode": {"none"}})
	if status != http.StatusSeeOther {
		t.Fatalf("open program: %d", status)
	}
	p, err := w.st.Directory().ProgramBySlug(ctx, "ota-pre-2021")
	must(t, err)
	if p.ChoiceMode != domain.ChoicesNone {
		t.Fatalf("choice mode = %q", p.ChoiceMode)
	}
	web, green := w.web, w.green
	for _, pr := range []*domain.Project{&web, &green} {
		pr.ID, pr.ProgramID, pr.HostID, pr.Status = 0, p.ID, mill.ID, domain.ProjectPublished
		must(t, w.st.Projects().CreateProject(ctx, pr))
	}

	// The form without choice columns imports as pre-entries.
	// First the mapping step: one choice per column, and the first rows
	// as they will be stored; nothing is imported yet.
	imp := w.srv.URL + "/admin/131113/programs/ota-pre-2021/import"
	ct, data := multipartBody(t, url.Values{"step": {"map"}}, "file", "form.csv", []byte(preEntryForm))
	status, body, _ = request(t, staff, "POST", imp, ct, data, nil)
	selected := regexp.MustCompile(`<select id="map-(\d)" name="map_\d">.*?<option value="([a-z_0-9]+)" selected>`).FindAllStringSubmatch(body, -1)
	var fields []string
	for _, m := range selected {
		fields = append(fields, m[2])
	}
	if want := []string{"submitted_at", "email", "name", "furigana", "residence", "tie", "skills", "motivation"}; status != 200 ||
		!reflect.DeepEqual(fields, want) {
		t.Fatalf("mapping step: %d, fields %q", status, fields)
	}
	if !strings.Contains(body, "<td>蒲田 一郎（カマタ イチロウ）</td><td>kamata@example.jp</td><td>東京都大田区</td>") ||
		!strings.Contains(body, "<td>大田区 在住</td>") || !strings.Contains(body, "<td>ホームページ制作、Webライティング</td>") {
		t.Errorf("preview:\n%s", body)
	}
	if n, _ := w.st.Entries().EntriesOfProgram(ctx, p.ID); len(n) != 0 {
		t.Fatalf("the mapping step imported %d entries", len(n))
	}
	csvText := html.UnescapeString(regexp.MustCompile(`name="csv" value="([^"]+)"`).FindStringSubmatch(body)[1])
	step := url.Values{"csv": {csvText}}
	for i, f := range fields {
		step.Set("map_"+strconv.Itoa(i), f)
	}
	// Choosing "do not import" for the skills shows the rows without them.
	step.Set("map_6", "ignore")
	_, body, _ = send(t, staff, "POST", imp, step)
	if strings.Contains(body, "ホームページ制作") || !strings.Contains(body, `<option value="ignore" selected>`) {
		t.Error("the preview does not follow the chosen mapping")
	}
	step.Set("map_6", "skills")
	step.Set("action", "import")
	status, body, _ = send(t, staff, "POST", imp, step)
	if status != 200 || !strings.Contains(body, "5行を読み、5件を新しく取り込みました") {
		t.Fatalf("import: %d\n%s", status, body)
	}
	want := map[string]domain.Talent{
		"kamata@example.jp": {ResidencePref: 13, ResidenceLGCode: "131113",
			Skills:     []domain.TalentSkill{{Code: "web-homepage", Level: 2}, {Code: "web-writing", Level: 2}},
			Affinities: []domain.Affinity{{LGCode: "131113", Kind: domain.AffinityLives}}},
		"mori@example.jp": {ResidencePref: 11,
			Skills:     []domain.TalentSkill{{Code: "green-carbon", Level: 2}, {Code: "green-energy-saving", Level: 2}},
			Affinities: []domain.Affinity{{LGCode: "131113", Kind: domain.AffinitySupporter}}},
		"ikegami@example.jp": {ResidencePref: 13, Background: "スキル: 茶道",
			Affinities: []domain.Affinity{{LGCode: "131113", Kind: domain.AffinityWorks}}},
	}
	talents := map[string]domain.Talent{}
	for _, email := range []string{"kamata@example.jp", "mori@example.jp", "ikegami@example.jp", "yaguchi@example.jp", "chidori@example.jp"} {
		tl, err := w.st.Talents().TalentByEmail(ctx, email)
		must(t, err)
		talents[email] = tl
		if wt, ok := want[email]; ok {
			got := domain.Talent{ResidencePref: tl.ResidencePref, ResidenceLGCode: tl.ResidenceLGCode, Skills: tl.Skills,
				Affinities: tl.Affinities, Background: tl.Background}
			if !reflect.DeepEqual(got, wt) {
				t.Errorf("%s:\n got %+v\nwant %+v", email, got, wt)
			}
		}
	}
	if talents["kamata@example.jp"].UserID == 0 {
		t.Error("the imported profile is not linked to the account")
	}
	entries, err := w.st.Entries().EntriesOfProgram(ctx, p.ID)
	must(t, err)
	entryOf := map[int64]int64{} // talent → entry
	for _, e := range entries {
		if len(e.Choices) != 0 || e.Status != domain.EntrySubmitted {
			t.Errorf("entry %d: choices %v, %s", e.ID, e.Choices, e.Status)
		}
		entryOf[e.TalentID] = e.ID
	}
	entry := func(email string) string { return id(entryOf[talents[email].ID]) }

	// Leader screening: staff assign a leader side-jobber to four of the
	// entries; the leader scores them. An entry not assigned to them is
	// not theirs to score.
	leaderID, leader := w.member(t, "leader@example.jp", "羽田 リーダー", domain.RoleLeaderTalent, office.ID)
	scores := map[string]string{"kamata@example.jp": "5", "mori@example.jp": "4", "ikegami@example.jp": "3", "chidori@example.jp": "1"}
	for email, score := range scores {
		admin := w.srv.URL + "/admin/131113/entries/" + entry(email)
		if status, _, _ := send(t, staff, "POST", admin+"/reviewers", url.Values{"user": {id(leaderID)}, "action": {"add"}}); status != http.StatusSeeOther {
			t.Fatalf("assign the leader to %s: %d", email, status)
		}
		review := url.Values{"note": {"書類を確認しました"}}
		for _, c := range domain.Criteria() {
			review.Set("score_"+string(c), score)
		}
		if status, _, _ := send(t, leader, "POST", admin+"/review", review); status != http.StatusSeeOther {
			t.Fatalf("the leader scores %s: %d", email, status)
		}
	}
	if status, _, _ := send(t, leader, "POST", w.srv.URL+"/admin/131113/entries/"+entry("yaguchi@example.jp")+"/review",
		url.Values{"score_skills": {"5"}}); status != http.StatusNotFound {
		t.Errorf("the leader scores an entry not assigned to them: %d", status)
	}
	// The board shows staff each entrant's score and reviewer.
	board := w.srv.URL + "/admin/131113/programs/ota-pre-2021"
	_, body, _ = send(t, staff, "GET", board+"/entries", nil)
	cards := map[string]string{}
	for _, m := range regexp.MustCompile(`(?s)<li class="entry-card">.*?>([^<]+)</a>.*?</li>`).FindAllStringSubmatch(body, -1) {
		cards[m[1]] = m[0]
	}
	for name, want := range map[string]string{"蒲田 一郎": "評価 5.0（1人） · 担当審査員: 羽田 リーダー",
		"千鳥 五子": "評価 1.0（1人） · 担当審査員: 羽田 リーダー", "矢口 四郎": "未評価"} {
		if card := strings.Join(strings.Fields(cards[name]), " "); !strings.Contains(card, want) {
			t.Errorf("%s's card on the board has no %q:\n%s", name, want, cards[name])
		}
	}
	// Staff decide from the scores: three pass 書類選考 (to 面談), the
	// lowest is declined, the unscored one waits.
	passed := url.Values{"entry": {entry("kamata@example.jp"), entry("mori@example.jp"), entry("ikegami@example.jp")}}
	for _, to := range []string{"screening", "interview"} {
		passed.Set("to", to)
		if status, _, _ := send(t, staff, "POST", board+"/entries/move", passed); status != http.StatusSeeOther {
			t.Fatalf("move to %s: %d", to, status)
		}
	}
	if status, _, _ := send(t, staff, "POST", board+"/entries/move", url.Values{"entry": {entry("chidori@example.jp")},
		"to": {"declined"}, "reason": {"募集分野と合わないため"}}); status != http.StatusSeeOther {
		t.Fatalf("decline: %d", status)
	}

	// The allocation proposes only the three who passed; with one seat
	// in each project, the confirmation lists exactly what will happen.
	seats := "seats_" + id(web.ID) + "=1&seats_" + id(green.ID) + "=1"
	status, body, _ = send(t, staff, "GET", board+"/allocation?"+seats, nil)
	if status != 200 || !strings.Contains(body, "エントリー3件") {
		t.Fatalf("allocation: %d", status)
	}
	status, body, _ = send(t, staff, "GET", board+"/allocation/confirm?method=optimal&"+seats, nil)
	if status != 200 {
		t.Fatalf("confirm: %d\n%s", status, body)
	}
	offers := regexp.MustCompile(`<tr><th scope="row">([^<]+)</th><td>([^<]+)</td></tr>`).FindAllStringSubmatch(body, -1)
	var gotOffers []string
	for _, m := range offers {
		gotOffers = append(gotOffers, m[1]+" → "+m[2])
	}
	if want := []string{"蒲田 一郎 → ホームページを刷新したい", "森 環 → 工場のCO2を見える化"}; !reflect.DeepEqual(gotOffers, want) {
		t.Errorf("offers = %q, want %q", gotOffers, want)
	}
	declines := regexp.MustCompile(`(?s)<ul id="declines">(.*?)</ul>`).FindStringSubmatch(body)
	if declines == nil || declines[1] != "<li>池上 三郎</li>" {
		t.Errorf("declines = %q", declines)
	}
	before, err := w.st.Messaging().Outbox(ctx, 500, false)
	must(t, err)

	// Accepting records exactly the confirmed decisions.
	form := url.Values{"method": {"optimal"}, "seats_" + id(web.ID): {"1"}, "seats_" + id(green.ID): {"1"}}
	for _, m := range regexp.MustCompile(`name="decision" value="([0-9:]+)"`).FindAllStringSubmatch(body, -1) {
		form.Add("decision", m[1])
	}
	if len(form["decision"]) != 3 {
		t.Fatalf("decisions on the page: %v", form["decision"])
	}
	stale := url.Values{"method": {"optimal"}, "decision": {entry("ikegami@example.jp") + ":" + id(web.ID)}}
	if status, _, _ := send(t, staff, "POST", board+"/allocation", stale); status != http.StatusConflict {
		t.Errorf("accepting other decisions than the allocation's: %d", status)
	}
	status, _, h := send(t, staff, "POST", board+"/allocation", form)
	if status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "accepted=3") {
		t.Fatalf("accept: %d %s", status, h.Get("Location"))
	}
	wantEntries := map[string][2]string{
		"kamata@example.jp":  {"offered", id(web.ID)},
		"mori@example.jp":    {"offered", id(green.ID)},
		"ikegami@example.jp": {"declined", "0"},
		"yaguchi@example.jp": {"submitted", "0"},
		"chidori@example.jp": {"declined", "0"},
	}
	for email, we := range wantEntries {
		e, err := w.st.Entries().Entry(ctx, entryOf[talents[email].ID])
		must(t, err)
		if got := [2]string{string(e.Status), id(e.Placement)}; got != we {
			t.Errorf("%s: %v, want %v", email, got, we)
		}
	}
	after, err := w.st.Messaging().Outbox(ctx, 500, false)
	must(t, err)
	seen := map[int64]bool{}
	for _, m := range before {
		seen[m.ID] = true
	}
	var mails []string
	for _, m := range after {
		if !seen[m.ID] {
			mails = append(mails, m.To+" | "+m.Subject)
			if strings.Contains(m.Subject, "内定") && !strings.Contains(m.Body, "有限会社森田製作所") {
				t.Errorf("offer to %s names no host:\n%s", m.To, m.Body)
			}
		}
	}
	sort.Strings(mails)
	wantMails := []string{
		"ikegami@example.jp | 【つなぐ】選考結果のお知らせ（大田区先行エントリー 2021）",
		"kamata@example.jp | 【つなぐ】内定のお知らせ：ホームページを刷新したい（大田区先行エントリー 2021）",
		"mori@example.jp | 【つなぐ】内定のお知らせ：工場のCO2を見える化（大田区先行エントリー 2021）",
	}
	if !reflect.DeepEqual(mails, wantMails) {
		t.Errorf("outbox:\n got %q\nwant %q", mails, wantMails)
	}

	// The talent sees the project of the 内定 and answers it; 合意 waits
	// for the terms.
	_, body, _ = send(t, kamata, "GET", w.srv.URL+"/me", nil)
	if !strings.Contains(body, "配属先：ホームページを刷新したい") || !strings.Contains(body, "「ホームページを刷新したい」への内定") {
		t.Errorf("my page does not name the project")
	}
	kid := entryOf[talents["kamata@example.jp"].ID]
	status, _, h = send(t, kamata, "POST", w.srv.URL+"/me/entries/"+id(kid)+"/offer", url.Values{"answer": {"accept"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/me?flash=offer_accepted" {
		t.Fatalf("answer: %d %s", status, h.Get("Location"))
	}
	e, err := w.st.Entries().Entry(ctx, kid)
	must(t, err)
	if e.Status != domain.EntryOffered || !e.OfferAccepted {
		t.Errorf("after accepting the offer: %s %v", e.Status, e.OfferAccepted)
	}
	_, body, _ = send(t, kamata, "GET", w.srv.URL+"/me?flash=offer_accepted", nil)
	if !strings.Contains(body, "内定を受けると回答しました") || !strings.Contains(body, "内定を受けました。") {
		t.Error("my page does not confirm the answer")
	}
	if status, _, _ := send(t, kamata, "POST", w.srv.URL+"/me/entries/"+id(kid)+"/offer", url.Values{"answer": {"decline"}}); status != http.StatusConflict {
		t.Errorf("a second answer: %d", status)
	}

	// The business sees the candidate placed in its project, without
	// contact details until an interview is set; the entrant placed in
	// its other project is listed there, not here.
	ownerID, owner := w.member(t, "owner@mill.example.jp", "森田 社長", domain.RoleBusinessOwner, mill.ID)
	candidates := w.srv.URL + "/admin/131113/projects/" + id(web.ID) + "/candidates"
	status, body, _ = send(t, owner, "GET", candidates, nil)
	if status != 200 || !strings.Contains(body, "蒲田 一郎") || strings.Contains(body, "森 環") ||
		strings.Contains(body, "kamata@example.jp") || !strings.Contains(body, "面談が決まると表示されます。") {
		t.Fatalf("the business's candidates: %d\n%s", status, body)
	}
	// Staff set the interview: the entrant, the staff member, the leader
	// and the business owner each get the invitation with the same .ics;
	// the 内定 stands.
	status, _, _ = send(t, staff, "POST", w.srv.URL+"/admin/131113/entries/"+id(kid)+"/interviews",
		url.Values{"date": {"2026-12-01"}, "time": {"10:00"}, "minutes": {"60"}, "place": {"オンライン（Zoom）"}})
	if status != http.StatusSeeOther {
		t.Fatalf("interview: %d", status)
	}
	invites := w.interviewMails(t, "面談のご案内")
	var invited []string
	for to, cal := range invites {
		invited = append(invited, to)
		for _, who := range []string{"蒲田 一郎", "区 職員", "羽田 リーダー", "森田 社長"} {
			if !strings.Contains(cal, "ATTENDEE;CN="+who+";") {
				t.Errorf("the .ics to %s does not list %s", to, who)
			}
		}
		if !strings.Contains(cal, "METHOD:REQUEST\r\n") || !strings.Contains(cal, "DTSTART:20261201T010000Z\r\n") {
			t.Errorf("the .ics to %s:\n%s", to, cal)
		}
	}
	sort.Strings(invited)
	if want := []string{"kamata@example.jp", "leader@example.jp", "owner@mill.example.jp", "staff@city.example.jp"}; !reflect.DeepEqual(invited, want) {
		t.Errorf("invited %q, want %q", invited, want)
	}
	if e, err := w.st.Entries().Entry(ctx, kid); err != nil || e.Status != domain.EntryOffered || !e.OfferAccepted {
		t.Errorf("the interview changed the 内定: %+v %v", e, err)
	}
	if _, body, _ := send(t, owner, "GET", candidates, nil); !strings.Contains(body, `<a href="mailto:kamata@example.jp">`) {
		t.Error("no contact details once the interview is set")
	}

	// A conversation on the entry: the entrant asks, the business answers,
	// each hears of the other's message.
	thread := w.srv.URL + "/entries/" + id(kid) + "/messages"
	if status, _, _ := send(t, kamata, "POST", thread, url.Values{"body": {"面談の前に工場の資料を拝見できますか"}}); status != http.StatusSeeOther {
		t.Fatalf("the entrant writes: %d", status)
	}
	if notes, err := w.st.Messaging().Notifications(ctx, ownerID, 5); err != nil || len(notes) == 0 ||
		notes[0].Key != "notice.thread_message" || notes[0].Link != "/entries/"+id(kid)+"/messages" {
		t.Errorf("the owner's notices: %+v %v", notes, err)
	}
	if status, _, _ := send(t, owner, "POST", thread, url.Values{"body": {"会社案内をお送りします"}}); status != http.StatusSeeOther {
		t.Fatalf("the owner answers: %d", status)
	}
	status, body, _ = send(t, kamata, "GET", thread, nil)
	if status != 200 || !strings.Contains(body, "面談の前に工場の資料を拝見できますか") || !strings.Contains(body, "会社案内をお送りします") {
		t.Errorf("the entrant's conversation: %d", status)
	}
	if _, found := w.mailTo(t, "kamata@example.jp", "メッセージ"); !found {
		t.Error("no mail to the entrant about the owner's answer")
	}

	// The terms are drafted from the placement.
	status, body, _ = send(t, staff, "GET", w.srv.URL+"/admin/131113/entries/"+id(kid)+"/agreement", nil)
	if status != 200 || !strings.Contains(body, `<option value="`+id(web.ID)+`" selected>ホームページを刷新したい</option>`) {
		t.Errorf("agreement form: %d", status)
	}
	status, _, _ = send(t, staff, "POST", w.srv.URL+"/admin/131113/entries/"+id(kid)+"/agreement", url.Values{
		"project": {id(web.ID)}, "type": {"quasi_mandate"}, "reward_yen": {"50000"}, "hours": {"20"},
		"starts_on": {"2021-10-01"}, "ends_on": {"2022-01-31"}, "deliverables": {"ホームページの公開"}})
	if status != http.StatusSeeOther {
		t.Errorf("save the terms: %d", status)
	}
	ag, err := w.st.Agreements().AgreementOfEntry(ctx, kid)
	must(t, err)
	if ag.ProjectID != web.ID || ag.TalentID != talents["kamata@example.jp"].ID {
		t.Errorf("the terms name project %d and talent %d, want %d and %d", ag.ProjectID, ag.TalentID, web.ID, talents["kamata@example.jp"].ID)
	}
}
