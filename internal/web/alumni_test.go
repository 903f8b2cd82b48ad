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
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// alumni is the pool Tsubame's staff search in the alumni tests.
type alumni struct {
	a, b, c, d, e  domain.Talent // see alumniWorld
	aUser, bUser   int64
	aClient        *http.Client
	bClient        *http.Client
	staff          *http.Client
	staffID        int64
	aCred, bCred   string
	webID, greenID int64 // the projects A and B completed
}

// alumniWorld gives Tsubame a pool of five talents:
//   - A, born in Tsubame, completed the web project in Ota with a
//     credential, leads kintone work (level 3) and lets their reviews show;
//   - B, born in Niigata City, completed the green project with a
//     credential and a review they do not let show, has no kintone;
//   - C, born in Ota and living in Niigata City, kintone level 1;
//   - D, born in Tsubame, lets only Ota find them;
//   - E, born in Tsubame, let Tsubame find them and then withdrew.
func alumniWorld(t *testing.T, w *world) alumni {
	t.Helper()
	ctx := context.Background()
	p, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	var al alumni
	al.staffID, al.staff = w.member(t, "ts-staff@city.example.jp", "燕 職員", domain.RoleMunicipalityStaff,
		w.orgNamed(t, "燕市 商工振興課").ID)
	iss := issuer.New(w.st, "http://tsunagu.test", func() time.Time { return testNow }, w.keys)
	person := func(name, email string, project int64, skills []domain.TalentSkill, ties ...domain.Affinity) (domain.Talent, int64, *http.Client) {
		var tal domain.Talent
		if project != 0 {
			e := w.entrant(t, name, p.ID, project)
			tm := w.team(t, e, project, true)
			if n, err := iss.IssueFor(ctx, tm.engagement); err != nil || n != 1 {
				t.Fatalf("issue for %s: %d %v", name, n, err)
			}
			tal, err = w.st.Talents().Talent(ctx, e.TalentID)
			must(t, err)
		} else {
			tal = domain.Talent{Name: name, NameKana: "テスト", ResidenceCountry: "JP"}
			must(t, w.st.Talents().CreateTalent(ctx, &tal))
		}
		tal.Skills, tal.Affinities, tal.HoursPerMonth = skills, ties, 20
		must(t, w.st.Talents().SaveTalent(ctx, &tal))
		c := w.signedIn(t, email, name)
		creds, err := w.st.Accounts().Credentials(ctx, email)
		must(t, err)
		must(t, w.st.Talents().LinkTalentUser(ctx, tal.ID, creds.User.ID))
		tal.UserID = creds.User.ID
		return tal, creds.User.ID, c
	}
	consent := func(user int64, muni int64, purpose domain.ConsentPurpose, granted bool) {
		must(t, w.st.Compliance().RecordConsent(ctx, &domain.Consent{UserID: user, MunicipalityID: muni, Purpose: purpose,
			Granted: granted}))
	}
	kintone := func(level int) []domain.TalentSkill { return []domain.TalentSkill{{Code: "dx-kintone", Level: level}} }
	born := func(lg string) domain.Affinity { return domain.Affinity{LGCode: lg, Kind: domain.AffinityBorn} }
	lives := func(lg string) domain.Affinity { return domain.Affinity{LGCode: lg, Kind: domain.AffinityLives} }
	al.webID, al.greenID = w.web.ID, w.green.ID
	al.a, al.aUser, al.aClient = person("卒業 一郎", "a@alumni.example.jp", w.web.ID, kintone(3), born("152137"), lives("131113"))
	al.b, al.bUser, al.bClient = person("卒業 二郎", "b@alumni.example.jp", w.green.ID,
		[]domain.TalentSkill{{Code: "web-homepage", Level: 2}}, born("151009"), lives("131113"))
	var cUser, dUser, eUser int64
	al.c, cUser, _ = person("在住 三郎", "c@alumni.example.jp", 0, kintone(1), born("131113"), lives("151009"))
	al.d, dUser, _ = person("大田 四郎", "d@alumni.example.jp", 0, kintone(3), born("152137"))
	al.e, eUser, _ = person("撤回 五郎", "e@alumni.example.jp", 0, kintone(3), born("152137"))
	for _, u := range []int64{al.aUser, al.bUser, cUser, eUser} {
		consent(u, w.tsubame.ID, domain.ConsentScout, true)
	}
	consent(dUser, w.ota.ID, domain.ConsentScout, true)
	consent(eUser, w.tsubame.ID, domain.ConsentScout, false)
	consent(al.aUser, 0, domain.ConsentReviews, true)
	consent(al.bUser, 0, domain.ConsentReviews, true)
	consent(al.bUser, 0, domain.ConsentReviews, false)
	for _, x := range []struct {
		project, talent int64
		comment         string
	}{{w.web.ID, al.a.ID, "段取りが丁寧で助かりました"}, {w.green.ID, al.b.ID, "見せないでほしい評価"}} {
		g, err := w.st.Workspaces().EngagementOfProject(ctx, x.project)
		must(t, err)
		must(t, w.st.Workspaces().SaveTeamReview(ctx, &domain.TeamReview{EngagementID: g.ID, Side: domain.ReviewByBusiness,
			TalentID: x.talent, Score: 5, Comment: x.comment}))
	}
	for _, x := range []struct {
		talent int64
		id     *string
	}{{al.a.ID, &al.aCred}, {al.b.ID, &al.bCred}} {
		cs, err := w.st.Issuance().IssuedCredentials(ctx, w.ota.ID, x.talent)
		must(t, err)
		if len(cs) != 1 {
			t.Fatalf("talent %d has %d credentials", x.talent, len(cs))
		}
		*x.id = cs[0].ID
	}
	return al
}

