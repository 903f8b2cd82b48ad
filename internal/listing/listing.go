// Package listing answers the public project list from memory: which
// projects a filter matches, in what order, and the facet counts beside
// each choice. It holds only what the filters look at; the database stays
// the one source of truth, and the model is rebuilt from it when the
// catalogue changes (internal/app keeps it in step). Its answers equal
// those of the SQL path in internal/store, which the tests check on both
// engines.
package listing

import (
	"slices"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Row is one listed (published or closed) project.
type Row struct {
	ID, ProgramID, MunicipalityID int64
	Status                        domain.ProjectStatus
	SDGMask                       int64    // bit g set for goal g
	Categories                    []string // skill categories
	Skills                        []string // skill codes
	WorkStyle                     domain.WorkStyle
	RewardType                    domain.RewardType
	HoursBand                     int
}

// Index is an immutable model of the list. Safe for concurrent use.
type Index struct {
	rows []Row // in the list's order without a search: published first, newest first
}

// New builds an index of rows given in the list's order.
func New(rows []Row) *Index { return &Index{rows: rows} }

// Len is how many projects the index holds.
func (ix *Index) Len() int { return len(ix.rows) }

// Matches are the projects a search matched, from the database.
type Matches struct {
	pos       map[int64]int // position in the ranked order (or in any order when not ranked)
	ranked    bool
	maxRanked int
}

// NewMatches keeps a search's matches; ranked says ids are in the ranked
// list's order, and maxRanked is how many matches a list ranks.
func NewMatches(ids []int64, ranked bool, maxRanked int) *Matches {
	m := &Matches{pos: make(map[int64]int, len(ids)), ranked: ranked, maxRanked: maxRanked}
	for i, id := range ids {
		m.pos[id] = i
	}
	return m
}

// Filter is one query of the list. Zero values mean no condition; an id
// of -1 matches nothing.
type Filter struct {
	ProgramID, MunicipalityID int64
	SDG                       int
	SkillCodes                []string // any of these
	WorkStyle                 domain.WorkStyle
	RewardType                domain.RewardType
	HoursBand                 int
	Search                    *Matches // nil: no search
	Positive                  bool     // the search has words to find (and may rank), not only words to exclude
	Limit, Offset             int
}

// Facets count the projects that would match if one filter changed (see
// store.Facets, which has the same meaning).
type Facets struct {
	SDG          map[int]int
	Skill        map[string]int
	Style        map[string]int
	Reward       map[string]int
	Municipality map[int64]int
	Hours        map[int]int
}

// Result is one page of the list.
type Result struct {
	IDs    []int64
	Total  int
	Ranked bool
	Facets Facets
	// Unanswered says the model cannot order this page (a filtered search
	// that ranks fewer matches than its whole search matched); ask the
	// database.
	Unanswered bool
}

// dimension numbers a filter dimension with facet counts.
type dimension int

const (
	dimSDG dimension = iota
	dimSkill
	dimStyle
	dimReward
	dimMunicipality
	dimHours
	dimNone
)

// Query answers a filter: the page, the total, whether it is ranked, and
// the facet counts, in one pass over the rows.
func (ix *Index) Query(f Filter) Result {
	res := Result{Facets: Facets{SDG: map[int]int{}, Skill: map[string]int{}, Style: map[string]int{},
		Reward: map[string]int{}, Municipality: map[int64]int{}, Hours: map[int]int{}}}
	var skills map[string]bool
	if len(f.SkillCodes) > 0 {
		skills = make(map[string]bool, len(f.SkillCodes))
		for _, c := range f.SkillCodes {
			skills[c] = true
		}
	}
	var matched []int // indexes into rows
	for i := range ix.rows {
		r := &ix.rows[i]
		if f.ProgramID != 0 && r.ProgramID != f.ProgramID {
			continue
		}
		if f.Search != nil {
			if _, ok := f.Search.pos[r.ID]; !ok {
				continue
			}
		}
		failed, fails := dimNone, 0
		fail := func(d dimension) {
			failed = d
			fails++
		}
		if f.SDG >= 1 && f.SDG <= 17 && r.SDGMask&(1<<f.SDG) == 0 {
			fail(dimSDG)
		}
		if skills != nil && !slices.ContainsFunc(r.Skills, func(c string) bool { return skills[c] }) {
			fail(dimSkill)
		}
		if f.WorkStyle != "" && r.WorkStyle != f.WorkStyle {
			fail(dimStyle)
		}
		if f.RewardType != "" && r.RewardType != f.RewardType {
			fail(dimReward)
		}
		if f.MunicipalityID != 0 && r.MunicipalityID != f.MunicipalityID {
			fail(dimMunicipality)
		}
		if f.HoursBand != 0 && r.HoursBand != f.HoursBand {
			fail(dimHours)
		}
		switch fails {
		case 0:
			matched = append(matched, i)
			for d := range dimNone {
				res.Facets.count(d, r)
			}
		case 1:
			res.Facets.count(failed, r)
		}
	}
	res.Total = len(matched)
	if f.Search != nil && f.Positive && res.Total <= f.Search.maxRanked {
		if !f.Search.ranked {
			res.Unanswered = true
			return res
		}
		res.Ranked = true
		slices.SortStableFunc(matched, func(a, b int) int {
			return f.Search.pos[ix.rows[a].ID] - f.Search.pos[ix.rows[b].ID]
		})
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 100)
	from := min(max(f.Offset, 0), len(matched))
	to := min(from+limit, len(matched))
	for _, i := range matched[from:to] {
		res.IDs = append(res.IDs, ix.rows[i].ID)
	}
	return res
}

// count adds a row to the counts of one dimension.
func (fc *Facets) count(d dimension, r *Row) {
	switch d {
	case dimSDG:
		for g := 1; g <= 17; g++ {
			if r.SDGMask&(1<<g) != 0 {
				fc.SDG[g]++
			}
		}
	case dimSkill:
		for _, c := range r.Categories {
			fc.Skill[c]++
		}
	case dimStyle:
		fc.Style[string(r.WorkStyle)]++
	case dimReward:
		fc.Reward[string(r.RewardType)]++
	case dimMunicipality:
		fc.Municipality[r.MunicipalityID]++
	case dimHours:
		fc.Hours[r.HoursBand]++
	}
}
