package chart

import (
	"html/template"
	"math"
)

// Bar is a bar chart of one or more series over categories: grouped side
// by side or stacked, vertical or horizontal (better for long Japanese
// labels or many categories). Each bar is labelled with its value; stacked
// bars with their total, and each segment too where it fits.
type Bar struct {
	ID     string // sanitised to a–z, 0–9 and "-"; prefixes the element ids
	Title  string // accessible name (<title>)
	Desc   string // accessible description (<desc>), e.g. the main finding
	Labels []string
	Series []Series // each with one value per label; names needed if several
	Unit   string   // shown as the value axis title, e.g. "件" or "entries"
	// Horizontal draws bars from the left with labels in a column.
	Horizontal bool
	// Stacked stacks the series (values must not be negative).
	Stacked bool
	// Format formats values and ticks; nil means FormatNumber.
	Format func(float64) string
}

// SVG renders the chart, or returns an error wrapping ErrInvalid.
func (b Bar) SVG() (template.HTML, error) {
	h, err := newHead("bar", b.ID, b.Title, b.Desc)
	if err != nil {
		return "", err
	}
	d, err := newData(h, b.Labels, b.Series, b.Unit, b.Format, b.Stacked, false)
	if err != nil {
		return "", err
	}
	p := newBarPlan(d, b.Stacked)
	if b.Horizontal {
		return p.horizontal(), nil
	}
	return p.vertical(), nil
}

// Rows returns the table the chart pictures: one row per label, holding
// the label and each series' formatted value (header cells are the
// caller's: a label column title and the series names). Missing values
// are "".
func (b Bar) Rows() [][]string {
	return rows(b.Labels, b.Series, b.Format, false)
}

// rows builds the table rows of a bar or line chart.
func rows(labels []string, series []Series, format func(float64) string, cumulative bool) [][]string {
	if format == nil {
		format = FormatNumber
	}
	out := make([][]string, len(labels))
	sums := make([]float64, len(series))
	for i, l := range labels {
		row := []string{l}
		for j, s := range series {
			if i >= len(s.Values) {
				row = append(row, "")
				continue
			}
			v := s.Values[i]
			if cumulative {
				sums[j] += v
				v = sums[j]
			}
			row = append(row, format(v))
		}
		out[i] = row
	}
	return out
}

// barPlan holds what both orientations need.
type barPlan struct {
	data
	stacked bool
	scale   scale
	ticks   []string    // formatted scale ticks
	values  [][]string  // formatted values, [series][label]
	totals  []float64   // stacked sums per label
	outside [][]float64 // values labelled beyond the bar end, [label]
}

func newBarPlan(d data, stacked bool) barPlan {
	p := barPlan{data: d, stacked: stacked}
	lo, hi := 0.0, 0.0
	p.totals = make([]float64, len(d.labels))
	p.outside = make([][]float64, len(d.labels))
	for _, s := range d.series {
		var vals []string
		for i, v := range s.Values {
			vals = append(vals, d.format(v))
			p.totals[i] += v
			lo, hi = math.Min(lo, v), math.Max(hi, v)
			if !stacked {
				p.outside[i] = append(p.outside[i], v)
			}
		}
		p.values = append(p.values, vals)
	}
	if stacked {
		for i, t := range p.totals {
			hi = math.Max(hi, t)
			p.outside[i] = []float64{t}
		}
	}
	p.scale = niceScale(lo, hi, d.step)
	for _, t := range p.scale.ticks {
		p.ticks = append(p.ticks, d.format(t))
	}
	return p
}

// outsideWidth is the widest value label beyond positive and negative
// bar ends, in px.
func (p barPlan) outsideWidth() (pos, neg float64) {
	for _, vs := range p.outside {
		for _, v := range vs {
			w := textEm(p.format(v)) * fontSize
			if v < 0 {
				neg = math.Max(neg, w)
			} else {
				pos = math.Max(pos, w)
			}
		}
	}
	return pos, neg
}

// tooltip is the <title> of category i: its full label, then each series'
// value.
func (p barPlan) tooltip(i int) []string {
	lines := []string{p.labels[i]}
	for s, ser := range p.series {
		if ser.Name == "" {
			lines[0] += ": " + p.values[s][i]
		} else {
			lines = append(lines, ser.Name+": "+p.values[s][i])
		}
	}
	return lines
}

// barAttrs are the attributes of series s's bars: fill, and the plain
// colour as an outline so patterned bars keep a solid edge.
func (p barPlan) barAttrs(s int) []string {
	a := []string{"class", "bar", "fill", seriesFill(p.id, s)}
	if patternID(p.id, s) != "" {
		a = append(a, "stroke", seriesColour(s), "stroke-width", "1")
	}
	return a
}

// inside writes a segment's value in white in the middle of the segment at
// cx, cy, on a plain plate over patterns.
func (w *writer) inside(s string, series int, id string, cx, cy float64) {
	if patternID(id, series) != "" {
		tw := textEm(s)*fontSize + 4
		w.rect(cx-tw/2, cy-fontSize/2-1, tw, fontSize+2, "fill", seriesColour(series))
	}
	w.label(s, cx, cy, "middle", white, "class", "value")
}

// grid writes gridlines at the given positions: vertical lines from y=a
// to y=b, or horizontal ones from x=a to x=b.
func (w *writer) grid(positions []float64, a, b float64, vertical bool) {
	w.Open("g", "class", "grid", "stroke", gridColour, "stroke-width", "1")
	for _, t := range positions {
		if vertical {
			w.line(t, a, t, b)
		} else {
			w.line(a, t, b, t)
		}
	}
	w.Close("g")
}

// axis writes the zero line.
func (w *writer) axis(x1, y1, x2, y2 float64) {
	w.Void("line", "class", "axis", "x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2),
		"stroke", mutedColour, "stroke-width", "1")
}

// tick writes a scale label.
func (w *writer) tick(s string, x, y float64, anchor string) {
	w.label(s, x, y, anchor, mutedColour, "class", "tick", "font-size", num(smallSize))
}
