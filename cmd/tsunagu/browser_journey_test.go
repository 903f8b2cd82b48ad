package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// TestBrowserProjectToDecision is the whole journey from project to decision in
// Chromium, in Japanese, as Ota ran it: a business owner drafts a project
// and staff publish it; a talent signs up, confirms the address, fills in
// the profile and enters with ranked choices; a leader scores the entry;
// staff invite the talent to an interview and make the offer; the talent
// receives a mail at each step.
func TestBrowserProjectToDecision(t *testing.T) {
	dir := t.TempDir()
	s := startServe(t, "--data", dir, "--demo")
	do := steps{t, s.url}
	must, click, text := do.must, do.click, do.text
	// The database, read as `tsunagu outbox` would, beside the running server.
	st, err := store.Open(context.Background(), "", dir)
	must(err)
	defer st.Close()
	program, err := st.Directory().ProgramBySlug(context.Background(), programSlug())
	must(err)

	// 1. The factory owner drafts a project, guided field by field, and
	// asks the ward to check it.
	owner := browsertest.New(t, 3*time.Minute)
	browserLogin(t, owner, s.url, "owner@demo.tsunagu.example")
	must(chromedp.Do(owner, chromedp.Navigate(s.url+"/admin/131113/projects/new")))
	if help := text(owner, `#f-title-help`); !strings.Contains(help, "ひとことで") {
		t.Errorf("title help: %q", help)
	}
	must(chromedp.Do(owner,
		chromedp.SetValue(chromedp.CSS(`#f-program`), strconv.FormatInt(program.ID, 10)),
		chromedp.SendKeys(chromedp.CSS(`#f-title`), "金属加工の技を動画で伝えたい"),
		chromedp.SendKeys(chromedp.CSS(`#f-description`), "熟練の旋盤加工を、若い人に届く短い動画にしたいです。"),
		chromedp.Click(chromedp.CSS(`input[name=sdg][value="8"]`)),
		chromedp.Click(chromedp.CSS(`input[name=sdg][value="9"]`))))
	click(owner, `form.project-form button[type=submit]`)
	if note := text(owner, `.note-box`); !strings.Contains(note, "下書きを保存しました") {
		t.Fatalf("draft: %q", note)
	}
	loc, err := chromedp.Run(owner, chromedp.Location())
	must(err)
	projectPath := strings.SplitN(strings.TrimPrefix(loc, s.url), "?", 2)[0]
	projectID := projectPath[strings.LastIndex(projectPath, "/")+1:]
	click(owner, `input[name=action][value=submit] ~ button`)
	if note := text(owner, `.note-box`); !strings.Contains(note, "確認を依頼しました") {
		t.Fatalf("submit: %q", note)
	}

	// 2. Ward staff find it waiting and publish it.
	staff := browsertest.New(t, 3*time.Minute)
	browserLogin(t, staff, s.url, "ota-staff@demo.tsunagu.example")
	must(chromedp.Do(staff, chromedp.Navigate(s.url+"/admin/131113/projects")))
	click(staff, `a[href="`+projectPath+`"]`)
	click(staff, `input[name=action][value=publish] ~ button`)
	if note := text(staff, `.note-box`); !strings.Contains(note, "公開しました") {
		t.Fatalf("publish: %q", note)
	}

	// 3. A talent signs up, follows the mailed link and fills in a profile.
	talent := browsertest.New(t, 3*time.Minute)
	must(chromedp.Do(talent, chromedp.Navigate(s.url+"/signup?lang=ja"),
		chromedp.SendKeys(chromedp.CSS(`#a-email`), "ikegami@example.jp"),
		chromedp.SendKeys(chromedp.CSS(`#a-name`), "池上 五郎"),
		chromedp.SendKeys(chromedp.CSS(`#a-name_kana`), "イケガミ ゴロウ"),
		chromedp.SendKeys(chromedp.CSS(`#a-password`), "honmonji temple 5"),
		chromedp.Click(chromedp.CSS(`#a-agree`))))
	click(talent, `form.account button[type=submit]`)
	if h := text(talent, `h1`); !strings.Contains(h, "確認メールを送りました") {
		t.Fatalf("after sign-up: %q", h)
	}
	mailBody := func(subject string) (store.Mail, bool) {
		t.Helper()
		box, err := st.Messaging().Outbox(context.Background(), 100, false)
		must(err)
		for _, m := range box {
			if m.To == "ikegami@example.jp" && strings.Contains(m.Subject, subject) {
				return m, true
			}
		}
		return store.Mail{}, false
	}
	verify, ok := mailBody("メールアドレスの確認")
	if !ok {
		t.Fatal("no confirmation mail")
	}
	link := regexp.MustCompile(`/verify\?token=[A-Za-z0-9_%-]+`).FindString(verify.Body)
	if _, err := chromedp.RunResponse(talent, chromedp.Navigate(s.url+link)); err != nil {
		t.Fatal(err)
	}
	if welcome := text(talent, `.note-box`); !strings.Contains(welcome, "ようこそ") {
		t.Errorf("after the link: %q", welcome)
	}
	must(chromedp.Do(talent, chromedp.Navigate(s.url+"/me/profile"),
		chromedp.SetValue(chromedp.CSS(`#f-hours`), "15"),
		chromedp.Click(chromedp.CSS(`#p-skills details summary`)),
		chromedp.SetValue(chromedp.CSS(`#p-skills details select`), "3"),
		chromedp.Click(chromedp.CSS(`input[name=sdg][value="11"]`)),
		chromedp.SendKeys(chromedp.CSS(`#a-code-0`), "152137"),
		chromedp.Click(chromedp.CSS(`input[name^=find_]`))))
	click(talent, `form.profile > .actions button[type=submit]`)
	if saved := text(talent, `.note-box`); !strings.Contains(saved, "保存しました") {
		t.Fatalf("profile not saved: %q", saved)
	}

	// 4. The talent enters with the new project first and another second.
	must(chromedp.Do(talent, chromedp.Navigate(s.url+"/programs/"+programSlug())))
	click(talent, `a.button[href$="/entry"]`)
	second, err := chromedp.Run(talent, chromedp.Evaluate[string](
		`[...document.querySelectorAll("#c-1 option")].map(o => o.value).find(v => v && v !== "`+projectID+`")`))
	must(err)
	must(chromedp.Do(talent, chromedp.SetValue(chromedp.CSS(`#c-0`), projectID),
		chromedp.SetValue(chromedp.CSS(`#c-1`), second),
		chromedp.SendKeys(chromedp.CSS(`#f-motivation`), "ふるさとの町工場と一緒に挑戦したいです。")))
	// 入力 → 確認 → 完了: the confirmation shows the entry before it goes.
	if req := text(talent, `label[for=f-motivation] .req`); req != "必須" {
		t.Errorf("required marker: %q", req)
	}
	click(talent, `form.account button[value=confirm]`)
	if h := text(talent, `h1`); h != "エントリー内容の確認" {
		t.Fatalf("confirmation: %q", h)
	}
	if step := text(talent, `.steps [aria-current=step]`); step != "確認" {
		t.Errorf("step shown: %q", step)
	}
	if shown := text(talent, `dl.confirm`); !strings.Contains(shown, "金属加工の技を動画で伝えたい") ||
		!strings.Contains(shown, "ふるさとの町工場と一緒に挑戦したいです。") {
		t.Errorf("confirmation shows %q", shown)
	}
	resp, err := chromedp.RunResponse(talent, chromedp.Click(chromedp.CSS(`button[name=step][value=submit]`)))
	must(err)
	if u, _ := url.Parse(resp.URL); u.Path != "/programs/"+programSlug()+"/entry/done" {
		t.Fatalf("after entering: %s (%d)", resp.URL, resp.Status)
	}
	if step := text(talent, `.steps [aria-current=step]`); step != "完了" {
		t.Errorf("step shown: %q", step)
	}
	// Before the deadline the talent edits the entry from their page.
	must(chromedp.Do(talent, chromedp.Navigate(s.url+"/me")))
	if status := text(talent, `.card.entry .tag`); status != "応募" {
		t.Errorf("entry status shown as %q", status)
	}
	click(talent, `.card.entry a[href$="/entry"]`)
	must(chromedp.Do(talent, chromedp.SetValue(chromedp.CSS(`#f-motivation`), "ふるさとの町工場と一緒に、動画づくりに挑戦したいです。")))
	click(talent, `form.account button[value=confirm]`)
	resp, err = chromedp.RunResponse(talent, chromedp.Click(chromedp.CSS(`button[name=step][value=submit]`)))
	must(err)
	if u, _ := url.Parse(resp.URL); u.Path != "/programs/"+programSlug()+"/entry/done" {
		t.Fatalf("after editing: %s (%d)", resp.URL, resp.Status)
	}
	var entryID int64
	rows, err := st.Entries().EntriesOfProgram(context.Background(), program.ID)
	must(err)
	for _, e := range rows {
		if e.TalentName == "池上 五郎" {
			entryID = e.ID
			if len(e.Choices) != 2 || strconv.FormatInt(e.Choices[0], 10) != projectID {
				t.Errorf("choices %v, want the new project first", e.Choices)
			}
		}
	}
	if entryID == 0 {
		t.Fatal("the entry is not in the database")
	}
	if e, err := st.Entries().Entry(context.Background(), entryID); err != nil || e.Motivation != "ふるさとの町工場と一緒に、動画づくりに挑戦したいです。" {
		t.Errorf("after the edit: %q %v", e.Motivation, err)
	}
	if vs, err := st.Entries().EntryVersions(context.Background(), entryID); err != nil || len(vs) != 1 ||
		vs[0].Motivation != "ふるさとの町工場と一緒に挑戦したいです。" {
		t.Errorf("versions kept: %+v %v", vs, err)
	}
	entryPath := "/admin/131113/entries/" + strconv.FormatInt(entryID, 10)

	// 5. Staff assign a leader side-jobber, who then finds the entry on
	// the board (a leader sees only the entries assigned to them) and
	// scores it.
	leaderAccount, err := st.Accounts().Credentials(context.Background(), "leader@demo.tsunagu.example")
	must(err)
	must(chromedp.Do(staff, chromedp.Navigate(s.url+entryPath),
		chromedp.SetValue(chromedp.CSS(`#r-user`), strconv.FormatInt(leaderAccount.User.ID, 10))))
	click(staff, `#r-user ~ button`)
	leader := browsertest.New(t, 3*time.Minute)
	browserLogin(t, leader, s.url, "leader@demo.tsunagu.example")
	must(chromedp.Do(leader, chromedp.Navigate(s.url+"/admin/131113/programs/"+programSlug()+"/entries?q=池上")))
	click(leader, `a[href="`+entryPath+`"]`)
	must(chromedp.Do(leader, chromedp.SetValue(chromedp.CSS(`#s-skills`), "4"),
		chromedp.SetValue(chromedp.CSS(`#s-motivation`), "5"),
		chromedp.SendKeys(chromedp.CSS(`#s-note`), "地元への思いが具体的")))
	click(leader, `form.review-form button[type=submit]`)
	if note := text(leader, `.note-box`); !strings.Contains(note, "評価を保存しました") {
		t.Fatalf("review: %q", note)
	}
	if moves, err := chromedp.Run(leader, chromedp.Evaluate[int](`document.querySelectorAll("#m-to").length`)); err != nil || moves != 0 {
		t.Errorf("a leader is offered stage moves (%d, %v)", moves, err)
	}

	// 6. Staff take the entry into 書類選考: the business sees its
	// candidate, without contact details until the interview is set.
	must(chromedp.Do(staff, chromedp.Navigate(s.url+entryPath), chromedp.SetValue(chromedp.CSS(`#m-to`), "screening")))
	click(staff, `#m-to ~ button`)
	must(chromedp.Do(owner, chromedp.Navigate(s.url+projectPath)))
	click(owner, `a[href="`+projectPath+`/candidates"]`)
	candidate := `#c-` + strconv.FormatInt(entryID, 10)
	if card := text(owner, candidate); !strings.Contains(card, "池上 五郎") || !strings.Contains(card, "面談が決まると表示されます。") ||
		strings.Contains(card, "ikegami@example.jp") {
		t.Errorf("the business's candidate before the interview: %q", card)
	}
	must(chromedp.Do(owner, chromedp.SetValue(chromedp.CSS(candidate+` select[name=score_skills]`), "4"),
		chromedp.SendKeys(chromedp.CSS(candidate+` textarea[name=note]`), "動画の経験に期待")))
	click(owner, candidate+` form.review-form button[type=submit]`)
	if note := text(owner, `.note-box`); !strings.Contains(note, "評価とコメントを保存しました") {
		t.Errorf("the business's review: %q", note)
	}

	// Staff invite the talent to an interview, then make the offer.
	must(chromedp.Do(staff, chromedp.Navigate(s.url+entryPath)))
	if reviews := text(staff, `#h-reviews + p + .table-wrap`); !strings.Contains(reviews, "動画の経験に期待") {
		t.Errorf("staff do not see the business's comment: %q", reviews)
	}
	if reviews := text(staff, `#h-reviews + p + .table-wrap`); !strings.Contains(reviews, "地元への思いが具体的") {
		t.Errorf("staff do not see the leader's note: %q", reviews)
	}
	must(chromedp.Do(staff,
		chromedp.SetValue(chromedp.CSS(`#i-date`), time.Now().AddDate(0, 0, 7).Format("2006-01-02")),
		chromedp.SetValue(chromedp.CSS(`#i-time`), "19:30"),
		chromedp.SendKeys(chromedp.CSS(`#i-video`), "https://meet.example.jp/ota")))
	click(staff, `form.interview-form button[type=submit]`)
	if note := text(staff, `.note-box`); !strings.Contains(note, "面談を設定し") {
		t.Fatalf("interview: %q", note)
	}
	must(chromedp.Do(owner, chromedp.Navigate(s.url+projectPath+"/candidates")))
	if card := text(owner, candidate); !strings.Contains(card, "ikegami@example.jp") {
		t.Errorf("the business's candidate after the interview is set: %q", card)
	}
	must(chromedp.Do(staff, chromedp.SetValue(chromedp.CSS(`#m-to`), "offered")))
	click(staff, `#m-to ~ button`)
	if tag := text(staff, `h1 + p .tag`); tag != "内定" {
		t.Errorf("after the offer: %q", tag)
	}

	// 7. The talent received a mail at each step, in Japanese.
	for _, subject := range []string{"メールアドレスの確認", "エントリーを受け付けました", "面談のご案内", "状況が更新されました"} {
		m, ok := mailBody(subject)
		if !ok {
			t.Errorf("no mail %q to the talent", subject)
			continue
		}
		if subject == "面談のご案内" && !strings.Contains(m.Attachment.Data, "BEGIN:VEVENT") {
			t.Error("the interview mail has no calendar invitation")
		}
		if subject == "状況が更新されました" && !strings.Contains(m.Body, "内定") {
			t.Errorf("the last status mail says %q", m.Body)
		}
	}
	must(chromedp.Do(talent, chromedp.Navigate(s.url+"/me")))
	if offer := text(talent, `.card.entry .note-box`); !strings.Contains(offer, "内定のお知らせ") {
		t.Errorf("my page: %q", offer)
	}
	if badge := text(talent, `.badge`); !strings.Contains(badge, "未読") {
		t.Errorf("notice badge: %q", badge)
	}

	// The signed-in pages meet WCAG 2.1 AA too, when the checker is installed.
	src, err := os.ReadFile(filepath.Join("..", "..", "tools", "checkers", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("TSUNAGU_REQUIRE_BROWSER") == "1" {
			t.Fatal("axe-core is not installed (npm ci --prefix tools/checkers)")
		}
		return
	}
	for _, page := range []string{"/me", "/me/profile", "/me/notifications", "/programs/" + programSlug() + "/entry/done"} {
		must(chromedp.Do(talent, chromedp.Navigate(s.url+page)))
		runAxe(t, talent, src, page)
	}
	must(chromedp.Do(owner, chromedp.Navigate(s.url+projectPath+"/candidates")))
	runAxe(t, owner, src, projectPath+"/candidates")
	for _, page := range []string{entryPath, "/admin/131113/programs/" + programSlug() + "/entries", "/admin/131113/projects",
		projectPath, "/admin/131113/projects/new", "/admin/131113/members", "/admin/131113/outbox",
		"/admin/131113/programs/" + programSlug() + "/import", "/admin/131113/organizations", "/admin/131113/organizations/4",
		"/admin/131113/organizations?lang=en", "/admin/131113/organizations/4?lang=en"} {
		must(chromedp.Do(staff, chromedp.Navigate(s.url+page)))
		runAxe(t, staff, src, page)
	}
}
