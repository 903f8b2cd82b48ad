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
	"strings"

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
	// The rows' values as small numbers, for a fast pass: codes[i] holds
	// row i's style, reward, municipality, categories and skills.
	codes                               []rowCodes
	styles, rewards, categories, skills values[string]
	municipalities                      values[int64]
}

// rowCodes is one row's values numbered by the index.
type rowCodes struct {
	style, reward, municipality int
	categories, skills          []int
}

// values numbers the distinct values of one dimension.
type values[T comparable] struct {
	of  map[T]int
	all []T
}

func (v *values[T]) code(x T) int {
	if v.of == nil {
		v.of = map[T]int{}
	}
	c, ok := v.of[x]
	if !ok {
		c = len(v.all)
		v.of[x] = c
		v.all = append(v.all, x)
	}
	return c
}

// New builds an index of rows given in the list's order.
func New(rows []Row) *Index {
	ix := &Index{rows: rows, codes: make([]rowCodes, len(rows))}
	for i, r := range rows {
		c := &ix.codes[i]
		c.style, c.reward = ix.styles.code(string(r.WorkStyle)), ix.rewards.code(string(r.RewardType))
		c.municipality = ix.municipalities.code(r.MunicipalityID)
		for _, k := range r.Categories {
			c.categories = append(c.categories, ix.categories.code(k))
		}
		for _, k := range r.Skills {
			c.skills = append(c.skills, ix.skills.code(k))
		}
	}
	return ix
}

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
	Statuses                  []domain.ProjectStatus // any of these; none: published and closed
	Search                    *Matches               // nil: no search
	Positive                  bool                   // the search has words to find (and may rank), not only words to exclude
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

// counts are facet counts by the index's value numbers.
type counts struct {
	sdg, hours                              [18]int
	style, reward, categories, municipality []int
}

// Query answers a filter: the page, the total, whether it is ranked, and
// the facet counts, in one pass over the rows.
func (ix *Index) Query(f Filter) Result {
	var res Result
	var skills []bool // by skill number: wanted
	if len(f.SkillCodes) > 0 {
		skills = make([]bool, len(ix.skills.all))
		for _, c := range f.SkillCodes {
			if n, ok := ix.skills.of[c]; ok {
				skills[n] = true
			}
		}
	}
	// A wanted value that no row has matches nothing: number -2.
	want := func(set bool, n int, ok bool) int {
		switch {
		case !set:
			return -1
		case !ok:
			return -2
		}
		return n
	}
	style, ok := ix.styles.of[string(f.WorkStyle)]
	style = want(f.WorkStyle != "", style, ok)
	reward, ok := ix.rewards.of[string(f.RewardType)]
	reward = want(f.RewardType != "", reward, ok)
	muni, ok := ix.municipalities.of[f.MunicipalityID]
	muni = want(f.MunicipalityID != 0, muni, ok)
	var sdgBit int64
	if f.SDG >= 1 && f.SDG <= 17 {
		sdgBit = 1 << f.SDG
	}
	fc := counts{style: make([]int, len(ix.styles.all)), reward: make([]int, len(ix.rewards.all)),
		categories: make([]int, len(ix.categories.all)), municipality: make([]int, len(ix.municipalities.all))}
	var matched []int // indexes into rows
	for i := range ix.rows {
		r, c := &ix.rows[i], &ix.codes[i]
		if f.ProgramID != 0 && r.ProgramID != f.ProgramID {
			continue
		}
		if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, r.Status) {
			continue
		}
		if f.Search != nil {
			if _, ok := f.Search.pos[r.ID]; !ok {
				continue
			}
		}
		failed, fails := dimNone, 0
		if sdgBit != 0 && r.SDGMask&sdgBit == 0 {
			failed, fails = dimSDG, fails+1
		}
		if skills != nil && !slices.ContainsFunc(c.skills, func(n int) bool { return skills[n] }) {
			failed, fails = dimSkill, fails+1
		}
		if style != -1 && c.style != style {
			failed, fails = dimStyle, fails+1
		}
		if reward != -1 && c.reward != reward {
			failed, fails = dimReward, fails+1
		}
		if muni != -1 && c.municipality != muni {
			failed, fails = dimMunicipality, fails+1
		}
		if f.HoursBand != 0 && r.HoursBand != f.HoursBand {
			failed, fails = dimHours, fails+1
		}
		switch fails {
		case 0:
			matched = append(matched, i)
			for d := range dimNone {
				fc.count(d, r, c)
			}
		case 1:
			fc.count(failed, r, c)
		}
	}
	res.Facets = ix.facets(&fc)
	res.Total = len(matched)
	if f.Search != nil && f.Positive && res.Total <= f.Search.maxRanked {
		if !f.Search.ranked {
			res.Unanswered = true
			return res
		}
		res.Ranked = true
		// Open (published) projects first, as without a search; then the
		// most relevant. The rows are published first already.
		slices.SortStableFunc(matched, func(a, b int) int {
			if sa, sb := ix.rows[a].Status, ix.rows[b].Status; sa != sb {
				return strings.Compare(string(sb), string(sa))
			}
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
func (fc *counts) count(d dimension, r *Row, c *rowCodes) {
	switch d {
	case dimSDG:
		for g := 1; g <= 17; g++ {
			if r.SDGMask&(1<<g) != 0 {
				fc.sdg[g]++
			}
		}
	case dimSkill:
		for _, n := range c.categories {
			fc.categories[n]++
		}
	case dimStyle:
		fc.style[c.style]++
	case dimReward:
		fc.reward[c.reward]++
	case dimMunicipality:
		fc.municipality[c.municipality]++
	case dimHours:
		fc.hours[r.HoursBand]++
	}
}

// facets turns the counts into facets by value, leaving out zeros as the
// database's grouping does.
func (ix *Index) facets(fc *counts) Facets {
	out := Facets{SDG: map[int]int{}, Skill: map[string]int{}, Style: map[string]int{}, Reward: map[string]int{},
		Municipality: map[int64]int{}, Hours: map[int]int{}}
	for g, n := range fc.sdg {
		if n > 0 {
			out.SDG[g] = n
		}
	}
	for b, n := range fc.hours {
		if n > 0 {
			out.Hours[b] = n
		}
	}
	put(out.Style, fc.style, ix.styles.all)
	put(out.Reward, fc.reward, ix.rewards.all)
	put(out.Skill, fc.categories, ix.categories.all)
	put(out.Municipality, fc.municipality, ix.municipalities.all)
	return out
}

func put[T comparable](m map[T]int, counts []int, all []T) {
	for i, n := range counts {
		if n > 0 {
			m[all[i]] = n
		}
	}
}
