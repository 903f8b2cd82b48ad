package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/match"
)

// pool builds the matching engine's pool of the entrants' profiles, which
// scores the fit of each entrant with each project they chose, weighing
// skills by the hub's rarity as a pool of every talent would.
func (s *Allocation) pool(ctx context.Context, talentIDs []int64) (*match.Pool, error) {
	r, err := s.app.Catalogue.hubRarity(ctx)
	if err != nil {
		return nil, err
	}
	talents, err := s.app.st.Talents().TalentsForMatching(ctx, talentIDs...)
	if err != nil {
		return nil, err
	}
	in := make([]match.Talent, len(talents))
	for i, t := range talents {
		in[i] = talentToMatch(t, s.app.ref)
	}
	p, err := match.NewPool(in)
	if err != nil {
		return nil, err
	}
	return p.WithRarity(r), nil
}
