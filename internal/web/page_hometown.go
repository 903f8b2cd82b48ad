package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
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
// the URL), and lists open projects nearest first; a signed-in talent
// starts from the towns on their profile.
func (p hubPages) hometownPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	q := r.URL.Query()
	ht, err := p.app.Hub.Hometown(r.Context(), app.HometownQuery{Municipality: domain.NormalizeText(q.Get("municipality")),
		Pref: domain.NormalizeText(q.Get("pref")), Choosing: q.Get("pref") != ""})
	d := hometownData{Prefectures: p.ref.Prefectures(), Pref: ht.Pref}
	for _, t := range ht.Ties {
		m, _ := p.ref.Municipality(t.LGCode)
		d.Ties = append(d.Ties, tie{Municipality: m, Kind: t.Kind, Current: t.LGCode == ht.Chosen})
	}
	title := p.cat.T(lang, "hometown.title", nil)
	if err != nil {
		if domain.ErrorCode(err) != domain.CodeInvalid {
			return err
		}
		pe := p.publicError(r, lang, err)
		d.Error = &pe
		return p.render(w, r, lang, pe.Status, "hometown", title, d)
	}
	if d.Pref != 0 {
		d.Municipalities = p.ref.MunicipalitiesIn(d.Pref)
	}
	if ht.Chosen != "" {
		d.Chosen, _ = p.ref.Municipality(ht.Chosen)
	}
	for _, g := range ht.Groups {
		d.Groups = append(d.Groups, hometownGroup{Municipality: g.Municipality, DistanceKm: g.DistanceKm,
			Projects: p.cardViews(g.Projects)})
	}
	return p.render(w, r, lang, http.StatusOK, "hometown", title, d)
}
