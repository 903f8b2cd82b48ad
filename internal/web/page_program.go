package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

type programData struct {
	Program  programView
	Projects []projectView
}

func (d programData) footerMunicipality() domain.Municipality { return d.Program.Municipality }

// programPage is a program's public page with its projects.
func (p hubPages) programPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	pp, err := p.app.Hub.ProgramPage(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	d := programData{Program: programCardView(pp.Program), Projects: p.cardViews(pp.Projects)}
	title := pp.Program.Title
	if lang == i18n.English && pp.Program.TitleEN != "" {
		title = pp.Program.TitleEN
	}
	return p.render(w, r, lang, http.StatusOK, "program", title, d)
}

// programCardView is a program as pages show it.
func programCardView(c app.ProgramCard) programView {
	return programView{Program: c.Program, Municipality: c.Municipality, Hosts: c.Hosts, Phase: c.Phase, StepList: c.StepList,
		Stats: programStats{Projects: c.Stats.Projects, Entries: c.Stats.Entries, EntrantsInside: c.Stats.EntrantsInside,
			EntrantsOutside: c.Stats.Entries - c.Stats.EntrantsInside}}
}
