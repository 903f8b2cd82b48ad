package web

import (
	"fmt"
	"html/template"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/chart"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// dashTable is one figure of the dashboard: a chart and the table behind
// it, which is also what its CSV download holds.
type dashTable struct {
	ID      string
	Title   string
	Note    string
	Headers []string
	Rows    [][]string
	SVG     template.HTML
	// Summary puts the chart on the first pages of the council report;
	// every table is in its appendix.
	Summary bool
}

// dashTables turns the municipality's figures into the dashboard's tables, in the
// reader's language. The same tables feed the page, the CSV downloads and
// the printed report.
func (in insightsPages) dashTables(lang i18n.Lang, d app.DashboardFigures) ([]dashTable, error) {
	t := func(key string, kv ...any) string { return in.cat.T(lang, key, domain.Args(kv...)) }
	pick := func(ja, en string) string { return pick(lang, ja, en) }
	var out []dashTable
	add := func(tb dashTable, svg func() (template.HTML, error)) error {
		html, err := svg()
		if err != nil {
			return fmt.Errorf("chart %s: %w", tb.ID, err)
		}
		tb.SVG = html
		out = append(out, tb)
		return nil
	}

	// Entries over time, by week, month or quarter as the span asks,
	// cumulative.
	step, starts, counts := timeBuckets(d.EntryDates)
	labels := make([]string, len(starts))
	for i, s := range starts {
		labels[i] = in.bucketLabel(lang, step, s)
	}
	line := chart.Line{ID: "dash-time", Title: t("dash.time_" + string(step)), Desc: t("dash.time_desc", "Count", d.Entries),
		Labels: labels, Series: []chart.Series{{Name: t("dash.entries"), Values: counts}}, Unit: t("dash.unit_people"), Cumulative: true}
	if err := add(dashTable{ID: "time", Title: line.Title, Headers: []string{t("dash.bucket_" + string(step)), t("dash.entries"), t("dash.cumulative")},
		Rows: cumulativeRows(labels, counts), Summary: true}, line.SVG); err != nil {
		return nil, err
	}

	// Inside and outside the municipality; hometown prefectures.
	origin := chart.Bar{ID: "dash-origin", Title: t("dash.origin"), Horizontal: true, Unit: t("dash.unit_people"),
		Labels: []string{t("dash.inside"), t("dash.outside")},
		Series: []chart.Series{{Name: t("dash.entries"), Values: []float64{float64(d.Inside), float64(d.Entries - d.Inside)}}}}
	if err := add(dashTable{ID: "origin", Title: origin.Title, Headers: []string{t("dash.where"), t("dash.entries")},
		Rows: origin.Rows()}, origin.SVG); err != nil {
		return nil, err
	}
	var prefLabels []string
	var prefValues []float64
	for i, c := range d.Prefectures {
		if i == 12 {
			break
		}
		name := t("dash.unknown")
		if code, err := strconv.Atoi(c.Key); err == nil {
			if p, ok := in.ref.Prefecture(code); ok {
				name = pick(p.Name, p.NameEN)
			}
		}
		prefLabels, prefValues = append(prefLabels, name), append(prefValues, float64(c.Value))
	}
	pref := chart.Bar{ID: "dash-pref", Title: t("dash.hometown"), Horizontal: true, Unit: t("dash.unit_people"),
		Labels: prefLabels, Series: []chart.Series{{Name: t("dash.entries"), Values: prefValues}}}
	if err := add(dashTable{ID: "hometown", Title: pref.Title, Note: t("dash.hometown_note"),
		Headers: []string{t("dash.prefecture"), t("dash.entries")}, Rows: pref.Rows()}, pref.SVG); err != nil {
		return nil, err
	}

	// Skills offered by entrants against skills asked by projects.
	var skillLabels []string
	var offered, asked []float64
	for _, c := range in.ref.SkillCategories() {
		if d.SkillsOffered[c.Code] == 0 && d.SkillsAsked[c.Code] == 0 {
			continue
		}
		skillLabels = append(skillLabels, pick(c.NameJA, c.NameEN))
		offered, asked = append(offered, float64(d.SkillsOffered[c.Code])), append(asked, float64(d.SkillsAsked[c.Code]))
	}
	skills := chart.Bar{ID: "dash-skills", Title: t("dash.skills"), Horizontal: true, Labels: skillLabels,
		Series: []chart.Series{{Name: t("dash.offered"), Values: offered}, {Name: t("dash.asked"), Values: asked}}}
	if err := add(dashTable{ID: "skills", Title: skills.Title, Headers: []string{t("dash.skill_area"), t("dash.offered"), t("dash.asked")},
		Rows: skills.Rows()}, skills.SVG); err != nil {
		return nil, err
	}

	// SDGs goals.
	var goalLabels []string
	var projects, interest []float64
	for _, g := range in.ref.SDGs() {
		if d.SDGsProjects[g.Goal] == 0 && d.SDGsInterest[g.Goal] == 0 {
			continue
		}
		goalLabels = append(goalLabels, strconv.Itoa(g.Goal)+". "+pick(g.NameJA, g.NameEN))
		projects, interest = append(projects, float64(d.SDGsProjects[g.Goal])), append(interest, float64(d.SDGsInterest[g.Goal]))
	}
	sdgs := chart.Bar{ID: "dash-sdgs", Title: t("dash.sdgs"), Horizontal: true, Labels: goalLabels,
		Series: []chart.Series{{Name: t("dash.projects"), Values: projects}, {Name: t("dash.interested"), Values: interest}}}
	if err := add(dashTable{ID: "sdgs", Title: sdgs.Title, Headers: []string{t("dash.goal"), t("dash.projects"), t("dash.interested")},
		Rows: sdgs.Rows()}, sdgs.SVG); err != nil {
		return nil, err
	}

	// The funnel with conversion rates.
	f := d.Funnel
	funnel := chart.Funnel{ID: "dash-funnel", Title: t("dash.funnel"),
		Steps:  []string{t("dash.step_entry"), t("dash.step_screened"), t("dash.step_offered"), t("dash.step_agreed"), t("dash.step_completed")},
		Values: []float64{float64(f.Entries), float64(f.Screened), float64(f.Offered), float64(f.Agreed), float64(f.Completed)},
		RateLabel: func(from, to string, rate float64) string {
			return t("dash.rate", "Rate", chart.FormatPercent(rate))
		}}
	if err := add(dashTable{ID: "funnel", Title: funnel.Title, Headers: []string{t("dash.step"), t("dash.entries"), t("dash.conversion")},
		Rows: funnel.Rows(), Summary: true}, funnel.SVG); err != nil {
		return nil, err
	}

	// Outcomes, one small chart per unit: yen, counts and kilograms on one
	// axis would show only the yen.
	for _, g := range in.outcomeTables(lang, d.Outcomes) {
		if err := add(g.table, g.bar.SVG); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func cumulativeRows(labels []string, counts []float64) [][]string {
	rows := make([][]string, len(labels))
	sum := 0.0
	for i, l := range labels {
		sum += counts[i]
		rows[i] = []string{l, chart.FormatNumber(counts[i]), chart.FormatNumber(sum)}
	}
	return rows
}

// mobilityTable shows experience gained here and used there: talents whose
// first completed team was in this municipality and who later joined one
// elsewhere, and the other way round.
func (in insightsPages) mobilityTable(lang i18n.Lang, mu domain.Municipality, flows []app.Flow, names map[int64]domain.Municipality) (dashTable, error) {
	t := func(key string, kv ...any) string { return in.cat.T(lang, key, domain.Args(kv...)) }
	var labels []string
	var values []float64
	var rows [][]string
	for _, f := range flows {
		var label string
		switch mu.ID {
		case f.FromID:
			label = t("dash.mobility_out", "To", pick(lang, names[f.ToID].Name, names[f.ToID].NameEN))
		case f.ToID:
			label = t("dash.mobility_in", "From", pick(lang, names[f.FromID].Name, names[f.FromID].NameEN))
		default:
			continue
		}
		labels, values = append(labels, label), append(values, float64(f.Talents))
		rows = append(rows, []string{label, formatInt(f.Talents)})
	}
	b := chart.Bar{ID: "dash-mobility", Title: t("dash.mobility"), Horizontal: true, Unit: t("dash.unit_people"), Labels: labels,
		Series: []chart.Series{{Name: t("dash.talents"), Values: values}}}
	svg, err := b.SVG()
	if err != nil {
		return dashTable{}, err
	}
	return dashTable{ID: "mobility", Title: b.Title, Note: t("dash.mobility_note"), Headers: []string{t("dash.flow"), t("dash.talents")},
		Rows: rows, SVG: svg}, nil
}

// bucketLabel names a bucket of the chart over time by its first day: the
// date of a week's Monday, a month, a quarter's months.
func (in insightsPages) bucketLabel(lang i18n.Lang, step timeStep, start time.Time) string {
	switch step {
	case stepMonth:
		return in.cat.T(lang, "dash.month_label", domain.Args("Year", start.Year(), "Month", int(start.Month()),
			"Name", start.Format("Jan")))
	case stepQuarter:
		m := int(start.Month())
		return in.cat.T(lang, "dash.quarter_label", domain.Args("Year", start.Year(), "From", m, "To", m+2, "Q", (m+2)/3))
	}
	return start.Format(time.DateOnly)
}
