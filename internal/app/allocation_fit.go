package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
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
		in[i] = s.matchTalent(t)
	}
	return match.NewPool(in)
}

// matchTalent is what the engine needs of a profile: where the person
// lives comes from their "lives" tie.
func (s *Allocation) matchTalent(t domain.Talent) match.Talent {
	mt := match.Talent{ID: strconv.FormatInt(t.ID, 10), SDGs: t.SDGs, HoursPerMonth: min(t.HoursPerMonth, 255),
		RemoteOnly: t.WorkStyle == domain.WorkRemote}
	for _, sk := range t.Skills {
		mt.Skills = append(mt.Skills, match.Skill{Code: sk.Code, Level: sk.Level})
	}
	kinds := map[domain.AffinityKind]match.AffinityKind{domain.AffinityLives: match.Lives, domain.AffinityWorks: match.Works,
		domain.AffinityBorn: match.Born, domain.AffinitySupporter: match.Supporter}
	for _, a := range t.Affinities {
		mt.Affinities = append(mt.Affinities, match.Affinity{LGCode: a.LGCode, Kind: kinds[a.Kind]})
		if s.app.ref == nil {
			continue
		}
		if m, ok := s.app.ref.Municipality(a.LGCode); ok && a.Kind == domain.AffinityLives {
			mt.Home = match.Location{Lat: m.Lat, Lng: m.Lng, Valid: true}
		}
	}
	return mt
}

// matchProject is what the engine needs of a project; required and
// preferred skills are asked at the practical level.
func (s *Allocation) matchProject(p domain.Project, m domain.Municipality) match.Project {
	mp := match.Project{ID: strconv.FormatInt(p.ID, 10), SDGs: p.SDGs, HoursPerMonth: min(p.HoursPerMonth, 255),
		LGCode: m.LGCode}
	for _, c := range p.RequiredSkills {
		mp.RequiredSkills = append(mp.RequiredSkills, match.Skill{Code: c, Level: 2})
	}
	for _, c := range p.PreferredSkills {
		mp.PreferredSkills = append(mp.PreferredSkills, match.Skill{Code: c, Level: 2})
	}
	switch p.WorkStyle {
	case domain.WorkOnSite:
		mp.WorkStyle = match.OnSite
	case domain.WorkHybrid:
		mp.WorkStyle = match.Hybrid
	default:
		mp.WorkStyle = match.Remote
	}
	if s.app.ref == nil {
		return mp
	}
	if r, ok := s.app.ref.Municipality(m.LGCode); ok {
		mp.Place = match.Location{Lat: r.Lat, Lng: r.Lng, Valid: true}
	}
	return mp
}
