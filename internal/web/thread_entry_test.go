package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

func TestEntryConversation(t *testing.T) { eachEngine(t, entryConversationScenario) }

// entryConversationScenario: an entrant asks about their entry; Ota's
// staff and its partner read it and hear of it; the business hosting the
// chosen project joins at the interview, another business never does.
func entryConversationScenario(t *testing.T, w *world) {
	ctx := context.Background()
	p, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	e := w.entrant(t, "応募 花子", p.ID, w.web.ID)
	entrant := w.signedIn(t, "hanako@entrant.example.jp", "応募 花子")
	creds, err := w.st.Accounts().Credentials(ctx, "hanako@entrant.example.jp")
	must(t, err)
	must(t, w.st.Talents().LinkTalentUser(ctx, e.TalentID, creds.User.ID))
	partnerOrg := domain.Organization{MunicipalityID: w.ota.ID, Kind: domain.OrgPartner, Name: "まちづくり協力会"}
	must(t, w.st.Directory().CreateOrganization(ctx, &partnerOrg))
	staffID, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "大田区 産業経済部").ID)
	partnerID, partner := w.member(t, "partner@city.example.jp", "協力 団体", domain.RolePartnerStaff, partnerOrg.ID)
	hostID, host := w.member(t, "mill@biz.example.jp", "森田 社長", domain.RoleBusinessOwner, w.orgNamed(t, "有限会社森田製作所").ID)
	_, cafe := w.member(t, "cafe@biz.example.jp", "まるや 店主", domain.RoleBusinessOwner, w.orgNamed(t, "喫茶まるや").ID)
	_, tsubame := w.member(t, "ts@city.example.jp", "燕 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "燕市 商工振興課").ID)
	other := w.signedIn(t, "other@talent.example.jp", "別の 人")
	thread := w.srv.URL + "/entries/" + id(e.ID) + "/messages"

	// The entrant finds the conversation from /me and writes.
	if _, me, _ := send(t, entrant, "GET", w.srv.URL+"/me", nil); !strings.Contains(me, `href="/entries/`+id(e.ID)+`/messages"`) {
		t.Errorf("/me does not link the entry's conversation")
	}
	status, _, h := send(t, entrant, "POST", thread, url.Values{"body": {"面談はオンラインでも可能ですか"}})
	if status != 303 || h.Get("Location") != "/entries/"+id(e.ID)+"/messages?posted=1#messages" {
		t.Fatalf("entrant's post: %d %s", status, h.Get("Location"))
	}
	// Staff and partner read it and heard of it; the host does not yet
	// take part (before the interview), nor does anyone else.
	for name, c := range map[string]*http.Client{"staff": staff, "partner": partner} {
		if status, body, _ := send(t, c, "GET", thread, nil); status != 200 || !strings.Contains(body, "面談はオンラインでも可能ですか") {
			t.Errorf("%s reads the thread: %d", name, status)
		}
	}
	for _, u := range []int64{staffID, partnerID} {
		notes, err := w.st.Messaging().Notifications(ctx, u, 5)
		must(t, err)
		if len(notes) != 1 || notes[0].Key != "notice.thread_message" || notes[0].Link != "/entries/"+id(e.ID)+"/messages" {
			t.Errorf("user %d's notices: %+v", u, notes)
		}
	}
	if notes, _ := w.st.Messaging().Notifications(ctx, hostID, 5); len(notes) != 0 {
		t.Errorf("the host heard of it before the interview: %+v", notes)
	}
	outbox, err := w.st.Messaging().Outbox(ctx, 100, false)
	must(t, err)
	for _, to := range []string{"staff@city.example.jp", "partner@city.example.jp"} {
		if !slices.ContainsFunc(outbox, func(m store.Mail) bool { return m.To == to }) {
			t.Errorf("no mail to %s", to)
		}
	}
	for name, c := range map[string]*http.Client{"host": host, "cafe": cafe, "Tsubame staff": tsubame, "other talent": other} {
		if status, _, _ := send(t, c, "GET", thread, nil); status != 404 {
			t.Errorf("%s before the interview: %d", name, status)
		}
	}
	// At the interview (面談) the host business joins; the other business
	// still cannot read or write.
	_, err = w.st.Entries().MoveEntries(ctx, p.ID, []int64{e.ID}, domain.EntryInterview, 0, "")
	must(t, err)
	if status, body, _ := send(t, host, "GET", thread, nil); status != 200 || !strings.Contains(body, "面談はオンラインでも可能ですか") {
		t.Errorf("host at the interview: %d", status)
	}
	if status, _, _ := send(t, host, "POST", thread, url.Values{"body": {"オンラインで大丈夫です"}}); status != 303 {
		t.Errorf("host's post: %d", status)
	}
	notes, err := w.st.Messaging().Notifications(ctx, creds.User.ID, 5)
	must(t, err)
	if len(notes) != 1 || notes[0].Key != "notice.thread_message" {
		t.Errorf("the entrant's notices: %+v", notes)
	}
	for name, c := range map[string]*http.Client{"cafe": cafe, "Tsubame staff": tsubame, "other talent": other} {
		if status, _, _ := send(t, c, "POST", thread, url.Values{"body": {"x"}}); status != 404 {
			t.Errorf("%s writes: %d", name, status)
		}
	}
	if _, body, _ := send(t, entrant, "GET", thread, nil); !strings.Contains(body, "オンラインで大丈夫です") {
		t.Errorf("the entrant does not see the host's answer")
	}
	// Staff reach the conversation from the entry's page.
	if _, body, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/entries/"+id(e.ID), nil); !strings.Contains(body, `href="/entries/`+id(e.ID)+`/messages"`) {
		t.Errorf("the entry page does not link the conversation")
	}
}
