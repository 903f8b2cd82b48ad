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

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
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
}

// App holds the services. It is safe for concurrent use.
type App struct {
	st      *store.Store
	cat     *i18n.Catalog
	mail    *mail.Templates
	baseURL string
	now     func() time.Time

	Screening   *Screening
	Entries     *Entries
	Engagements *Engagements
}

// New builds the services over one store.
func New(cfg Config) *App {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	a := &App{st: cfg.Store, cat: cfg.Catalog, mail: cfg.Mail, baseURL: strings.TrimRight(cfg.BaseURL, "/"), now: now}
	a.Screening = &Screening{app: a}
	a.Entries = &Entries{app: a}
	a.Engagements = &Engagements{app: a}
	return a
}

// Now is the application's clock.
func (a *App) Now() time.Time { return a.now() }
