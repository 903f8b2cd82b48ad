package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type listData struct {
	Query       listQuery
	Error       *publicError
	Problems    []string // translated notes on a malformed search
	Searched    [][]string
	Ranked      bool
	Groups      []filterGroup
	Projects    []projectView
	Total       int
	Page, Pages int
	PrevURL     string
	NextURL     string
}

// listResult is what the page and the API both show for a list query.
type listResult struct {
	req      listRequest
	page     store.ProjectPage
	facets   store.Facets
	projects []projectView
}

// runList checks the query, runs it with its facets and highlights matches.
func (s *Server) runList(ctx context.Context, h *hub, q url.Values) (listResult, error) {
	var res listResult
	req, err := s.filter(ctx, h, q)
	res.req = req
	if err != nil {
		return res, err
	}
	if res.page, err = s.store.ListProjects(ctx, req.Filter); err != nil {
		return res, err
	}
	if res.facets, err = s.store.ProjectFacets(ctx, req.Filter); err != nil {
		return res, err
	}
	if res.projects, err = s.projectViews(ctx, h, res.page.Projects); err != nil {
		return res, err
	}
	if len(req.Search.Words()) > 0 {
		an, err := s.search.Get(ctx)
		if err != nil {
			return res, err
		}
		for i := range res.projects {
			highlightProject(an, req.Search, &res.projects[i])
		}
	}
	return res, nil
}

func highlightProject(an *search.Analyzer, q search.Query, v *projectView) {
	v.TitleHL = an.Highlight(v.Title, q)
	v.SnippetHL = snippet(an.Highlight(v.Description, q), 90)
}

func (s *Server) projectListPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ctx := r.Context()
	h, err := s.loadHub(ctx)
	if err != nil {
		return err
	}
	title := s.cat.T(lang, "list.title", nil)
	res, err := s.runList(ctx, h, r.URL.Query())
	d := listData{Query: res.req.Query}
	if err != nil {
		if domain.ErrorCode(err) != domain.CodeInvalid {
			return err
		}
		pe := s.publicError(r, lang, err)
		d.Error = &pe
		d.Groups = s.filterGroups(lang, h, d.Query, nil)
		return s.render(w, r, lang, pe.Status, "projects", title, d)
	}
	for _, p := range res.req.Problems {
		d.Problems = append(d.Problems, s.cat.T(lang, p.Key, p.Args))
	}
	d.Searched, d.Ranked = res.req.Search.Words(), res.page.Ranked
	d.Groups = s.filterGroups(lang, h, d.Query, &res.facets)
	d.Projects, d.Total, d.Page = res.projects, res.page.Total, d.Query.Page
	d.Pages = max(1, (d.Total+pageSize-1)/pageSize)
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
	Project    projectView
	Program    programView
	SignedIn   bool
	Bookmarked bool
}

func (d projectData) footerMunicipality() domain.Municipality { return d.Project.Municipality }

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
	if userID := s.userID(r); userID != 0 {
		d.SignedIn = true
		if d.Bookmarked, err = s.store.Bookmarked(ctx, userID, p.ID); err != nil {
			return err
		}
	}
	return s.render(w, r, lang, http.StatusOK, "project", p.Title, d)
}

// bookmark sets or clears 気になる on a project, then returns to it.
func (s *Server) bookmark(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "project")
	if err != nil {
		return err
	}
	if _, err := readForm(w, r, "on"); err != nil {
		return err
	}
	if r.PostForm.Get("on") == "1" {
		err = s.store.Bookmark(r.Context(), userID, id)
	} else {
		err = s.store.Unbookmark(r.Context(), userID, id)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/projects/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