var cardRE = regexp.MustCompile(`<h2 id="t-(\d+)">`)

// poolCards returns the talent ids the pool page shows, in order, and
// each card's text.
func poolCards(body string) ([]int64, map[int64]string) {
	var ids []int64
	cards := map[int64]string{}
	parts := strings.Split(body, `<article class="card"`)
	for _, part := range parts[1:] {
		m := cardRE.FindStringSubmatch(part)
		if m == nil {
			continue
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		ids = append(ids, id)
		cards[id] = part[:strings.Index(part, "</article>")]
	}
	return ids, cards
}

func TestAlumniPool(t *testing.T) { eachEngine(t, alumniPoolScenario) }

func alumniPoolScenario(t *testing.T, w *world) {
	al := alumniWorld(t, w)
	pool := w.srv.URL + "/admin/152137/talents"
	// Born in Niigata Prefecture: exactly A and B, in the order they
	// joined, each with the project they completed and its credential.
	status, body, _ := send(t, al.staff, "GET", pool+"?tie=born&prefecture=15", nil)
	ids, cards := poolCards(body)
	if status != 200 || !slices.Equal(ids, []int64{al.a.ID, al.b.ID}) {
		t.Fatalf("born in Niigata: %d %v, want %v", status, ids, []int64{al.a.ID, al.b.ID})
	}
	for id, want := range map[int64][]string{
		al.a.ID: {w.web.Title, "証明書あり", "出身: 新潟県 燕市", "段取りが丁寧で助かりました", "5 / 5"},
		al.b.ID: {w.green.Title, "証明書あり", "出身: 新潟県 新潟市"},
	} {
		for _, s := range want {
			if !strings.Contains(cards[id], s) {
				t.Errorf("talent %d's card lacks %q:\n%s", id, s, cards[id])
			}
		}
	}
	// B withdrew their consent to show reviews; nobody's name shows.
	for _, s := range []string{"見せないでほしい評価", "卒業 一郎", "卒業 二郎", "a@alumni.example.jp"} {
		if strings.Contains(body, s) {
			t.Errorf("the pool shows %q", s)
		}
	}
	// Any tie to Niigata adds C, who lives there; D (found only by Ota) and
	// E (withdrew) never show.
	_, body, _ = send(t, al.staff, "GET", pool+"?prefecture=15", nil)
	if ids, _ := poolCards(body); !slices.Equal(ids, []int64{al.a.ID, al.b.ID, al.c.ID}) {
		t.Errorf("tied to Niigata: %v", ids)
	}
	_, body, _ = send(t, al.staff, "GET", pool, nil)
	if ids, _ := poolCards(body); !slices.Equal(ids, []int64{al.a.ID, al.b.ID, al.c.ID}) {
		t.Errorf("whole pool: %v", ids)
	}
	// Ranked by fit to Tsubame's kintone project: A (level 3, born in
	// Tsubame), then C (level 1), then B (no kintone).
	_, body, _ = send(t, al.staff, "GET", pool+"?project="+id(w.ts1.ID), nil)
	ids, cards = poolCards(body)
	if !slices.Equal(ids, []int64{al.a.ID, al.c.ID, al.b.ID}) {
		t.Errorf("ranked: %v, want A %d, C %d, B %d", ids, al.a.ID, al.c.ID, al.b.ID)
	}
	fit := regexp.MustCompile(`合う度合い：(\d+)点`)
	var scores []int
	for _, tid := range ids {
		m := fit.FindStringSubmatch(cards[tid])
		if m == nil {
			t.Fatalf("no fit on %d's card", tid)
		}
		n, _ := strconv.Atoi(m[1])
		scores = append(scores, n)
	}
	if !(scores[0] > scores[1] && scores[1] > scores[2]) {
		t.Errorf("fit scores %v are not strictly falling", scores)
	}
	// Skills and weekly hours narrow too: kintone leaves A and C; 6 hours a
	// week (24 a month) leaves nobody of the 20-hour alumni.
	_, body, _ = send(t, al.staff, "GET", pool+"?skill=dx", nil)
	if ids, _ := poolCards(body); !slices.Equal(ids, []int64{al.a.ID, al.c.ID}) {
		t.Errorf("dx skills: %v", ids)
	}
	_, body, _ = send(t, al.staff, "GET", pool+"?skill=web-homepage", nil)
	if ids, _ := poolCards(body); !slices.Equal(ids, []int64{al.b.ID}) {
		t.Errorf("one skill, web-homepage: %v, want B %d", ids, al.b.ID)
	}
	_, body, _ = send(t, al.staff, "GET", pool+"?hours=５", nil)
	if ids, _ := poolCards(body); !slices.Equal(ids, []int64{al.a.ID, al.b.ID, al.c.ID}) {
		t.Errorf("5 hours a week: %v", ids)
	}
	_, body, _ = send(t, al.staff, "GET", pool+"?hours=6", nil)
	if ids, _ := poolCards(body); len(ids) != 0 {
		t.Errorf("6 hours a week: %v", ids)
	}
	// A bad choice is named, and what was typed stays.
	status, body, _ = send(t, al.staff, "GET", pool+"?hours=many&prefecture=99", nil)
	if status != 422 || !strings.Contains(body, `value="many"`) || !strings.Contains(body, "「99」") {
		t.Errorf("bad filter: %d", status)
	}
	// Ota's staff cannot look at Tsubame's pool.
	_, otaStaff := w.member(t, "ota-staff@city.example.jp", "大田 職員", domain.RoleMunicipalityStaff,
		w.orgNamed(t, "大田区 産業経済部").ID)
	if status, _, _ := send(t, otaStaff, "GET", pool, nil); status != 403 {
		t.Errorf("Ota's staff on Tsubame's pool: %d", status)
	}
}

func TestScoutConversation(t *testing.T) { eachEngine(t, scoutConversationScenario) }

func scoutConversationScenario(t *testing.T, w *world) {
	ctx := context.Background()
	al := alumniWorld(t, w)
	scout := func(talent int64) int64 {
		t.Helper()
		status, _, h := send(t, al.staff, "POST", w.srv.URL+"/admin/152137/talents/"+id(talent)+"/scout",
			url.Values{"project": {id(w.ts1.ID)}, "message": {"燕でも力を貸してください"}})
		if status != 303 || h.Get("Location") != "/admin/152137/talents?sent=1" {
			t.Fatalf("scout %d: %d %s", talent, status, h.Get("Location"))
		}
		offers, err := w.st.Talents().ScoutsOf(ctx, talent)
		must(t, err)
		return offers[0].ID
	}
	aScout, bScout := scout(al.a.ID), scout(al.b.ID)
	aThread, bThread := w.srv.URL+"/scouts/"+id(aScout)+"/messages", w.srv.URL+"/scouts/"+id(bScout)+"/messages"
	// Before an interested answer there is no conversation, even for its
	// talent and staff.
	for _, c := range []*http.Client{al.aClient, al.staff} {
		if status, _, _ := send(t, c, "GET", aThread, nil); status != 404 {
			t.Errorf("thread before the answer: %d", status)
		}
	}
	// The talent sees the offer with the consent box, and answers with
	// interest, sharing their contact details.
	_, me, _ := send(t, al.aClient, "GET", w.srv.URL+"/me", nil)
	if !strings.Contains(me, `name="share_contact"`) || !strings.Contains(me, "燕市の職員に私のメールアドレスを知らせる") {
		t.Fatalf("no consent box on /me")
	}
	status, _, h := send(t, al.aClient, "POST", w.srv.URL+"/me/scouts/"+id(aScout), url.Values{"answer": {"accept"},
		"share_contact": {"yes"}})
	if status != 303 || h.Get("Location") != "/scouts/"+id(aScout)+"/messages?opened=1" {
		t.Fatalf("answer: %d %s", status, h.Get("Location"))
	}
	// B answers with interest without sharing.
	if status, _, _ := send(t, al.bClient, "POST", w.srv.URL+"/me/scouts/"+id(bScout), url.Values{"answer": {"accept"}}); status != 303 {
		t.Fatalf("B's answer: %d", status)
	}
	// A writes; a blank message is refused with the field named.
	status, body, _ := send(t, al.aClient, "POST", aThread, url.Values{"body": {"　"}})
	if status != 422 || !strings.Contains(body, "メッセージ") {
		t.Errorf("blank message: %d", status)
	}
	status, _, h = send(t, al.aClient, "POST", aThread, url.Values{"body": {"ぜひお話を聞かせてください"}})
	if status != 303 || h.Get("Location") != "/scouts/"+id(aScout)+"/messages?posted=1#messages" {
		t.Fatalf("post: %d %s", status, h.Get("Location"))
	}
	// The staff see it with A's name and address, which A shared, and hear
	// of it by notice and mail.
	status, body, _ = send(t, al.staff, "GET", aThread, nil)
	if status != 200 || !strings.Contains(body, "ぜひお話を聞かせてください") || !strings.Contains(body, "a@alumni.example.jp") ||
		!strings.Contains(body, "卒業 一郎") {
		t.Errorf("staff's view of A's thread: %d", status)
	}
	notes, err := w.st.Messaging().Notifications(ctx, al.staffID, 10)
	must(t, err)
	if len(notes) == 0 || notes[0].Key != "notice.thread_message" || notes[0].Link != "/scouts/"+id(aScout)+"/messages" {
		t.Errorf("staff's notices: %+v", notes)
	}
	outbox, err := w.st.Messaging().Outbox(ctx, 100, false)
	must(t, err)
	if !slices.ContainsFunc(outbox, func(m store.Mail) bool {
		return m.To == "ts-staff@city.example.jp" && strings.Contains(m.Body, "新しいメッセージ")
	}) {
		t.Errorf("no mail to the staff about the message")
	}
	// The staff answer; A hears of it.
	if status, _, _ := send(t, al.staff, "POST", aThread, url.Values{"body": {"来週お電話します"}}); status != 303 {
		t.Errorf("staff's answer: %d", status)
	}
	if _, body, _ := send(t, al.aClient, "GET", aThread, nil); !strings.Contains(body, "来週お電話します") {
		t.Errorf("A does not see the staff's answer")
	}
	// B did not share: the staff see neither B's address nor name.
	status, body, _ = send(t, al.staff, "GET", bThread, nil)
	if status != 200 || strings.Contains(body, "b@alumni.example.jp") || !strings.Contains(body, "同意していないため表示しません") {
		t.Errorf("staff's view of B's thread: %d", status)
	}
	send(t, al.bClient, "POST", bThread, url.Values{"body": {"匿名のまま話したいです"}})
	if _, body, _ := send(t, al.staff, "GET", bThread, nil); strings.Contains(body, "卒業 二郎") || !strings.Contains(body, "人材 #"+id(al.b.ID)) {
		t.Errorf("B's name shows to the staff")
	}
	// Nobody else can read or write either thread: another talent, Ota's
	// staff; a visitor is sent to log in.
	_, otaStaff := w.member(t, "ota-staff@city.example.jp", "大田 職員", domain.RoleMunicipalityStaff,
		w.orgNamed(t, "大田区 産業経済部").ID)
	for name, c := range map[string]*http.Client{"B": al.bClient, "Ota staff": otaStaff} {
		if status, _, _ := send(t, c, "GET", aThread, nil); status != 404 {
			t.Errorf("%s reads A's thread: %d", name, status)
		}
		if status, _, _ := send(t, c, "POST", aThread, url.Values{"body": {"x"}}); status != 404 {
			t.Errorf("%s writes in A's thread: %d", name, status)
		}
	}
	if status, _, h := send(t, w.browser(t), "GET", aThread, nil); status != 303 || !strings.HasPrefix(h.Get("Location"), "/login") {
		t.Errorf("visitor: %d %s", status, h.Get("Location"))
	}
	// The staff's pool lists both conversations.
	_, body, _ = send(t, al.staff, "GET", w.srv.URL+"/admin/152137/talents", nil)
	for _, s := range []int64{aScout, bScout} {
		if !strings.Contains(body, `href="/scouts/`+id(s)+`/messages"`) {
			t.Errorf("the pool does not list conversation %d", s)
		}
	}
}

// openScout gives a talent outside the roles a profile Ota's staff may
// find, an offer from them, and an interested answer: a conversation
// between that talent and Ota's staff, which the roles' talent is not in.
func (w *rolesWorld) openScout(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	u := domain.User{Email: "scouted@roles.example.jp", Name: "スカウト 受けた"}
	must(t, w.st.Accounts().CreateUser(ctx, &u))
	tal := domain.Talent{Name: u.Name, NameKana: "スカウト", ResidenceCountry: "JP"}
	must(t, w.st.Talents().CreateTalent(ctx, &tal))
	must(t, w.st.Talents().LinkTalentUser(ctx, tal.ID, u.ID))
	must(t, w.st.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, MunicipalityID: w.ota.ID,
		Purpose: domain.ConsentScout, Granted: true}))
	o := domain.ScoutOffer{MunicipalityID: w.ota.ID, TalentID: tal.ID, SenderID: w.users["staff"], Message: "お力を"}
	must(t, w.st.Talents().SendScout(ctx, &o))
	_, err := w.st.Talents().AnswerScout(ctx, o.ID, tal.ID, true, false)
	must(t, err)
	return id(o.ID)
}
