package chart

import (
	"math"
	"slices"
	"strconv"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 1: "1", 999: "999", 1000: "1,000", 1234: "1,234", -1234567: "-1,234,567",
		1234.56: "1,234.6", 0.25: "0.2", -0.04: "0.0", math.Copysign(0, -1): "0", 1e15: "1,000,000,000,000,000",
		-0.5: "-0.5", 100000.05: "100,000.1", math.NaN(): "–", math.Inf(-1): "–",
	} {
		if got := FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
	for rate, want := range map[float64]string{0: "0%", 1: "100%", 0.45: "45%", 1.0 / 3: "33.3%", 2.5: "250%"} {
		if got := FormatPercent(rate); got != want {
			t.Errorf("FormatPercent(%v) = %q, want %q", rate, got, want)
		}
	}
	for x, want := range map[float64]string{1.25: "1.3", -0.04: "0", 12: "12", 639.99: "640", -3.45: "-3.5"} {
		if got := num(x); got != want {
			t.Errorf("num(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestNiceScale(t *testing.T) {
	for _, c := range []struct {
		lo, hi, min float64
		want        []float64
	}{
		{0, 0, 1, []float64{0, 1, 2, 3, 4, 5}},
		{0, 0, 0.1, []float64{0, 1, 2, 3, 4, 5}},
		{0, 3, 1, []float64{0, 1, 2, 3}},
		{0, 3, 0.1, []float64{0, 1, 2, 3}},
		{0, 1.5, 0.1, []float64{0, 0.5, 1, 1.5}},
		{0, 128, 1, []float64{0, 50, 100, 150}},
		{0, 1204, 1, []float64{0, 500, 1000, 1500}},
		{-3.25, 12.5, 0.1, []float64{-5, 0, 5, 10, 15}},
		{0, 0.3, 0.1, []float64{0, 0.1, 0.2, 0.3}},
		{0, 0.003, 1e-6, []float64{0, 0.001, 0.002, 0.003}},
		{5, 7, 1, []float64{0, 2, 4, 6, 8}},
		{-40, -10, 1, []float64{-40, -30, -20, -10, 0}},
		{0, 5e-324, 0.1, []float64{0, 0.1}},
		{0, 2e15, 1, []float64{0, 5e14, 1e15, 1.5e15, 2e15}},
	} {
		s := niceScale(c.lo, c.hi, c.min)
		if !slices.Equal(s.ticks, c.want) {
			t.Errorf("niceScale(%v, %v, %v) ticks %v, want %v", c.lo, c.hi, c.min, s.ticks, c.want)
		}
		if s.lo != s.ticks[0] || s.hi != s.ticks[len(s.ticks)-1] {
			t.Errorf("niceScale(%v, %v): range %v–%v", c.lo, c.hi, s.lo, s.hi)
		}
	}
}

func TestText(t *testing.T) {
	for s, want := range map[string]float64{"": 0, "abc": 1.8, "東京都": 3, "ｱｲ": 1, "é": 0.6, "e\u0301": 0.6, "①…": 2} {
		if got := textEm(s); math.Abs(got-want) > 1e-9 {
			t.Errorf("textEm(%q) = %v, want %v", s, got, want)
		}
	}
	for _, c := range []struct {
		s     string
		maxEm float64
		want  string
	}{
		{"東京都", 3, "東京都"},
		{"神奈川県", 3, "神奈…"},
		{"Website renewal", 5, "Websit…"},
		{"ab cd", 2.9, "ab…"},
		{"東京都", 0.5, ""},
		{"東京都", 1, "…"},
	} {
		if got := truncate(c.s, c.maxEm); got != c.want || textEm(got) > c.maxEm {
			t.Errorf("truncate(%q, %v) = %q, want %q", c.s, c.maxEm, got, c.want)
		}
	}
	for in, want := range map[string]string{
		"  a \t\n b  ": "a b", "a\x00b": "a b", "\xff": "\ufffd", "a\ufffeb": "a\ufffdb",
		"\u202eevil": "evil", "a\u0085b": "a b", "東京\u3000都": "東京 都",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Entries by Prefecture": "entries-by-prefecture", "--a__b--": "a-b", "応募2026": "2026", "ÅB": "b",
	} {
		if got := sanitizeID(in); got != want {
			t.Errorf("sanitizeID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestContrast checks WCAG contrast with white: series colours at least
// 4.5:1 (they fill bars, draw lines and colour point labels; white text
// sits on them), text colours at least 4.5:1.
func TestContrast(t *testing.T) {
	var colours []string
	for i := range MaxSeries {
		colours = append(colours, seriesColour(i))
	}
	colours = append(colours, textColour, mutedColour)
	for _, c := range colours {
		if r := contrast(c, white); r < 4.5 {
			t.Errorf("%s on white: %.2f:1", c, r)
		}
	}
	for i := range MaxSeries {
		for j := range i {
			if seriesColour(i) == seriesColour(j) || dash(i) == dash(j) {
				t.Errorf("series %d and %d look alike", i, j)
			}
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil || len(hex) != 7 {
		panic("bad colour " + hex)
	}
	lin := func(c uint64) float64 {
		x := float64(c) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(v>>16&255) + 0.7152*lin(v>>8&255) + 0.0722*lin(v&255)
}
