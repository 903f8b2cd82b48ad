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
	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/japanmap"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/legal"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Config is what the server needs, wired by hand in cmd/tsunagu.
type Config struct {
	Store   *store.Store
	Ref     *refdata.Data
	Catalog *i18n.Catalog
	Search  *search.Lazy // the Japanese analyser, loading in the background
	Logger  *slog.Logger
	Version string
	Now     func() time.Time // defaults to time.Now
	Mail    *mail.Templates  // account mails, queued in the outbox
	// BaseURL is where people reach the site, for links in mails.
	BaseURL string
	// SecureCookies marks the session cookie Secure (the site is on HTTPS).
	SecureCookies bool
	// TrustedProxies are the peers whose X-Forwarded-For and
	// X-Forwarded-Proto are believed (transport.go).
	TrustedProxies []netip.Prefix
	// Keys seals the municipalities' private signing keys in the database;
	// without it the server verifies credentials but cannot issue them.
	// Like Fetch, it configures the App that New builds when App is nil.
	Keys *keyring.Ring
	// Fetch configures how credentials of registered instances are
	// fetched; Fetch.Trusted defaults to the registry. Only tests set the
	// rest (a test CA, loopback addresses).
	Fetch credential.ResolverOptions
	// CacheMaxAge bounds how long a public page is served from memory
	// when no change is seen; 0 means one second.
	CacheMaxAge time.Duration
	// Contact is the operator's email address, shown on the hub's contact
	// page and privacy notice (and by municipalities that have not written
	// their own contact page yet).
	Contact string
	// App is the application layer the handlers call; New builds one over
	// Store when it is nil.
	App *app.App
}

// Server holds the parsed templates and the dependencies of every handler.
type Server struct {
	app     *app.App
	store   *store.Store
	ref     *refdata.Data
	cat     *i18n.Catalog
	search  *search.Lazy
	log     *slog.Logger
	version string
	now     func() time.Time
	pages   *pages
	cache   *pageCache
	japan   *japanmap.Renderer // the map of Japan, projected once
	issuer  *issuer.Issuer     // the municipalities' credentials, the services' issuer

	verifyLimit *auth.RateLimiter // per client address, on the verify endpoints

	sdgCSSBytes []byte

	sessions  *scs.SessionManager
	limits    *limits
	mail      *mail.Templates
	baseURL   string
	dummyHash string          // a hash to check against when an address has no account
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
	if cfg.Mail == nil {
		return nil, fmt.Errorf("web: no mail templates configured")
	}
	dummyHash, err := auth.HashPassword("no account has this password", auth.DefaultParams())
	if err != nil {
		return nil, err
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
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	services := cfg.App
	if services == nil {
		services = app.New(app.Config{Store: cfg.Store, Catalog: cfg.Catalog, Mail: cfg.Mail, BaseURL: cfg.BaseURL, Now: now,
			Ref: cfg.Ref, Search: cfg.Search, Keys: cfg.Keys, Fetch: cfg.Fetch})
	}
	return &Server{app: services, store: cfg.Store, ref: cfg.Ref, cat: cfg.Catalog, search: cfg.Search, log: log,
		version: cfg.Version, now: now, pages: p, sdgCSSBytes: sdgStyles(cfg.Ref),
		cache: newPageCache(cfg.Store.Version, time.Now, cfg.CacheMaxAge), japan: japanmap.New(cfg.Ref),
		issuer:      services.Credentials.Issuer(),
		verifyLimit: auth.NewRateLimiter(verifyBurst, verifyEvery, nil), sessions: newSessions(cfg.Store, cfg.SecureCookies),
		limits: newLimits(), mail: cfg.Mail, baseURL: strings.TrimRight(cfg.BaseURL, "/"),
		dummyHash: dummyHash, legal: docs, contact: cfg.Contact, proxies: cfg.TrustedProxies,
		httpsBase: strings.HasPrefix(cfg.BaseURL, "https://")}, nil
}

// Handler returns the whole HTTP handler with its middleware: the client
// is identified (through trusted proxies), security headers go on every
// response, sessions are loaded and saved, cross-origin form posts are
// refused with a translated page, and panics become a 500 page.
func (s *Server) Handler() http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, s.language(w, r), domain.Errorf(domain.CodeForbidden, "error.cross_origin"))
	}))
	return s.identifyClient(s.securityHeaders(s.sessions.LoadAndSave(s.expireIdleStaff(s.withPrincipal(csrf.Handler(s.recoverPanics(s.routes())))))))
}

// ping reports whether the database answers, for /healthz.
func (s *Server) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return s.store.Ping(ctx)
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
