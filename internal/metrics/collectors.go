package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// poolCollector reads the database pools' statistics at each scrape.
type poolCollector struct {
	stats func() []Pool

	maxOpen, open, inUse, idle             *prometheus.Desc
	waits, waited                          *prometheus.Desc
	closedIdle, closedIdleTime, closedLife *prometheus.Desc
}

func newPoolCollector(stats func() []Pool) *poolCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(namespace, "db", name), help, []string{"pool"}, nil)
	}
	return &poolCollector{stats: stats,
		maxOpen:        desc("max_open_connections", "The most connections the pool may open (0: no limit)."),
		open:           desc("open_connections", "Connections open, in use or idle."),
		inUse:          desc("in_use_connections", "Connections in use."),
		idle:           desc("idle_connections", "Idle connections."),
		waits:          desc("wait_count_total", "Times a query waited for a free connection."),
		waited:         desc("wait_duration_seconds_total", "Time spent waiting for a free connection."),
		closedIdle:     desc("closed_max_idle_total", "Connections closed because of the idle limit."),
		closedIdleTime: desc("closed_max_idle_time_total", "Connections closed because they were idle too long."),
		closedLife:     desc("closed_max_lifetime_total", "Connections closed because they lived too long."),
	}
}

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.maxOpen, c.open, c.inUse, c.idle, c.waits, c.waited,
		c.closedIdle, c.closedIdleTime, c.closedLife} {
		ch <- d
	}
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	for _, p := range c.stats() {
		s := p.Stats
		gauge := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, p.Name)
		}
		counter := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, p.Name)
		}
		gauge(c.maxOpen, float64(s.MaxOpenConnections))
		gauge(c.open, float64(s.OpenConnections))
		gauge(c.inUse, float64(s.InUse))
		gauge(c.idle, float64(s.Idle))
		counter(c.waits, float64(s.WaitCount))
		counter(c.waited, s.WaitDuration.Seconds())
		counter(c.closedIdle, float64(s.MaxIdleClosed))
		counter(c.closedIdleTime, float64(s.MaxIdleTimeClosed))
		counter(c.closedLife, float64(s.MaxLifetimeClosed))
	}
}

// jobCollector counts the queue's jobs by state at each scrape.
type jobCollector struct {
	count func(ctx context.Context) (map[string]int64, error)
	desc  *prometheus.Desc
}

// jobCountTimeout bounds the query a scrape runs.
const jobCountTimeout = 3 * time.Second

func (c *jobCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *jobCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), jobCountTimeout)
	defer cancel()
	counts, err := c.count(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), state)
	}
}
