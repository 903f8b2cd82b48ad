package chart

import (
	"html/template"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/svgmark"
)

// Layout constants, in SVG user units (px at 100% zoom of a 640px chart).
const (
	width       = 640.0
	fontSize    = 12.0
	smallSize   = 11.0
	pad         = 8.0
	labelMaxEm  = 16.0 // widest category label column, in em
	baselineOff = 0.35 // em from a line's middle to its text baseline
)

// writer builds SVG markup (see svgmark.Writer); the package adds its
// own drawing methods.
type writer struct {
	svgmark.Writer
}

// title writes a <title> (tooltip) with one line per part.
func (w *writer) title(lines ...string) {
	w.Text("title", strings.Join(lines, "\n"))
}

// label writes a <text> at x, y (the middle of the line) with an anchor
// and fill; extra attributes follow.
func (w *writer) label(s string, x, y float64, anchor, fill string, extra ...string) {
	if s == "" {
		return
	}
	attrs := append([]string{"x", num(x), "y", num(y + baselineOff*fontSize),
		"text-anchor", anchor, "fill", fill}, extra...)
	w.Text("text", s, attrs...)
}

// line writes a <line>; stroke attributes come from an enclosing group.
func (w *writer) line(x1, y1, x2, y2 float64) {
	w.Void("line", "x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2))
}

// rect writes a <rect> with a normalised (non-negative) size.
func (w *writer) rect(x, y, wd, ht float64, attrs ...string) {
	if wd < 0 {
		x, wd = x+wd, -wd
	}
	if ht < 0 {
		y, ht = y+ht, -ht
	}
	w.Void("rect", append([]string{"x", num(x), "y", num(y), "width", num(wd), "height", num(ht)}, attrs...)...)
}

// head holds what every chart's root element needs.
type head struct {
	kind, id, title, desc string
}

// start writes the <svg> root with its accessible name and description.
func (w *writer) start(h head, height float64) {
	labelledBy := h.id + "-title"
	if h.desc != "" {
		labelledBy += " " + h.id + "-desc"
	}
	w.Open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart chart-"+h.kind,
		"role", "img", "aria-labelledby", labelledBy,
		"viewBox", "0 0 "+num(width)+" "+num(height), "width", "100%",
		"font-family", "inherit", "font-size", num(fontSize))
	w.Text("title", h.title, "id", h.id+"-title")
	if h.desc != "" {
		w.Text("desc", h.desc, "id", h.id+"-desc")
	}
}

// finish closes the root and returns the markup.
func (w *writer) finish() template.HTML {
	w.Close("svg")
	return template.HTML(w.B.String()) // every text and attribute was escaped
}
