package web

import (
	"math"
	"net/http"
	"sort"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// tie is one of a talent's towns, as a link on the hometown page.
type tie struct {
	Municipality refdata.Municipality
	Kind         domain.AffinityKind
	Current      bool
}

// hometownGroup is one hub municipality's open projects and its distance
// from the chosen place.
type hometownGroup struct {
	Municipality domain.Municipality
	DistanceKm   int
	Projects     []projectView
}

type hometownData struct {
	Ties           []tie // the signed-in talent's towns, to switch between
	Prefectures    []refdata.Prefecture
	Pref           int
	Municipalities []refdata.Municipality // of the chosen prefecture
	Chosen         refdata.Municipality
	Error          *publicError
	Groups         []hometownGroup
}

// hometownPage lets a visitor pick a prefecture, then a municipality (two
// plain GET forms, so it works without JavaScript and the choice stays in
// the URL), and lists open projects nearest first.
func (s *Server) hometownPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ctx := r.Context()
	d := hometownData{Prefectures: s.ref.Prefectures()}
	title := s.cat.T(lang, "hometown.title", nil)
	fail := func(err error) error {
		pe := s.publicError(r, lang, err)
		d.Error = &pe
		return s.render(w, r, lang, pe.Status, "hometown", title, d)
	}
	q := r.URL.Query()
	code := domain.NormalizeText(q.Get("municipality"))
	// A signed-in talent starts from the towns on their profile.
	if userID := s.userID(r); userID != 0 {
		t, err := s.store.TalentByUser(ctx, userID)
		if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
			return err
		}
		for _, a := range t.Affinities {
			if m, ok := s.ref.Municipality(a.LGCode); ok {
				d.Ties = append(d.Ties, tie{Municipality: m, Kind: a.Kind})
			}
		}
		// The hometown first: born, then where they live, work, or support.
		rank := map[domain.AffinityKind]int{domain.AffinityBorn: 0, domain.AffinityLives: 1, domain.AffinityWorks: 2,
			domain.AffinitySupporter: 3}
		sort.SliceStable(d.Ties, func(i, j int) bool { return rank[d.Ties[i].Kind] < rank[d.Ties[j].Kind] })
		if code == "" && q.Get("pref") == "" && len(d.Ties) > 0 {
			code = d.Ties[0].Municipality.LGCode
		}
		for i := range d.Ties {
			d.Ties[i].Current = d.Ties[i].Municipality.LGCode == code
		}
	}
	if code != "" {
		if err := domain.ValidateLGCode(code); err != nil {
			key, _ := domain.ErrorKey(err)
			return fail(invalidParam("municipality", key, "Value", code))
		}
		m, ok := s.ref.Municipality(code)
		if !ok {
			return fail(invalidParam("municipality", "error.lgcode_unknown", "Value", code))
		}
		d.Chosen, d.Pref = m, m.PrefCode
	}
	if p := domain.NormalizeText(q.Get("pref")); p != "" && d.Pref == 0 {
		n, err := strconv.Atoi(p)
		if _, ok := s.ref.Prefecture(n); err != nil || !ok {
			return fail(invalidParam("pref", "error.pref_code", "Value", p))
		}
		d.Pref = n
	}
	if d.Pref != 0 {
		d.Municipalities = s.ref.MunicipalitiesIn(d.Pref)
	}
	if d.Chosen.LGCode != "" {
		h, err := s.loadHub(ctx)
		if err != nil {
			return err
		}
		from := match.Location{Lat: d.Chosen.Lat, Lng: d.Chosen.Lng, Valid: true}
		for _, m := range h.munList {
			ref, ok := s.ref.Municipality(m.LGCode)
			if !ok {
				continue
			}
			page, err := s.store.ListProjects(ctx, store.ProjectFilter{MunicipalityID: m.ID, Limit: 12,
				Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
			if err != nil {
				return err
			}
			views, err := s.projectViews(ctx, h, page.Projects)
			if err != nil {
				return err
			}
			km := match.DistanceKm(from, match.Location{Lat: ref.Lat, Lng: ref.Lng, Valid: true})
			d.Groups = append(d.Groups, hometownGroup{Municipality: m, DistanceKm: int(math.Round(km)), Projects: views})
		}
		sort.SliceStable(d.Groups, func(i, j int) bool { return d.Groups[i].DistanceKm < d.Groups[j].DistanceKm })
	}
	return s.render(w, r, lang, http.StatusOK, "hometown", title, d)
}
