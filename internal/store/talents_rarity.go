package store

import "context"

// SkillHolders counts the hub's talents and, per skill code, the talents
// who hold it at any level: the skills' rarity for matching, in two
// aggregate queries.
func (s Talents) SkillHolders(ctx context.Context) (talents int, holders map[string]int, err error) {
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM talents`).Scan(&talents); err != nil {
		return 0, nil, err
	}
	rows, err := s.query(ctx, `SELECT skill_code, COUNT(DISTINCT talent_id) FROM talent_skills GROUP BY skill_code`)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	holders = map[string]int{}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return 0, nil, err
		}
		holders[code] = n
	}
	return talents, holders, rows.Err()
}
