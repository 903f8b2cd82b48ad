// Package metrics keeps Tsunagu's Prometheus metrics: one registry of its
// own (never the library's global default) with the collectors of the
// serving process, and the handler that exposes them. The places that
// count get the *Metrics through their constructors or configuration; a
// nil *Metrics counts nothing, so a process without --metrics-addr pays
// nothing for them.
//
// What it measures: request latency per route pattern and answers per
// route pattern and status; the database pools; the job queue's depth by
// state, its failures and retries; mail sent and failed; page-cache hits
// and misses; entries submitted. The routes are always labelled by the
// pattern of the route table, never by the requested path, so the number
// of series stays bounded whatever clients ask for.
package metrics

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// namespace prefixes every metric of the program.
const namespace = "tsunagu"

// Metrics is the registry and the instruments the program updates. Its
// methods are safe for concurrent use and do nothing on a nil *Metrics.
type Metrics struct {
	reg *prometheus.Registry

	duration  *prometheus.HistogramVec // request latency by route pattern
	responses *prometheus.CounterVec   // answers by route pattern and status
	cache     *prometheus.CounterVec   // page-cache lookups by result
	entries   prometheus.Counter       // entries submitted (created)
	mail      *prometheus.CounterVec   // mail handed to the SMTP server, by result
	failures  *prometheus.CounterVec   // jobs that failed for good, by kind
	retries   *prometheus.CounterVec   // failed attempts that will run again, by kind
}

// New makes a registry with the program's instruments and the Go runtime
// and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Subsystem: "http", Name: "request_duration_seconds",
			Help:    "Time to answer a request, by route pattern of the route table.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		responses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "http", Name: "responses_total",
			Help: "Answers sent, by route pattern of the route table and status code.",
		}, []string{"route", "code"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "page_cache", Name: "lookups_total",
			Help: "Public pages looked up in the page cache, by result (hit: served from memory; miss: rendered).",
		}, []string{"result"}),
		entries: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Name: "entries_submitted_total",
			Help: "Entries submitted to a program (a repeated submission with the same idempotency key is not counted).",
		}),
		mail: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "mail", Name: "deliveries_total",
			Help: "Mail handed to the SMTP server, by result (sent, failed).",
		}, []string{"result"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "jobs", Name: "failures_total",
			Help: "Background jobs that failed for good (discarded after their last attempt, or cancelled), by kind.",
		}, []string{"kind"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "jobs", Name: "retries_total",
			Help: "Failed attempts of background jobs that will be tried again, by kind.",
		}, []string{"kind"}),
	}
	// Both results exist from the start, so a rate over them is defined
	// before the first miss or the first failure.
	for _, r := range []string{"hit", "miss"} {
		m.cache.WithLabelValues(r)
	}
	for _, r := range []string{"sent", "failed"} {
		m.mail.WithLabelValues(r)
	}
	m.reg.MustRegister(m.duration, m.responses, m.cache, m.entries, m.mail, m.failures, m.retries,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format. Concurrent
// scrapes share one collection, so the queries run per scrape (the job
// queue's counts) run once however many scrapers ask; a collector that
// fails is logged and left out rather than failing the whole answer.
func (m *Metrics) Handler(log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:            slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		ErrorHandling:       promhttp.ContinueOnError,
		Registry:            m.reg,
		MaxRequestsInFlight: 4,
		CoalesceGather:      true,
		Timeout:             10 * time.Second,
	})
}

// ObserveRequest records one answered request under its route pattern.
func (m *Metrics) ObserveRequest(route string, status int, took time.Duration) {
	if m == nil {
		return
	}
	m.duration.WithLabelValues(route).Observe(took.Seconds())
	m.responses.WithLabelValues(route, strconv.Itoa(status)).Inc()
}

// CacheHit records a public page served from the page cache.
func (m *Metrics) CacheHit() {
	if m != nil {
		m.cache.WithLabelValues("hit").Inc()
	}
}

// CacheMiss records a public page that had to be rendered.
func (m *Metrics) CacheMiss() {
	if m != nil {
		m.cache.WithLabelValues("miss").Inc()
	}
}

// EntrySubmitted records an entry that was created.
func (m *Metrics) EntrySubmitted() {
	if m != nil {
		m.entries.Inc()
	}
}

// MailSent records a mail the SMTP server accepted.
func (m *Metrics) MailSent() {
	if m != nil {
		m.mail.WithLabelValues("sent").Inc()
	}
}

// MailFailed records a mail the SMTP server refused or could not be
// reached for (a temporary failure is counted at each attempt).
func (m *Metrics) MailFailed() {
	if m != nil {
		m.mail.WithLabelValues("failed").Inc()
	}
}

// JobFailed records a failed attempt of a background job of the kind
// given: final when it will not run again (discarded or cancelled), a
// retry otherwise.
func (m *Metrics) JobFailed(kind string, final bool) {
	if m == nil {
		return
	}
	if final {
		m.failures.WithLabelValues(kind).Inc()
	} else {
		m.retries.WithLabelValues(kind).Inc()
	}
}

// Pool is one database connection pool's statistics under its name.
type Pool struct {
	Name  string
	Stats sql.DBStats
}

// WatchPools reports the pools that stats returns at every scrape
// (connections open, in use and idle, the limit, waits and closings).
func (m *Metrics) WatchPools(stats func() []Pool) error {
	if m == nil {
		return nil
	}
	return m.reg.Register(newPoolCollector(stats))
}

// WatchJobs reports, at every scrape, how many background jobs are in each
// state (available, scheduled, running, retryable …): the queue's depth.
// count runs with a deadline of a few seconds; when it fails the scrape
// goes on without these series.
func (m *Metrics) WatchJobs(count func(ctx context.Context) (map[string]int64, error)) error {
	if m == nil {
		return nil
	}
	if count == nil {
		return errors.New("metrics: no job counter")
	}
	return m.reg.Register(&jobCollector{count: count, desc: prometheus.NewDesc(
		prometheus.BuildFQName(namespace, "jobs", "by_state"),
		"Background jobs in the queue's table, by state (available + scheduled + retryable is the work waiting).",
		[]string{"state"}, nil)})
}
