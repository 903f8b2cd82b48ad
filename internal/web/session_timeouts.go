package web

import (
	"net/http"
	"time"
)

// Sessions of people who work with others' data (anyone with a membership:
// staff, partners, leaders, business owners) end sooner than a talent's:
// after staffSessionLifetime at most, and after staffIdleTimeout without a
// request (OWASP ASVS 3.3.2, level 2). A talent, who sees only their own
// data, keeps the longer session of newSessions.
const (
	staffSessionLifetime = 12 * time.Hour
	staffIdleTimeout     = 30 * time.Minute
	// lastSeenStep is how stale the recorded last request may get before
	// it is written again, so a busy page does not save the session on
	// every request.
	lastSeenStep = time.Minute
)

// Session values for the shorter staff session (the last request is kept
// as Unix seconds: the session codec stores only registered types).
const (
	sessionStaffKey    = "staff"
	sessionLastSeenKey = "last_seen"
)

// markStaff shortens the current session to the staff limits. It is
// called on sign-in for a person with a membership, and when someone
// signed in receives one.
func (s *kit) markStaff(r *http.Request) {
	ctx := r.Context()
	s.sessions.Put(ctx, sessionStaffKey, true)
	s.sessions.Put(ctx, sessionLastSeenKey, s.now().Unix())
	// scs compares deadlines with the wall clock, so this one uses it too.
	if deadline := time.Now().Add(staffSessionLifetime); deadline.Before(s.sessions.Deadline(ctx)) {
		s.sessions.SetDeadline(ctx, deadline)
	}
}

// expireIdleStaff ends a staff session that saw no request for
// staffIdleTimeout; the request then goes on as a visitor's (and a page
// that needs a signed-in person sends them to log in).
func (s *Server) expireIdleStaff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if s.sessions.GetBool(ctx, sessionStaffKey) {
			now := s.now()
			last := time.Unix(s.sessions.GetInt64(ctx, sessionLastSeenKey), 0)
			switch {
			case now.Sub(last) > staffIdleTimeout:
				if err := s.sessions.Destroy(ctx); err != nil {
					s.renderError(w, r, s.language(w, r), err)
					return
				}
			case now.Sub(last) > lastSeenStep:
				s.sessions.Put(ctx, sessionLastSeenKey, now.Unix())
			}
		}
		next.ServeHTTP(w, r)
	})
}

// clearSiteData asks the browser to drop what it kept of the signed-in
// pages (cached copies, storage) when a session ends (ASVS 8.2.3).
func clearSiteData(w http.ResponseWriter) {
	w.Header().Set("Clear-Site-Data", `"cache", "storage"`)
}
