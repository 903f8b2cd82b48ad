package app

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/listing"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// modelCheckAfter is how long the list's model is trusted on the
// process's own count of catalogue writes. After that the database's count
// (kept by triggers) is read, which sees writes from another process on
// the same SQLite file too; cached pages then show them within a second,
// as before the model.
const modelCheckAfter = 250 * time.Millisecond

// searchesKept bounds the searches a model keeps the matches of.
const searchesKept = 4096

// catalogueModel keeps the in-memory model of the public list in step
// with the database: it is rebuilt when the store's catalogue version
// moves (a write to the projects, their skills or search terms, here or
// announced by another instance), or when the database's count of such
// writes has moved.
type catalogueModel struct {
	mu      sync.Mutex
	cur     *modelSnapshot
	checked time.Time // when cur was last found current
	flight  singleflight.Group
	builds  atomic.Uint64 // numbers the snapshots
}

// modelSnapshot is the model of one catalogue version, with the matches of
// the searches asked of it.
type modelSnapshot struct {
	index *listing.Index
	// The hub's programs and municipalities, for the list's filter.
	programs       []domain.Program
	municipalities []domain.Municipality
	version        uint64 // the store's CatalogueVersion when it was read
	changes        int64  // the database's count of catalogue writes then
	stamp          uint64 // this snapshot's number

	mu       sync.Mutex
	searches map[store.Search]*listing.Matches
}

// snapshot returns a model that reflects every write this process (and,
// on PostgreSQL, every instance that announced it) has committed, and
// writes by other processes on the same database within a second.
func (m *catalogueModel) snapshot(ctx context.Context, st *store.Store) (*modelSnapshot, error) {
	// A build serves every waiting request, and the model is keyed on the
	// primary's counts: it reads the primary.
	ctx = store.WithReplicaReads(context.WithoutCancel(ctx), false)
	m.mu.Lock()
	cur, checked := m.cur, m.checked
	m.mu.Unlock()
	if cur != nil && cur.version == st.CatalogueVersion() {
		if time.Since(checked) >= modelCheckAfter {
			// The database's count is read in the background: every
			// request, cached pages too, asks for the model, and under
			// load a count waited for stalled them all a few times a
			// second. Until it answers, the model is served as it is.
			m.flight.DoChan("check", func() (any, error) { return nil, m.check(ctx, st, cur) })
		}
		return cur, nil
	}
	s, err, _ := m.flight.Do("build", func() (any, error) {
		m.mu.Lock()
		cur := m.cur
		m.mu.Unlock()
		if cur != nil && cur.version == st.CatalogueVersion() {
			if n, err := st.Projects().CatalogueChanges(ctx); err != nil || n == cur.changes {
				return cur, err
			}
		}
		return m.build(ctx, st)
	})
	if err != nil {
		return nil, err
	}
	return s.(*modelSnapshot), nil
}

// check reads the database's count of catalogue writes and rebuilds the
// model when it moved since cur was read.
func (m *catalogueModel) check(ctx context.Context, st *store.Store, cur *modelSnapshot) error {
	n, err := st.Projects().CatalogueChanges(ctx)
	if err != nil {
		return err
	}
	if n == cur.changes {
		m.mu.Lock()
		m.checked = time.Now()
		m.mu.Unlock()
		return nil
	}
	_, err, _ = m.flight.Do("build", func() (any, error) { return m.build(ctx, st) })
	return err
}

