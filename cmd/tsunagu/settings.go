package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/jobs"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/web"
)

// settings are the options shared by the commands that touch the database.
type settings struct {
	addr, data, db string
	dbRead         string // a PostgreSQL standby for the public pages' reads (serve)
	keyFile        string // seals the issuers' signing keys (commands that sign or migrate)
	demo           bool
}

// flags registers the shared options on fs, with defaults from the environment.
func (s *settings) flags(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&s.addr, "addr", envOr(getenv, "TSUNAGU_ADDR", "127.0.0.1:8080"), "address to listen on")
	fs.StringVar(&s.data, "data", envOr(getenv, "TSUNAGU_DATA", "./tsunagu-data"), "data directory (holds the SQLite file)")
	fs.StringVar(&s.db, "db", getenv("TSUNAGU_DB"), "database URL: postgres://… (default: embedded SQLite)")
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// parse reads flags and turns flag errors into usage errors (exit code 2).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// openStore opens and migrates the database the settings name.
func openStore(ctx context.Context, s settings, log *slog.Logger) (*store.Store, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var opts []store.Option
	if s.dbRead != "" {
		opts = append(opts, store.ReadReplica(s.dbRead))
	}
	st, err := store.Open(ctx, s.db, s.data, opts...)
	if err != nil {
		return nil, err
	}
	n, err := migrateAll(ctx, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	log.Info("database ready", "engine", st.Engine(), "migrations_applied", n)
	if rs := st.ReplicaStats(); rs.Configured && rs.Up {
		log.Info("visitors' public pages read from the replica", "replica", redactedURL(s.dbRead))
	} else if rs.Configured {
		log.Warn("the read replica does not answer: its reads go to the primary until it does", "replica", redactedURL(s.dbRead))
	}
	return st, nil
}

// migrateAll applies the store's migrations and the job queue's under one
// migration lock, so instances that start at once migrate one after
// another and those that waited find nothing left to do.
func migrateAll(ctx context.Context, st *store.Store) (n int, err error) {
	locked, unlock, err := st.LockMigrations(ctx)
	if err != nil {
		return 0, err
	}
	defer func() { err = errors.Join(err, unlock()) }()
	if n, err = locked.Migrate(ctx); err != nil {
		return n, err
	}
	return n, jobs.Migrate(ctx, locked)
}

// redactedURL shows a database URL without its password.
func redactedURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(not a URL)"
	}
	return u.Redacted()
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// proxyList is the repeatable --trusted-proxy flag; TSUNAGU_TRUSTED_PROXY
// counts only when no flag is given.
type proxyList struct {
	prefixes []netip.Prefix
	set      bool
}

func (p *proxyList) String() string {
	if p == nil {
		return ""
	}
	s := make([]string, len(p.prefixes))
	for i, x := range p.prefixes {
		s[i] = x.String()
	}
	return strings.Join(s, ",")
}

func (p *proxyList) Set(v string) error {
	more, err := web.ParseTrustedProxies([]string{v})
	if err != nil {
		return err
	}
	p.prefixes, p.set = append(p.prefixes, more...), true
	return nil
}

// fromEnv reads the environment's list when no flag gave one.
func (p *proxyList) fromEnv(v string) error {
	if p.set || v == "" {
		return nil
	}
	return p.Set(v)
}
