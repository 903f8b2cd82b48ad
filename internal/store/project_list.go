package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// ProjectFilter selects projects for the public list and the API. Zero
// values mean "any".
type ProjectFilter struct {
	ProgramID      int64
	MunicipalityID int64
	HostIDs        []int64 // any of these hosts; empty means every host
	SDG            int
	SkillCodes     []string // any of these skills (a skill category expands to its codes)
	WorkStyle      domain.WorkStyle
	RewardType     domain.RewardType
	HoursBand      int // see domain.HoursBand
	Search         Search
	Statuses       []domain.ProjectStatus // default: published and closed
	Limit          int                    // default 20, at most 100
	Offset         int
}

// ProjectPage is one page of a project list and the total that matched.
type ProjectPage struct {
	Projects []domain.Project
	Total    int
	// Ranked is true when a search listed the most relevant first; a
	// search matching more than MaxRanked projects lists the newest first.
	Ranked bool
}

// facet names a filter dimension, so facet counts can leave their own
// dimension out.
type facet int

const (
	facetNone facet = iota
	facetSDG
	facetSkill
	facetStyle
	facetReward
	facetMunicipality
	facetHours
)

// hoursBandSQL computes domain.HoursBand in SQL.
const hoursBandSQL = `CASE WHEN p.hours_per_month <= 10 THEN 1 WHEN p.hours_per_month <= 20 THEN 2
	WHEN p.hours_per_month <= 30 THEN 3 ELSE 4 END`

// where renders the filter as SQL on projects p, leaving out the dimension
// skip (for facet counts).
func (s Projects) where(f ProjectFilter, skip facet) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	statuses := f.statuses()
	in := make([]string, len(statuses))
	for i, st := range statuses {
		in[i] = arg(string(st))
	}
	conds = append(conds, "p.status IN ("+strings.Join(in, ", ")+")")
	if f.ProgramID != 0 {
		conds = append(conds, "p.program_id = "+arg(f.ProgramID))
	}
	if f.MunicipalityID != 0 && skip != facetMunicipality {
		conds = append(conds, "p.municipality_id = "+arg(f.MunicipalityID))
	}
	if len(f.HostIDs) > 0 {
		hosts := make([]string, len(f.HostIDs))
		for i, id := range f.HostIDs {
			hosts[i] = arg(id)
		}
		conds = append(conds, "p.host_id IN ("+strings.Join(hosts, ", ")+")")
	}
	if cond := s.searchCondition(f.Search, arg); cond != "" {
		conds = append(conds, cond)
	}
	if f.SDG >= 1 && f.SDG <= 17 && skip != facetSDG {
		conds = append(conds, "(p.sdg_mask & "+arg(int64(1)<<f.SDG)+") <> 0")
	}
	if len(f.SkillCodes) > 0 && skip != facetSkill {
		codes := make([]string, len(f.SkillCodes))
		for i, c := range f.SkillCodes {
			codes[i] = arg(c)
		}
		conds = append(conds, "EXISTS (SELECT 1 FROM project_skills k WHERE k.project_id = p.id AND k.skill_code IN ("+
			strings.Join(codes, ", ")+"))")
	}
	if f.WorkStyle != "" && skip != facetStyle {
		conds = append(conds, "p.work_style = "+arg(string(f.WorkStyle)))
	}
	if f.RewardType != "" && skip != facetReward {
		conds = append(conds, "p.reward_type = "+arg(string(f.RewardType)))
	}
	if f.HoursBand != 0 && skip != facetHours {
		conds = append(conds, hoursBandSQL+" = "+arg(f.HoursBand))
	}
	return strings.Join(conds, " AND "), args
}

// ListProjects returns a page of projects matching the filter. Published
// (open) projects come before closed ones ('published' sorts after
// 'closed', so descending order puts it first and the index on status and
// id gives the order); within each, a search lists the most relevant
// first, otherwise the newest first.
func (s Projects) ListProjects(ctx context.Context, f ProjectFilter) (ProjectPage, error) {
	s.core = s.replicaSafe(ctx)
	var page ProjectPage
	if f.Limit <= 0 {
		f.Limit = 20
	}
	f.Limit = min(f.Limit, 100)
	f.Offset = max(f.Offset, 0)
	var err error
	counted := false
	if s.ftsOnly(f) {
		if page.Total, err = s.ftsCount(ctx, f); err != nil {
			return page, err
		}
		counted = true
		// A ranked page is ordered below, as a filtered search is: the
		// index's own rank would weigh the status words too.
		if page.Ranked = f.Search.FTS5Match != "" && page.Total <= s.maxRanked; !page.Ranked {
			ids, err := s.ftsPage(ctx, f)
			if err != nil {
				return page, err
			}
			if page.Projects, err = s.projectsByID(ctx, ids); err != nil {
				return page, err
			}
			return page, s.loadProjectTags(ctx, page.Projects)
		}
	}
	where, args := s.where(f, facetNone)
	if !counted {
		if err := s.queryRow(ctx, `SELECT COUNT(*) FROM projects p WHERE `+where, args...).Scan(&page.Total); err != nil {
			return page, err
		}
	}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	var from, rankOrder string
	if page.Ranked = f.Search.FTS5Match != "" && page.Total <= s.maxRanked; page.Ranked {
		from, rankOrder = s.rankedFrom(f.Search, arg)
	}
	limit, offset := arg(f.Limit), arg(f.Offset)
	rows, err := s.query(ctx, `SELECT `+projectColumns+` FROM projects p`+from+` WHERE `+where+`
		ORDER BY p.status DESC, `+rankOrder+`p.id DESC LIMIT `+limit+` OFFSET `+offset, args...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return page, err
		}
		page.Projects = append(page.Projects, p)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	return page, s.loadProjectTags(ctx, page.Projects)
}

// projectsByID loads projects in the order of ids.
func (s Projects) projectsByID(ctx context.Context, ids []int64) ([]domain.Project, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := inList(ids, 1)
	rows, err := s.query(ctx, `SELECT `+projectColumns+` FROM projects p WHERE p.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[int64]domain.Project, len(ids))
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return nil, err
		}
		byID[p.ID] = p
	}
	out := make([]domain.Project, 0, len(ids))
	for _, id := range ids {
		if p, ok := byID[id]; ok {
			out = append(out, p)
		}
	}
	return out, rows.Err()
}

// statuses are the statuses the filter admits: published and closed unless
// it says otherwise.
func (f ProjectFilter) statuses() []domain.ProjectStatus {
	if len(f.Statuses) == 0 {
		return []domain.ProjectStatus{domain.ProjectPublished, domain.ProjectClosed}
	}
	return f.Statuses
}
