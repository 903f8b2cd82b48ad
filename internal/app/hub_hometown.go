package app

import (
	"context"
	"math"
	"sort"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/match"
)

// HometownQuery is what the hometown page was asked for.
type HometownQuery struct {
	Municipality string // an lgcode, "" for none
	Pref         string // a prefecture code, "" for none
	// Choosing is true while the visitor picks a prefecture (the query
	// has one, even empty): a signed-in talent then does not start from
	// their hometown.
	Choosing bool
}

// Hometown is the hometown page: the signed-in talent's towns, the place
// chosen, and the hub's open projects nearest it first.
type Hometown struct {
	Ties   []Tie  // hometown first: born, then lives, works, supports
	Chosen string // the chosen municipality's lgcode, "" for none
	Pref   int    // the chosen prefecture, 0 for none
	Groups []HometownGroup
}

// Tie is one of a talent's towns.
type Tie struct {
	LGCode string
	Kind   domain.AffinityKind
}

// HometownGroup is one hub municipality's open projects and its distance
// from the chosen place.
type HometownGroup struct {
	Municipality domain.Municipality
	DistanceKm   int
	Projects     []ProjectCard // without their programs, which the page does not show
}

// hometownProjects is how many open projects the page shows per
// municipality, and hometownGroups how many municipalities at most.
const (
	hometownProjects = 12
	hometownGroups   = 20
)

// Hometown reads the hometown page. A signed-in talent starts from the
// towns on their profile. A wrong code gives an invalid error naming its
// parameter, with the talent's towns still in the result.
func (h *Hub) Hometown(ctx context.Context, q HometownQuery) (Hometown, error) {
	var ht Hometown
	code := q.Municipality
	if uid := PrincipalFrom(ctx).UserID; uid != 0 {
		t, err := h.app.st.Talents().TalentByUser(ctx, uid)
		if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
			return ht, err
		}
		for _, a := range t.Affinities {
			if _, ok := h.app.ref.Municipality(a.LGCode); ok {
				ht.Ties = append(ht.Ties, Tie{LGCode: a.LGCode, Kind: a.Kind})
			}
		}
		rank := map[domain.AffinityKind]int{domain.AffinityBorn: 0, domain.AffinityLives: 1, domain.AffinityWorks: 2,
			domain.AffinitySupporter: 3}
		sort.SliceStable(ht.Ties, func(i, j int) bool { return rank[ht.Ties[i].Kind] < rank[ht.Ties[j].Kind] })
		if code == "" && !q.Choosing && len(ht.Ties) > 0 {
			code = ht.Ties[0].LGCode
		}
	}
	if code != "" {
		if err := domain.ValidateLGCode(code); err != nil {
			key, _ := domain.ErrorKey(err)
			return ht, hubParamError("municipality", key, "Value", code)
		}
		m, ok := h.app.ref.Municipality(code)
		if !ok {
			return ht, hubParamError("municipality", "error.lgcode_unknown", "Value", code)
		}
		ht.Chosen, ht.Pref = code, m.PrefCode
	}
	if q.Pref != "" && ht.Pref == 0 {
		n, err := strconv.Atoi(q.Pref)
		if _, ok := h.app.ref.Prefecture(n); err != nil || !ok {
			return ht, hubParamError("pref", "error.pref_code", "Value", q.Pref)
		}
		ht.Pref = n
	}
	if ht.Chosen == "" {
		return ht, nil
	}
	chosen, _ := h.app.ref.Municipality(ht.Chosen)
	from := match.Location{Lat: chosen.Lat, Lng: chosen.Lng, Valid: true}
	ms, err := h.app.st.Directory().Municipalities(ctx)
	if err != nil {
		return ht, err
	}
	n := newHubNames(h.app.st)
	n.knowMunicipalities(ms...)
	// The chosen place and the nearest municipalities with open projects,
	// nearest first: a country of hub members would otherwise list 1,741
	// groups, most of them empty.
	withOpen, err := h.app.st.Projects().MunicipalitiesWithOpenProjects(ctx)
	if err != nil {
		return ht, err
	}
	for _, m := range ms {
		ref, ok := h.app.ref.Municipality(m.LGCode)
		if !ok || (m.LGCode != ht.Chosen && !withOpen[m.ID]) {
			continue
		}
		km := match.DistanceKm(from, match.Location{Lat: ref.Lat, Lng: ref.Lng, Valid: true})
		ht.Groups = append(ht.Groups, HometownGroup{Municipality: m, DistanceKm: int(math.Round(km))})
	}
	sort.SliceStable(ht.Groups, func(i, j int) bool { return ht.Groups[i].DistanceKm < ht.Groups[j].DistanceKm })
	ht.Groups = ht.Groups[:min(len(ht.Groups), hometownGroups)]
	ids := make([]int64, len(ht.Groups))
	for i, g := range ht.Groups {
		ids[i] = g.Municipality.ID
	}
	// Their open projects in one read, and the cards at once.
	open, err := h.app.st.Projects().OpenProjectsByMunicipality(ctx, hometownProjects, ids)
	if err != nil {
		return ht, err
	}
	var shown []domain.Project
	for _, g := range ht.Groups {
		shown = append(shown, open[g.Municipality.ID]...)
	}
	cards, err := n.projectCards(ctx, shown, false)
	if err != nil {
		return ht, err
	}
	for i := range ht.Groups {
		k := len(open[ht.Groups[i].Municipality.ID])
		ht.Groups[i].Projects, cards = cards[:k:k], cards[k:]
	}
	return ht, nil
}

// hubParamError is an invalid error about one request parameter (or form
// field), whose message has the key.
func hubParamError(field, key string, kv ...any) error {
	var v domain.ValidationErrors
	v.Add(field, key, kv...)
	return v.Err()
}