// build reads the catalogue and makes it the current model. The counts are
// read first, so a write during the read leaves the model older than the
// database, to be rebuilt at the next request.
func (m *catalogueModel) build(ctx context.Context, st *store.Store) (*modelSnapshot, error) {
	at, v := time.Now(), st.CatalogueVersion()
	n, err := st.Projects().CatalogueChanges(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := st.Projects().CatalogueRows(ctx)
	if err != nil {
		return nil, err
	}
	programs, err := st.Directory().Programs(ctx, 0)
	if err != nil {
		return nil, err
	}
	municipalities, err := st.Directory().Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	lr := make([]listing.Row, len(rows))
	for i, r := range rows {
		lr[i] = listing.Row{ID: r.ID, ProgramID: r.ProgramID, MunicipalityID: r.MunicipalityID, Status: r.Status,
			SDGMask: r.SDGMask, Categories: r.Categories, Skills: r.Skills, WorkStyle: r.WorkStyle,
			RewardType: r.RewardType, HoursBand: r.HoursBand}
	}
	s := &modelSnapshot{index: listing.New(lr), programs: programs, municipalities: municipalities, version: v,
		changes: n, stamp: m.builds.Add(1), searches: map[store.Search]*listing.Matches{}}
	m.mu.Lock()
	m.cur, m.checked = s, at
	m.mu.Unlock()
	return s, nil
}

// matches returns a search's matches, asking the database once per model.
func (s *modelSnapshot) matches(ctx context.Context, st *store.Store, q store.Search) (*listing.Matches, error) {
	s.mu.Lock()
	m, ok := s.searches[q]
	s.mu.Unlock()
	if ok {
		return m, nil
	}
	sm, err := st.Projects().SearchMatches(ctx, q)
	if err != nil {
		return nil, err
	}
	m = listing.NewMatches(sm.IDs, sm.Ranked, sm.MaxRanked)
	s.mu.Lock()
	if len(s.searches) >= searchesKept {
		clear(s.searches)
	}
	s.searches[q] = m
	s.mu.Unlock()
	return m, nil
}

// listFromModel answers a store filter from the model: ok is false when
// the model cannot (a filter by host or status, or a search it cannot
// order), and the caller asks the database.
func (c *Catalogue) listFromModel(ctx context.Context, snap *modelSnapshot, f store.ProjectFilter) (page store.ProjectPage, fc Facets, ok bool, err error) {
	if len(f.HostIDs) > 0 {
		return page, fc, false, nil
	}
	for _, st := range f.Statuses { // the model holds the listed projects only
		if st != domain.ProjectPublished && st != domain.ProjectClosed {
			return page, fc, false, nil
		}
	}
	st := c.app.st
	lf := listing.Filter{ProgramID: f.ProgramID, MunicipalityID: f.MunicipalityID, SDG: f.SDG, SkillCodes: f.SkillCodes,
		Statuses:  f.Statuses,
		WorkStyle: f.WorkStyle, RewardType: f.RewardType, HoursBand: f.HoursBand, Limit: f.Limit, Offset: f.Offset}
	if f.Search != (store.Search{}) {
		if lf.Search, err = snap.matches(store.WithReplicaReads(ctx, false), st, f.Search); err != nil {
			return page, fc, false, err
		}
		lf.Positive = f.Search.FTS5Match != ""
	}
	res := snap.index.Query(lf)
	if res.Unanswered {
		return page, fc, false, nil
	}
	if page.Projects, err = st.Projects().ProjectsByID(ctx, res.IDs); err != nil {
		return page, fc, false, err
	}
	page.Total, page.Ranked = res.Total, res.Ranked
	fc = Facets{SDG: res.Facets.SDG, Skill: res.Facets.Skill, Style: res.Facets.Style, Reward: res.Facets.Reward,
		Municipality: res.Facets.Municipality, Hours: res.Facets.Hours}
	return page, fc, true, nil
}

// Stamp identifies the catalogue as the public list shows it: it changes
// whenever the list's model is rebuilt, that is when the projects, their
// search terms, the programs or the municipalities changed (a write here,
// announced by another instance, or counted by the database's triggers,
// checked a few times a second). Pages of the list can be kept while it
// stays the same. An error gives a stamp never seen before.
func (c *Catalogue) Stamp(ctx context.Context) uint64 {
	snap, err := c.model.snapshot(ctx, c.app.st)
	if err != nil {
		return ^c.model.builds.Add(1)
	}
	return snap.stamp
}
