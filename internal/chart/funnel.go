package chart

import (
	"fmt"
	"html/template"
	"math"
)

// Funnel shows how many remain at each step of a process (entry →
// screening → 内定 → agreement → completion) as centred bars, with the
// conversion rate from each step to the next as text between them.
type Funnel struct {
	ID     string // sanitised to a–z, 0–9 and "-"; prefixes the element ids
	Title  string // accessible name (<title>)
	Desc   string // accessible description (<desc>)
	Steps  []string
	Values []float64 // one per step, not negative
	// Format formats values; nil means FormatNumber.
	Format func(float64) string
	// RateLabel gives the text for the rate from one step to the next
	// (to/from; not called when from is 0, which shows "–"); nil means
	// FormatPercent. The chart puts "↓ " before it.
	RateLabel func(from, to string, rate float64) string
}

// Funnel geometry.
const (
	funnelBarH = 26.0
	funnelGap  = 24.0 // room for the rate between bars
)

// Rows returns the table the chart pictures: per step its name, formatted
// value and the rate from the previous step ("" for the first).
func (f Funnel) Rows() [][]string {
	format := f.Format
	if format == nil {
		format = FormatNumber
	}
	out := make([][]string, len(f.Steps))
	for i, step := range f.Steps {
		if i >= len(f.Values) {
			out[i] = []string{step, "", ""}
			continue
		}
		rate := ""
		if i > 0 {
			rate = f.rate(i)
		}
		out[i] = []string{step, format(f.Values[i]), rate}
	}
	return out
}

// rate is the text for the conversion from step i-1 to step i.
func (f Funnel) rate(i int) string {
	rate := f.Values[i] / f.Values[i-1]
	switch {
	case math.IsNaN(rate) || math.IsInf(rate, 0): // after a step with no one
		return noValue
	case f.RateLabel == nil:
		return FormatPercent(rate)
	}
	return f.RateLabel(f.Steps[i-1], f.Steps[i], rate)
}

// SVG renders the chart, or returns an error wrapping ErrInvalid.
func (f Funnel) SVG() (template.HTML, error) {
	h, err := newHead("funnel", f.ID, f.Title, f.Desc)
	if err != nil {
		return "", err
	}
	if len(f.Steps) == 0 {
		return "", invalid("funnel chart %q: no steps", h.id)
	}
	if len(f.Values) != len(f.Steps) {
		return "", invalid("funnel chart %q: %d values for %d steps", h.id, len(f.Values), len(f.Steps))
	}
	for i, v := range f.Values {
		if err := checkValue(fmt.Sprintf("funnel chart %q", h.id), i, v, true); err != nil {
			return "", err
		}
	}
	format := formatter(f.Format)
	steps := make([]string, len(f.Steps))
	values := make([]string, len(f.Steps))
	labelEm, valueW, top := 0.0, 0.0, 0.0
	for i, s := range f.Steps {
		steps[i] = clean(s)
		values[i] = format(f.Values[i])
		labelEm = math.Max(labelEm, math.Min(textEm(steps[i]), labelMaxEm))
		valueW = math.Max(valueW, textEm(values[i])*fontSize)
		top = math.Max(top, f.Values[i])
	}
	x0 := pad + labelEm*fontSize + 8
	cx := (x0 + width - pad) / 2
	half := math.Max(20, (width-pad-x0)/2-valueW-6)
	row := funnelBarH + funnelGap
	height := 2*pad + float64(len(steps))*row - funnelGap

	var w writer
	w.start(h, height)
	for i := range steps {
		y := pad + float64(i)*row
		hw := 0.0
		if top > 0 {
			hw = half * f.Values[i] / top
		}
		if i > 0 {
			rate := clean(f.rate(i))
			w.Open("g", "class", "rate")
			w.title(steps[i-1] + " → " + steps[i] + ": " + rate)
			w.label("↓ "+rate, cx, y-funnelGap/2, "middle", textColour, "class", "rate")
			w.Close("g")
		}
		w.Open("g", "class", "item")
		w.title(steps[i] + ": " + values[i])
		w.label(truncate(steps[i], labelEm), x0-8, y+funnelBarH/2, "end", textColour, "class", "label")
		w.rect(cx-hw, y, 2*hw, funnelBarH, "class", "bar", "fill", seriesColour(0))
		w.label(values[i], cx+hw+6, y+funnelBarH/2, "start", textColour, "class", "value")
		w.Close("g")
	}
	return w.finish(), nil
}
