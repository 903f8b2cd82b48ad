package chart

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber is the default number format: integers with thousands
// separators (1,234), other values with one decimal (1,234.5). NaN and
// infinities, which charts reject, give "–".
func FormatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return noValue
	}
	prec := 1
	if v == math.Trunc(v) {
		prec = 0
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// FormatPercent formats a ratio as a percentage with FormatNumber: 0.45
// gives "45%", 1/3 gives "33.3%".
func FormatPercent(rate float64) string {
	return FormatNumber(math.Round(rate*1000)/10) + "%"
}

// noValue stands for a number that cannot be shown.
const noValue = "–"

// num formats a coordinate rounded to one decimal.
func num(x float64) string {
	x = math.Round(x*10) / 10
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// formatter returns f, or FormatNumber when f is nil, with its output
// cleaned for SVG text.
func formatter(f func(float64) string) func(float64) string {
	if f == nil {
		f = FormatNumber
	}
	return func(v float64) string { return clean(f(v)) }
}
