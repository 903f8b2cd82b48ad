package store

import (
	"context"
	"sort"
)

// ScoutFlows counts talents who completed a team in one municipality and
// were later scouted by another: experience there, sought here. Each
// talent counts once per pair of municipalities. One query.
func (s Insights) ScoutFlows(ctx context.Context) ([]Flow, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT a.talent_id, a.municipality_id, o.municipality_id
		FROM agreements a JOIN engagements g ON g.project_id = a.project_id
		JOIN scout_offers o ON o.talent_id = a.talent_id AND o.municipality_id <> a.municipality_id
			AND o.created_at >= g.completed_at
		WHERE g.status = 'completed' AND g.completed_at IS NOT NULL AND `+acceptedByAll)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[[2]int64]int{}
	for rows.Next() {
		var talent, from, to int64
		if err := rows.Scan(&talent, &from, &to); err != nil {
			return nil, err
		}
		counts[[2]int64{from, to}]++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Flow, 0, len(counts))
	for k, n := range counts {
		out = append(out, Flow{FromID: k[0], ToID: k[1], Talents: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Talents != out[j].Talents {
			return out[i].Talents > out[j].Talents
		}
		return out[i].FromID < out[j].FromID || (out[i].FromID == out[j].FromID && out[i].ToID < out[j].ToID)
	})
	return out, nil
}
