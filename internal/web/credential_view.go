package web

import (
	"regexp"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/chart"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// outcomeLine is one outcome of a credential as a reader sees it: what
// was measured, the change with its unit, and the SDGs goal it served.
type outcomeLine struct {
	Label  string // 新規顧客数
	Change string // 0 → 5 件
	Goal   string // 目標8「働きがいも経済成長も」; "" if none
}

// outcomeText is how the issuer writes an outcome into a credential
// (internal/issuer): "new_customers: 0 → 5 (SDG 8)".
var outcomeText = regexp.MustCompile(`^([a-z0-9_]+): (\S+) → (\S+) \(SDG (\d+)\)$`)

// readableOutcomes turns a credential's outcomes into labels with units
// in the reader's language. A text in any other form (another issuer's)
// is shown as written.
func (s *kit) readableOutcomes(lang i18n.Lang, outcomes []string) []outcomeLine {
	var out []outcomeLine
	for _, o := range outcomes {
		m := outcomeText.FindStringSubmatch(o)
		kind := domain.IndicatorKind("")
		var from, to float64
		var goal int
		var err error
		if m != nil {
			kind = domain.IndicatorKind(m[1])
			if from, err = strconv.ParseFloat(m[2], 64); err == nil {
				if to, err = strconv.ParseFloat(m[3], 64); err == nil {
					goal, err = strconv.Atoi(m[4])
				}
			}
		}
		if m == nil || err != nil || !kind.Valid() {
			out = append(out, outcomeLine{Label: o})
			continue
		}
		line := outcomeLine{Label: s.cat.T(lang, "outcome."+string(kind), nil),
			Change: s.cat.T(lang, "outcome.change_"+string(kind.Unit()),
				domain.Args("From", chart.FormatNumber(from), "To", chart.FormatNumber(to)))}
		line.Goal = s.goalName(lang, goal)
		out = append(out, line)
	}
	return out
}

// goalName is an SDGs goal with its number and name: 目標8「働きがいも
// 経済成長も」, Goal 8: Decent work and economic growth.
func (s *kit) goalName(lang i18n.Lang, goal int) string {
	g, ok := s.ref.SDG(goal)
	if !ok {
		return ""
	}
	return s.cat.T(lang, "outcome.goal", domain.Args("Goal", goal, "Name", pick(lang, g.NameJA, g.NameEN)))
}
