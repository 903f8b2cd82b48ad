package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type programData struct {
	Program  programView
	Projects []projectView
}

func (d programData) footerMunicipality() domain.Municipality { return d.Program.Municipality }

func (s *Server) programPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ctx := r.Context()
	p, err := s.store.ProgramBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		return err
	}
	h, err := s.loadHub(ctx)
	if err != nil {
		return err
	}
	var d programData
	if d.Program, err = s.programView(ctx, h, p); err != nil {
		return err
	}
	page, err := s.store.ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: 100})
	if err != nil {
		return err
	}
	if d.Projects, err = s.projectViews(ctx, h, page.Projects); err != nil {
		return err
	}
	title := p.Title
	if lang == i18n.English && p.TitleEN != "" {
		title = p.TitleEN
	}
	return s.render(w, r, lang, http.StatusOK, "program", title, d)
}
