package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// storyView is a story with its municipality and program.
type storyView struct{ app.StoryCard }

func (d storyView) footerMunicipality() domain.Municipality { return d.Municipality }

// storiesPage lists completed projects whose business and talents all
// agreed to be shown, with their outcomes.
func (p hubPages) storiesPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	stories, err := p.app.Hub.Stories(r.Context())
	if err != nil {
		return err
	}
	var d struct{ Stories []storyView }
	for _, st := range stories {
		d.Stories = append(d.Stories, storyView{st})
	}
	return p.render(w, r, lang, http.StatusOK, "stories", p.cat.T(lang, "story.title", nil), d)
}

// storyPage tells one story; one that may not be told is not found.
func (p hubPages) storyPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, err := parseID(r.PathValue("id"), "story")
	if err != nil {
		return err
	}
	st, err := p.app.Hub.Story(r.Context(), id)
	if err != nil {
		return err
	}
	return p.render(w, r, lang, http.StatusOK, "story", st.Project.Title, storyView{st})
}
