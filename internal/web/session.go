package web

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

const sessionUserKey = "user_id"

// newSessions keeps sessions in the database: 14 days at most, ending after
// 3 days without a visit. The cookie is HttpOnly, SameSite=Lax, and Secure
// when the site is served over HTTPS.
func newSessions(st *store.Store, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = st.Sessions()
	sm.Lifetime = 14 * 24 * time.Hour
	sm.IdleTimeout = 3 * 24 * time.Hour
	sm.Cookie.Name = "tsunagu_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = secure
	sm.HashTokenInStore = true
	return sm
}

// limits throttles failed logins per account and per client address, in
// separate limiters so a flood of addresses cannot push accounts out.
type limits struct {
	account, address *auth.Limiter
	hashing          chan struct{} // at most this many password hashes at once (32 MiB each)
}

func newLimits() *limits {
	return &limits{
		account: auth.NewLimiter(5, 15*time.Minute, nil),
		address: auth.NewLimiter(20, 15*time.Minute, nil),
		hashing: make(chan struct{}, 2),
	}
}

// hash runs a password hash or check within the concurrency cap.
func (l *limits) hash(ctx context.Context, fn func()) error {
	select {
	case l.hashing <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-l.hashing }()
	fn()
	return nil
}

// clientAddress is the client's address for throttling and the audit log:
// the peer, or the client a trusted proxy forwarded for (transport.go).
// IPv6 clients are grouped by their /64.
func clientAddress(r *http.Request) string {
	a := requestClient(r).addr
	switch {
	case !a.IsValid():
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			return r.RemoteAddr
		}
		return host
	case a.Is6():
		return netip.PrefixFrom(a, 64).Masked().String()
	}
	return a.String()
}

// userID is the signed-in user's id, or 0.
func (s *Server) userID(r *http.Request) int64 {
	return s.sessions.GetInt64(r.Context(), sessionUserKey)
}

// signIn starts a fresh session for the user (a new token, so a token
// planted before login is useless).
func (s *Server) signIn(r *http.Request, userID int64) error {
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	s.sessions.Put(r.Context(), sessionUserKey, userID)
	return nil
}

// safeNext keeps a post-login destination only when it is a path on this
// site, so a link cannot send people elsewhere after they sign in.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") ||
		strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/me"
	}
	return u.RequestURI()
}

// hashPassword hashes a new password within the concurrency cap.
func (s *Server) hashPassword(ctx context.Context, password string) (string, error) {
	var hash string
	var err error
	if capErr := s.limits.hash(ctx, func() { hash, err = auth.HashPassword(password, auth.DefaultParams()) }); capErr != nil {
		return "", capErr
	}
	return hash, err
}
