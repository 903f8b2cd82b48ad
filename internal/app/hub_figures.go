package app

import (
	"context"
	"sync"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// hubFiguresMaxAge is how long the hub's totals on the home page are
// reused: counting a million talents and every entry took up to a second
// at national scale, and a total a minute old tells the same.
const hubFiguresMaxAge = time.Minute

// hubFigures caches the hub's totals.
type hubFigures struct {
	mu    sync.Mutex
	stats store.HubStats
	read  time.Time
}

// figures returns the hub's totals, counted at most a minute ago.
func (h *Hub) figures(ctx context.Context) (store.HubStats, error) {
	f := &h.totals
	f.mu.Lock()
	defer f.mu.Unlock()
	now := h.app.now()
	if !f.read.IsZero() && now.Sub(f.read) < hubFiguresMaxAge && !now.Before(f.read) {
		return f.stats, nil
	}
	stats, err := h.app.st.Insights().HubStats(ctx)
	if err != nil {
		return stats, err
	}
	f.stats, f.read = stats, now
	return stats, nil
}
