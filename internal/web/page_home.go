package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type homeData struct {
	Open   []programView
	Others []programView
	Stats  store.HubStats
	Latest []projectView
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
