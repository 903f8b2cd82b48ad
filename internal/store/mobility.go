package store

import (
	"context"
	"database/sql"
	"sort"
	"time"
)

// Flow counts talents whose first completed engagement was in one
// municipality and who later joined a team in another: experience gained
// here, used there.
type Flow struct {
	FromID, ToID int64
	Talents      int
}

// MobilityFlows lists the flows between municipalities, largest first.
func (s Insights) MobilityFlows(ctx context.Context) ([]Flow, error) {
	s.core = s.replicaSafe(ctx)
	rows, err := s.query(ctx, `SELECT a.talent_id, a.municipality_id, a.starts_on, g.status, g.completed_at
		FROM agreements a JOIN engagements g ON g.project_id = a.project_id
		WHERE `+acceptedByAll+`
		ORDER BY a.talent_id, a.starts_on, a.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type team struct {
		municipality int64
		starts       time.Time
		completed    time.Time
	}
	byTalent := map[int64][]team{}
	for rows.Next() {
		var talent int64
		var t team
		var starts, completed sql.NullTime
		var status string
		if err := rows.Scan(&talent, &t.municipality, &starts, &status, &completed); err != nil {
			return nil, err
		}
		t.starts = dateOf(starts)
		if status == "completed" && completed.Valid {
			t.completed = completed.Time
		}
		byTalent[talent] = append(byTalent[talent], t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	counts := map[[2]int64]int{}
	for _, teams := range byTalent {
		var first *team
		for i := range teams {
			if !teams[i].completed.IsZero() && (first == nil || teams[i].completed.Before(first.completed)) {
				first = &teams[i]
			}
		}
		if first == nil {
			continue
		}
		seen := map[int64]bool{}
		for _, t := range teams {
			if t.municipality != first.municipality && !t.starts.Before(first.completed.Truncate(24*time.Hour)) && !seen[t.municipality] {
				seen[t.municipality] = true
				counts[[2]int64{first.municipality, t.municipality}]++
			}
		}
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
