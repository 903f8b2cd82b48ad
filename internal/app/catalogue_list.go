package app

import (
	"context"
	"slices"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Facets are the counts beside each choice of the project list's filters.
type Facets = store.Facets

// ListPageSize is how many projects one page of the list holds.
const ListPageSize = 20

// ListQuery is the project list's filters as the visitor gave them
// (trimmed), each checked by Projects.
type ListQuery struct {
	Q            string
	Program      string // a program's slug
	SDG          string
	Skill        string // a skill category code
	Style        string
	Reward       string
	Hours        string // a band, see domain.HoursBand
	Municipality string // an lgcode
	Page         string // a page number, "" for the first
	// Closed includes the projects whose call has ended (募集終了), listed
	// after the open ones; without it only open projects are listed and
	// counted.
	Closed bool
}

// ProjectList is one page of the project list, with what its filter form
// offers.
type ProjectList struct {
	Page int // the page shown, from 1
	// Programs and Municipalities are the hub's, for the filter's choices.
	Programs       []domain.Program
	Municipalities []domain.Municipality
	Search         search.Query     // the parsed search text, to highlight matches
	Problems       []search.Problem // malformed parts of the search text; the search still ran
	Projects       []ProjectCard
	Total          int
	Ranked         bool // the most relevant first (a selective search), else the newest
	Facets         Facets
}

// Projects runs a query of the project list with its facet counts. The
// first wrong value gives an invalid error naming its parameter; the
// filter's choices are in the result even then, for the form.
func (c *Catalogue) Projects(ctx context.Context, q ListQuery) (ProjectList, error) {
	l := ProjectList{Page: 1}
	snap, err := c.model.snapshot(ctx, c.app.st)
	if err != nil {
		return l, err
	}
	l.Municipalities, l.Programs = slices.Clone(snap.municipalities), slices.Clone(snap.programs)
	f, err := c.listFilter(ctx, q, &l)
	if err != nil {
		return l, err
	}
	page, facets, err := c.list(ctx, snap, f)
	if err != nil {
		return l, err
	}
	l.Total, l.Ranked, l.Facets = page.Total, page.Ranked, facets
	n := newHubNames(c.app.st)
	n.knowMunicipalities(l.Municipalities...)
	n.knowPrograms(0, l.Programs...)
	l.Projects, err = n.projectCards(ctx, page.Projects, true)
	return l, err
}

// list answers a filter from the in-memory model, or from the database
// when the model cannot.
func (c *Catalogue) list(ctx context.Context, snap *modelSnapshot, f store.ProjectFilter) (store.ProjectPage, Facets, error) {
	if page, facets, ok, err := c.listFromModel(ctx, snap, f); ok || err != nil {
		return page, facets, err
	}
	return c.listFromSQL(ctx, f)
}

// listFromSQL answers a filter with the database's queries.
func (c *Catalogue) listFromSQL(ctx context.Context, f store.ProjectFilter) (store.ProjectPage, Facets, error) {
	page, err := c.app.st.Projects().ListProjects(ctx, f)
	if err != nil {
		return page, Facets{}, err
	}
	facets, err := c.app.st.Projects().ProjectFacets(ctx, f)
	return page, facets, err
}

// listFilter checks every value, in the order of the form, and turns the
// query into a store filter; it sets the page and the parsed search of l.
func (c *Catalogue) listFilter(ctx context.Context, q ListQuery, l *ProjectList) (store.ProjectFilter, error) {
	f := store.ProjectFilter{Limit: ListPageSize, Statuses: []domain.ProjectStatus{domain.ProjectPublished}}
	if q.Closed {
		f.Statuses = append(f.Statuses, domain.ProjectClosed)
	}
	if q.Page != "" {
		n, err := strconv.Atoi(q.Page)
		if err != nil || n < 1 || n > 100000 {
			return f, hubParamError("page", "error.filter_page", "Value", q.Page)
		}
		l.Page = n
	}
	f.Offset = (l.Page - 1) * ListPageSize
	if q.Program != "" {
		f.ProgramID = -1
		for _, p := range l.Programs {
			if p.Slug == q.Program {
				f.ProgramID = p.ID
			}
		}
		if f.ProgramID == -1 {
			return f, hubParamError("program", "error.filter_program", "Value", q.Program)
		}
	}
	if q.SDG != "" {
		n, err := strconv.Atoi(q.SDG)
		if err != nil || n < 1 || n > 17 {
			return f, hubParamError("sdg", "error.filter_sdg", "Value", q.SDG)
		}
		f.SDG = n
	}
	if q.Skill != "" {
		skills := c.app.ref.SkillsIn(q.Skill)
		if len(skills) == 0 {
			return f, hubParamError("skill", "error.filter_skill", "Value", q.Skill)
		}
		for _, sk := range skills {
			f.SkillCodes = append(f.SkillCodes, sk.Code)
		}
	}
	if q.Style != "" {
		if !domain.WorkStyle(q.Style).Valid() {
			return f, hubParamError("style", "error.filter_style", "Value", q.Style)
		}
		f.WorkStyle = domain.WorkStyle(q.Style)
	}
	if q.Reward != "" {
		if !domain.RewardType(q.Reward).Valid() {
			return f, hubParamError("reward", "error.filter_reward", "Value", q.Reward)
		}
		f.RewardType = domain.RewardType(q.Reward)
	}
	if q.Hours != "" {
		n, err := strconv.Atoi(q.Hours)
		if err != nil || n < 1 || n > 4 {
			return f, hubParamError("hours", "error.filter_hours", "Value", q.Hours)
		}
		f.HoursBand = n
	}
	if q.Municipality != "" {
		if err := domain.ValidateLGCode(q.Municipality); err != nil {
			key, _ := domain.ErrorKey(err)
			return f, hubParamError("municipality", key, "Value", q.Municipality)
		}
		if _, ok := c.app.ref.Municipality(q.Municipality); !ok {
			return f, hubParamError("municipality", "error.lgcode_unknown", "Value", q.Municipality)
		}
		f.MunicipalityID = -1 // a real municipality that has not joined the hub: nothing matches
		for _, m := range l.Municipalities {
			if m.LGCode == q.Municipality {
				f.MunicipalityID = m.ID
			}
		}
	}
	if q.Q != "" {
		if len([]rune(q.Q)) > 200 {
			return f, hubParamError("q", "error.query_too_long", "Max", 200)
		}
		an, err := c.app.search.Get(ctx)
		if err != nil {
			return f, err
		}
		l.Search = an.Parse(q.Q)
		l.Problems = l.Search.Problems()
		if !l.Search.Empty() {
			match, exclude := l.Search.FTS5()
			f.Search = store.Search{FTS5Match: match, FTS5Exclude: exclude, TSQuery: l.Search.TSQuery()}
		}
	}
	return f, nil
}
