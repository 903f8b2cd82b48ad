package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestOnlyPublicRoutesMayBeCached walks the route table: these routes may
// be kept by a cache; every other route is private (Cache-Control:
// no-store). A new public route is added here on purpose.
func TestOnlyPublicRoutesMayBeCached(t *testing.T) {
	public := map[string]bool{
		"GET /{$}": true, "GET /programs/{slug}": true, "GET /projects": true, "GET /projects/{id}": true,
		"GET /hometown": true, "GET /municipalities/{lgcode}": true, "GET /organizations/{id}": true, "GET /stories": true, "GET /stories/{id}": true,
		"GET /.well-known/jwks.json": true, "GET /issuers/{lgcode}": true, "GET /status/{lgcode}": true,
		"GET /events": true, "GET /ideas": true, "POST /ideas": true, "POST /ideas/{id}/support": true,
		"POST /projects/{id}/bookmark": true, "GET /static/": true, "GET /assets/sdgs.css": true,
		"GET /assets/municipalities.css": true, "GET /api/v1/openapi.json": true, "GET /api/v1/programs": true,
		"GET /api/v1/programs/{slug}": true, "GET /api/v1/projects": true, "GET /api/v1/projects/{id}": true,
		"GET /api/v1/municipalities": true, "GET /api/v1/municipalities/{lgcode}": true, "GET /api/v1/skills": true,
		"GET /api/v1/sdgs": true, "POST /api/v1/credentials/verify": true, "/api/": true, "GET /healthz": true, "GET /readyz": true, "/": true,
		"GET /privacy": true, "GET /terms": true, "GET /contact": true, "GET /municipalities/{lgcode}/privacy": true,
		"GET /municipalities/{lgcode}/terms": true, "GET /municipalities/{lgcode}/contact": true,
	}
	w := newWorld(t)
	for _, r := range w.app.routeTable() {
		if got := privateRoute(r.pattern); got == public[r.pattern] {
			t.Errorf("%s: private %v", r.pattern, got)
		}
	}
}

// TestPrivateAnswersAreNotStored checks real answers: a person's pages and
// downloads, staff pages and their CSV and JSON downloads, the entry form,
// sign-in pages and even a refusal carry Cache-Control: no-store; public
// pages do not.
func TestPrivateAnswersAreNotStored(t *testing.T) {
	w := newWorld(t)
	talent := w.signedIn(t, "talent@example.jp", "人材 一郎")
	office := w.orgNamed(t, "大田区 産業経済部")
	_, admin := w.member(t, "admin@city.example.jp", "区 管理者", domain.RoleMunicipalityAdmin, office.ID)
	board := "/admin/131113/programs/ota-sdgs-2021"
	cases := []struct {
		client *http.Client
		path   string
		status int
	}{
		{talent, "/me", 200},
		{talent, "/me/profile", 200},
		{talent, "/me/data", 200},
		{talent, "/me/notifications", 200},
		{talent, "/programs/ota-sdgs-2026/entry", 200},      // no profile yet: typed first, the profile on the way
		{talent, "/programs/ota-sdgs-2026/entry/done", 404}, // not entered
		{talent, "/admin/131113/export", 403},
		{admin, "/admin", 200},
		{admin, "/admin/131113/export", 200},
		{admin, board + "/entries", 200},
		{admin, board + "/entries.csv", 200},
		{admin, board + "/entries.csv?encoding=sjis", 200},
		{admin, "/admin/131113/dashboard.csv?table=funnel", 200},
		{admin, "/admin/131113/dashboard/report", 200},
		{admin, "/api/v1/municipalities/131113/programs/ota-sdgs-2021/entries", 200},
		{w.browser(t), "/api/v1/engagements/1/reports", 401},
		{w.browser(t), "/login", 200},
		{w.browser(t), "/password/reset?token=nope", 200},
		{w.browser(t), "/me", 303},
		{w.browser(t), "/admin/131113/audit", 303},
		{w.browser(t), "/engagements/1", 303},
		{w.browser(t), "/agreements/1", 303},
	}
	for _, tc := range cases {
		status, _, h := send(t, tc.client, "GET", w.srv.URL+tc.path, nil)
		if status != tc.status || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %q, want %d no-store", tc.path, status, h.Get("Cache-Control"), tc.status)
		}
	}
	status, _, h := request(t, w.browser(t), "POST", w.srv.URL+"/api/v1/programs/ota-sdgs-2026/entries", "application/json",
		[]byte(`{}`), nil)
	if status != 401 || h.Get("Cache-Control") != "no-store" {
		t.Errorf("entry API: %d %q", status, h.Get("Cache-Control"))
	}
	for _, path := range []string{"/", "/projects", fmt.Sprintf("/projects/%d", w.shop.ID), "/api/v1/projects"} {
		status, _, h := send(t, talent, "GET", w.srv.URL+path, nil)
		if status != 200 || strings.Contains(h.Get("Cache-Control"), "no-store") {
			t.Errorf("%s: %d %q", path, status, h.Get("Cache-Control"))
		}
	}
}
