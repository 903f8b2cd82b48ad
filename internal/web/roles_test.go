package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
)

// Expected answers in the role-by-route table.
const (
	anon      = 303 // sent to log in
	redirect  = 303 // done, and on to the next page
	ok        = 200
	invalid   = 400 // a malformed request
	forbidden = 403
	missing   = 404
	conflict  = 409 // not possible in the state things are in
	rejected  = 422 // a well-formed form that fails validation
)

// roleNames lists who asks: a visitor, a talent without a role, each role
// of Ota City, and staff of another municipality.
var roleNames = []string{"anonymous", "talent", "leader", "owner", "partner", "staff", "admin", "tsubame-staff"}

type expect map[string]int

// everyone expects the same answer for every role.
func everyone(status int) expect {
	m := expect{}
	for _, r := range roleNames {
		m[r] = status
	}
	return m
}

// signedIn expects status for everyone signed in, and a login redirect for
// the visitor.
func signedIn(status int) expect { return everyone(status).set("anonymous", anon) }

// only expects status for the listed roles, a login redirect for the
// visitor and 403 for everyone else.
func only(status int, roles ...string) expect {
	m := signedIn(forbidden)
	for _, r := range roles {
		m[r] = status
	}
	return m
}

// notMine expects status for the listed roles, a login redirect for the
// visitor and 404 for everyone else: a team's pages, an entry or an
// agreement do not exist for those outside them.
func notMine(status int, roles ...string) expect {
	m := signedIn(missing)
	for _, r := range roles {
		m[r] = status
	}
	return m
}

// set overrides one role's answer.
func (m expect) set(role string, status int) expect {
	m[role] = status
	return m
}

type routeCase struct {
	path string
	form url.Values // for POST
	want expect
}

// rolesWorld is the world the role-by-route table asks about, with a
// signed-in client per role.
type rolesWorld struct {
	*world
	clients map[string]*http.Client
	users   map[string]int64
	orgs    map[string]domain.Organization
	// entry (秘密 太郎) is assigned to the leader for review; other
	// (秘密 次郎) is not. Each has an interview.
	entry, other     domain.Entry
	iv, otherIV      domain.Interview
	active, done     teamIDs // the leader leads the active team; done is completed, with a credential
	owned            teamIDs // the owner's business hosts this one
	ownProject       int64   // the owner's business's project
	ownEntry         int64   // the entry of the owner's team, a candidate of ownProject
	milestone        int64   // of the active team
	credID, leaderID string
	event, idea      string
	scout            string // an offer a talent outside the roles answered with interest
}

func newRolesWorld(t *testing.T) *rolesWorld { return newRolesWorldOn(t, newWorld(t)) }

