package web

import (
	"context"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
)

// Session values: the signed-in user, and the generation of their
// sessions this one began in (see store.Sessions.EndEvery).
const (
	sessionUserKey       = "user_id"
	sessionGenerationKey = "generation"
)

// newSessions keeps sessions in the database: 14 days at most, ending after
// 3 days without a visit (staff sessions end sooner, session_timeouts.go).
// The cookie is HttpOnly, SameSite=Lax, and over HTTPS Secure with the
// __Host- prefix, so no subdomain and no plain-http page can set or read it.
func newSessions(rows app.SessionRows, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = sessionStore{rows: rows, codec: sm.Codec}
	sm.Lifetime = 14 * 24 * time.Hour
	sm.IdleTimeout = 3 * 24 * time.Hour
	sm.Cookie.Name = "tsunagu_session"
	if secure {
		sm.Cookie.Name = "__Host-tsunagu_session"
	}
	sm.Cookie.Path = "/"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = secure
	sm.HashTokenInStore = true
	return sm
}

// sessionStore adapts the store's session rows to the session manager. It
// reads whose session it is from the session's own data each time the
// session is saved, so the row always names its owner, and every session
// of a person can be found and ended.
type sessionStore struct {
	rows  app.SessionRows
	codec scs.Codec
}

// FindCtx returns a live session's data. A session saved before owners
// were recorded is adopted by the user its data names, or is gone.
func (ss sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	f, found, err := ss.rows.Find(ctx, token)
	if err != nil || !found || !f.Legacy {
		return f.Data, found, err
	}
	owner, err := ss.owner(f.Data)
	if err != nil || owner.UserID == 0 {
		return nil, false, ss.rows.Delete(ctx, token)
	}
	adopted, err := ss.rows.Adopt(ctx, token, owner.UserID)
	return f.Data, adopted, err
}

// CommitCtx saves a session with its owner.
func (ss sessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	owner, err := ss.owner(data)
	if err != nil {
		return err
	}
	return ss.rows.Save(ctx, token, data, expiry, owner)
}

// DeleteCtx ends a session.
func (ss sessionStore) DeleteCtx(ctx context.Context, token string) error {
	return ss.rows.Delete(ctx, token)
}

// Find, Commit and Delete are the context-free forms scs.Store asks for.
func (ss sessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

// Commit saves a session without a request context.
func (ss sessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, data, expiry)
}

// Delete ends a session without a request context.
func (ss sessionStore) Delete(token string) error { return ss.DeleteCtx(context.Background(), token) }

// owner reads whose session the encoded data is.
func (ss sessionStore) owner(data []byte) (app.SessionOwner, error) {
	_, values, err := ss.codec.Decode(data)
	if err != nil {
		return app.SessionOwner{}, err
	}
	userID, _ := values[sessionUserKey].(int64)
	generation, _ := values[sessionGenerationKey].(int64)
	return app.SessionOwner{UserID: userID, Generation: generation}, nil
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
func (s *kit) userID(r *http.Request) int64 {
	return s.sessions.GetInt64(r.Context(), sessionUserKey)
}

// signIn starts a fresh session for the user (a new token, so a token
// planted before login is useless), in the current generation of their
// sessions: ending them all later ends this one too.
func (s *kit) signIn(r *http.Request, userID int64) error {
	generation, member, err := s.app.Accounts.SignInState(r.Context(), userID)
	if err != nil {
		return err
	}
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	s.sessions.Put(r.Context(), sessionUserKey, userID)
	s.sessions.Put(r.Context(), sessionGenerationKey, generation)
	if member {
		s.markStaff(r)
	}
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
