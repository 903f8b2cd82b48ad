// Package web serves Tsunagu over HTTP: server-rendered HTML pages that work
// without JavaScript, the JSON API under /api/v1 and the health endpoint.
// routes.go is the one route table; errors.go maps error codes to statuses.
package web

import (
	"context"
	"fmt"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"log/slog"
	"net/http"
	netmail "net/mail"
	"net/netip"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/japanmap"
	"github.com/tsunagu-hub/tsunagu/internal/legal"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
)

// Config is what the server needs, wired by hand in cmd/tsunagu.
type Config struct {
	// App is the application layer the handlers call (required).
	App     *app.App
	Ref     *refdata.Data
	Catalog *i18n.Catalog
	Search  *search.Lazy // the Japanese analyser, loading in the background
	Logger  *slog.Logger
	Version string
	Now     func() time.Time // defaults to time.Now
	// BaseURL is where people reach the site, for links in mails.
	BaseURL string
	// SecureCookies marks the session cookie Secure (the site is on HTTPS).
	SecureCookies bool
	// TrustedProxies are the peers whose X-Forwarded-For and
	// X-Forwarded-Proto are believed (transport.go).
	TrustedProxies []netip.Prefix
	// CacheMaxAge bounds how long a public page is served from memory
	// when no change is seen; 0 means one second.
	CacheMaxAge time.Duration
	// Contact is the operator's email address, shown on the hub's contact
	// page and privacy notice (and by municipalities that have not written
	// their own contact page yet).
	Contact string
	// Metrics records each request's latency and status by route pattern
	// and the page cache's hits; nil records nothing.
	Metrics *metrics.Metrics
}

// Server is the web side of Tsunagu: the route table and the middleware
// around it (server.go, routes.go, middleware.go …). The handlers are
// methods of handler groups by capability (accountPages, teamPages …),
// which share the kit: the dependencies and the helpers every handler
// uses (rendering, errors, language, access checks, views).
type Server struct{ *kit }

// kit holds the parsed templates, the dependencies of every handler and
// the helpers they share.
type kit struct {
	app     *app.App
	ref     *refdata.Data
	cat     *i18n.Catalog
	search  *search.Lazy
	log     *slog.Logger
	version string
	now     func() time.Time
	pages   *pages
	cache   *pageCache
	// lists keeps the project list's pages and API answers while the
	// catalogue's model is unchanged (cache_lists.go).
	lists   *pageCache
	metrics *metrics.Metrics
	japan   *japanmap.Renderer // the map of Japan, projected once

	verifyLimit *auth.RateLimiter // per client address, on the verify endpoints

	sdgCSSBytes []byte

	sessions  *scs.SessionManager
	legal     *legal.Defaults // the default privacy notice, terms of use and contact
	contact   string          // the operator's email address
	proxies   []netip.Prefix  // trusted proxies
	httpsBase bool            // the base URL is https
}

// New parses the templates (failing fast on any error) and returns a server.
func New(cfg Config) (*Server, error) {
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	if cfg.App == nil {
		return nil, fmt.Errorf("web: no application layer configured")
	}
	docs, err := legal.LoadDefaults()
	if err != nil {
		return nil, err
	}
	if a, err := netmail.ParseAddress(cfg.Contact); cfg.Contact != "" && (err != nil || a.Address != cfg.Contact) {
		return nil, fmt.Errorf("web: the contact %q is not an email address", cfg.Contact)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	log := slog.New(slog.DiscardHandler)
	if cfg.Logger != nil {
		// Every line logged while serving a request carries its id.
		log = slog.New(withRequestIDs(cfg.Logger.Handler()))
	}
	services := cfg.App
	return &Server{&kit{app: services, ref: cfg.Ref, cat: cfg.Catalog, search: cfg.Search, log: log,
		version: cfg.Version, now: now, pages: p, sdgCSSBytes: sdgStyles(cfg.Ref), metrics: cfg.Metrics,
		cache: newPageCache(services.Version, time.Now, cfg.CacheMaxAge, cfg.Metrics), japan: japanmap.New(cfg.Ref),
		lists:       newListCache(services, cfg.Metrics),
		verifyLimit: auth.NewRateLimiter(verifyBurst, verifyEvery, nil), sessions: newSessions(services.Sessions(), cfg.SecureCookies),
		legal: docs, contact: cfg.Contact, proxies: cfg.TrustedProxies,
		httpsBase: strings.HasPrefix(cfg.BaseURL, "https://")}}, nil
}

// Handler returns the whole HTTP handler with its middleware: the request
// gets its id (and, with metrics, its latency and status are recorded),
// the client is identified (through trusted proxies), security headers go
// on every response, sessions are loaded and saved, cross-origin form
// posts are refused with a translated page, and panics become a 500 page.
func (s *Server) Handler() http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, s.language(w, r), domain.Errorf(domain.CodeForbidden, "error.cross_origin"))
	}))
	mux := s.routes()
	return s.trace(mux, s.identifyClient(s.securityHeaders(s.sessions.LoadAndSave(s.expireIdleStaff(
		s.withPrincipal(csrf.Handler(s.recoverPanics(mux))))))))
}

// ping reports whether the database answers, for /healthz.
func (s *Server) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return s.app.Ping(ctx)
}

// sdgStyles renders the SDGs colours from the reference data as CSS classes,
// so the colours have one source and pages need no inline styles.
func sdgStyles(ref *refdata.Data) []byte {
	var b []byte
	for _, g := range ref.SDGs() {
		b = fmt.Appendf(b, ".sdg-%d{background:%s;color:%s}\n", g.Goal, g.Color, g.TextColor)
	}
	return b
}

func (s *Server) sdgCSS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(s.sdgCSSBytes)
}