// newRolesWorldOn builds the roles' world on a world of either engine.
func newRolesWorldOn(t *testing.T, base *world) *rolesWorld {
	w := &rolesWorld{world: base, clients: map[string]*http.Client{}, users: map[string]int64{},
		orgs: map[string]domain.Organization{}}
	ctx := context.Background()
	for name, o := range map[string]domain.Organization{
		"office":   {MunicipalityID: w.ota.ID, Kind: domain.OrgMunicipalityOffice, Name: "大田区 産業振興課"},
		"partner":  {MunicipalityID: w.ota.ID, Kind: domain.OrgPartner, Name: "一般社団法人まちプロ"},
		"business": {MunicipalityID: w.ota.ID, Kind: domain.OrgBusiness, Name: "有限会社テスト製作所", JSICMajor: "E", JSICMiddle: "24"},
		"tsubame":  {MunicipalityID: w.tsubame.ID, Kind: domain.OrgMunicipalityOffice, Name: "燕市 役所"},
	} {
		must(t, w.st.Directory().CreateOrganization(ctx, &o))
		w.orgs[name] = o
	}
	member := map[string]struct {
		role domain.Role
		org  string
	}{
		"leader": {domain.RoleLeaderTalent, "office"}, "owner": {domain.RoleBusinessOwner, "business"},
		"partner": {domain.RolePartnerStaff, "partner"}, "staff": {domain.RoleMunicipalityStaff, "office"},
		"admin": {domain.RoleMunicipalityAdmin, "office"}, "tsubame-staff": {domain.RoleMunicipalityStaff, "tsubame"},
	}
	for _, role := range roleNames {
		if role == "anonymous" {
			w.clients[role] = w.browser(t)
			continue
		}
		m, ok := member[role]
		if !ok {
			email := role + "@roles.example.jp"
			w.clients[role] = w.signedIn(t, email, "役割 "+role)
			creds, err := w.st.Accounts().Credentials(ctx, email)
			must(t, err)
			w.users[role] = creds.User.ID
			continue
		}
		w.users[role], w.clients[role] = w.member(t, role+"@roles.example.jp", "役割 "+role, m.role, w.orgs[m.org].ID)
	}
	w.leaderID = strconv.FormatInt(w.users["leader"], 10)
	// An account not yet confirmed: logging in as it always answers 400
	// and is not a failed attempt, so the address is never throttled.
	u := domain.User{Email: "unverified@roles.example.jp", Name: "未確認"}
	must(t, w.st.Accounts().CreateUser(ctx, &u))
	hash, err := auth.HashPassword("correct horse battery", auth.DefaultParams())
	must(t, err)
	must(t, w.st.Accounts().SetPassword(ctx, u.ID, hash))

	// Two Ota entrants whose names must stay private, each with an interview.
	p, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	// As in 2021, the program's operations are delegated to the partner;
	// the current program's are not.
	must(t, w.st.Directory().SetProgramDelegate(ctx, p.ID, w.orgs["partner"].ID))
	start := time.Date(2021, 9, 1, 10, 0, 0, 0, domain.Japan())
	for _, x := range []struct {
		name string
		e    *domain.Entry
		iv   *domain.Interview
	}{{"秘密 太郎", &w.entry, &w.iv}, {"秘密 次郎", &w.other, &w.otherIV}} {
		*x.e = w.entrant(t, x.name, p.ID, w.web.ID)
		*x.iv = domain.Interview{EntryID: x.e.ID, StartsAt: start, EndsAt: start.Add(time.Hour), Place: "大田区役所"}
		_, err := w.st.Entries().CreateInterview(ctx, x.iv)
		must(t, err)
	}
	must(t, w.st.Talents().SetTalentContactEmail(ctx, w.entry.TalentID, "taro@secret.example"))
	must(t, w.st.Entries().AssignReviewer(ctx, w.entry.ID, w.users["leader"], w.users["staff"]))

	// Three teams of 2021: one at work that the leader leads, one completed
	// with a credential, and one of the owner's business.
	w.active = w.team(t, w.entry, w.web.ID, false)
	must(t, w.st.Workspaces().AssignTeamLeader(ctx, w.active.engagement, w.users["leader"]))
	ms := domain.Milestone{EngagementID: w.active.engagement, Title: "公開"}
	must(t, w.st.Workspaces().AddMilestone(ctx, &ms))
	w.milestone = ms.ID
	w.done = w.team(t, w.entrant(t, "秘密 花子", p.ID, w.green.ID), w.green.ID, true)
	own := w.web
	own.ID, own.HostID, own.Title = 0, w.orgs["business"].ID, "テスト製作所の業務改善"
	must(t, w.st.Projects().CreateProject(ctx, &own))
	ownEntry := w.entrant(t, "秘密 三郎", p.ID, own.ID)
	w.owned, w.ownProject, w.ownEntry = w.team(t, ownEntry, own.ID, false), own.ID, ownEntry.ID
	if n, err := issuer.New(w.st, "http://tsunagu.test", func() time.Time { return testNow }, w.keys).IssueFor(ctx, w.done.engagement); err != nil || n != 1 {
		t.Fatalf("issue: %d %v", n, err)
	}
	creds, err := w.st.Issuance().IssuedCredentials(ctx, w.ota.ID, 0)
	must(t, err)
	w.credID = creds[0].ID
	start2 := testNow.AddDate(0, 0, 10)
	event := domain.Event{MunicipalityID: w.ota.ID, Title: "交流会", StartsAt: start2, EndsAt: start2.Add(time.Hour), Place: "蒲田"}
	must(t, w.st.Community().CreateEvent(ctx, &event))
	idea := domain.Idea{MunicipalityID: w.ota.ID, Title: "工場見学", Body: "ツアーを"}
	must(t, w.st.Community().CreateIdea(ctx, &idea))
	w.event, w.idea = strconv.FormatInt(event.ID, 10), strconv.FormatInt(idea.ID, 10)
	w.scout = w.openScout(t)
	return w
}

