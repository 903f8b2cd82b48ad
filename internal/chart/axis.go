package chart

import "math"

// tickColumn is the width of the value axis labels left of a vertical
// plot, with their gap.
func tickColumn(ticks []string) float64 {
	w := 0.0
	for _, t := range ticks {
		w = math.Max(w, textEm(t)*smallSize)
	}
	return w + 6
}

// thin decides which category labels fit under bands of the given width:
// every k-th label, each cut to maxEm. Labels longer than wantEm are cut
// rather than shown less often.
func thin(labels []string, band, wantEm float64) (k int, maxEm float64) {
	longest := 0.0
	for _, l := range labels {
		longest = math.Max(longest, textEm(l))
	}
	k = max(1, int(math.Ceil((math.Min(longest, wantEm)*fontSize+8)/band)))
	return k, (float64(k)*band - 8) / fontSize
}

// xLabel writes a category label (already cut) centred on cx but kept
// inside the chart, below y; mark adds a tick mark from y down.
func (w *writer) xLabel(s string, cx, y float64, mark bool) {
	half := textEm(s) * fontSize / 2
	if mark {
		w.Void("line", "x1", num(cx), "y1", num(y), "x2", num(cx), "y2", num(y+4), "stroke", mutedColour)
	}
	cx = math.Min(math.Max(cx, pad+half), width-pad-half)
	w.label(s, cx, y+6+fontSize/2, "middle", textColour, "class", "label")
}

// valueV writes a value label beyond a vertical bar's end or a point at
// cx, y: above it (up) or below, turned upright (rotated) when labels are
// wider than the spacing.
func (w *writer) valueV(s string, cx, y float64, up, rotated bool, fill, class string) {
	switch {
	case rotated && up:
		x, y := cx+baselineOff*fontSize, y-5
		w.Text("text", s, "x", num(x), "y", num(y), "text-anchor", "start", "fill", fill, "class", class,
			"transform", "rotate(-90 "+num(x)+" "+num(y)+")")
	case rotated:
		x, y := cx+baselineOff*fontSize, y+5
		w.Text("text", s, "x", num(x), "y", num(y), "text-anchor", "end", "fill", fill, "class", class,
			"transform", "rotate(-90 "+num(x)+" "+num(y)+")")
	case up:
		w.label(s, cx, y-5-fontSize/2, "middle", fill, "class", class)
	default:
		w.label(s, cx, y+5+fontSize/2, "middle", fill, "class", class)
	}
}
