package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// CatalogueRow is what the catalogue's in-memory model keeps of a listed
// project: the values its filters and facets look at.
type CatalogueRow struct {
	ID, ProgramID, MunicipalityID, HostID int64
	Status                                domain.ProjectStatus
	SDGMask                               int64    // bit g set for goal g
	Categories                            []string // skill categories
	Skills                                []string // skill codes, required and preferred
	WorkStyle                             domain.WorkStyle
	RewardType                            domain.RewardType
	HoursBand                             int
}

// CatalogueRows reads every published and closed project in the list's
// order without a search: published first, newest first. It reads the
// primary, never a replica: the model it feeds is keyed on the primary's
// catalogue version.
func (s Projects) CatalogueRows(ctx context.Context) ([]CatalogueRow, error) {
	where, args := s.where(ProjectFilter{}, facetNone)
	rows, err := s.query(ctx, `SELECT p.id, p.program_id, p.municipality_id, p.host_id, p.status, p.sdg_mask,
		p.skill_categories, p.work_style, p.reward_type, `+hoursBandSQL+` FROM projects p WHERE `+where+`
		ORDER BY p.status DESC, p.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	var out []CatalogueRow
	idx := map[int64]int{}
	for rows.Next() {
		var r CatalogueRow
		var categories string
		if err := rows.Scan(&r.ID, &r.ProgramID, &r.MunicipalityID, &r.HostID, &r.Status, &r.SDGMask, &categories,
			&r.WorkStyle, &r.RewardType, &r.HoursBand); err != nil {
			rows.Close()
			return nil, err
		}
		r.Categories = strings.Fields(categories)
		idx[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.query(ctx, `SELECT k.project_id, k.skill_code FROM project_skills k JOIN projects p ON p.id = k.project_id
		WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		if i, ok := idx[id]; ok {
			out[i].Skills = append(out[i].Skills, code)
		}
	}
	return out, rows.Err()
}

// SearchMatches are the published and closed projects a search matches.
type SearchMatches struct {
	IDs []int64
	// Ranked says IDs are in order of relevance (then published, then
	// newest first); a search with only excluded words is not ranked. A
	// list puts published projects first, then this order.
	Ranked    bool
	MaxRanked int // how many matches a list ranks
}

// SearchMatches runs a search alone, for a model that filters its matches
// (on the primary, as CatalogueRows). The matches are ranked however many
// there are, since a filter may leave few enough of them to rank.
func (s Projects) SearchMatches(ctx context.Context, q Search) (SearchMatches, error) {
	m := SearchMatches{MaxRanked: s.maxRanked}
	where, args := s.where(ProjectFilter{Search: q}, facetNone)
	if q.FTS5Match == "" {
		var err error
		m.IDs, err = s.queryIDs(ctx, `SELECT p.id FROM projects p WHERE `+where, args...)
		return m, err
	}
	from, order := s.rankedFrom(q, func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	})
	var err error
	m.IDs, err = s.queryIDs(ctx, `SELECT p.id FROM projects p`+from+` WHERE `+where+`
		ORDER BY `+order+`p.status DESC, p.id DESC`, args...)
	m.Ranked = err == nil
	return m, err
}

// ProjectsByID loads the projects with their goals and skills, in the
// order of ids (for a page the catalogue's model chose; on the primary,
// which holds every project the model lists).
func (s Projects) ProjectsByID(ctx context.Context, ids []int64) ([]domain.Project, error) {
	ps, err := s.projectsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return ps, s.loadProjectTags(ctx, ps)
}

// WithMaxRanked returns a store whose lists rank at most n search matches
// by relevance (MaxRanked by default).
func (s *Store) WithMaxRanked(n int) *Store {
	c := *s
	c.maxRanked = n
	return &c
}
