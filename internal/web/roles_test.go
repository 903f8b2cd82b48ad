package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
)

// Expected answers in the role-by-route table.
const (
	anon      = 303 // sent to log in
	ok        = 200
	forbidden = 403
	missing   = 404
	allowed   = -1 // let through: any answer but 403 or a server error (a bad form is 400/422)
)

// roleNames lists who asks: a visitor, a talent without a role, each role
// of Ota City, and staff of another municipality.
var roleNames = []string{"anonymous", "talent", "leader", "owner", "partner", "staff", "admin", "tsubame-staff"}

// everyone expects the same answer for every role.
func everyone(status int) expect {
	m := map[string]int{}
	for _, r := range roleNames {
		m[r] = status
	}
	return m
}

// signedIn expects status for everyone signed in, and a login redirect for
// the visitor.
func signedIn(status int) expect {
	m := everyone(status)
	m["anonymous"] = anon
	return m
}

// only expects status for the listed roles, a login redirect for the
// visitor and 403 for everyone else.
func only(status int, roles ...string) expect {
	m := everyone(forbidden)
	m["anonymous"] = anon
	for _, r := range roles {
		m[r] = status
	}
	return m
}

type expect map[string]int

// notMine expects status for the listed roles, a login redirect for the
// visitor and 404 for everyone else: a team's pages do not exist for
// those outside it.
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

