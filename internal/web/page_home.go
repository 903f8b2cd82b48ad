package web

import (
	"html/template"
	"net/http"
	"sort"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/japanmap"
)

// hubPages are the hub's public pages (home, programs, municipalities,
// the hometown search and stories) and their JSON API (app.Hub).
type hubPages struct{ *kit }

type homeData struct {
	Open   []programView
	Others []programView
	Stats  app.HubStats
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

func (p hubPages) homePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	home, err := p.app.Hub.Home(r.Context())
	if err != nil {
		return err
	}
	d := homeData{Stats: home.Stats, Latest: p.cardViews(home.Latest)}
	for _, c := range home.Programs {
		pv := programCardView(c)
		if pv.Phase == domain.PhaseClosed {
			d.Others = append(d.Others, pv)
		} else {
			d.Open = append(d.Open, pv)
		}
	}
	if d.Map, d.Places, err = p.hubMap(lang, d.Open); err != nil {
		return err
	}
	return p.render(w, r, lang, http.StatusOK, "home", p.cat.T(lang, "home.title", nil), d)
}

// hubMap draws the hub's municipalities with open programs on the map of
// Japan, with a count per prefecture, and lists them by code.
func (p hubPages) hubMap(lang i18n.Lang, open []programView) (template.HTML, []hubPlace, error) {
	counts := map[int64]int{}
	var muns []domain.Municipality
	for _, pv := range open {
		if pv.Municipality.ID == 0 {
			continue
		}
		if counts[pv.Municipality.ID] == 0 {
			muns = append(muns, pv.Municipality)
		}
		counts[pv.Municipality.ID]++
	}
	sort.Slice(muns, func(i, j int) bool { return muns[i].LGCode < muns[j].LGCode })
	m := japanmap.Map{ID: "hub-map", Title: p.cat.T(lang, "hub.map_title", nil), Lang: string(lang),
		PrefectureCounts: map[int]int{}, CountLabel: p.cat.T(lang, "hub.map_count", nil),
		MarkerLabel: p.cat.T(lang, "hub.map_marker", nil)}
	var places []hubPlace
	for _, mu := range muns {
		n := counts[mu.ID]
		m.Markers = append(m.Markers, japanmap.Marker{LGCode: mu.LGCode, Name: pick(lang, mu.Name, mu.NameEN), Count: n,
			Href: "/municipalities/" + mu.LGCode})
		m.PrefectureCounts[mu.PrefCode] += n
		pref := ""
		if pr, ok := p.ref.Prefecture(mu.PrefCode); ok {
			pref = pick(lang, pr.Name, pr.NameEN)
		}
		places = append(places, hubPlace{Municipality: mu, Prefecture: pref, Open: n})
	}
	japanmap.SortMarkers(m.Markers)
	svg, err := p.japan.Render(m)
	return svg, places, err
}
