package japanmap

// Marker and label geometry, in user units.
const (
	dotRadius    = "3" // background dots
	markerRadius = 5.0
	labelSize    = 11.0 // font size of marker labels
	labelHeight  = labelSize * 1.3
	baselineOff  = 0.35 // em from a line's middle to its text baseline
	leaderStep   = 12.0 // each ring of label positions is this much farther out
	leaderRings  = 4
)

// markerSymbol draws the marker circle: a dark orange dot with a white
// ring that stands out on every shade.
func markerSymbol(w *writer, p point) {
	w.Void("circle", "cx", num(p.X), "cy", num(p.Y), "r", num(markerRadius),
		"fill", markerColour, "stroke", white, "stroke-width", "1.5")
}

// markers writes each marker as a link holding its tooltip, circle and
// label, in lgcode order (the tab order). Labels are placed greedily in
// that order at the first free spot of eight around the marker, then on
// rings farther out with a leader line; when nothing is free the label
// goes to the right and may overlap.
func (r *Renderer) markers(w *writer, v view, legend box) {
	if len(v.markers) == 0 {
		return
	}
	pl := placer{bounds: box{0, 0, width, height}, taken: []box{legend}}
	for _, m := range v.markers {
		pl.taken = append(pl.taken, circleBox(m.at))
	}
	w.Open("g", "font-size", num(labelSize), "fill", textColour)
	for _, m := range v.markers {
		lb, far := pl.place(m.at, textEm(m.label)*labelSize+2, labelHeight)
		w.Open("a", "href", m.Href)
		w.Text("title", m.tip)
		if far {
			end := lb.nearest(m.at)
			w.Void("line", "x1", num(m.at.X), "y1", num(m.at.Y), "x2", num(end.X), "y2", num(end.Y),
				"stroke", textColour, "stroke-width", "0.8")
		}
		markerSymbol(w, m.at)
		w.Text("text", m.label, "x", num(lb.X+1), "y", num(lb.Y+lb.H/2+baselineOff*labelSize),
			"stroke", white, "stroke-width", "3", "stroke-linejoin", "round", "paint-order", "stroke")
		w.Close("a")
	}
	w.Close("g")
}

// circleBox is the box a marker circle covers, with its ring.
func circleBox(p point) box {
	const r = markerRadius + 1
	return box{p.X - r, p.Y - r, 2 * r, 2 * r}
}

// nearest is the point of b closest to p.
func (b box) nearest(p point) point {
	return point{min(max(p.X, b.X), b.X+b.W), min(max(p.Y, b.Y), b.Y+b.H)}
}

// placer finds label boxes that overlap neither each other, nor markers,
// nor the legend, and stay in bounds.
type placer struct {
	bounds box
	taken  []box
}

// directions are where labels go, in order of preference: right, left,
// above, below, then the diagonals.
func directions() [8][2]float64 {
	return [8][2]float64{{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {1, 1}, {-1, -1}, {-1, 1}}
}

// place returns the box for a label of size w×h next to a marker at p,
// and whether it is far enough out to need a leader line.
func (pl *placer) place(p point, w, h float64) (box, bool) {
	for ring := range leaderRings {
		d := float64(ring) * leaderStep
		for _, dir := range directions() {
			b := labelBox(p, dir, d, w, h)
			if pl.free(b) {
				pl.taken = append(pl.taken, b)
				return b, ring > 0
			}
		}
	}
	b := labelBox(p, directions()[0], 0, w, h)
	b.X = min(max(b.X, pl.bounds.X), pl.bounds.X+pl.bounds.W-b.W)
	b.Y = min(max(b.Y, pl.bounds.Y), pl.bounds.Y+pl.bounds.H-b.H)
	pl.taken = append(pl.taken, b)
	return b, false
}

// labelBox is a label's box in direction dir from p, d farther out than
// the closest position.
func labelBox(p point, dir [2]float64, d, w, h float64) box {
	gapX, gapY := markerRadius+3+d, markerRadius+1+d
	if dir[0] != 0 && dir[1] != 0 {
		gapX, gapY = markerRadius-1+d*0.7, markerRadius-1+d*0.7
	}
	b := box{X: p.X - w/2, Y: p.Y - h/2, W: w, H: h}
	switch dir[0] {
	case 1:
		b.X = p.X + gapX
	case -1:
		b.X = p.X - gapX - w
	}
	switch dir[1] {
	case 1:
		b.Y = p.Y + gapY
	case -1:
		b.Y = p.Y - gapY - h
	}
	return b
}

func (pl *placer) free(b box) bool {
	if !b.within(pl.bounds) {
		return false
	}
	for _, t := range pl.taken {
		if b.overlaps(t) {
			return false
		}
	}
	return true
}
