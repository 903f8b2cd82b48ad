package credential

import (
	"sync"
	"time"
)

// fetchCache keeps fetched bodies by URL until they expire, holding at
// most max entries: when full, expired entries go first, then the oldest.
type fetchCache struct {
	max int
	now func() time.Time

	mu      sync.Mutex
	seq     uint64
	entries map[string]cached
}

type cached struct {
	body    []byte
	expires time.Time
	seq     uint64 // insertion order, for evicting the oldest
}

func newFetchCache(max int, now func() time.Time) *fetchCache {
	return &fetchCache{max: max, now: now, entries: map[string]cached{}}
}

// get returns a body that has not expired.
func (c *fetchCache) get(url string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[url]
	if !ok || !c.now().Before(e.expires) {
		return nil, false
	}
	return e.body, true
}

// put keeps body for ttl.
func (c *fetchCache) put(url string, body []byte, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if _, ok := c.entries[url]; !ok && len(c.entries) >= c.max {
		c.evict(now)
	}
	c.seq++
	c.entries[url] = cached{body: body, expires: now.Add(ttl), seq: c.seq}
}

// evict makes room for one entry. c.mu must be held.
func (c *fetchCache) evict(now time.Time) {
	for url, e := range c.entries {
		if !now.Before(e.expires) {
			delete(c.entries, url)
		}
	}
	for len(c.entries) >= c.max {
		oldest, first := "", true
		var seq uint64
		for url, e := range c.entries {
			if first || e.seq < seq {
				oldest, seq, first = url, e.seq, false
			}
		}
		delete(c.entries, oldest)
	}
}

// len is how many entries the cache holds, for tests.
func (c *fetchCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
