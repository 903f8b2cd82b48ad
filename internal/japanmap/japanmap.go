package japanmap

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// Marker is a municipality with open programs, drawn as a labelled link.
type Marker struct {
	LGCode string // 6-digit municipality code; places the marker
	Name   string // label; "" uses the reference data's name (大田区)
	Count  int    // shown after the name, e.g. open programs or projects
	Href   string // link target: a path ("/hometown?municipality=131113") or an http(s) URL
}

// Map is what one rendering shows.
type Map struct {
	ID    string // prefix of the SVG's element ids; a letter, then letters, digits, '-' or '_'
	Title string // accessible name, also the map's tooltip
	Desc  string // accessible description; "" generates a summary of the markers and counts
	Lang  string // "ja" (default) or "en": prefecture names and default texts

	Markers []Marker
	// PrefectureCounts maps a prefecture code (1..47) to the count its
	// dots are shaded by; missing prefectures count 0.
	PrefectureCounts map[int]int

	// CountLabel heads the shading legend; default 都道府県ごとの件数 or
	// "Count per prefecture".
	CountLabel string
	// MarkerLabel explains the markers in the legend and starts the
	// generated description; default 開催中の募集がある自治体 or
	// "Municipalities with open programs".
	MarkerLabel string
}

// Renderer draws maps over a background projected once from the reference
// data. It is immutable and safe for concurrent use.
type Renderer struct {
	places map[string]place // lgcode → municipality
	prefs  []prefDots       // prefecture code order
}

// place is a municipality's position and names.
type place struct {
	at       point
	prefCode int
	name     string
}

// prefDots is a prefecture's background: one dot per municipality,
// already written as SVG.
type prefDots struct {
	code         int
	name, nameEN string
	n            int
	dots         string
}

// New projects every municipality of ref. It takes a few milliseconds;
// make one Renderer per *refdata.Data and share it.
func New(ref *refdata.Data) *Renderer {
	r := &Renderer{places: map[string]place{}}
	index := map[int]int{}
	for _, p := range ref.Prefectures() {
		index[p.Code] = len(r.prefs)
		r.prefs = append(r.prefs, prefDots{code: p.Code, name: p.Name, nameEN: p.NameEN})
	}
	bs := make([]strings.Builder, len(r.prefs))
	for _, m := range ref.Municipalities() {
		i, ok := index[m.PrefCode]
		if !ok {
			continue
		}
		at := project(m.Lat, m.Lng)
		r.places[m.LGCode] = place{at: at, prefCode: m.PrefCode, name: m.Name}
		dot(&bs[i], at)
		r.prefs[i].n++
	}
	for i := range r.prefs {
		r.prefs[i].dots = bs[i].String()
	}
	return r
}

// Render draws m as an SVG fragment for an HTML5 page. Invalid input (see
// [ErrInvalid]) gives an error and no markup.
func (r *Renderer) Render(m Map) (template.HTML, error) {
	v, err := r.validate(m)
	if err != nil {
		return "", err
	}
	var w writer
	w.B.Grow(96 << 10)
	w.Open("svg", "xmlns", "http://www.w3.org/2000/svg",
		"viewBox", "0 0 "+num(width)+" "+num(height), "width", num(width), "height", num(height),
		"role", "group", "aria-labelledby", v.id+"-title", "aria-describedby", v.id+"-desc",
		"font-family", "sans-serif")
	w.Text("title", v.title, "id", v.id+"-title")
	w.Text("desc", v.desc, "id", v.id+"-desc")
	r.background(&w, v)
	legendBox := legend(&w, v)
	r.markers(&w, v, legendBox)
	w.Close("svg")
	return template.HTML(w.B.String()), nil // every text and attribute was escaped
}

// background writes the inset borders and the dots, grouped by prefecture
// with one fill per group and the prefecture's count as its tooltip. It
// is hidden from assistive technology: the description and the legend say
// the same in words.
func (r *Renderer) background(w *writer, v view) {
	w.Open("g", "aria-hidden", "true")
	for _, b := range insetBorders() {
		w.Void("rect", "x", num(b.X), "y", num(b.Y), "width", num(b.W), "height", num(b.H),
			"fill", "none", "stroke", mutedColour, "stroke-width", "0.8")
	}
	for _, p := range r.prefs {
		n := v.counts[p.code]
		w.Open("g", "id", v.id+"-pref-"+strconv.Itoa(p.code), "fill", colourOf(v.buckets, n))
		w.Text("title", v.prefName(p)+": "+strconv.Itoa(n))
		w.B.WriteString(p.dots)
		w.Close("g")
	}
	w.Close("g")
}

// SortMarkers orders markers as the map does (by lgcode, so by
// prefecture from north to south and then by code), which is also the
// keyboard order of the map's links; give the list beside the map the
// same order.
func SortMarkers(ms []Marker) {
	slices.SortStableFunc(ms, func(a, b Marker) int { return strings.Compare(a.LGCode, b.LGCode) })
}
