package chart

import (
	"html/template"
	"math"
)

// Horizontal bar geometry.
const (
	hBarH    = 18.0 // thickness of one bar
	hInner   = 2.0  // between the bars of a group
	hGap     = 10.0 // between groups
	minPlotW = 200.0
)

// horizontal draws bars from a zero line, categories down the left.
func (p barPlan) horizontal() template.HTML {
	n, ns := len(p.labels), len(p.series)
	posW, negW := p.outsideWidth()
	reserveL := math.Max(negW+6, textEm(p.ticks[0])*smallSize/2)
	reserveR := math.Max(posW+6, textEm(p.ticks[len(p.ticks)-1])*smallSize/2)
	avail := width - 2*pad - reserveL - reserveR
	labelEm := 0.0
	for _, l := range p.labels {
		labelEm = math.Max(labelEm, textEm(l))
	}
	labelEm = math.Min(labelEm, math.Max(0, math.Min(labelMaxEm, (avail-minPlotW-8)/fontSize)))
	labelCol := 0.0
	if labelEm > 0 {
		labelCol = labelEm*fontSize + 8
	}
	x0 := pad + labelCol + reserveL
	x1 := math.Max(width-pad-reserveR, x0+40)
	x := func(v float64) float64 { return p.scale.pos(v, x0, x1) }

	band := hGap + hBarH
	if !p.stacked {
		band = hGap + float64(ns)*hBarH + float64(ns-1)*hInner
	}
	legendItems, legendH := legend(p.series, pad)
	plotTop := pad + legendH
	plotBottom := plotTop + float64(max(n, 1))*band
	tickY := plotBottom + 4 + fontSize/2
	height := tickY + fontSize/2 + pad
	if p.unit != "" {
		height += fontSize + 4
	}

	var w writer
	w.start(p.head, height)
	w.patterns(p.id, ns)
	w.legend(p.id, legendItems, false)
	var xs []float64
	for _, t := range p.scale.ticks {
		xs = append(xs, x(t))
	}
	w.grid(xs, plotTop, plotBottom, true)
	for i, t := range p.ticks {
		w.tick(t, xs[i], tickY, "middle")
	}
	if p.unit != "" {
		w.label(p.unit, x1, tickY+fontSize+4, "end", mutedColour, "class", "unit")
	}
	for i := range n {
		top := plotTop + float64(i)*band + hGap/2
		w.Open("g", "class", "item")
		w.title(p.tooltip(i)...)
		w.label(truncate(p.labels[i], labelEm), x0-reserveL-8, top+(band-hGap)/2, "end", textColour, "class", "label")
		acc := 0.0
		for s, ser := range p.series {
			v := ser.Values[i]
			if !p.stacked {
				y := top + float64(s)*(hBarH+hInner)
				w.rect(x(0), y, x(v)-x(0), hBarH, p.barAttrs(s)...)
				if v < 0 {
					w.label(p.values[s][i], x(v)-4, y+hBarH/2, "end", textColour, "class", "value")
				} else {
					w.label(p.values[s][i], x(v)+4, y+hBarH/2, "start", textColour, "class", "value")
				}
				continue
			}
			a, b := x(acc), x(acc+v)
			acc += v
			w.rect(a, top, b-a, hBarH, p.barAttrs(s)...)
			if ns > 1 && textEm(p.values[s][i])*fontSize+6 <= b-a {
				w.inside(p.values[s][i], s, p.id, (a+b)/2, top+hBarH/2)
			}
		}
		if p.stacked {
			w.label(p.format(acc), x(acc)+4, top+hBarH/2, "start", textColour, "class", "value total")
		}
		w.Close("g")
	}
	w.axis(x(0), plotTop, x(0), plotBottom)
	return w.finish()
}
