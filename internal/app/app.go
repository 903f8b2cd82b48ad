// Package app is Tsunagu's application layer: the workflow of a program,
// from a published project to a completed team, as services by capability.
// A service method authorizes the principal, opens one transaction,
// changes data through the store, and, in the same transaction, records
// its side effects: audit lines, notices, mails and their delivery jobs.
// A change therefore never commits without its mail or its audit line.
//
// Handlers (internal/web), commands (cmd/tsunagu) and background jobs
// (internal/jobs) call the services; the store below only persists.
package app

import (
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Config is what the services need from the process that runs them.
type Config struct {
	Store   *store.Store
	Catalog *i18n.Catalog
	Mail    *mail.Templates
	// BaseURL is where people reach the site, for links in mails.
	BaseURL string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Ref is the reference data (municipalities, skills, SDGs) that the
	// catalogue checks filters against and matching places talents by.
	Ref *refdata.Data
	// Search parses the catalogue's search text (the Japanese analyser,
	// loading in the background).
	Search *search.Lazy
	// Keys seals the municipalities' private signing keys; without it
	// credentials are verified but not issued.
	Keys *keyring.Ring
	// Fetch configures how credentials of registered instances are
	// fetched; Fetch.Trusted defaults to the registry.
	Fetch credential.ResolverOptions
	// Metrics counts what the services do (entries submitted); nil
	// counts nothing.
	Metrics *metrics.Metrics
	// EntryWriters is how many entries the instance writes at once
	// (default 8), and EntryWait how long an entry waits for a turn
	// before it is answered busy (default 2 s): see admission.
	EntryWriters int
	EntryWait    time.Duration
}

// App holds the services. It is safe for concurrent use.
type App struct {
	st      *store.Store
	cat     *i18n.Catalog
	mail    *mail.Templates
	baseURL string
	now     func() time.Time
	ref     *refdata.Data
	search  *search.Lazy
	metrics *metrics.Metrics

	keys     *keyring.Ring
	issuer   *issuer.Issuer   // the municipalities' credentials
	verifier *issuer.Verifier // checks credentials of this hub and registered instances

	Accounts    *Accounts
	Members     *Members
	Talents     *Talents
	Hub         *Hub
	Catalogue   *Catalogue
	Community   *Community
	Insights    *Insights
	Programs    *Programs
	Projects    *Projects
	Imports     *Imports
	Pool        *Pool
	Screening   *Screening
	Entries     *Entries
	Allocation  *Allocation
	Agreements  *Agreements
	Engagements *Engagements
	Credentials *Credentials
	Threads     *Threads
	Orgs        *Organizations
}

// New builds the services over one store.
func New(cfg Config) *App {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	a := &App{st: cfg.Store, cat: cfg.Catalog, mail: cfg.Mail, baseURL: strings.TrimRight(cfg.BaseURL, "/"), now: now,
		ref: cfg.Ref, search: cfg.Search, keys: cfg.Keys, metrics: cfg.Metrics}
	if cfg.Fetch.Trusted == nil {
		cfg.Fetch.Trusted = issuer.Registered(cfg.Store)
	}
	a.issuer = issuer.New(cfg.Store, cfg.BaseURL, now, cfg.Keys)
	a.verifier = issuer.NewVerifier(a.issuer, credential.NewHTTPResolver(cfg.Fetch))
	a.Accounts, a.Members, a.Talents = &Accounts{app: a}, &Members{app: a}, &Talents{app: a}
	a.Hub, a.Catalogue, a.Community, a.Insights = &Hub{app: a}, &Catalogue{app: a}, &Community{app: a}, &Insights{app: a}
	a.Programs, a.Projects, a.Imports, a.Pool = &Programs{app: a}, &Projects{app: a}, &Imports{app: a}, &Pool{app: a}
	a.Screening, a.Allocation = &Screening{app: a}, &Allocation{app: a}
	a.Entries = &Entries{app: a, admit: newAdmission(cfg.EntryWriters, cfg.EntryWait)}
	a.Agreements, a.Engagements, a.Credentials = &Agreements{app: a}, &Engagements{app: a}, &Credentials{app: a}
	a.Threads = &Threads{app: a}
	a.Orgs = &Organizations{app: a}
	return a
}

// Now is the application's clock.
func (a *App) Now() time.Time { return a.now() }
