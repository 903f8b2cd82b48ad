package store

import (
	"context"
	"fmt"
	"strings"
)

// Facets count the projects that would match if one filter changed: each
// dimension is counted with every other filter applied but its own, so the
// numbers next to a choice say what picking it would give.
type Facets struct {
	SDG          map[int]int    // goal → projects (a project counts under each of its goals)
	Skill        map[string]int // skill category → projects
	Style        map[string]int // work style → projects
	Reward       map[string]int // reward type → projects
	Municipality map[int64]int  // municipality id → projects
	Hours        map[int]int    // hours band → projects
}

// ProjectFacets counts the projects matching f by each filter dimension.
func (s Projects) ProjectFacets(ctx context.Context, f ProjectFilter) (Facets, error) {
	s.core = s.replicaSafe(ctx)
	fc := Facets{SDG: map[int]int{}, Skill: map[string]int{}, Style: map[string]int{}, Reward: map[string]int{},
		Municipality: map[int64]int{}, Hours: map[int]int{}}
	type dim struct {
		skip  facet
		sql   string
		store func(key any, n int)
	}
	dims := []dim{
		{facetSDG, `SELECT p.sdg_mask, COUNT(*) FROM projects p WHERE %s GROUP BY p.sdg_mask`,
			func(k any, n int) {
				for mask, g := asInt(k), 1; g <= 17; g++ {
					if mask&(1<<g) != 0 {
						fc.SDG[g] += n
					}
				}
			}},
		{facetSkill, `SELECT p.skill_categories, COUNT(*) FROM projects p WHERE %s GROUP BY p.skill_categories`,
			func(k any, n int) {
				for _, c := range strings.Fields(asString(k)) {
					fc.Skill[c] += n
				}
			}},
		{facetStyle, `SELECT p.work_style, COUNT(*) FROM projects p WHERE %s GROUP BY p.work_style`,
			func(k any, n int) { fc.Style[asString(k)] = n }},
		{facetReward, `SELECT p.reward_type, COUNT(*) FROM projects p WHERE %s GROUP BY p.reward_type`,
			func(k any, n int) { fc.Reward[asString(k)] = n }},
		{facetMunicipality, `SELECT p.municipality_id, COUNT(*) FROM projects p WHERE %s GROUP BY p.municipality_id`,
			func(k any, n int) { fc.Municipality[asInt(k)] = n }},
		{facetHours, `SELECT ` + hoursBandSQL + `, COUNT(*) FROM projects p WHERE %s GROUP BY ` + hoursBandSQL,
			func(k any, n int) { fc.Hours[int(asInt(k))] = n }},
	}
	for _, d := range dims {
		where, args := s.where(f, d.skip)
		rows, err := s.query(ctx, fmt.Sprintf(d.sql, where), args...)
		if err != nil {
			return fc, err
		}
		for rows.Next() {
			var key any
			var n int
			if err := rows.Scan(&key, &n); err != nil {
				rows.Close()
				return fc, err
			}
			d.store(key, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fc, err
		}
	}
	return fc, nil
}
