package web

import (
	"net/http"
	"strings"
)

// privateRoute reports whether no cache, the browser's or a proxy's, may
// keep a route's answers, because they concern one person or the staff's
// work: a person's own pages and downloads, the account forms (they carry
// tokens), a program's entry form and the entry API, the staff's API (a
// program's entries, a team's reports), agreements, team workspaces, the
// conversations about entries and scouts, credentials, event pages (the
// online link shows to those coming) and every staff page and download
// (CSV, JSON, the A4 report).
func privateRoute(pattern string) bool {
	method, path, found := strings.Cut(pattern, " ")
	if !found {
		method, path = "", pattern
	}
	if strings.HasSuffix(path, "/entry") || strings.HasSuffix(path, "/entry/done") || (method == "POST" && strings.HasPrefix(path, "/api/") && strings.HasSuffix(path, "/entries")) {
		return true
	}
	// The staff's API: a program's entries and their moves, a team's reports.
	if (strings.HasPrefix(path, "/api/v1/municipalities/") && strings.Contains(path, "/entries")) ||
		strings.HasPrefix(path, "/api/v1/engagements/") {
		return true
	}
	for _, p := range []string{"/me", "/admin", "/signup", "/login", "/logout", "/password", "/verify", "/invite"} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	for _, p := range []string{"/agreements/", "/engagements/", "/credentials/", "/events/", "/entries/", "/scouts/"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// noStore marks a private route's answers, error pages included,
// Cache-Control: no-store.
func noStore(pattern string, next http.Handler) http.Handler {
	if !privateRoute(pattern) {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
