package app

import (
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// The matching engine's view of profiles and projects, shared by the
// recommendations (Catalogue) and the allocation (Allocation).

// talentToMatch is what the engine needs of a profile: where the person lives
// comes from their "lives" tie (placed on the map when ref is given).
func talentToMatch(t domain.Talent, ref *refdata.Data) match.Talent {
	mt := match.Talent{ID: strconv.FormatInt(t.ID, 10), SDGs: t.SDGs, HoursPerMonth: min(t.HoursPerMonth, 255),
		RemoteOnly: t.WorkStyle == domain.WorkRemote}
	for _, s := range t.Skills {
		mt.Skills = append(mt.Skills, match.Skill{Code: s.Code, Level: s.Level})
	}
	kinds := map[domain.AffinityKind]match.AffinityKind{domain.AffinityLives: match.Lives, domain.AffinityWorks: match.Works,
		domain.AffinityBorn: match.Born, domain.AffinitySupporter: match.Supporter}
	for _, a := range t.Affinities {
		mt.Affinities = append(mt.Affinities, match.Affinity{LGCode: a.LGCode, Kind: kinds[a.Kind]})
		if ref == nil {
			continue
		}
		if m, ok := ref.Municipality(a.LGCode); ok && a.Kind == domain.AffinityLives {
			mt.Home = match.Location{Lat: m.Lat, Lng: m.Lng, Valid: true}
		}
	}
	return mt
}

// MatchProject is what the engine needs of a project of the municipality
// m; required and preferred skills are asked at the practical level.
func MatchProject(p domain.Project, m domain.Municipality, ref *refdata.Data) match.Project {
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
	if ref == nil {
		return mp
	}
	if r, ok := ref.Municipality(m.LGCode); ok {
		mp.Place = match.Location{Lat: r.Lat, Lng: r.Lng, Valid: true}
	}
	return mp
}
