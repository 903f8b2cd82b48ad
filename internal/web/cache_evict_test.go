package web

import (
	"strconv"
	"testing"
	"time"
)

// TestFullCacheKeepsPagesInDemand: a full cache forgets first the pages
// nobody asked for since they were kept, and makes room for a tenth.
func TestFullCacheKeepsPagesInDemand(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	c := newPageCache(func() uint64 { return 1 }, func() time.Time { return now }, time.Minute, nil)
	c.limit = 20
	for i := range 20 {
		c.put(strconv.Itoa(i), &cachedPage{status: 200, version: 1, at: now})
	}
	hot := []string{"3", "7", "11", "19"}
	for _, k := range hot {
		if _, ok, _ := c.get(k); !ok {
			t.Fatalf("page %s is not kept", k)
		}
	}
	c.put("new", &cachedPage{status: 200, version: 1, at: now})
	if n := len(c.entries); n != 18 {
		t.Errorf("after a put into a full cache of 20: %d pages, want 18 (17 kept and the new one)", n)
	}
	for _, k := range append(hot, "new") {
		if _, ok := c.entries[k]; !ok {
			t.Errorf("page %s, asked for or just kept, was forgotten", k)
		}
	}
}