// TestEveryRouteForEveryRole walks the route table: every route must have
// an exact expected answer here for every role, including staff of another
// municipality. A 403 must be a translated page, and Ota's entrants must
// never show to anyone without the right.
func TestEveryRouteForEveryRole(t *testing.T) {
	w := newRolesWorld(t)
	cases := w.routeCases()
	for _, r := range w.app.routeTable() {
		if _, ok := cases[r.pattern]; !ok {
			t.Errorf("route %q has no expectation in the role-by-route table", r.pattern)
		}
	}
	for pattern, rc := range cases {
		found := false
		for _, r := range w.app.routeTable() {
			found = found || r.pattern == pattern
		}
		if !found {
			t.Errorf("expectation for %q, which is not a route", pattern)
		}
		if strings.HasPrefix(pattern, "GET ") && rc.form != nil {
			t.Fatalf("%s: a form for a GET", pattern)
		}
	}
	for _, role := range roleNames {
		c := w.clients[role]
		check := func(method, path string, form url.Values, want int) {
			t.Helper()
			status, body, _ := send(t, c, method, w.srv.URL+path, form)
			if status != want {
				t.Errorf("%s %s %s: %d, want %d", role, method, path, status, want)
			}
			if status == forbidden && !strings.Contains(body, "権限がありません") && !strings.Contains(body, "自治体の職員だけ") {
				t.Errorf("%s %s %s: the 403 page is not translated", role, method, path)
			}
			if (status == forbidden || status == missing || status == anon) && strings.Contains(body, "秘密 太郎") {
				t.Errorf("%s %s %s: an entrant's name leaked", role, method, path)
			}
		}
		for pattern, rc := range cases {
			if pattern == "POST /logout" || pattern == "POST /me/sessions/end" {
				continue // checked last, since they end the session
			}
			method := "GET"
			if strings.HasPrefix(pattern, "POST ") {
				method = "POST"
			}
			check(method, rc.path, rc.form, rc.want[role])
		}
		for _, x := range w.scopedCases() {
			method := "GET"
			if x.form != nil {
				method = "POST"
			}
			check(method, x.path, x.form, x.want[role])
		}
		w.checkWhatShows(t, role)
		check("POST", "/me/sessions/end", url.Values{}, cases["POST /me/sessions/end"].want[role])
		check("POST", "/logout", url.Values{}, anon)
	}
}

// checkWhatShows checks, beyond the status, what a page shows each role:
// the board, the API's entry list and the entry page show a leader only
// what is assigned to them, and never contact details.
func (w *rolesWorld) checkWhatShows(t *testing.T, role string) {
	t.Helper()
	c := w.clients[role]
	board := "/admin/131113/programs/ota-sdgs-2021/entries"
	status, body, _ := send(t, c, "GET", w.srv.URL+board, nil)
	if status == ok {
		seesAll := role != "leader"
		if !strings.Contains(body, "秘密 太郎") || strings.Contains(body, "秘密 次郎") == !seesAll {
			t.Errorf("%s: the board shows 太郎 %v and 次郎 %v", role, strings.Contains(body, "秘密 太郎"),
				strings.Contains(body, "秘密 次郎"))
		}
	}
	// The API lists the same entries as the board, and no addresses.
	status, body, _ = send(t, c, "GET", w.srv.URL+"/api/v1/municipalities/131113/programs/ota-sdgs-2021/entries", nil)
	if status == ok {
		seesAll := role != "leader"
		if !strings.Contains(body, "秘密 太郎") || strings.Contains(body, "秘密 次郎") != seesAll ||
			strings.Contains(body, "taro@secret.example") {
			t.Errorf("%s: the API's entries show 太郎 %v, 次郎 %v, the address %v", role, strings.Contains(body, "秘密 太郎"),
				strings.Contains(body, "秘密 次郎"), strings.Contains(body, "taro@secret.example"))
		}
	}
	status, body, _ = send(t, c, "GET", w.srv.URL+"/admin/131113/entries/"+strconv.FormatInt(w.entry.ID, 10), nil)
	if status == ok && strings.Contains(body, "taro@secret.example") != (role != "leader") {
		t.Errorf("%s: the entry page shows the address: %v", role, strings.Contains(body, "taro@secret.example"))
	}
	status, body, _ = send(t, c, "GET", w.srv.URL+"/engagements/"+strconv.FormatInt(w.active.engagement, 10), nil)
	if status == ok && strings.Contains(body, `href="/agreements/`) == (role == "leader") {
		t.Errorf("%s: the workspace links the agreements: %v", role, strings.Contains(body, `href="/agreements/`))
	}
}
