package web

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

var (
	liRE  = regexp.MustCompile(`(?s)<li>(.*?)</li>`)
	tagRE = regexp.MustCompile(`<[^>]*>`)
)

// deskList reads one list of the desk on /me by its heading's id: the
// text and the first link of each item, "none" for the empty-list note,
// and nil when the heading is not there.
func deskList(body, id string) []string {
	i := strings.Index(body, `<h3 id="`+id+`">`)
	if i < 0 {
		return nil
	}
	rest := body[i:]
	rest = rest[strings.Index(rest, "</h3>")+len("</h3>"):]
	if strings.HasPrefix(strings.TrimSpace(rest), `<p class="help">`) {
		return []string{"none"}
	}
	rest = rest[:strings.Index(rest, "</ul>")]
	var out []string
	for _, m := range liRE.FindAllStringSubmatch(rest, -1) {
		href := ""
		if j := strings.Index(m[1], `href="`); j >= 0 {
			href = m[1][j+len(`href="`):]
			href = " → " + href[:strings.IndexByte(href, '"')]
		}
		out = append(out, strings.Join(strings.Fields(tagRE.ReplaceAllString(m[1], "")), " ")+href)
	}
	return out
}

func TestMyPageShowsWhatWaitsForEachRole(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { myPageScenario(t, newRolesWorld(t)) })
	t.Run("postgres", func(t *testing.T) {
		myPageScenario(t, newRolesWorldOn(t, newWorldOn(t, storetest.PostgresURL(t))))
	})
}

