package chart

import (
	"html/template"
	"math"
	"strings"
)

// Line is a line chart of one or more series over ordered categories,
// typically dates (entries over time). Every point is marked and labelled
// with its value; x labels are shown only as often as they fit.
type Line struct {
	ID     string // sanitised to a–z, 0–9 and "-"; prefixes the element ids
	Title  string // accessible name (<title>)
	Desc   string // accessible description (<desc>)
	Labels []string
	Series []Series // each with one value per label; names needed if several
	Unit   string   // shown as the value axis title
	// Format formats values and ticks; nil means FormatNumber.
	Format func(float64) string
	// Cumulative plots running totals of the values.
	Cumulative bool
}

// lineWantEm: x labels (dates) up to 10em are shown whole, less often.
const lineWantEm = 10.0

// SVG renders the chart, or returns an error wrapping ErrInvalid.
func (l Line) SVG() (template.HTML, error) {
	h, err := newHead("line", l.ID, l.Title, l.Desc)
	if err != nil {
		return "", err
	}
	d, err := newData(h, l.Labels, l.Series, l.Unit, l.Format, false, l.Cumulative)
	if err != nil {
		return "", err
	}
	return lineSVG(d), nil
}

// Rows returns the table the chart pictures: one row per label with each
// series' formatted value (running totals when Cumulative).
func (l Line) Rows() [][]string {
	return rows(l.Labels, l.Series, l.Format, l.Cumulative)
}

// above reports whether point i of series s is labelled above it: when no
// other series is higher there (ties go to the first series).
func above(series []Series, s, i int) bool {
	v := series[s].Values[i]
	for j, o := range series {
		if o.Values[i] > v || (o.Values[i] == v && j < s) {
			return false
		}
	}
	return true
}

func lineSVG(d data) template.HTML {
	n, ns := len(d.labels), len(d.series)
	lo, hi := 0.0, 0.0
	values := make([][]string, ns)
	labelW, belowW := 0.0, 0.0
	for s, ser := range d.series {
		for i, v := range ser.Values {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
			values[s] = append(values[s], d.format(v))
			w := textEm(values[s][i]) * fontSize
			labelW = math.Max(labelW, w)
			if !above(d.series, s, i) {
				belowW = math.Max(belowW, w)
			}
		}
	}
	sc := niceScale(lo, hi, d.step)
	var ticks []string
	for _, t := range sc.ticks {
		ticks = append(ticks, d.format(t))
	}
	x0 := pad + tickColumn(ticks)
	x1 := width - pad
	band := (x1 - x0) / float64(max(n, 1))
	rotated := labelW+4 > band
	reserve := func(w float64) float64 {
		if rotated {
			return w + 8
		}
		return fontSize + 6
	}

	legendItems, legendH := legend(d.series, pad)
	top := pad + legendH
	unitY := top + fontSize/2
	if d.unit != "" {
		top += fontSize + 6
	}
	plotTop := top + reserve(labelW)
	plotBottom := plotTop + plotH
	labelsY := plotBottom
	if ns > 1 {
		labelsY += reserve(belowW)
	}
	height := labelsY + 6 + fontSize + pad
	y := func(v float64) float64 { return sc.pos(v, plotBottom, plotTop) }
	x := func(i int) float64 { return x0 + (float64(i)+0.5)*band }

	var w writer
	w.start(d.head, height)
	w.legend(d.id, legendItems, true)
	if d.unit != "" {
		w.label(d.unit, pad, unitY, "start", mutedColour, "class", "unit")
	}
	var ys []float64
	for _, t := range sc.ticks {
		ys = append(ys, y(t))
	}
	w.grid(ys, x0, x1, false)
	for i, t := range ticks {
		w.tick(t, x0-6, ys[i], "end")
	}
	w.axis(x0, y(0), x1, y(0))
	k, maxEm := thin(d.labels, band, lineWantEm)
	for i := 0; i < n; i += k {
		s := truncate(d.labels[i], maxEm)
		w.Open("g", "class", "xlabel")
		if s != d.labels[i] {
			w.title(d.labels[i])
		}
		w.xLabel(s, x(i), labelsY, true)
		w.Close("g")
	}
	for s, ser := range d.series {
		w.Open("g", "class", "series")
		if n > 1 {
			var pts strings.Builder
			for i, v := range ser.Values {
				if i > 0 {
					pts.WriteByte(' ')
				}
				pts.WriteString(num(x(i)) + "," + num(y(v)))
			}
			attrs := []string{"points", pts.String(), "fill", "none", "stroke", seriesColour(s),
				"stroke-width", "2", "stroke-linejoin", "round"}
			if d := dash(s); d != "" {
				attrs = append(attrs, "stroke-dasharray", d)
			}
			w.Void("polyline", attrs...)
		}
		for i, v := range ser.Values {
			w.Open("g", "class", "point")
			tip := d.labels[i] + ": " + values[s][i]
			if ser.Name != "" {
				tip = d.labels[i] + " " + ser.Name + ": " + values[s][i]
			}
			w.title(tip)
			w.marker(s, x(i), y(v))
			up, off := above(d.series, s, i), 3.0
			if !up {
				off = -off
			}
			w.valueV(values[s][i], x(i), y(v)-off, up, rotated, seriesColour(s), "value")
			w.Close("g")
		}
		w.Close("g")
	}
	return w.finish()
}
