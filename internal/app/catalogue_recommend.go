package app

import (
	"context"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// talentPoolMaxAge is how long the talent pool behind scores is reused:
// skill rarity across the pool changes slowly, so a recommendation may use
// a pool a few minutes old; a talent missing from it rebuilds it at once.
const talentPoolMaxAge = 10 * time.Minute

// catalogueTalents caches the matching engine's pool of every talent
// profile.
type catalogueTalents struct {
	mu    sync.Mutex
	pool  *match.Pool
	built time.Time
}

// MatchPool is the matching engine's pool of every talent profile, reused
// while it is fresh and holds the talent need ("" for any).
func (c *Catalogue) MatchPool(ctx context.Context, need string) (*match.Pool, error) {
	tp := &c.pool
	tp.mu.Lock()
	defer tp.mu.Unlock()
	now := c.app.now()
	fresh := tp.pool != nil && now.Sub(tp.built) < talentPoolMaxAge
	if fresh && (need == "" || tp.pool.Has(need)) {
		return tp.pool, nil
	}
	talents, err := c.app.st.Talents().TalentsForMatching(ctx)
	if err != nil {
		return nil, err
	}
	in := make([]match.Talent, len(talents))
	for i, t := range talents {
		in[i] = talentToMatch(t, c.app.ref)
	}
	p, err := match.NewPool(in)
	if err != nil {
		return nil, err
	}
	tp.pool, tp.built = p, now
	return p, nil
}

// forgetPool drops the cached pool, so that the next score reads every
// profile again: a talent who just saved theirs sees recommendations that
// follow it at once, not minutes later.
func (c *Catalogue) forgetPool() {
	c.pool.mu.Lock()
	defer c.pool.mu.Unlock()
	c.pool.pool = nil
}

// Recommendation is a project suggested to a talent, with why.
type Recommendation struct {
	Project ProjectCard
	Score   int
	Reasons []match.Reason
}

// recommendFrom is how many of the newest published projects are scored.
const recommendFrom = 100

// Recommend scores the published projects of open programs for a talent
// and keeps the best n, best first, each with the reasons it fits (a
// suggestion tells what fits, never what falls short).
func (c *Catalogue) Recommend(ctx context.Context, t domain.Talent, n int) ([]Recommendation, error) {
	tid := strconv.FormatInt(t.ID, 10)
	pool, err := c.MatchPool(ctx, tid)
	if err != nil {
		return nil, err
	}
	page, err := c.app.st.Projects().ListProjects(ctx, store.ProjectFilter{Limit: recommendFrom,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		return nil, err
	}
	type scored struct {
		p domain.Project
		r match.Ranked
	}
	var all []scored
	names := newHubNames(c.app.st)
	muns, progs := make([]int64, len(page.Projects)), make([]int64, len(page.Projects))
	for i, p := range page.Projects {
		muns[i], progs[i] = p.MunicipalityID, p.ProgramID
	}
	if err := names.preload(ctx, muns, progs); err != nil {
		return nil, err
	}
	now := c.app.now()
	for _, p := range page.Projects {
		prog, err := names.program(ctx, p.MunicipalityID, p.ProgramID)
		if err != nil {
			return nil, err
		}
		if prog.Phase(now) != domain.PhaseOpen {
			continue
		}
		mu, err := names.municipality(ctx, p.MunicipalityID)
		if err != nil {
			return nil, err
		}
		r, err := pool.Score(MatchProject(p, mu, c.app.ref), tid, match.DefaultWeights())
		if err != nil {
			return nil, err
		}
		all = append(all, scored{p, r})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].r.Score > all[j].r.Score })
	all = all[:min(n, len(all))]
	projects := make([]domain.Project, len(all))
	for i, a := range all {
		projects[i] = a.p
	}
	cards, err := names.projectCards(ctx, projects, true)
	if err != nil {
		return nil, err
	}
	out := make([]Recommendation, len(all))
	for i, a := range all {
		out[i] = Recommendation{Project: cards[i], Score: a.r.Score, Reasons: match.Fits(a.r.Reasons)}
	}
	return out, nil
}
