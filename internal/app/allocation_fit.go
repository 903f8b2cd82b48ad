package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/match"
)

// pool builds the matching engine's pool of every talent profile, which
// scores the fit of each entrant with each project they chose.
func (s *Allocation) pool(ctx context.Context) (*match.Pool, error) {
	talents, err := s.app.st.Talents().TalentsForMatching(ctx)
	if err != nil {
		return nil, err
	}
	in := make([]match.Talent, len(talents))
	for i, t := range talents {
		in[i] = talentToMatch(t, s.app.ref)
	}
	return match.NewPool(in)
}
