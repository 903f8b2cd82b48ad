package web

import (
	"html/template"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/japanmap"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type homeData struct {
	Open   []programView
	Others []programView
	Stats  store.HubStats
	Latest []projectView
	// Map shows the municipalities with open programs; Places lists the
	// same, for reading without the picture.
	Map    template.HTML
	Places []hubPlace
}

// hubPlace is a municipality with open programs.
type hubPlace struct {
	Municipality domain.Municipality
	Prefecture   string
	Open         int
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ctx := r.Context()
	h, err := s.loadHub(ctx)
	if err != nil {
		return err
	}
	var d homeData
	for _, p := range h.progList {
		pv, err := s.programView(ctx, h, p)
		if err != nil {
			return err
		}
		if pv.Phase == domain.PhaseClosed {
			d.Others = append(d.Others, pv)
		} else {
			d.Open = append(d.Open, pv)
		}
	}
	if d.Map, d.Places, err = s.hubMap(lang, h, d.Open); err != nil {
		return err
	}
	if d.Stats, err = s.store.HubStats(ctx); err != nil {
		return err
	}
	page, err := s.store.ListProjects(ctx, store.ProjectFilter{Limit: 6,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		return err
	}
	if d.Latest, err = s.projectViews(ctx, h, page.Projects); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "home", s.cat.T(lang, "home.title", nil), d)
}

// hubMap draws the hub's municipalities with open programs on the map of
// Japan, with a count per prefecture, and lists them.
func (s *Server) hubMap(lang i18n.Lang, h *hub, open []programView) (template.HTML, []hubPlace, error) {
	counts := map[int64]int{}
	for _, pv := range open {
		counts[pv.Program.MunicipalityID]++
	}
	m := japanmap.Map{ID: "hub-map", Title: s.cat.T(lang, "hub.map_title", nil), Lang: string(lang),
		PrefectureCounts: map[int]int{}, CountLabel: s.cat.T(lang, "hub.map_count", nil),
		MarkerLabel: s.cat.T(lang, "hub.map_marker", nil)}
	var places []hubPlace
	for _, mu := range h.munList {
		n := counts[mu.ID]
		if n == 0 {
			continue
		}
		m.Markers = append(m.Markers, japanmap.Marker{LGCode: mu.LGCode, Name: pick(lang, mu.Name, mu.NameEN), Count: n,
			Href: "/municipalities/" + mu.LGCode})
		m.PrefectureCounts[mu.PrefCode] += n
		pref := ""
		if p, ok := s.ref.Prefecture(mu.PrefCode); ok {
			pref = pick(lang, p.Name, p.NameEN)
		}
		places = append(places, hubPlace{Municipality: mu, Prefecture: pref, Open: n})
	}
	japanmap.SortMarkers(m.Markers)
	svg, err := s.japan.Render(m)
	return svg, places, err
}
