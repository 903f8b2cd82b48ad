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

	// Entries over time, by week, cumulative.
	weeks, counts := weekly(d.EntryDates)
	line := chart.Line{ID: "dash-time", Title: t("dash.time"), Desc: t("dash.time_desc", "Count", d.Entries),
		Labels: weeks, Series: []chart.Series{{Name: t("dash.entries"), Values: counts}}, Unit: t("dash.unit_people"), Cumulative: true}
	if err := add(dashTable{ID: "time", Title: line.Title, Headers: []string{t("dash.week"), t("dash.entries"), t("dash.cumulative")},
		Rows: cumulativeRows(weeks, counts)}, line.SVG); err != nil {
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
		Rows: funnel.Rows()}, funnel.SVG); err != nil {
		return nil, err
	}

	// Outcomes totals.
	var outLabels []string
	var before, after []float64
	var outRows [][]string
	for _, o := range d.Outcomes {
		label := t("indicator." + string(o.Kind))
		outLabels, before, after = append(outLabels, label), append(before, o.Baseline), append(after, o.Result)
		outRows = append(outRows, []string{label, formatInt(o.Teams), chart.FormatNumber(o.Baseline), chart.FormatNumber(o.Result),
			chart.FormatNumber(o.Result - o.Baseline)})
	}
	outcomes := chart.Bar{ID: "dash-outcomes", Title: t("dash.outcomes"), Horizontal: true, Labels: outLabels,
		Series: []chart.Series{{Name: t("work.baseline"), Values: before}, {Name: t("work.result"), Values: after}}}
	if err := add(dashTable{ID: "outcomes", Title: outcomes.Title, Note: t("dash.outcomes_note"),
		Headers: []string{t("work.indicator"), t("dash.teams"), t("work.baseline"), t("work.result"), t("dash.change")},
		Rows:    outRows}, outcomes.SVG); err != nil {
		return nil, err
	}
	return out, nil
}

// weekly groups times into weeks starting on Monday, in Japan, from the
// first to the last, with empty weeks kept so the axis is even.
func weekly(times []time.Time) (labels []string, counts []float64) {
	if len(times) == 0 {
		return nil, nil
	}
	monday := func(t time.Time) time.Time {
		t = t.In(domain.Japan())
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, domain.Japan())
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	}
	first, last := monday(times[0]), monday(times[len(times)-1])
	idx := map[string]int{} // by date: times in a map key compare their zone pointers too
	for w := first; !w.After(last); w = w.AddDate(0, 0, 7) {
		idx[w.Format("2006-01-02")] = len(labels)
		labels, counts = append(labels, w.Format("2006-01-02")), append(counts, 0)
	}
	for _, t := range times {
		counts[idx[monday(t).Format("2006-01-02")]]++
	}
	return labels, counts
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