// TestEveryRouteForEveryRole walks the route table: every route must have
// an expectation here, asked as every role and as staff of another
// municipality. A 403 must be a translated page, and Ota's entrants must
// never show to anyone without the right.
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
	// One Ota entrant whose name must stay private, with an interview.
	secret := domain.Talent{Name: "秘密 太郎", NameKana: "ヒミツ タロウ", ResidenceCountry: "JP"}
	must(t, w.st.CreateTalent(ctx, &secret))
	p, err := w.st.ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	entry := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: p.ID, TalentID: secret.ID,
		Choices: []int64{w.web.ID}, Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
	must(t, w.st.CreateEntry(ctx, &entry))
	start := time.Date(2021, 9, 1, 10, 0, 0, 0, domain.Japan())
	iv := domain.Interview{EntryID: entry.ID, StartsAt: start, EndsAt: start.Add(time.Hour), Place: "大田区役所"}
	must(t, w.st.CreateInterview(ctx, &iv, nil))
	eid, ivid, draft := strconv.FormatInt(entry.ID, 10), strconv.FormatInt(iv.ID, 10), strconv.FormatInt(w.draft.ID, 10)
	// Two teams of 2021: one at work, one completed.
	active, done := w.team(t, entry, w.web.ID, false), w.team(t, w.entrant(t, "秘密 花子", p.ID, w.green.ID), w.green.ID, true)
	start2 := testNow.AddDate(0, 0, 10)
	event := domain.Event{MunicipalityID: w.ota.ID, Title: "交流会", StartsAt: start2, EndsAt: start2.Add(time.Hour), Place: "蒲田"}
	must(t, w.st.CreateEvent(ctx, &event))
	idea := domain.Idea{MunicipalityID: w.ota.ID, Title: "工場見学", Body: "ツアーを"}
	must(t, w.st.CreateIdea(ctx, &idea))
	evid, ideaID := strconv.FormatInt(event.ID, 10), strconv.FormatInt(idea.ID, 10)
	if n, err := issuer.New(w.st, "http://tsunagu.test", func() time.Time { return testNow }, w.keys).IssueFor(ctx, done.engagement); err != nil || n != 1 {
		t.Fatalf("issue: %d %v", n, err)
	}
	creds, err := w.st.IssuedCredentials(ctx, w.ota.ID, 0)
	must(t, err)
	credID := creds[0].ID
	community := []string{"partner", "staff", "admin"}
	agreementID, activeID, doneID := strconv.FormatInt(active.agreement, 10), strconv.FormatInt(active.engagement, 10),
		strconv.FormatInt(done.engagement, 10)
	screeners := []string{"leader", "partner", "staff", "admin"}
	movers := []string{"partner", "staff", "admin"}
	deciders := []string{"staff", "admin"}
	managers := []string{"partner", "staff", "admin"} // w.draft belongs to another business than the owner's
	board := "/admin/131113/programs/ota-sdgs-2021"

	cases := map[string]routeCase{
		"GET /{$}":                             {"/", nil, everyone(ok)},
		"GET /programs/{slug}":                 {"/programs/ota-sdgs-2026", nil, everyone(ok)},
		"GET /projects":                        {"/projects", nil, everyone(ok)},
		"GET /projects/{id}":                   {"/projects/" + strconv.FormatInt(w.shop.ID, 10), nil, everyone(ok)},
		"GET /hometown":                        {"/hometown", nil, everyone(ok)},
		"GET /municipalities/{lgcode}":         {"/municipalities/131113", nil, everyone(ok)},
		"GET /stories":                         {"/stories", nil, everyone(ok)},
		"GET /stories/{id}":                    {"/stories/" + activeID, nil, everyone(missing)},
		"GET /credentials/{id}":                {"/credentials/" + credID, nil, notMine(ok, screeners...).set("anonymous", missing)},
		"GET /credentials/{id}/jwt":            {"/credentials/" + credID + "/jwt", nil, notMine(ok, screeners...).set("anonymous", missing)},
		"GET /credentials/verify":              {"/credentials/verify", nil, everyone(ok)},
		"POST /credentials/verify":             {"/credentials/verify", url.Values{"credential": {"not.a.jwt"}}, everyone(ok)},
		"GET /.well-known/jwks.json":           {"/.well-known/jwks.json", nil, everyone(ok)},
		"GET /issuers/{lgcode}":                {"/issuers/131113", nil, everyone(ok)},
		"GET /status/{lgcode}":                 {"/status/131113", nil, everyone(ok)},
		"GET /events":                          {"/events", nil, everyone(ok)},
		"GET /events/{id}":                     {"/events/" + evid, nil, everyone(ok)},
		"GET /events/{id}/ics":                 {"/events/" + evid + "/ics", nil, everyone(ok)},
		"POST /events/{id}/rsvp":               {"/events/" + evid + "/rsvp", url.Values{"action": {"cancel"}}, signedIn(anon)},
		"GET /ideas":                           {"/ideas", nil, everyone(ok)},
		"POST /ideas":                          {"/ideas", url.Values{}, signedIn(422)},
		"POST /ideas/{id}/support":             {"/ideas/" + ideaID + "/support", url.Values{"support": {"no"}}, signedIn(anon)},
		"GET /privacy":                         {"/privacy", nil, everyone(ok)},
		"GET /terms":                           {"/terms", nil, everyone(ok)},
		"GET /contact":                         {"/contact", nil, everyone(ok)},
		"GET /municipalities/{lgcode}/privacy": {"/municipalities/131113/privacy", nil, everyone(ok)},
		"GET /municipalities/{lgcode}/terms":   {"/municipalities/131113/terms", nil, everyone(ok)},
		"GET /municipalities/{lgcode}/contact": {"/municipalities/152137/contact", nil, everyone(ok)},
		"GET /signup":                          {"/signup", nil, everyone(allowed)},
		"POST /signup":                         {"/signup", url.Values{}, everyone(allowed)},
		"GET /signup/sent":                     {"/signup/sent", nil, everyone(allowed)},
		"GET /verify":                          {"/verify?token=nope", nil, everyone(allowed)},
		"GET /login":                           {"/login", nil, everyone(allowed)},
		"POST /login":                          {"/login", url.Values{}, everyone(allowed)},
		"POST /logout":                         {"/logout", url.Values{}, everyone(allowed)},
		"GET /password/forgot":                 {"/password/forgot", nil, everyone(allowed)},
		"POST /password/forgot":                {"/password/forgot", url.Values{}, everyone(allowed)},
		"GET /password/reset":                  {"/password/reset?token=nope", nil, everyone(allowed)},
		"POST /password/reset":                 {"/password/reset", url.Values{}, everyone(allowed)},
		"GET /invite":                          {"/invite?token=nope", nil, everyone(missing)},
		"POST /invite":                         {"/invite", url.Values{"token": {"nope"}}, everyone(missing)},
		"GET /me":                              {"/me", nil, signedIn(ok)},
		"GET /me/profile":                      {"/me/profile", nil, signedIn(ok)},
		"POST /me/profile":                     {"/me/profile", url.Values{}, signedIn(allowed)},
		"POST /me/entries/{id}/withdraw":       {"/me/entries/" + eid + "/withdraw", url.Values{}, signedIn(missing)},
		"POST /me/entries/{id}/offer":          {"/me/entries/" + eid + "/offer", url.Values{"answer": {"accept"}}, signedIn(missing)},
		"POST /me/scouts/{id}":                 {"/me/scouts/999", url.Values{"answer": {"accept"}}, signedIn(missing)},
		"POST /me/credentials/{id}/public":     {"/me/credentials/" + credID + "/public", url.Values{"public": {"yes"}}, signedIn(missing)},
		"GET /me/data":                         {"/me/data", nil, signedIn(ok)},
		"GET /me/delete":                       {"/me/delete", nil, signedIn(ok)},
		"POST /me/delete":                      {"/me/delete", url.Values{"password": {"wrong"}}, signedIn(422)},
		"GET /me/interviews/{id}": {"/me/interviews/" + ivid, nil, func() map[string]int {
			m := signedIn(missing)
			for _, r := range screeners {
				m[r] = ok
			}
			return m
		}()},
		"GET /me/password":             {"/me/password", nil, signedIn(ok)},
		"POST /me/password":            {"/me/password", url.Values{"current_password": {"wrong"}}, signedIn(422)},
		"POST /me/sessions/end":        {"/me/sessions/end", url.Values{}, signedIn(ok)},
		"GET /me/tokens":               {"/me/tokens", nil, signedIn(ok)},
		"POST /me/tokens":              {"/me/tokens", url.Values{}, signedIn(ok)},
		"POST /me/tokens/revoke":       {"/me/tokens/revoke", url.Values{"token": {"00"}}, signedIn(missing)},
		"GET /me/notifications":        {"/me/notifications", nil, signedIn(ok)},
		"POST /me/notifications/read":  {"/me/notifications/read", url.Values{}, signedIn(anon)},
		"POST /projects/{id}/bookmark": {"/projects/" + strconv.FormatInt(w.shop.ID, 10) + "/bookmark", url.Values{}, signedIn(allowed)},
		"GET /programs/{slug}/entry":   {"/programs/ota-sdgs-2026/entry", nil, signedIn(allowed)},
		"POST /programs/{slug}/entry":  {"/programs/ota-sdgs-2026/entry", url.Values{}, signedIn(allowed)},

		"GET /admin":                                        {"/admin", nil, only(ok, "leader", "owner", "partner", "staff", "admin", "tsubame-staff")},
		"GET /admin/{lgcode}/audit":                         {"/admin/131113/audit", nil, only(ok, "admin")},
		"GET /admin/{lgcode}/export":                        {"/admin/131113/export", nil, only(ok, "admin")},
		"GET /admin/{lgcode}/outbox":                        {"/admin/131113/outbox", nil, only(ok, deciders...)},
		"GET /admin/{lgcode}/members":                       {"/admin/131113/members", nil, only(ok, deciders...)},
		"GET /admin/{lgcode}/legal":                         {"/admin/131113/legal", nil, only(ok, "admin")},
		"GET /admin/{lgcode}/legal/{kind}":                  {"/admin/131113/legal/privacy", nil, only(ok, "admin")},
		"POST /admin/{lgcode}/legal/{kind}":                 {"/admin/131113/legal/terms", url.Values{}, only(422, "admin")},
		"POST /admin/{lgcode}/members":                      {"/admin/131113/members", url.Values{}, only(allowed, deciders...)},
		"POST /admin/{lgcode}/invitations/{id}/revoke":      {"/admin/131113/invitations/999999/revoke", url.Values{}, only(missing, deciders...)},
		"GET /admin/{lgcode}/projects":                      {"/admin/131113/projects", nil, only(ok, "owner", "partner", "staff", "admin")},
		"GET /admin/{lgcode}/programs/new":                  {"/admin/131113/programs/new", nil, only(ok, deciders...)},
		"POST /admin/{lgcode}/programs":                     {"/admin/131113/programs", url.Values{}, only(422, deciders...)},
		"GET /admin/{lgcode}/projects/new":                  {"/admin/131113/projects/new", nil, only(ok, "owner", "partner", "staff", "admin")},
		"POST /admin/{lgcode}/projects":                     {"/admin/131113/projects", url.Values{}, only(allowed, "owner", "partner", "staff", "admin")},
		"GET /admin/{lgcode}/projects/{id}":                 {"/admin/131113/projects/" + draft, nil, only(ok, managers...)},
		"POST /admin/{lgcode}/projects/{id}":                {"/admin/131113/projects/" + draft, url.Values{}, only(allowed, managers...)},
		"POST /admin/{lgcode}/projects/{id}/status":         {"/admin/131113/projects/" + draft + "/status", url.Values{}, only(allowed, managers...)},
		"GET /admin/{lgcode}/programs/{slug}/entries":       {board + "/entries", nil, only(ok, screeners...)},
		"POST /admin/{lgcode}/programs/{slug}/stages":       {board + "/stages", url.Values{"stage": {"screening", "interview"}}, only(anon, deciders...)},
		"POST /admin/{lgcode}/programs/{slug}/entries/move": {board + "/entries/move", url.Values{}, only(allowed, movers...)},
		"GET /admin/{lgcode}/programs/{slug}/entries.csv":   {board + "/entries.csv", nil, only(ok, deciders...)},
		"GET /admin/{lgcode}/programs/{slug}/import":        {board + "/import", nil, only(ok, deciders...)},
		"POST /admin/{lgcode}/programs/{slug}/import":       {board + "/import", url.Values{}, only(allowed, deciders...)},
		"GET /admin/{lgcode}/programs/{slug}/allocation":    {board + "/allocation", nil, only(ok, screeners...)},
		"POST /admin/{lgcode}/programs/{slug}/allocation":   {board + "/allocation", url.Values{}, only(allowed, deciders...)},
		"GET /admin/{lgcode}/entries/{id}":                  {"/admin/131113/entries/" + eid, nil, only(ok, screeners...)},
		"POST /admin/{lgcode}/entries/{id}/review":          {"/admin/131113/entries/" + eid + "/review", url.Values{"score_skills": {"9"}}, only(allowed, screeners...)},
		"POST /admin/{lgcode}/entries/{id}/reviewers":       {"/admin/131113/entries/" + eid + "/reviewers", url.Values{}, only(allowed, movers...)},
		"POST /admin/{lgcode}/entries/{id}/move":            {"/admin/131113/entries/" + eid + "/move", url.Values{"to": {"offered"}}, only(allowed, deciders...)},
		"POST /admin/{lgcode}/entries/{id}/interviews":      {"/admin/131113/entries/" + eid + "/interviews", url.Values{}, only(allowed, movers...)},
		"GET /admin/{lgcode}/entries/{id}/agreement":        {"/admin/131113/entries/" + eid + "/agreement", nil, only(ok, movers...)},
		"POST /admin/{lgcode}/entries/{id}/agreement":       {"/admin/131113/entries/" + eid + "/agreement", url.Values{}, only(allowed, movers...)},
		"GET /admin/{lgcode}/engagements":                   {"/admin/131113/engagements", nil, only(ok, screeners...)},
		"GET /admin/{lgcode}/talents":                       {"/admin/131113/talents", nil, only(ok, movers...)},
		"POST /admin/{lgcode}/credentials/{id}/revoke":      {"/admin/131113/credentials/" + credID + "/revoke", url.Values{}, only(allowed, deciders...)},
		"POST /admin/{lgcode}/talents/{id}/scout":           {"/admin/131113/talents/999/scout", url.Values{"message": {"x"}}, only(missing, movers...)},
		"GET /admin/{lgcode}/events":                        {"/admin/131113/events", nil, only(ok, community...)},
		"POST /admin/{lgcode}/events":                       {"/admin/131113/events", url.Values{}, only(422, community...)},
		"GET /admin/{lgcode}/ideas":                         {"/admin/131113/ideas", nil, only(ok, community...)},
		"POST /admin/{lgcode}/ideas/{id}":                   {"/admin/131113/ideas/" + ideaID, url.Values{"status": {"considering"}}, only(anon, community...)},
		"GET /admin/{lgcode}/dashboard":                     {"/admin/131113/dashboard", nil, only(ok, "partner", "staff", "admin")},
		"GET /admin/{lgcode}/dashboard/report":              {"/admin/131113/dashboard/report?program=ota-sdgs-2021", nil, only(ok, "partner", "staff", "admin")},
		"GET /admin/{lgcode}/dashboard.csv":                 {"/admin/131113/dashboard.csv?table=funnel", nil, only(ok, "partner", "staff", "admin")},
		"GET /agreements/{id}":                              {"/agreements/" + agreementID, nil, notMine(ok, screeners...)},
		"POST /agreements/{id}/accept":                      {"/agreements/" + agreementID + "/accept", url.Values{"party": {"municipality"}, "version": {"1"}}, notMine(allowed, movers...).set("leader", forbidden)},
		"GET /engagements/{id}":                             {"/engagements/" + activeID, nil, notMine(ok, screeners...)},
		"POST /engagements/{id}/goal":                       {"/engagements/" + activeID + "/goal", url.Values{"goal": {"目標"}}, notMine(allowed, screeners...)},
		"POST /engagements/{id}/milestones":                 {"/engagements/" + activeID + "/milestones", url.Values{}, notMine(allowed, screeners...)},
		"POST /engagements/{id}/milestones/done":            {"/engagements/" + activeID + "/milestones/done", url.Values{}, notMine(allowed, screeners...)},
		"POST /engagements/{id}/meetings":                   {"/engagements/" + activeID + "/meetings", url.Values{}, notMine(allowed, screeners...)},
		"POST /engagements/{id}/reports":                    {"/engagements/" + activeID + "/reports", url.Values{}, notMine(forbidden, screeners...)},
		"POST /engagements/{id}/messages":                   {"/engagements/" + activeID + "/messages", url.Values{}, notMine(allowed, screeners...)},
		"POST /engagements/{id}/outcomes":                   {"/engagements/" + activeID + "/outcomes", url.Values{}, notMine(allowed, screeners...)},
		"POST /engagements/{id}/complete":                   {"/engagements/" + doneID + "/complete", url.Values{}, notMine(allowed, screeners...)},
		"POST /engagements/{id}/story":                      {"/engagements/" + doneID + "/story", url.Values{}, notMine(forbidden, screeners...)},
		"POST /engagements/{id}/reviews":                    {"/engagements/" + doneID + "/reviews", url.Values{}, notMine(forbidden, screeners...)},

		"GET /static/":                         {"/static/app.css", nil, everyone(ok)},
		"GET /assets/sdgs.css":                 {"/assets/sdgs.css", nil, everyone(ok)},
		"GET /assets/municipalities.css":       {"/assets/municipalities.css", nil, everyone(ok)},
		"GET /api/v1/openapi.json":             {"/api/v1/openapi.json", nil, everyone(ok)},
		"GET /api/v1/programs":                 {"/api/v1/programs", nil, everyone(ok)},
		"GET /api/v1/programs/{slug}":          {"/api/v1/programs/ota-sdgs-2026", nil, everyone(ok)},
		"POST /api/v1/programs/{slug}/entries": {"/api/v1/programs/ota-sdgs-2026/entries", url.Values{}, everyone(allowed)},
		"GET /api/v1/projects":                 {"/api/v1/projects", nil, everyone(ok)},
		"GET /api/v1/projects/{id}":            {"/api/v1/projects/" + strconv.FormatInt(w.shop.ID, 10), nil, everyone(ok)},
		"GET /api/v1/municipalities":           {"/api/v1/municipalities", nil, everyone(ok)},
		"GET /api/v1/municipalities/{lgcode}":  {"/api/v1/municipalities/131113", nil, everyone(ok)},
		"GET /api/v1/skills":                   {"/api/v1/skills", nil, everyone(ok)},
		"GET /api/v1/sdgs":                     {"/api/v1/sdgs", nil, everyone(ok)},
		"POST /api/v1/credentials/verify":      {"/api/v1/credentials/verify", url.Values{}, everyone(allowed)},
		"/api/":                                {"/api/v1/nothing", nil, everyone(missing)},
		"GET /healthz":                         {"/healthz", nil, everyone(allowed)},
		"/":                                    {"/nothing-here", nil, everyone(missing)},
	}
	// Another municipality's pages are 404 to Ota's staff; unknown codes are
	// 404 to everyone.
	extra := []struct {
		path string
		want map[string]int
	}{
		{"/admin/152137/audit", only(forbidden)},
		{"/admin/131113/programs/tsubame-2026/entries", func() map[string]int {
			m := only(missing, screeners...)
			return m
		}()},
		{"/admin/999997/audit", everyone(missing)},
		{"/admin/152137/programs/tsubame-2026/entries", only(forbidden)},
		{"/admin/152137/legal", only(forbidden)}, // Tsubame's staff are not its admins
		{"/municipalities/999997/privacy", everyone(missing)},
	}
	extra[3].want["tsubame-staff"] = ok

	for _, r := range w.app.routeTable() {
		if _, ok := cases[r.pattern]; !ok {
			t.Errorf("route %q has no expectation in the role-by-route table", r.pattern)
		}
	}
	for pattern := range cases {
		found := false
		for _, r := range w.app.routeTable() {
			found = found || r.pattern == pattern
		}
		if !found {
			t.Errorf("expectation for %q, which is not a route", pattern)
		}
	}

	for _, role := range roleNames {
		c := w.browser(t)
		if role != "anonymous" {
			email := role + "@roles.example.jp"
			c = w.signedIn(t, email, "役割 "+role)
			member := map[string]struct {
				role domain.Role
				org  string
			}{
				"leader": {domain.RoleLeaderTalent, "office"}, "owner": {domain.RoleBusinessOwner, "business"},
				"partner": {domain.RolePartnerStaff, "partner"}, "staff": {domain.RoleMunicipalityStaff, "office"},
				"admin": {domain.RoleMunicipalityAdmin, "office"}, "tsubame-staff": {domain.RoleMunicipalityStaff, "tsubame"},
			}[role]
			if member.role != "" {
				creds, err := w.st.Credentials(ctx, email)
				must(t, err)
				must(t, w.st.AddMembership(ctx, &domain.Membership{UserID: creds.User.ID,
					OrganizationID: orgs[member.org].ID, Role: member.role}))
			}
		}
		check := func(method, path string, form url.Values, want int) {
			t.Helper()
			status, body, _ := send(t, c, method, w.srv.URL+path, form)
			switch {
			case want == allowed && (status == forbidden || status >= 500):
				t.Errorf("%s %s %s: %d, want it let through", role, method, path, status)
			case want != allowed && status != want:
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
			method := "GET"
			if strings.HasPrefix(pattern, "POST ") {
				method = "POST"
			}
			if rc.form != nil && method == "GET" {
				t.Fatalf("%s: a form for a GET", pattern)
			}
			if pattern == "POST /logout" || pattern == "POST /me/sessions/end" {
				continue // checked last, since they end the session
			}
			check(method, rc.path, rc.form, rc.want[role])
		}
		for _, x := range extra {
			check("GET", x.path, nil, x.want[role])
		}
		if role != "anonymous" { // the board shows the entrant to those who may see it
			status, body, _ := send(t, c, "GET", w.srv.URL+board+"/entries", nil)
			if status == ok && !strings.Contains(body, "秘密 太郎") {
				t.Errorf("%s: the board does not show the entrant", role)
			}
		}
		check("POST", "/me/sessions/end", url.Values{}, cases["POST /me/sessions/end"].want[role])
		check("POST", "/logout", url.Values{}, allowed)
	}
}
