package japanmap

// Legend layout, in user units: it sits under the Nansei inset, in the
// empty Sea of Japan.
const (
	legendX      = 10.0
	legendY      = 148.0
	legendWidth  = 192.0
	legendSize   = 12.0 // font size
	legendRow    = 16.0 // line height
	swatchRadius = 5.0
)

// legend writes the key to the shading and the markers and returns the
// box it covers, which marker labels avoid. Screen readers skip it: the
// description says the same with numbers.
func legend(w *writer, v view) box {
	w.Open("g", "aria-hidden", "true", "font-size", num(legendSize), "fill", textColour)
	y := legendY + legendRow/2
	line := func(x float64, s string, bold bool) {
		attrs := []string{"x", num(x), "y", num(y + baselineOff*legendSize)}
		if bold {
			attrs = append(attrs, "font-weight", "bold")
		}
		w.Text("text", s, attrs...)
		y += legendRow
	}
	for _, s := range wrap(v.countLabel, legendWidth/legendSize) {
		line(legendX, s, true)
	}
	textX := legendX + 2*swatchRadius + 6
	for _, b := range v.buckets {
		w.Void("circle", "cx", num(legendX+swatchRadius), "cy", num(y), "r", num(swatchRadius), "fill", b.Colour)
		line(textX, b.Label(), false)
	}
	y += 4
	markerSymbol(w, point{legendX + swatchRadius, y})
	for _, s := range wrap(v.markerLabel, (legendWidth-textX+legendX)/legendSize) {
		line(textX, s, false)
	}
	w.Close("g")
	return box{legendX, legendY, legendWidth, y - legendRow/2 - legendY}
}
