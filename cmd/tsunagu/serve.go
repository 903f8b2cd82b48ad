package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/jobs"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/web"
)

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var s settings
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	s.keyFileFlag(fs, getenv)
	fs.BoolVar(&s.demo, "demo", false, "load the Ota demo when the database is empty")
	fs.StringVar(&s.dbRead, "db-read", getenv("TSUNAGU_DB_READ"), "a PostgreSQL hot standby of --db, postgres://…, "+
		"for visitors' reads of the public pages (default: every read from --db)")
	var baseURL, smtpURL, contact string
	fs.StringVar(&smtpURL, "smtp", getenv("TSUNAGU_SMTP"), "SMTP server for mail, e.g. smtp://user:pass@host:587?from=noreply@example.jp (default: keep mail in the outbox)")
	fs.StringVar(&baseURL, "base-url", getenv("TSUNAGU_BASE_URL"), "where people reach the site, for links in mails (default http://ADDR)")
	fs.StringVar(&contact, "contact", getenv("TSUNAGU_CONTACT"), "the operator's email address, shown on /contact and in the privacy notice")
	var metricsAddr string
	fs.StringVar(&metricsAddr, "metrics-addr", getenv("TSUNAGU_METRICS_ADDR"), "address of a second listener that serves "+
		"only Prometheus metrics at /metrics; keep it off the public network (default: off)")
	var proxies proxyList
	fs.Var(&proxies, "trusted-proxy", "a reverse proxy (CIDR range or address; repeat or separate with commas) whose "+
		"X-Forwarded-For and X-Forwarded-Proto are believed (default: none, or TSUNAGU_TRUSTED_PROXY)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := proxies.fromEnv(getenv("TSUNAGU_TRUSTED_PROXY")); err != nil {
		return &usageError{err.Error()}
	}
	if s.dbRead != "" && !strings.HasPrefix(s.db, "postgres://") && !strings.HasPrefix(s.db, "postgresql://") {
		return &usageError{"--db-read (TSUNAGU_DB_READ) needs PostgreSQL: set --db to postgres://…; " +
			"SQLite is one instance with its own read pool and has no replicas"}
	}
	log := newLogger(stderr)
	// Under the mix about 65 MB stays live (30 MB of it the Japanese
	// dictionary); a soft memory limit makes the collector work harder
	// before the heap doubles, so the server, with SQLite's own memory and
	// the mapped binary, stays near 200 MB resident. GOMEMLIMIT overrides it.
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}
	ref, err := refdata.Load()
	if err != nil {
		return err
	}
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	// The Japanese dictionary loads in the background; /healthz answers meanwhile.
	analyzer := search.NewLazy()
	keys, err := s.loadKeys(true, log)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, s, log)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := sealKeys(ctx, st, keys, log); err != nil {
		return err
	}
	st = st.WithIndexer(search.NewProjectIndexer(analyzer, ref))
	if s.demo {
		empty, err := st.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if empty {
			c, err := seed.Demo(ctx, st, ref, demo.DefaultSeed, time.Now())
			if err != nil {
				return err
			}
			log.Info("loaded the Ota demo", "rows", c.String())
			// Generating the demo leaves its garbage on the heap while the
			// dictionary loads; give it back so the server stays under 200 MB.
			debug.FreeOSMemory()
		}
	}
	go indexMissing(ctx, st, log)
	go st.Listen(ctx, log) // other instances' writes, on PostgreSQL
	var sender mail.Sender
	if smtpURL != "" {
		cfg, err := mail.ParseSMTPURL(smtpURL)
		if err != nil {
			return &usageError{err.Error()}
		}
		if sender, err = mail.NewSMTP(cfg); err != nil {
			return err
		}
	} else {
		log.Info("no SMTP server configured: mail stays in the outbox (see: tsunagu outbox)")
	}
	mailTemplates, err := mail.LoadTemplates()
	if err != nil {
		return err
	}
	// Metrics, when asked for, have a listener of their own, so they are
	// never served to the public.
	var m *metrics.Metrics
	var metricsLn net.Listener
	if metricsAddr != "" {
		m = metrics.New()
		if err := m.WatchPools(poolsOf(st)); err != nil {
			return err
		}
		if metricsLn, err = net.Listen("tcp", metricsAddr); err != nil {
			return err
		}
		defer metricsLn.Close()
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return err
	}
	if baseURL == "" {
		baseURL = "http://" + ln.Addr().String()
	}
	st, services, stopJobs, err := startServices(ctx, st,
		app.Config{Catalog: cat, Mail: mailTemplates, BaseURL: baseURL, Ref: ref, Search: analyzer, Keys: keys, Metrics: m},
		jobs.Options{Sender: sender, Log: log, Metrics: m})
	if err != nil {
		ln.Close()
		return err
	}
	defer stopJobs()
	// The demo's 2021 credentials are dated as they were issued, and the
	// demo talent's is public; then completed engagements without
	// credentials (work completed before an upgrade) get theirs from the
	// host municipality.
	if n, err := seed.IssueDemoCredentials(ctx, st, baseURL, keys); err != nil {
		ln.Close()
		return err
	} else if n > 0 {
		log.Info("issued the demo's experience credentials", "count", n, "issuer", baseURL)
	}
	if n, err := issuer.New(st, baseURL, time.Now, keys).IssueMissing(ctx); err != nil {
		ln.Close()
		return err
	} else if n > 0 {
		log.Info("issued experience credentials", "count", n, "issuer", baseURL)
	}
	srv, err := web.New(web.Config{App: services, Ref: ref, Catalog: cat, Search: analyzer, Logger: log, Version: Version,
		BaseURL: baseURL, SecureCookies: strings.HasPrefix(baseURL, "https://"), Contact: contact,
		TrustedProxies: proxies.prefixes, Metrics: m})
	if err != nil {
		ln.Close()
		return err
	}
	if len(proxies.prefixes) > 0 {
		log.Info("believing X-Forwarded-For and X-Forwarded-Proto from trusted proxies", "proxies", proxies.String())
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 1 << 16}
	servers := []*http.Server{hs}
	errc := make(chan error, 2)
	if m != nil {
		ms := metricsServer(m, log)
		servers = append(servers, ms)
		fmt.Fprintf(stdout, "Metrics at http://%s/metrics\n", metricsLn.Addr())
		go func() { errc <- ms.Serve(metricsLn) }()
	}
	fmt.Fprintf(stdout, "Tsunagu is serving at http://%s\n", ln.Addr())
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		for _, x := range servers {
			x.Close()
		}
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var errs []error
	for _, x := range servers {
		errs = append(errs, x.Shutdown(shutdownCtx))
	}
	for range servers {
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// metricsServer serves /metrics and Go's profiles (/debug/pprof/) for the
// operators; every other path is 404. It runs on the --metrics-addr
// listener, apart from the public site, which never serves either.
func metricsServer(m *metrics.Metrics, log *slog.Logger) *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler(log))
	mux.HandleFunc("GET /debug/pprof/profile", cpuProfile)
	mux.HandleFunc("GET /debug/pprof/{name}", namedProfile)
	// A CPU profile takes as long as it is asked to (seconds=…).
	return &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 1 << 16}
}

// poolsOf reads the store's connection pools for the metrics.
func poolsOf(st *store.Store) func() []metrics.Pool {
	return func() []metrics.Pool {
		stats := st.PoolStats()
		out := make([]metrics.Pool, 0, len(stats))
		for name, s := range stats {
			out = append(out, metrics.Pool{Name: name, Stats: s})
		}
		return out
	}
}

// indexMissing indexes projects that have no search terms (after an
// upgrade), logging progress; the server answers meanwhile.
func indexMissing(ctx context.Context, st *store.Store, log *slog.Logger) {
	n, err := st.Projects().IndexMissing(ctx, func(done, total int) {
		if done%500 == 0 || done == total {
			log.Info("indexing projects for search", "done", done, "total", total)
		}
	})
	if err != nil && ctx.Err() == nil {
		log.Error("indexing projects for search", "err", err)
	} else if n > 0 {
		log.Info("indexed projects for search", "count", n)
	}
}