func myPageScenario(t *testing.T, w *rolesWorld) {
	ctx := context.Background()
	p2021, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	pNow, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2026")
	must(t, err)
	// Waiting for the municipality's screening: one entry of 2026.
	w.entrant(t, "応募 一郎", pNow.ID, w.shop.ID)
	// Waiting for review: the draft, submitted.
	must(t, w.st.Projects().SetProjectStatus(ctx, w.draft.ID, domain.ProjectReview))
	// Waiting for the leader: an entry in 書類選考 assigned to them.
	assigned := w.entrant(t, "評価 待子", p2021.ID, w.web.ID)
	_, err = w.st.Entries().MoveEntries(ctx, p2021.ID, []int64{assigned.ID}, domain.EntryScreening, 0, "")
	must(t, err)
	must(t, w.st.Entries().AssignReviewer(ctx, assigned.ID, w.users["leader"], w.users["staff"]))
	// Waiting for the business and the municipality: an agreement for the
	// owner's project only the talent accepted; its entry is a candidate.
	owned, err := w.st.Workspaces().Engagement(ctx, w.owned.engagement)
	must(t, err)
	second := w.entrant(t, "合意 待男", p2021.ID, owned.ProjectID)
	_, err = w.st.Entries().MoveEntries(ctx, p2021.ID, []int64{second.ID}, domain.EntryOffered, 0, "")
	must(t, err)
	ag := domain.Agreement{EntryID: second.ID, ProjectID: owned.ProjectID, Type: domain.AgreementQuasiMandate, RewardYen: 30000,
		HoursPerMonth: 20, StartsOn: owned.StartedOn, EndsOn: owned.StartedOn.AddDate(0, 4, 0), Deliverables: "成果物"}
	must(t, w.st.Agreements().SaveAgreement(ctx, &ag, 0))
	_, err = w.st.Agreements().AcceptAgreement(ctx, ag.ID, ag.Version, domain.PartyTalent, 0)
	must(t, err)
	// October 2026 (the month before now): 秘密 三郎 reported, 秘密 太郎 did not.
	saburo, err := w.st.Agreements().Agreement(ctx, w.owned.agreement)
	must(t, err)
	must(t, w.st.Workspaces().SubmitReport(ctx, &domain.Report{EngagementID: owned.ID, TalentID: saburo.TalentID,
		Month: "2026-10", Hours: 18, Done: "業務の洗い出し"}))

	id := func(prefix string, n int64) string { return prefix + itoa(n) }
	eng, agr := func(n int64) string { return id("/engagements/", n) }, func(n int64) string { return id("/agreements/", n) }
	lateTaro := "ホームページを刷新したい: 秘密 太郎 → " + eng(w.active.engagement) + "#reports"
	reportSaburo := "テスト製作所の業務改善: 秘密 三郎（18時間） → " + eng(owned.ID) + "#reports"
	waiting := "テスト製作所の業務改善 — 合意 待男 → " + agr(ag.ID)
	staff := map[string][]string{
		"h-staff-queues": {"大田区SDGs副業 2026：応募 1件 → /admin/131113/programs/ota-sdgs-2026/entries",
			"大田区SDGs副業 2021：書類選考 1件 → /admin/131113/programs/ota-sdgs-2021/entries"},
		"h-staff-review":  {"下書きの案件 → /admin/131113/projects/" + itoa(w.draft.ID)},
		"h-staff-decide":  {waiting},
		"h-staff-late":    {lateTaro},
		"h-staff-reports": {reportSaburo},
	}
	partner := map[string][]string{ // no review of projects, no 合意
		"h-staff-queues": staff["h-staff-queues"], "h-staff-late": {lateTaro}, "h-staff-reports": {reportSaburo},
	}
	want := map[string]map[string][]string{
		"owner": {
			"h-host-accept":  {waiting},
			"h-host-reports": {reportSaburo},
			"h-host-candidates": {"合意 待男 内定 — テスト製作所の業務改善 → /admin/131113/projects/" + itoa(owned.ProjectID),
				"秘密 三郎 合意 — テスト製作所の業務改善 → /admin/131113/projects/" + itoa(owned.ProjectID)},
			"h-host-teams":    {"テスト製作所の業務改善 活動中 → " + eng(owned.ID)},
			"h-host-projects": {"テスト製作所の業務改善 募集終了 → /admin/131113/projects/" + itoa(owned.ProjectID)},
		},
		"staff": staff, "admin": staff, "partner": partner,
		"leader": {
			"h-leader-assigned": {"評価 待子 — 大田区SDGs副業 2021 書類選考 → /admin/131113/entries/" + itoa(assigned.ID)},
			"h-leader-teams":    {"ホームページを刷新したい 活動中 → " + eng(w.active.engagement)},
			"h-leader-late":     {lateTaro},
		},
		"tsubame-staff": {"h-staff-queues": {"none"}, "h-staff-review": {"none"}, "h-staff-decide": {"none"},
			"h-staff-late": {"none"}, "h-staff-reports": {"none"}},
		"talent": {},
	}
	ids := []string{"h-host-accept", "h-host-reports", "h-host-candidates", "h-host-teams", "h-host-projects",
		"h-staff-queues", "h-staff-review", "h-staff-decide", "h-staff-late", "h-staff-reports",
		"h-leader-assigned", "h-leader-teams", "h-leader-late"}
	for role, lists := range want {
		status, body, _ := send(t, w.clients[role], "GET", w.srv.URL+"/me", nil)
		if status != http.StatusOK {
			t.Fatalf("%s: /me %d", role, status)
		}
		for _, h := range ids {
			if got := deskList(body, h); !reflect.DeepEqual(got, lists[h]) {
				t.Errorf("%s: %s = %q, want %q", role, h, got, lists[h])
			}
		}
		hasAdmin := strings.Contains(body, `<a class="button" href="/admin">`)
		if hasAdmin != (role != "talent") {
			t.Errorf("%s: link to the admin home shown: %v", role, hasAdmin)
		}
		// Those with a role of work see it instead of a talent's page.
		if talentParts := strings.Contains(body, "まだエントリーはありません。"); talentParts != (role == "talent") {
			t.Errorf("%s: the talent's parts shown: %v", role, talentParts)
		}
	}
	// The same in English.
	status, body, _ := send(t, w.clients["staff"], "GET", w.srv.URL+"/me?lang=en", nil)
	if got := deskList(body, "h-staff-queues"); status != http.StatusOK ||
		!reflect.DeepEqual(got, []string{"大田区SDGs副業 2026: 1 entry in Applied → /admin/131113/programs/ota-sdgs-2026/entries",
			"Ota City SDGs Side Jobs 2021: 1 entry in Document review → /admin/131113/programs/ota-sdgs-2021/entries"}) {
		t.Errorf("staff in English: %d %q", status, got)
	}
	// The owner accepts the agreement: the page says so, and it no longer
	// waits on their /me (it still waits for the municipality).
	status, _, h := send(t, w.clients["owner"], "POST", w.srv.URL+agr(ag.ID)+"/accept",
		url.Values{"party": {"business"}, "version": {itoa(int64(ag.Version))}})
	if status != http.StatusSeeOther || h.Get("Location") != agr(ag.ID)+"?flash=agreement_accepted" {
		t.Fatalf("owner accepting: %d %q", status, h.Get("Location"))
	}
	if _, body, _ := send(t, w.clients["owner"], "GET", w.srv.URL+agr(ag.ID)+"?flash=agreement_accepted&lang=ja", nil); !strings.Contains(body,
		flashBox("合意書を承諾しました。すべての当事者が承諾すると、チームのワークスペースが開きます。")) {
		t.Error("owner accepting: the agreement page does not say so")
	}
	_, body, _ = send(t, w.clients["owner"], "GET", w.srv.URL+"/me?lang=ja", nil)
	if got := deskList(body, "h-host-accept"); !reflect.DeepEqual(got, []string{"none"}) {
		t.Errorf("owner after accepting: %q", got)
	}
	_, body, _ = send(t, w.clients["staff"], "GET", w.srv.URL+"/me?lang=ja", nil)
	if got := deskList(body, "h-staff-decide"); !reflect.DeepEqual(got, []string{waiting}) {
		t.Errorf("staff after the owner accepted: %q", got)
	}
	// A visitor is sent to log in.
	if status, _, h := send(t, w.clients["anonymous"], "GET", w.srv.URL+"/me", nil); status != http.StatusSeeOther ||
		h.Get("Location") != "/login?next=/me" {
		t.Errorf("visitor: %d %s", status, h.Get("Location"))
	}
}
