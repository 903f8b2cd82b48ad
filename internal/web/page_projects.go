package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/search"
)

// cataloguePages are the public project list and a project's page, 気になる,
// and their JSON API (app.Catalogue).
type cataloguePages struct{ *kit }

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
	query    listQuery // as given, to show back in the form
	list     app.ProjectList
	projects []projectView // with their matches highlighted when searched
}

// runList runs a list query (app.Catalogue.Projects) and highlights what
// was searched.
func (c cataloguePages) runList(ctx context.Context, q url.Values) (listResult, error) {
	res := listResult{query: readListQuery(q)}
	var err error
	if res.list, err = c.app.Catalogue.Projects(ctx, res.query); err != nil {
		return res, paramError(err)
	}
	res.projects = c.cardViews(res.list.Projects)
	if len(res.list.Search.Words()) > 0 {
		an, err := c.search.Get(ctx)
		if err != nil {
			return res, err
		}
		for i := range res.projects {
			highlightProject(an, res.list.Search, &res.projects[i])
		}
	}
	return res, nil
}

func highlightProject(an *search.Analyzer, q search.Query, v *projectView) {
	v.TitleHL = an.Highlight(v.Title, q)
	v.SnippetHL = snippet(an.Highlight(v.Description, q), 90)
}

func (c cataloguePages) projectListPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	title := c.cat.T(lang, "list.title", nil)
	res, err := c.runList(r.Context(), r.URL.Query())
	d := listData{Query: res.query}
	if err != nil {
		if domain.ErrorCode(err) != domain.CodeInvalid {
			return err
		}
		pe := c.publicError(r, lang, err)
		d.Error = &pe
		d.Groups = c.filterGroups(lang, res.list, d.Query, nil)
		return c.render(w, r, lang, pe.Status, "projects", title, d)
	}
	for _, p := range res.list.Problems {
		d.Problems = append(d.Problems, c.cat.T(lang, p.Key, p.Args))
	}
	d.Searched, d.Ranked = res.list.Search.Words(), res.list.Ranked
	d.Groups = c.filterGroups(lang, res.list, d.Query, &res.list.Facets)
	d.Projects, d.Total, d.Page = res.projects, res.list.Total, res.list.Page
	d.Pages = max(1, (d.Total+pageSize-1)/pageSize)
	if d.Page > 1 {
		d.PrevURL = pageURL(r.URL.Query(), d.Page-1)
	}
	if d.Page < d.Pages {
		d.NextURL = pageURL(r.URL.Query(), d.Page+1)
	}
	return c.render(w, r, lang, http.StatusOK, "projects", title, d)
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
	Open       bool     // takes entries now: the 応募する button shows
	About      *orgCard // the host business's public profile; nil for other hosts
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

func (c cataloguePages) projectPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, err := parseID(r.PathValue("id"), "project")
	if err != nil {
		return err
	}
	pp, err := c.app.Catalogue.ProjectPage(r.Context(), id)
	if err != nil {
		return err
	}
	d := projectData{Project: c.cardView(pp.Project), Program: programCardView(pp.Program), SignedIn: pp.SignedIn,
		Bookmarked: pp.Bookmarked, Open: pp.Open}
	if h := d.Project.Host; h.Kind == domain.OrgBusiness {
		d.About = &c.orgCards(lang, []domain.Organization{h})[0]
	}
	return c.render(w, r, lang, http.StatusOK, "project", pp.Project.Title, d)
}

// bookmark sets or clears 気になる on a project, then returns to it.
func (c cataloguePages) bookmark(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := c.requireUser(r); err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "project")
	if err != nil {
		return err
	}
	if _, err := readForm(w, r, "on"); err != nil {
		return err
	}
	on := r.PostForm.Get("on") == "1"
	if err := c.app.Catalogue.Bookmark(r.Context(), id, on); err != nil {
		return err
	}
	key := "bookmark_removed"
	if on {
		key = "bookmark_added"
	}
	seeOtherWith(w, r, "/projects/"+strconv.FormatInt(id, 10), key)
	return nil
}

// cardView is a project as pages show it, with its goals and skills from
// the reference data.
func (s *kit) cardView(c app.ProjectCard) projectView {
	v := projectView{Project: c.Project, Host: c.Host, Municipality: c.Municipality, Program: c.Program}
	for _, g := range c.SDGs {
		if sdg, ok := s.ref.SDG(g); ok {
			v.Goals = append(v.Goals, sdg)
		}
	}
	v.Required = s.skills(c.RequiredSkills)
	v.Preferred = s.skills(c.PreferredSkills)
	return v
}

func (s *kit) cardViews(cards []app.ProjectCard) []projectView {
	out := make([]projectView, len(cards))
	for i, c := range cards {
		out[i] = s.cardView(c)
	}
	return out
}
