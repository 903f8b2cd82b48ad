package app

import (
	"context"
	"sort"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// rarityMaxAge is how long the hub's skill rarity behind scores is
// reused: how many talents hold each skill changes slowly.
const rarityMaxAge = 10 * time.Minute

// hubRarity is how many talents the hub holds and how many hold each
// skill, counted by the database and reused while fresh. Scoring one
// talent needs only this and their profile: loading every profile took a
// minute and 0.9 GB at a million talents.
func (c *Catalogue) hubRarity(ctx context.Context) (*match.Rarity, error) {
	return c.rarity.get(c.app.now(), rarityMaxAge, func() (*match.Rarity, error) {
		n, holders, err := c.app.st.Talents().SkillHolders(ctx)
		if err != nil {
			return nil, err
		}
		return &match.Rarity{Talents: n, Holders: holders}, nil
	})
}

// talentPool is the matching engine's pool of one talent, as saved now,
// weighing skills by the hub's rarity: it scores as the pool of every
// talent would.
func (c *Catalogue) talentPool(ctx context.Context, t domain.Talent) (*match.Pool, error) {
	r, err := c.hubRarity(ctx)
	if err != nil {
		return nil, err
	}
	p, err := match.NewPool([]match.Talent{talentToMatch(t, c.app.ref)})
	if err != nil {
		return nil, err
	}
	return p.WithRarity(r), nil
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
	pool, err := c.talentPool(ctx, t)
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
