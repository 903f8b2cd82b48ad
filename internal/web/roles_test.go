package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestEveryRouteForEveryRole asks the staff and personal routes as every
// role, and as staff of another municipality, and checks the answer; a
// 403 must be a translated page, and Ota's entrants must never show to
// anyone without the right.
func TestEveryRouteForEveryRole(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	orgs := map[string]domain.Organization{}
	for name, o := range map[string]domain.Organization{
		"office":   {MunicipalityID: w.ota.ID, Kind: domain.OrgMunicipalityOffice, Name: "大田区 産業振興課"},
		"partner":  {MunicipalityID: w.ota.ID, Kind: domain.OrgPartner, Name: "一般社団法人まちプロ"},
		"business": {MunicipalityID: w.ota.ID, Kind: domain.OrgBusiness, Name: "有限会社テスト製作所", JSICMajor: "E", JSICMiddle: "24"},
		"tsubame":  {MunicipalityID: w.tsubame.ID, Kind: domain.OrgMunicipalityOffice, Name: "燕市 役所"},
	} {
		must(t, w.st.CreateOrganization(ctx, &o))
		orgs[name] = o
	}
	// One Ota entrant whose name must stay private.
	secret := domain.Talent{Name: "秘密 太郎", NameKana: "ヒミツ タロウ", ResidenceCountry: "JP"}
	must(t, w.st.CreateTalent(ctx, &secret))
	p, err := w.st.ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	must(t, w.st.CreateEntry(ctx, &domain.Entry{MunicipalityID: w.ota.ID, ProgramID: p.ID, TalentID: secret.ID,
		Choices: []int64{w.web.ID}, Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}))

	roles := []struct {
		name string
		role domain.Role
		org  string
	}{
		{"anonymous", "", ""}, {"talent", "", "none"},
		{"leader", domain.RoleLeaderTalent, "office"}, {"owner", domain.RoleBusinessOwner, "business"},
		{"partner", domain.RolePartnerStaff, "partner"}, {"staff", domain.RoleMunicipalityStaff, "office"},
		{"admin", domain.RoleMunicipalityAdmin, "office"}, {"tsubame-staff", domain.RoleMunicipalityStaff, "tsubame"},
	}
	const anon, ok, forbidden, missing = 303, 200, 403, 404
	routes := []struct {
		path string
		want map[string]int // by role name; absent means forbidden for the signed-in
	}{
		{"/admin", map[string]int{"anonymous": anon, "leader": ok, "partner": ok, "staff": ok, "admin": ok, "tsubame-staff": ok}},
		{"/admin/131113/programs/ota-sdgs-2021/entries", map[string]int{"anonymous": anon, "leader": ok, "partner": ok, "staff": ok, "admin": ok}},
		{"/admin/131113/audit", map[string]int{"anonymous": anon, "admin": ok}},
		{"/admin/131113/programs/ota-sdgs-2021/allocation", map[string]int{"anonymous": anon, "leader": ok, "partner": ok, "staff": ok, "admin": ok}},
		{"/admin/152137/audit", map[string]int{"anonymous": anon}},
		{"/admin/131113/programs/tsubame-2026/entries", map[string]int{"anonymous": anon, "leader": missing, "partner": missing,
			"staff": missing, "admin": missing}},
		{"/admin/999997/audit", map[string]int{"anonymous": missing, "talent": missing, "leader": missing, "owner": missing,
			"partner": missing, "staff": missing, "admin": missing, "tsubame-staff": missing}},
		{"/me", map[string]int{"anonymous": anon, "talent": ok, "leader": ok, "owner": ok, "partner": ok, "staff": ok, "admin": ok, "tsubame-staff": ok}},
		{"/me/profile", map[string]int{"anonymous": anon, "talent": ok, "leader": ok, "owner": ok, "partner": ok, "staff": ok, "admin": ok, "tsubame-staff": ok}},
	}
	for _, r := range roles {
		c := w.browser(t)
		if r.name != "anonymous" {
			email := r.name + "@roles.example.jp"
			c = w.signedIn(t, email, "役割 "+r.name)
			if r.role != "" {
				creds, err := w.st.Credentials(ctx, email)
				must(t, err)
				must(t, w.st.AddMembership(ctx, &domain.Membership{UserID: creds.User.ID, OrganizationID: orgs[r.org].ID, Role: r.role}))
			}
		}
		for _, route := range routes {
			want, listed := route.want[r.name]
			if !listed {
				want = forbidden
			}
			status, body, _ := send(t, c, "GET", w.srv.URL+route.path, nil)
			if status != want {
				t.Errorf("%s %s: %d, want %d", r.name, route.path, status, want)
			}
			if status == forbidden && !strings.Contains(body, "権限がありません") {
				t.Errorf("%s %s: the 403 page is not translated", r.name, route.path)
			}
			if status != ok && strings.Contains(body, "秘密 太郎") {
				t.Errorf("%s %s: an entrant's name leaked", r.name, route.path)
			}
			if route.path == "/admin/131113/programs/ota-sdgs-2021/entries" && status == ok && !strings.Contains(body, "秘密 太郎") {
				t.Errorf("%s: the entrant list is empty", r.name)
			}
		}
		// Only the municipality decides: accepting an allocation is theirs.
		if r.name != "anonymous" {
			want := forbidden
			if r.name == "staff" || r.name == "admin" {
				want = http.StatusSeeOther
			}
			status, _, _ := send(t, c, "POST", w.srv.URL+"/admin/131113/programs/ota-sdgs-2021/allocation", url.Values{"method": {"optimal"}})
			if status != want {
				t.Errorf("%s accepting an allocation: %d, want %d", r.name, status, want)
			}
		}
	}
}
