package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

type listData struct {
	Query          listQuery
	Error          *publicError
	Projects       []projectView
	Total          int
	Page, Pages    int
	PrevURL        string
	NextURL        string
	Programs       []domain.Program
	Municipalities []domain.Municipality
	SDGs           []refdata.SDG
	Categories     []refdata.SkillCategory
	Styles         []domain.WorkStyle
	Rewards        []domain.RewardType
}

func (s *Server) projectListPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ctx := r.Context()
	h, err := s.loadHub(ctx)
	if err != nil {
		return err
	}
	d := listData{Programs: h.progList, Municipalities: h.munList, SDGs: s.ref.SDGs(),
		Categories: s.ref.SkillCategories(), Styles: domain.WorkStyles(), Rewards: domain.RewardTypes()}
	title := s.cat.T(lang, "list.title", nil)
	lq, f, err := s.filter(h, r.URL.Query())
	d.Query = lq
	if err != nil {
		if domain.ErrorCode(err) != domain.CodeInvalid {
			return err
		}
		pe := s.publicError(r, lang, err)
		d.Error = &pe
		return s.render(w, r, lang, pe.Status, "projects", title, d)
	}
	page, err := s.store.ListProjects(ctx, f)
	if err != nil {
		return err
	}
	if d.Projects, err = s.projectViews(ctx, h, page.Projects); err != nil {
		return err
	}
	d.Total, d.Page = page.Total, lq.Page
	d.Pages = max(1, (page.Total+pageSize-1)/pageSize)
	if d.Page > 1 {
		d.PrevURL = pageURL(r.URL.Query(), d.Page-1)
	}
	if d.Page < d.Pages {
		d.NextURL = pageURL(r.URL.Query(), d.Page+1)
	}
	return s.render(w, r, lang, http.StatusOK, "projects", title, d)
}

func pageURL(q url.Values, page int) string {
	out := url.Values{}
	for k, v := range q {
		if k != "page" && k != "lang" && len(v) > 0 && v[0] != "" {
			out[k] = v
		}
	}
	if page > 1 {
		out.Set("page", strconv.Itoa(page))
	}
	return "/projects?" + out.Encode()
}

type projectData struct {
	Project projectView
	Program programView
}

// parseID reads a positive numeric id; anything else is simply not found.
func parseID(s string, what string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0, notFound(what)
	}
	return id, nil
}

func (s *Server) projectPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ctx := r.Context()
	id, err := parseID(r.PathValue("id"), "project")
	if err != nil {
		return err
	}
	p, err := s.store.Project(ctx, id)
	if err != nil {
		return err
	}
	if !p.Status.Public() {
		return notFound("project")
	}
	h, err := s.loadHub(ctx)
	if err != nil {
		return err
	}
	views, err := s.projectViews(ctx, h, []domain.Project{p})
	if err != nil {
		return err
	}
	d := projectData{Project: views[0]}
	if d.Program, err = s.programView(ctx, h, h.programs[p.ProgramID]); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "project", p.Title, d)
}
