package chart

import "strconv"

// MaxSeries is how many series a chart may have: one per colour and
// pattern, so that no two series look alike.
const MaxSeries = 6

// Colours. Series colours contrast at least 4.5:1 with white (tested), so
// white text on them and text in them are both legible.
const (
	textColour  = "#333333" // labels and values, 12.6:1
	mutedColour = "#595959" // ticks, unit, axis, 7.0:1
	gridColour  = "#d9d9d9" // decorative only
	white       = "#ffffff"
)

// seriesColour is the colour of series i: Okabe–Ito hues darkened.
func seriesColour(i int) string {
	return [MaxSeries]string{"#0072b2", "#b35000", "#007a5a", "#a8517f", "#6b5e00", "#5e5c64"}[i%MaxSeries]
}

// patternID is the id of series i's bar pattern, or "" for a solid fill.
func patternID(id string, i int) string {
	if i%MaxSeries == 0 {
		return ""
	}
	return id + "-p" + strconv.Itoa(i)
}

// seriesFill is the fill attribute of series i's bars.
func seriesFill(id string, i int) string {
	if p := patternID(id, i); p != "" {
		return "url(#" + p + ")"
	}
	return seriesColour(i)
}

// patterns writes <defs> with white stripes, dots or hatching over each
// series colour, so that bars stay apart in greyscale.
func (w *writer) patterns(id string, n int) {
	if n < 2 {
		return
	}
	w.Open("defs")
	for i := 1; i < n; i++ {
		c := seriesColour(i)
		attrs := []string{"id", patternID(id, i), "width", "6", "height", "6", "patternUnits", "userSpaceOnUse"}
		switch i {
		case 1, 4:
			attrs = append(attrs, "patternTransform", "rotate(45)")
		case 5:
			attrs = append(attrs, "patternTransform", "rotate(-45)")
		}
		w.Open("pattern", attrs...)
		w.Void("rect", "width", "6", "height", "6", "fill", c)
		switch i {
		case 1, 5: // diagonal stripes, both ways
			w.Void("rect", "width", "2", "height", "6", "fill", white)
		case 2: // dots
			w.Void("circle", "cx", "3", "cy", "3", "r", "1.4", "fill", white)
		case 3: // horizontal stripes
			w.Void("rect", "width", "6", "height", "2", "fill", white)
		case 4: // cross-hatch
			w.Void("rect", "width", "1.5", "height", "6", "fill", white)
			w.Void("rect", "width", "6", "height", "1.5", "fill", white)
		}
		w.Close("pattern")
	}
	w.Close("defs")
}

// dash is the stroke-dasharray of line series i ("" for solid).
func dash(i int) string {
	return [MaxSeries]string{"", "6 3", "2 3", "8 3 2 3", "12 4", "4 2 1 2"}[i%MaxSeries]
}

// marker writes the point marker of line series i centred on x, y: a
// circle, square, triangle, diamond, inverted triangle or cross.
func (w *writer) marker(i int, x, y float64) {
	const r = 4.0
	fill := []string{"fill", seriesColour(i), "stroke", white, "stroke-width", "1"}
	p := func(d string) { w.Void("path", append([]string{"d", d}, fill...)...) }
	pt := func(dx, dy float64) string { return num(x+dx) + " " + num(y+dy) }
	switch i % MaxSeries {
	case 0:
		w.Void("circle", append([]string{"cx", num(x), "cy", num(y), "r", num(r)}, fill...)...)
	case 1:
		w.rect(x-r*0.9, y-r*0.9, 1.8*r, 1.8*r, fill...)
	case 2:
		p("M" + pt(0, -r*1.2) + "L" + pt(r*1.1, r*0.8) + "L" + pt(-r*1.1, r*0.8) + "Z")
	case 3:
		p("M" + pt(0, -r*1.2) + "L" + pt(r*1.2, 0) + "L" + pt(0, r*1.2) + "L" + pt(-r*1.2, 0) + "Z")
	case 4:
		p("M" + pt(0, r*1.2) + "L" + pt(r*1.1, -r*0.8) + "L" + pt(-r*1.1, -r*0.8) + "Z")
	default:
		a, b := r*0.4, r*1.1
		p("M" + pt(-a, -b) + "H" + num(x+a) + "V" + num(y-a) + "H" + num(x+b) + "V" + num(y+a) +
			"H" + num(x+a) + "V" + num(y+b) + "H" + num(x-a) + "V" + num(y+a) + "H" + num(x-b) +
			"V" + num(y-a) + "H" + num(x-a) + "Z")
	}
}
