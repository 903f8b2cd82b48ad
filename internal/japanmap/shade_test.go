package japanmap

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestBuckets(t *testing.T) {
	cases := map[int]string{
		0:    "0",
		1:    "0 1",
		3:    "0 1 2 3",
		5:    "0 1 2 3 4 5",
		9:    "0 1 2 3 4 5–9",
		10:   "0 1 2–4 5–9 10",
		37:   "0 1 2–4 5–9 10–19 20–37",
		50:   "0 1 2–9 10–19 20–49 50",
		300:  "0 1–4 5–19 20–49 50–199 200–300",
		1000: "0 1–4 5–49 50–199 200–999 1000",
	}
	for most, want := range cases {
		bs := buckets(most)
		var labels []string
		for _, b := range bs {
			labels = append(labels, b.Label())
		}
		if got := strings.Join(labels, " "); got != want {
			t.Errorf("buckets(%d) = %s, want %s", most, got, want)
		}
		// Every count lands in the bucket whose range holds it, and the
		// top bucket is the darkest blue.
		for n := 0; n <= most; n++ {
			var in []string
			for _, b := range bs {
				if n >= b.Min && n <= b.Max {
					in = append(in, b.Colour)
				}
			}
			if len(in) != 1 || colourOf(bs, n) != in[0] {
				t.Fatalf("buckets(%d): count %d is in %v, colourOf gives %s", most, n, in, colourOf(bs, n))
			}
		}
		if most > 0 && bs[len(bs)-1].Colour != blues()[4] {
			t.Errorf("buckets(%d): top bucket is %s", most, bs[len(bs)-1].Colour)
		}
	}
}

func TestColourContrast(t *testing.T) {
	shades := blues()
	for i, c := range shades {
		ratio := contrast(t, c, white)
		if i >= 2 && ratio < 3 {
			t.Errorf("%s: %.2f:1 against white, want ≥ 3:1", c, ratio)
		}
		if i > 0 && luminance(t, c) >= luminance(t, shades[i-1]) {
			t.Errorf("%s is not darker than %s", c, shades[i-1])
		}
	}
	if luminance(t, noneColour) <= luminance(t, shades[0]) {
		t.Error("grey must be lighter than the lightest blue")
	}
	for _, c := range []string{markerColour, mutedColour} {
		if r := contrast(t, c, white); r < 4.5 {
			t.Errorf("%s: %.2f:1 against white", c, r)
		}
	}
	if r := contrast(t, textColour, white); r < 7 {
		t.Errorf("text: %.2f:1 against its white halo", r)
	}
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is the WCAG relative luminance of a #rrggbb colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("colour %q", hex)
	}
	ch := func(shift uint) float64 {
		c := float64((v>>shift)&0xff) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(16) + 0.7152*ch(8) + 0.0722*ch(0)
}

func TestTextHelpers(t *testing.T) {
	for f, want := range map[float64]string{0: "0", -0.04: "0", 1.25: "1.3", 12: "12", -3.14: "-3.1"} {
		if got := num(f); got != want {
			t.Errorf("num(%v) = %s, want %s", f, got, want)
		}
	}
	if got := truncate("札幌市 中央区", 5); got != "札幌市…" {
		t.Errorf("truncate = %q", got)
	}
	if got := truncate("大田区", 3); got != "大田区" {
		t.Errorf("truncate kept = %q", got)
	}
	wraps := map[string][]string{
		"Municipalities with open programs": {"Municipalities", "with open", "programs"},
		"開催中の募集がある自治体":                      {"開催中の募集がある", "自治体"},
		"short":                             {"short"},
	}
	for s, want := range wraps {
		if got := wrap(s, 9); !slices.Equal(got, want) {
			t.Errorf("wrap(%q) = %q, want %q", s, got, want)
		}
	}
	if got := wrap("Supercalifragilistic", 5); len(got) != 1 || textEm(got[0]) > 5 {
		t.Errorf("long word: %q", got)
	}
	if got := strings.Join(splitWords("ab 東京 c"), "|"); got != "ab| |東|京| c" {
		t.Errorf("splitWords = %s", got)
	}
}
