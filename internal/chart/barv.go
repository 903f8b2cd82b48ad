package chart

import (
	"html/template"
	"math"
)

// Vertical bar geometry.
const (
	plotH     = 220.0 // height of a vertical plot
	vGroup    = 0.7   // share of a band its bars take
	vMaxBar   = 48.0  // widest bar
	barWantEm = 3.0   // thin category labels only when fewer than 3em fit
)

// vertical draws columns up (or down, if negative) from a zero line, with
// the value axis on the left and categories along the bottom.
func (p barPlan) vertical() template.HTML {
	n, ns := len(p.labels), len(p.series)
	x0 := pad + tickColumn(p.ticks)
	x1 := width - pad
	band := (x1 - x0) / float64(max(n, 1))
	barW := math.Min(band*vGroup, vMaxBar)
	if !p.stacked {
		barW = math.Min(band*vGroup/float64(ns), vMaxBar)
	}
	groupW := barW
	spacing := band // between neighbouring outside labels
	if !p.stacked {
		groupW = barW * float64(ns)
		if ns > 1 {
			spacing = barW
		}
	}
	posW, negW := p.outsideWidth()
	rotated := math.Max(posW, negW)+4 > spacing
	reserve := func(w float64) float64 {
		if rotated {
			return w + 8
		}
		return fontSize + 6
	}

	legendItems, legendH := legend(p.series, pad)
	top := pad + legendH
	unitY := top + fontSize/2
	if p.unit != "" {
		top += fontSize + 6
	}
	plotTop := top + reserve(posW)
	plotBottom := plotTop + plotH
	labelsY := plotBottom
	if p.scale.lo < 0 {
		labelsY += reserve(negW)
	}
	height := labelsY + 6 + fontSize + pad
	y := func(v float64) float64 { return p.scale.pos(v, plotBottom, plotTop) }

	var w writer
	w.start(p.head, height)
	w.patterns(p.id, ns)
	w.legend(p.id, legendItems, false)
	if p.unit != "" {
		w.label(p.unit, pad, unitY, "start", mutedColour, "class", "unit")
	}
	var ys []float64
	for _, t := range p.scale.ticks {
		ys = append(ys, y(t))
	}
	w.grid(ys, x0, x1, false)
	for i, t := range p.ticks {
		w.tick(t, x0-6, ys[i], "end")
	}
	centre := func(i int) float64 { return x0 + (float64(i)+0.5)*band }
	k, maxEm := thin(p.labels, band, barWantEm)
	for i := range n {
		left := centre(i) - groupW/2
		w.Open("g", "class", "item")
		w.title(p.tooltip(i)...)
		acc := 0.0
		for s, ser := range p.series {
			v := ser.Values[i]
			if !p.stacked {
				bx := left + float64(s)*barW
				w.rect(bx, y(0), barW-1, y(v)-y(0), p.barAttrs(s)...)
				w.valueV(p.values[s][i], bx+barW/2, y(v), v >= 0, rotated, textColour, "value")
				continue
			}
			a, b := y(acc), y(acc+v)
			acc += v
			w.rect(left, a, barW, b-a, p.barAttrs(s)...)
			if ns > 1 && a-b >= fontSize+4 && textEm(p.values[s][i])*fontSize+4 <= barW {
				w.inside(p.values[s][i], s, p.id, centre(i), (a+b)/2)
			}
		}
		if p.stacked {
			w.valueV(p.format(acc), centre(i), y(acc), true, rotated, textColour, "value total")
		}
		if i%k == 0 {
			w.xLabel(truncate(p.labels[i], maxEm), centre(i), labelsY, false)
		}
		w.Close("g")
	}
	w.axis(x0, y(0), x1, y(0))
	return w.finish()
}
