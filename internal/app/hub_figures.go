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

// figures returns the hub's totals, counted at most a minute ago.
func (h *Hub) figures(ctx context.Context) (store.HubStats, error) {
	return h.totals.get(h.app.now(), hubFiguresMaxAge, func() (store.HubStats, error) {
		return h.app.st.Insights().HubStats(ctx)
	})
}

// programFigures caches the figures of the programs on the home page.
type programFigures struct {
	mu   sync.Mutex
	m    map[int64]store.ProgramStats
	read time.Time
}

// programStats returns the figures of the programs, counted at most a
// minute ago: the home page shows hundreds of programs at national scale,
// and counting their entries took 0.3 s a render.
func (h *Hub) programStats(ctx context.Context, ids []int64) (map[int64]store.ProgramStats, error) {
	f := &h.programs
	f.mu.Lock()
	defer f.mu.Unlock()
	now := h.app.now()
	if f.m == nil || now.Sub(f.read) >= hubFiguresMaxAge || now.Before(f.read) {
		f.m, f.read = map[int64]store.ProgramStats{}, now
	}
	var missing []int64
	for _, id := range ids {
		if _, ok := f.m[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		got, err := h.app.st.Insights().StatsOfPrograms(ctx, missing)
		if err != nil {
			return nil, err
		}
		for _, id := range missing {
			f.m[id] = got[id]
		}
	}
	out := make(map[int64]store.ProgramStats, len(ids))
	for _, id := range ids {
		out[id] = f.m[id]
	}
	return out, nil
}
