package web

import (
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/chart"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// outcomeChart is the outcomes of one unit: its table and its chart.
type outcomeChart struct {
	table dashTable
	bar   chart.Bar
}

// outcomeTables splits the outcome totals by unit (counts, yen, visits a
// month, kg of CO2 a year), one small chart and table each, so that sales
// in yen do not flatten every count beside them. With no outcome at all
// there is one empty table.
func (in insightsPages) outcomeTables(lang i18n.Lang, totals []app.OutcomeTotal) []outcomeChart {
	t := func(key string, kv ...any) string { return in.cat.T(lang, key, domain.Args(kv...)) }
	headers := []string{t("work.indicator"), t("dash.teams"), t("work.baseline"), t("work.result"), t("dash.change")}
	var out []outcomeChart
	for _, unit := range domain.IndicatorUnits() {
		var labels []string
		var before, after []float64
		var rows [][]string
		for _, o := range totals {
			if o.Kind.Unit() != unit {
				continue
			}
			label := t("indicator." + string(o.Kind))
			labels = append(labels, label)
			before, after = append(before, o.Baseline), append(after, o.Result)
			rows = append(rows, []string{label, formatInt(o.Teams), chart.FormatNumber(o.Baseline), chart.FormatNumber(o.Result),
				chart.FormatNumber(o.Result - o.Baseline)})
		}
		if len(rows) == 0 {
			continue
		}
		id := "outcomes-" + strings.ReplaceAll(string(unit), "_", "-")
		bar := chart.Bar{ID: "dash-" + id, Title: t("dash.outcomes_" + string(unit)), Horizontal: true, Labels: labels,
			Unit:   t("unit." + string(unit)),
			Series: []chart.Series{{Name: t("work.baseline"), Values: before}, {Name: t("work.result"), Values: after}}}
		out = append(out, outcomeChart{bar: bar, table: dashTable{ID: id, Title: bar.Title, Note: t("dash.outcomes_note"),
			Headers: headers, Rows: rows, Summary: true}})
	}
	if len(out) == 0 {
		bar := chart.Bar{ID: "dash-outcomes", Title: t("dash.outcomes"), Horizontal: true,
			Series: []chart.Series{{Name: t("work.baseline")}, {Name: t("work.result")}}}
		out = append(out, outcomeChart{bar: bar, table: dashTable{ID: "outcomes", Title: bar.Title, Note: t("dash.outcomes_note"),
			Headers: headers, Summary: true}})
	}
	return out
}
