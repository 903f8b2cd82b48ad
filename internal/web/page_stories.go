package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type storyView struct {
	store.Story
	Municipality domain.Municipality
	Program      domain.Program
}

func (d storyView) footerMunicipality() domain.Municipality { return d.Municipality }

// storiesPage lists completed projects whose business and talents all
// agreed to be shown, with their outcomes.
func (s *Server) storiesPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	stories, err := s.store.Stories(r.Context(), 0)
	if err != nil {
		return err
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return err
	}
	var d struct{ Stories []storyView }
	for _, st := range stories {
		d.Stories = append(d.Stories, storyView{Story: st, Municipality: h.municipalities[st.Engagement.MunicipalityID],
			Program: h.programs[st.Project.ProgramID]})
	}
	return s.render(w, r, lang, http.StatusOK, "stories", s.cat.T(lang, "story.title", nil), d)
}

// storyPage tells one story; one that may not be told is not found.
func (s *Server) storyPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, err := parseID(r.PathValue("id"), "story")
	if err != nil {
		return err
	}
	st, err := s.store.StoryOf(r.Context(), id)
	if err != nil {
		return err
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return err
	}
	d := storyView{Story: st, Municipality: h.municipalities[st.Engagement.MunicipalityID], Program: h.programs[st.Project.ProgramID]}
	return s.render(w, r, lang, http.StatusOK, "story", st.Project.Title, d)
}
