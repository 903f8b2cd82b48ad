package chart

// legendMaxEm is the widest series name in the legend, in em.
const legendMaxEm = 20.0

// legendItem is one placed legend entry: the swatch's top left corner.
type legendItem struct {
	name, full string
	x, y       float64
}

// legend places one entry per series in rows below top, wrapping at the
// chart's width. It returns the entries and the height they take; a
// single series needs no legend.
func legend(series []Series, top float64) ([]legendItem, float64) {
	if len(series) < 2 {
		return nil, 0
	}
	const swatch, gap, rowH = 20.0, 16.0, fontSize + 8
	var items []legendItem
	x, y := pad, top
	for _, s := range series {
		name := truncate(s.Name, legendMaxEm)
		w := swatch + 4 + textEm(name)*fontSize
		if x > pad && x+w > width-pad {
			x, y = pad, y+rowH
		}
		items = append(items, legendItem{name: name, full: s.Name, x: x, y: y})
		x += w + gap
	}
	return items, y + rowH - top + 4
}

// legend writes the entries: a bar swatch or a line sample with its
// marker, then the name.
func (w *writer) legend(id string, items []legendItem, lines bool) {
	if len(items) == 0 {
		return
	}
	w.Open("g", "class", "legend")
	for i, it := range items {
		mid := it.y + fontSize/2
		w.Open("g")
		if it.name != it.full {
			w.title(it.full)
		}
		if lines {
			attrs := []string{"stroke", seriesColour(i), "stroke-width", "2"}
			if d := dash(i); d != "" {
				attrs = append(attrs, "stroke-dasharray", d)
			}
			w.Void("line", append([]string{"x1", num(it.x), "y1", num(mid), "x2", num(it.x + 20), "y2", num(mid)}, attrs...)...)
			w.marker(i, it.x+10, mid)
		} else {
			w.rect(it.x+4, it.y, 12, 12, "fill", seriesFill(id, i), "stroke", seriesColour(i))
		}
		w.label(it.name, it.x+24, mid, "start", textColour)
		w.Close("g")
	}
	w.Close("g")
}
