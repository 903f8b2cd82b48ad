package japanmap

import "strconv"

// Colours, as presentation attributes (no CSS, so a strict
// Content-Security-Policy does not strip them and they print as shown).
const (
	noneColour   = "#e0e0e0" // prefectures with a count of 0
	markerColour = "#c2410c" // 5.2:1 against white
	textColour   = "#1a1a1a"
	mutedColour  = "#595959" // inset borders, 7.0:1
	white        = "#ffffff"
)

// blues are the shades for counts of 1 and more, light to dark
// (the darker five of ColorBrewer's Blues). The three darkest contrast at
// least 3:1 with white.
// With fewer than five buckets the darkest ones are used, so the top
// bucket is always the darkest.
func blues() []string {
	return []string{"#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c"}
}

// bucket is a range of counts, Min to Max inclusive, drawn in one colour;
// the last bucket ends at the largest count.
type bucket struct {
	Min, Max int
	Colour   string
}

// Label is the bucket's range as legend text: "0", "2–4", "20–37".
func (b bucket) Label() string {
	if b.Min == b.Max {
		return strconv.Itoa(b.Min)
	}
	return strconv.Itoa(b.Min) + "–" + strconv.Itoa(b.Max)
}

// buckets splits the counts 0..max into at most six ranges: 0 in grey,
// then up to five blues. Up to 9 every count up to 5 has its own shade;
// beyond that the lower bounds are 1, 2, 5, 10, 20, 50… thinned evenly to
// five, so the legend reads in round numbers.
func buckets(max int) []bucket {
	out := []bucket{{Min: 0, Max: 0, Colour: noneColour}}
	if max <= 0 {
		return out
	}
	var lows []int
	if max <= 9 {
		for v := 1; v <= max && v <= 5; v++ {
			lows = append(lows, v)
		}
	} else {
		var nice []int
		for step := 1; step <= max; step *= 10 {
			for _, m := range []int{1, 2, 5} {
				if v := m * step; v <= max {
					nice = append(nice, v)
				}
			}
		}
		lows = nice
		if n := len(nice); n > 5 {
			lows = make([]int, 5)
			for i := range lows {
				lows[i] = nice[(i*(n-1)+2)/4]
			}
		}
	}
	shades := blues()
	first := len(shades) - len(lows)
	for i, lo := range lows {
		hi := max
		if i+1 < len(lows) {
			hi = lows[i+1] - 1
		}
		out = append(out, bucket{Min: lo, Max: hi, Colour: shades[first+i]})
	}
	return out
}

// colourOf is the colour of a count.
func colourOf(bs []bucket, n int) string {
	c := bs[0].Colour
	for _, b := range bs {
		if n >= b.Min {
			c = b.Colour
		}
	}
	return c
}
