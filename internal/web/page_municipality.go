package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

type municipalityPageData struct {
	Municipality domain.Municipality
	Prefecture   string
	Website      string
	Open, Past   []programView
	Events       []eventView
	Stories      int
	Orgs         []orgCard // its businesses, partners and associations
}

func (d municipalityPageData) footerMunicipality() domain.Municipality { return d.Municipality }

// municipalityPage is a municipality's public page on the hub: its open
// and past programs, coming events and stories.
func (p hubPages) municipalityPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mp, err := p.app.Hub.MunicipalityPage(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		return err
	}
	mu := mp.Municipality
	d := municipalityPageData{Municipality: mu, Events: eventViews(mp.Events), Stories: mp.Stories,
		Orgs: p.orgCards(lang, mp.Organizations)}
	if pr, ok := p.ref.Prefecture(mu.PrefCode); ok {
		d.Prefecture = pick(lang, pr.Name, pr.NameEN)
	}
	if official, ok := p.ref.Municipality(mu.LGCode); ok {
		d.Website = official.URL
	}
	for _, c := range mp.Programs {
		pv := programCardView(c)
		if pv.Phase == domain.PhaseClosed {
			d.Past = append(d.Past, pv)
		} else {
			d.Open = append(d.Open, pv)
		}
	}
	return p.render(w, r, lang, http.StatusOK, "municipality", pick(lang, mu.Name, mu.NameEN), d)
}

// municipalityCSS gives each municipality's pages its accent colour, as a
// stylesheet, since the content security policy allows no inline style.
func (s *Server) municipalityCSS(w http.ResponseWriter, r *http.Request) {
	ms, err := s.app.Hub.Municipalities(r.Context())
	if err != nil {
		s.renderError(w, r, s.language(w, r), err)
		return
	}
	var b strings.Builder
	for _, m := range ms {
		if m.AccentColor != "" { // validated as #rrggbb when stored
			fmt.Fprintf(&b, ".m-%s{--town:%s}\n", m.LGCode, m.AccentColor)
		}
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=60")
	w.Write([]byte(b.String()))
}
