package chart

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// ErrInvalid is wrapped by every error about a chart's input.
var ErrInvalid = errors.New("chart: invalid input")

// MaxValue bounds the magnitude of values: charts are for counts and
// amounts, and the bound keeps scales finite.
const MaxValue = 1e15

// Series is one named row of values, one per category (bar label, line x
// label). Name shows in the legend when a chart has several series.
type Series struct {
	Name   string
	Values []float64
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// sanitizeID lowercases id and replaces every run of characters other than
// a–z, 0–9 and "-" by one "-", trimming dashes at the ends.
func sanitizeID(id string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(id) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// newHead checks and cleans the fields every chart has.
func newHead(kind, id, title, desc string) (head, error) {
	h := head{kind: kind, id: sanitizeID(id), title: clean(title), desc: clean(desc)}
	if h.id == "" {
		return h, invalid("%s chart: ID %q has no letters or digits", kind, id)
	}
	if h.title == "" {
		return h, invalid("%s chart %q: empty title", kind, h.id)
	}
	return h, nil
}

// checkValue rejects NaN, ±Inf, values beyond MaxValue and, when
// nonNegative, values below zero.
func checkValue(where string, i int, v float64, nonNegative bool) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return invalid("%s: value %d is %v", where, i, v)
	case math.Abs(v) > MaxValue:
		return invalid("%s: value %d (%g) is beyond ±%g", where, i, v, MaxValue)
	case nonNegative && v < 0:
		return invalid("%s: value %d (%g) is negative", where, i, v)
	}
	return nil
}

// data is the cleaned input of a bar or line chart.
type data struct {
	head
	labels []string
	series []Series // names cleaned; values copied
	unit   string
	format func(float64) string
	step   float64 // smallest scale step
}

// newData checks a bar or line chart's categories and series.
func newData(h head, labels []string, series []Series, unit string,
	format func(float64) string, nonNegative, cumulative bool) (data, error) {
	d := data{head: h, unit: clean(unit), format: formatter(format)}
	switch {
	case len(series) == 0:
		return d, invalid("%s chart %q: no series", h.kind, h.id)
	case len(series) > MaxSeries:
		return d, invalid("%s chart %q: %d series, at most %d", h.kind, h.id, len(series), MaxSeries)
	}
	for _, l := range labels {
		d.labels = append(d.labels, clean(l))
	}
	for i, s := range series {
		name := clean(s.Name)
		if name == "" && len(series) > 1 {
			return d, invalid("%s chart %q: series %d has no name for the legend", h.kind, h.id, i)
		}
		if len(s.Values) != len(labels) {
			return d, invalid("%s chart %q: series %q has %d values for %d labels",
				h.kind, h.id, name, len(s.Values), len(labels))
		}
		vals := make([]float64, len(s.Values))
		sum := 0.0
		for j, v := range s.Values {
			if err := checkValue(fmt.Sprintf("%s chart %q, series %q", h.kind, h.id, name), j, v, nonNegative); err != nil {
				return d, err
			}
			vals[j] = v
			if cumulative {
				sum += v
				vals[j] = sum
			}
		}
		if cumulative {
			for j := range vals {
				if err := checkValue(fmt.Sprintf("%s chart %q, cumulative series %q", h.kind, h.id, name), j, vals[j], false); err != nil {
					return d, err
				}
			}
		}
		d.series = append(d.series, Series{Name: name, Values: vals})
	}
	d.step = minStep(d.series, format != nil)
	return d, nil
}
