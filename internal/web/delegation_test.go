package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestPartnerRunsADelegatedProgram: the partner runs a program's day to
// day once staff delegate it, and only that program; 内定 and 見送り
// stay with staff.
func TestPartnerRunsADelegatedProgram(t *testing.T) { eachEngine(t, delegationScenario) }

func delegationScenario(t *testing.T, w *world) {
	ctx := context.Background()
	partnerOrg := domain.Organization{MunicipalityID: w.ota.ID, Kind: domain.OrgPartner, Name: "一般社団法人まちプロ"}
	must(t, w.st.Directory().CreateOrganization(ctx, &partnerOrg))
	_, partner := w.member(t, "partner@machipro.example.jp", "運営 パートナー", domain.RolePartnerStaff, partnerOrg.ID)
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "大田区 産業経済部").ID)
	cafe := w.orgNamed(t, "喫茶まるや")
	submitted := w.shop
	submitted.ID, submitted.Title, submitted.Status = 0, "審査待ちの案件", domain.ProjectReview
	must(t, w.st.Projects().CreateProject(ctx, &submitted))
	entry := "/admin/131113/entries/" + id(w.entrant(t, "応募 一郎", w.shop.ProgramID, w.shop.ID).ID)
	old := "/admin/131113/entries/" + id(w.entrant(t, "応募 二郎", w.web.ProgramID, w.web.ID).ID)
	now, past := "/admin/131113/programs/ota-sdgs-2026", "/admin/131113/programs/ota-sdgs-2021"

	type step struct {
		who    *http.Client
		method string
		path   string
		form   url.Values
		want   int
	}
	run := func(label string, steps []step) {
		t.Helper()
		for _, s := range steps {
			if status, _, _ := send(t, s.who, s.method, w.srv.URL+s.path, s.form); status != s.want {
				t.Errorf("%s: %s %s: %d, want %d", label, s.method, s.path, status, s.want)
			}
		}
	}
	publish := url.Values{"action": {"publish"}}
	owner := url.Values{"email": {"owner@maruya.example.jp"}, "organization": {id(cafe.ID)}, "role": {"business_owner"}, "lang": {"ja"}}
	interview := url.Values{"date": {"2026-12-01"}, "time": {"19:30"}, "minutes": {"45"}, "place": {"区役所"}}
	project := "/admin/131113/projects/" + id(submitted.ID) + "/status"
	run("not delegated", []step{
		{partner, "GET", now + "/import", nil, 403},
		{partner, "GET", now + "/entries.csv", nil, 403},
		{partner, "GET", "/admin/131113/members", nil, 403},
		{partner, "POST", "/admin/131113/members", owner, 403},
		{partner, "POST", project, publish, 403},
		{partner, "POST", entry + "/move", url.Values{"to": {"screening"}}, 403},
		{partner, "POST", entry + "/interviews", interview, 403},
		{partner, "GET", entry + "/agreement", nil, 403},
		{partner, "GET", now + "/entries", nil, 200}, // it still sees and screens
		// The partner cannot delegate to itself.
		{partner, "POST", now + "/delegate", url.Values{"delegate": {id(partnerOrg.ID)}}, 403},
		{staff, "POST", now + "/delegate", url.Values{"delegate": {id(partnerOrg.ID)}}, 303},
	})
	run("delegated", []step{
		{partner, "GET", now + "/import", nil, 200},
		{partner, "GET", now + "/entries.csv", nil, 200},
		{partner, "GET", "/admin/131113/members", nil, 200},
		{partner, "POST", "/admin/131113/members", owner, 303},
		{partner, "POST", project, publish, 303},
		{partner, "POST", entry + "/move", url.Values{"to": {"screening"}}, 303},
		{partner, "POST", entry + "/interviews", interview, 303},
		{partner, "GET", entry + "/agreement", nil, 200},
		// Decisions stay with the municipality.
		{partner, "POST", entry + "/move", url.Values{"to": {"offered"}}, 403},
		{partner, "POST", entry + "/move", url.Values{"to": {"declined"}, "reason": {"定員のため"}}, 403},
		{partner, "POST", "/admin/131113/members", url.Values{"email": {"new@city.example.jp"},
			"organization": {id(w.orgNamed(t, "大田区 産業経済部").ID)}, "role": {"municipality_staff"}, "lang": {"ja"}}, 403},
		{partner, "GET", "/admin/131113/programs/new", nil, 403},
		{partner, "GET", "/admin/131113/organizations", nil, 403},
		// The 2021 program is not delegated.
		{partner, "GET", past + "/import", nil, 403},
		{partner, "POST", old + "/move", url.Values{"to": {"screening"}}, 403},
		{staff, "POST", entry + "/move", url.Values{"to": {"offered"}}, 303},
	})
	p, err := w.st.Projects().Project(ctx, submitted.ID)
	must(t, err)
	if p.Status != domain.ProjectPublished {
		t.Errorf("the project the partner published is %s", p.Status)
	}
	if _, found := w.mailTo(t, "owner@maruya.example.jp", "喫茶まるや"); !found {
		t.Error("the owner the partner invited got no mail")
	}
	// Staff take the operations back.
	run("taken back", []step{
		{staff, "POST", now + "/delegate", url.Values{"delegate": {"0"}}, 303},
		{partner, "GET", now + "/import", nil, 403},
	})
	pr, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2026")
	must(t, err)
	if pr.Delegate != 0 || len(pr.HostIDs) != 2 || pr.HostIDs[1] != partnerOrg.ID {
		t.Errorf("after taking back: delegate %d, hosts %v", pr.Delegate, pr.HostIDs)
	}
}
