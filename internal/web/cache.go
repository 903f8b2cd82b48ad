package web

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
	"golang.org/x/sync/singleflight"
)

// pageCache keeps rendered public pages for a moment. An entry is served
// while the store has committed no write since it was made (in this
// process) and it is younger than maxAge, so a change made by another
// process on the same database shows within maxAge too. Past half of
// maxAge an entry is still served while one request renders its
// replacement in the background, so under load nobody waits for a render
// unless the data changed.
type pageCache struct {
	flight  singleflight.Group // one render per page at a time; others wait for it
	mu      sync.RWMutex
	entries map[string]*cachedPage
	maxAge  time.Duration
	limit   int
	version func() uint64
	now     func() time.Time
	metrics *metrics.Metrics // hits and misses; nil counts nothing
}

type cachedPage struct {
	status  int
	version uint64
	at      time.Time
	header  http.Header
	body    []byte
	// used is set when the page is served from the cache and cleared when
	// a full cache passes it over, so that pages in demand stay.
	used atomic.Bool
}

func newPageCache(version func() uint64, now func() time.Time, maxAge time.Duration, m *metrics.Metrics) *pageCache {
	if maxAge <= 0 {
		maxAge = time.Second
	}
	return &pageCache{entries: map[string]*cachedPage{}, maxAge: maxAge, limit: 4096, version: version, now: now,
		metrics: m}
}

// cacheKey identifies a page by language, path and its query without the
// language switch (the query's keys are sorted, so equal filters share a key).
func cacheKey(lang i18n.Lang, r *http.Request) string {
	q := r.URL.Query()
	q.Del("lang")
	return string(lang) + " " + r.URL.Path + "?" + q.Encode()
}

// get returns a usable entry, and whether it is old enough to refresh.
func (c *pageCache) get(key string) (p *cachedPage, ok, refresh bool) {
	c.mu.RLock()
	p, ok = c.entries[key]
	c.mu.RUnlock()
	if !ok || p.version != c.version() {
		return nil, false, false
	}
	age := c.now().Sub(p.at)
	if age >= c.maxAge {
		return nil, false, false
	}
	p.used.Store(true)
	return p, true, age >= c.maxAge/2
}

func (c *pageCache) put(key string, p *cachedPage) {
	c.mu.Lock()
	c.evict()
	c.entries[key] = p
	c.mu.Unlock()
}

// evict makes room in a full cache: it forgets pages until a tenth is
// free, first those not served since the last pass (a second chance, so
// that the pages in demand stay; forgetting them at random made every
// request for a popular page wait for its render), then any. It is
// called with c.mu held.
func (c *pageCache) evict() {
	if len(c.entries) < c.limit {
		return
	}
	keep := c.limit * 9 / 10
	for k, p := range c.entries {
		if len(c.entries) < keep {
			return
		}
		if !p.used.Swap(false) {
			delete(c.entries, k)
		}
	}
	for k := range c.entries {
		if len(c.entries) < keep {
			return
		}
		delete(c.entries, k)
	}
}

// cached serves a page from the cache, or renders it and keeps it when it
// succeeded. Concurrent requests for the same page wait for one render
// instead of all rendering it. Only public pages that look the same to
// every visitor go through it. A page served from memory counts as a hit,
// any other (rendered, or waiting for another request's render) as a miss;
// signed-in visitors, who bypass the cache, count as neither.
func (s *Server) cached(h htmlHandler) htmlHandler { return s.cache.wrap(s, h) }

// wrap is Server.cached with this cache.
func (c *pageCache) wrap(s *Server, h htmlHandler) htmlHandler {
	return func(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
		if s.userID(r) != 0 { // signed-in pages show who is signed in
			return h(w, r, lang)
		}
		key := cacheKey(lang, r)
		// The render serves every waiting request: one leaving must not cancel it.
		detached := r.WithContext(context.WithoutCancel(r.Context()))
		render := func() (any, error) { return c.render(h, detached, lang, key) }
		if p, ok, refresh := c.get(key); ok {
			if refresh {
				go c.flight.Do(key, render)
			}
			c.metrics.CacheHit()
			writeCached(w, p)
			return nil
		}
		c.metrics.CacheMiss()
		v, err, _ := c.flight.Do(key, func() (any, error) {
			if p, ok, _ := c.get(key); ok {
				return p, nil
			}
			return render()
		})
		if err != nil {
			return err
		}
		writeCached(w, v.(*cachedPage))
		return nil
	}
}

// render renders a page into memory and keeps it when it succeeded.
func (c *pageCache) render(h htmlHandler, r *http.Request, lang i18n.Lang, key string) (*cachedPage, error) {
	version, at := c.version(), c.now()
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	if err := h(rec, r, lang); err != nil {
		return nil, err
	}
	p := &cachedPage{status: rec.status, version: version, at: at, header: rec.header, body: rec.body.Bytes()}
	if rec.status == http.StatusOK {
		c.put(key, p)
	}
	return p, nil
}

func writeCached(w http.ResponseWriter, p *cachedPage) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	w.WriteHeader(p.status)
	w.Write(p.body) // a client that has gone away is not an error of ours
}

// recorder collects a response so it can be cached before it is sent.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
