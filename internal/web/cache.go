package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// pageCache keeps rendered public pages for a moment. An entry is served
// while the store has committed no write since it was made (in this
// process) and it is younger than maxAge, so a change made by another
// process on the same database shows within maxAge too.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]cachedPage
	maxAge  time.Duration
	limit   int
	version func() uint64
	now     func() time.Time
}

type cachedPage struct {
	version uint64
	at      time.Time
	header  http.Header
	body    []byte
}

func newPageCache(version func() uint64, now func() time.Time) *pageCache {
	return &pageCache{entries: map[string]cachedPage{}, maxAge: time.Second, limit: 4096, version: version, now: now}
}

// cacheKey identifies a page by language, path and its query without the
// language switch (the query's keys are sorted, so equal filters share a key).
func cacheKey(lang i18n.Lang, r *http.Request) string {
	q := r.URL.Query()
	q.Del("lang")
	return string(lang) + " " + r.URL.Path + "?" + q.Encode()
}

func (c *pageCache) get(key string) (cachedPage, bool) {
	c.mu.RLock()
	p, ok := c.entries[key]
	c.mu.RUnlock()
	if !ok || p.version != c.version() || c.now().Sub(p.at) >= c.maxAge {
		return cachedPage{}, false
	}
	return p, true
}

func (c *pageCache) put(key string, p cachedPage) {
	c.mu.Lock()
	if len(c.entries) >= c.limit {
		clear(c.entries)
	}
	c.entries[key] = p
	c.mu.Unlock()
}

// cached serves a page from the cache, or renders it and keeps it when it
// succeeded. Only anonymous, public pages go through it.
func (s *Server) cached(h htmlHandler) htmlHandler {
	return func(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
		key := cacheKey(lang, r)
		if p, ok := s.cache.get(key); ok {
			writeCached(w, p)
			return nil
		}
		version, at := s.cache.version(), s.cache.now()
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		if err := h(rec, r, lang); err != nil {
			return err
		}
		p := cachedPage{version: version, at: at, header: rec.header, body: rec.body.Bytes()}
		if rec.status == http.StatusOK {
			s.cache.put(key, p)
		}
		for k, v := range p.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		_, err := w.Write(p.body)
		return err
	}
}

func writeCached(w http.ResponseWriter, p cachedPage) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	w.WriteHeader(http.StatusOK)
	w.Write(p.body)
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
