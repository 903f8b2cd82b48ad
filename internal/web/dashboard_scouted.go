package web

import (
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/chart"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// scoutedTable shows experience sought elsewhere: talents who completed a
// team in one municipality and were later scouted by another, this
// municipality being either end, as a bar chart with its table.
func (in insightsPages) scoutedTable(lang i18n.Lang, mu domain.Municipality, flows []app.Flow,
	names map[int64]domain.Municipality) (dashTable, error) {
	t := func(key string, kv ...any) string { return in.cat.T(lang, key, domain.Args(kv...)) }
	var labels []string
	var values []float64
	var rows [][]string
	for _, f := range flows {
		var label string
		switch mu.ID {
		case f.FromID:
			label = t("dash.scouted_out", "To", pick(lang, names[f.ToID].Name, names[f.ToID].NameEN))
		case f.ToID:
			label = t("dash.scouted_in", "From", pick(lang, names[f.FromID].Name, names[f.FromID].NameEN))
		default:
			continue
		}
		labels, values = append(labels, label), append(values, float64(f.Talents))
		rows = append(rows, []string{label, formatInt(f.Talents)})
	}
	b := chart.Bar{ID: "dash-scouted", Title: t("dash.scouted"), Horizontal: true, Unit: t("dash.unit_people"), Labels: labels,
		Series: []chart.Series{{Name: t("dash.talents"), Values: values}}}
	svg, err := b.SVG()
	if err != nil {
		return dashTable{}, err
	}
	return dashTable{ID: "scouted", Title: b.Title, Note: t("dash.scouted_note"),
		Headers: []string{t("dash.flow"), t("dash.talents")}, Rows: rows, SVG: svg}, nil
}
