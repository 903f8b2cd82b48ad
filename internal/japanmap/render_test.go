package japanmap

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func render(t *testing.T, r *Renderer, m Map) string {
	t.Helper()
	out, err := r.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestAccessibleNameAndDescription(t *testing.T) {
	_, r := newRenderer(t)
	root := parse(t, render(t, r, sampleMap()))
	if root.XMLName.Local != "svg" || root.attr("role") != "group" {
		t.Fatalf("root is <%s role=%q>, want <svg role=group>", root.XMLName.Local, root.attr("role"))
	}
	for attr, elem := range map[string]string{"aria-labelledby": "title", "aria-describedby": "desc"} {
		ids := strings.Fields(root.attr(attr))
		if len(ids) != 1 {
			t.Fatalf("%s = %q", attr, root.attr(attr))
		}
		n, ok := root.byID(ids[0])
		if !ok || n.XMLName.Local != elem || strings.TrimSpace(n.Text) == "" {
			t.Errorf("%s points at %q: found %v, <%s> with %q", attr, ids[0], ok, n.XMLName.Local, n.Text)
		}
	}
	if first := root.Nodes[0]; first.XMLName.Local != "title" || first.Text != "募集中の自治体の地図" {
		t.Errorf("first child is <%s>%s, want the title", first.XMLName.Local, first.Text)
	}
	for _, g := range root.Nodes[2:] {
		if g.XMLName.Local != "g" {
			t.Errorf("unexpected <%s> at the top level", g.XMLName.Local)
		}
	}
	// Only the markers are exposed: the background and legend are hidden.
	var exposed []node
	for _, g := range root.Nodes[2:] {
		if g.attr("aria-hidden") != "true" {
			exposed = append(exposed, g)
		}
	}
	if len(exposed) != 1 || len(exposed[0].all("a")) != len(sampleMap().Markers) {
		t.Errorf("want exactly one exposed group, holding the links; got %d", len(exposed))
	}
}

func TestDescriptionSummarisesData(t *testing.T) {
	_, r := newRenderer(t)
	m := Map{ID: "m", Title: "t", PrefectureCounts: map[int]int{13: 3, 15: 1, 1: 0},
		Markers: []Marker{
			{LGCode: "152137", Count: 1, Href: "/h/152137"},
			{LGCode: "131113", Name: "Ota", Count: 3, Href: "/h/131113"},
		}}
	desc := func(m Map) string {
		root := parse(t, render(t, r, m))
		d, _ := root.child("desc")
		return d.Text
	}
	if got, want := desc(m), "開催中の募集がある自治体: 2（東京都 Ota、新潟県 燕市）。都道府県ごとの件数: 東京都 3、新潟県 1。"; got != want {
		t.Errorf("ja:\n got %s\nwant %s", got, want)
	}
	m.Lang = "en"
	if got, want := desc(m), "Municipalities with open programs: 2 (Ota, Tokyo; 燕市, Niigata). Count per prefecture: Tokyo 3, Niigata 1."; got != want {
		t.Errorf("en:\n got %s\nwant %s", got, want)
	}
	m.Desc = "  Given\ttext "
	if got := desc(m); got != "Given text" {
		t.Errorf("given desc: %q", got)
	}
	empty := Map{ID: "m", Title: "t"}
	if got, want := desc(empty), "開催中の募集がある自治体: 0。都道府県ごとの件数: すべて 0。"; got != want {
		t.Errorf("empty: %q, want %q", got, want)
	}
}

func TestDescriptionListsAtMost20(t *testing.T) {
	ref, r := newRenderer(t)
	m := Map{ID: "m", Title: "t"}
	for _, mu := range ref.MunicipalitiesIn(13)[:25] {
		m.Markers = append(m.Markers, Marker{LGCode: mu.LGCode, Count: 1, Href: "/h"})
	}
	d, _ := parse(t, render(t, r, m)).child("desc")
	if !strings.Contains(d.Text, ": 25（") || !strings.Contains(d.Text, "、ほか 5）") ||
		strings.Count(d.Text, "東京都 ") != 20 {
		t.Errorf("desc = %s", d.Text)
	}
}

func TestMarkersAreLabelledLinks(t *testing.T) {
	_, r := newRenderer(t)
	m := sampleMap()
	links := parse(t, render(t, r, m)).all("a")
	want := slices.Clone(m.Markers)
	SortMarkers(want)
	if len(links) != len(want) {
		t.Fatalf("%d links, want %d", len(links), len(want))
	}
	for i, a := range links {
		mk := want[i]
		if a.attr("href") != mk.Href {
			t.Errorf("link %d: href %q, want %q (lgcode order)", i, a.attr("href"), mk.Href)
		}
		title, ok := a.child("title")
		circles := a.all("circle")
		texts := a.texts()
		if !ok || len(circles) != 1 || len(texts) != 1 {
			t.Fatalf("link %s: title %v, %d circles, %d texts", mk.LGCode, ok, len(circles), len(texts))
		}
		count := " " + strconv.Itoa(mk.Count)
		if !strings.HasSuffix(texts[0], count) || !strings.HasPrefix(title.Text, texts[0]) {
			t.Errorf("link %s: label %q, title %q: the title must begin with the label, which ends with the count",
				mk.LGCode, texts[0], title.Text)
		}
	}
	if got := links[0].texts()[0]; got != "札幌市 中央区 2" {
		t.Errorf("first label %q", got)
	}
	if got, _ := links[0].child("title"); got.Text != "札幌市 中央区 2（北海道）" {
		t.Errorf("first title %q", got.Text)
	}
}

func TestMarkerLabelsDoNotOverlap(t *testing.T) {
	_, r := newRenderer(t)
	v, err := r.validate(sampleMap())
	if err != nil {
		t.Fatal(err)
	}
	pl := placer{bounds: box{0, 0, width, height}}
	for _, m := range v.markers {
		pl.taken = append(pl.taken, circleBox(m.at))
	}
	fixed := len(pl.taken)
	for _, m := range v.markers {
		pl.place(m.at, textEm(m.label)*labelSize+2, labelHeight)
	}
	labels := pl.taken[fixed:]
	for i, a := range labels {
		if !a.within(pl.bounds) {
			t.Errorf("label %d out of bounds: %+v", i, a)
		}
		for j, b := range pl.taken[:fixed+i] {
			if a.overlaps(b) {
				t.Errorf("label %d (%s) overlaps box %d", i, v.markers[i].label, j)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	_, r := newRenderer(t)
	m := sampleMap()
	first := render(t, r, m)
	slices.Reverse(m.Markers)
	if render(t, r, m) != first {
		t.Error("marker order changes the output")
	}
	for range 3 {
		if render(t, r, sampleMap()) != first {
			t.Fatal("same input, different output")
		}
	}
	_, r2 := newRenderer(t)
	if render(t, r2, sampleMap()) != first {
		t.Error("another Renderer gives different output")
	}
}

func TestEscaping(t *testing.T) {
	_, r := newRenderer(t)
	evil := `<b>&"x'</b>`
	m := Map{ID: "m", Title: "T" + evil, CountLabel: "C" + evil, MarkerLabel: "M" + evil,
		Markers: []Marker{{LGCode: "131113", Name: "N" + evil, Count: 1, Href: `/h?a=1&b="2"<`}}}
	out := render(t, r, m)
	if strings.Contains(out, "<b>") || strings.Contains(out, `"2"`) {
		t.Fatalf("unescaped markup in output")
	}
	root := parse(t, out)
	title, _ := root.child("title")
	desc, _ := root.child("desc")
	a := root.all("a")[0]
	if title.Text != "T"+evil || a.attr("href") != `/h?a=1&b="2"<` || !strings.Contains(desc.Text, "N"+evil) {
		t.Errorf("round trip: title %q, href %q, desc %q", title.Text, a.attr("href"), desc.Text)
	}
	if !slices.Contains(root.texts(), "C"+evil) {
		t.Errorf("legend heading lost: %q", root.texts())
	}
}

func TestCleansText(t *testing.T) {
	_, r := newRenderer(t)
	m := Map{ID: "m", Title: "a\x00b\u202Ec\xff  d\n"}
	title, _ := parse(t, render(t, r, m)).child("title")
	if title.Text != "a bc\uFFFD d" {
		t.Errorf("title %q", title.Text)
	}
}

func TestLongNamesAreCut(t *testing.T) {
	_, r := newRenderer(t)
	long := strings.Repeat("長", 30)
	m := Map{ID: "m", Title: "t", Markers: []Marker{{LGCode: "131113", Name: long, Count: 12, Href: "/h"}}}
	a := parse(t, render(t, r, m)).all("a")[0]
	label := a.texts()[0]
	title, _ := a.child("title")
	if !strings.HasSuffix(label, "… 12") || textEm(label) > maxLabelEm {
		t.Errorf("label %q (%.1f em)", label, textEm(label))
	}
	if !strings.Contains(title.Text, long) {
		t.Errorf("the tooltip must keep the whole name: %q", title.Text)
	}
}

func TestInvalidMaps(t *testing.T) {
	_, r := newRenderer(t)
	ok := func() Map {
		return Map{ID: "m", Title: "t", Markers: []Marker{{LGCode: "131113", Count: 1, Href: "/h"}}}
	}
	cases := map[string]func(*Map){
		"empty id":          func(m *Map) { m.ID = "" },
		"id with space":     func(m *Map) { m.ID = "a b" },
		"id with quote":     func(m *Map) { m.ID = `a"` },
		"id from digit":     func(m *Map) { m.ID = "1a" },
		"blank title":       func(m *Map) { m.Title = " \t" },
		"language":          func(m *Map) { m.Lang = "fr" },
		"unknown lgcode":    func(m *Map) { m.Markers[0].LGCode = "999999" },
		"prefecture code":   func(m *Map) { m.Markers[0].LGCode = "130001" },
		"repeated lgcode":   func(m *Map) { m.Markers = append(m.Markers, m.Markers[0]) },
		"negative count":    func(m *Map) { m.Markers[0].Count = -1 },
		"empty href":        func(m *Map) { m.Markers[0].Href = "" },
		"javascript href":   func(m *Map) { m.Markers[0].Href = "javascript:alert(1)" },
		"data href":         func(m *Map) { m.Markers[0].Href = "data:text/html,x" },
		"href with space":   func(m *Map) { m.Markers[0].Href = "/a b" },
		"http without host": func(m *Map) { m.Markers[0].Href = "http:/x" },
		"prefecture 0":      func(m *Map) { m.PrefectureCounts = map[int]int{0: 1} },
		"prefecture 48":     func(m *Map) { m.PrefectureCounts = map[int]int{48: 1} },
		"negative pref":     func(m *Map) { m.PrefectureCounts = map[int]int{13: -1} },
	}
	for name, mutate := range cases {
		m := ok()
		mutate(&m)
		out, err := r.Render(m)
		if !errors.Is(err, ErrInvalid) || out != "" {
			t.Errorf("%s: err %v, %d bytes", name, err, len(out))
		}
	}
	for _, href := range []string{"/h", "?m=1", "#x", "https://example.jp/a?b=1", "http://example.jp"} {
		m := ok()
		m.Markers[0].Href = href
		if _, err := r.Render(m); err != nil {
			t.Errorf("href %q: %v", href, err)
		}
	}
}

func TestSizeBudget(t *testing.T) {
	_, r := newRenderer(t)
	m := sampleMap()
	if n := len(render(t, r, m)); n > 150<<10 {
		t.Errorf("sample map is %d bytes, budget 150 KiB", n)
	}
}

func BenchmarkRender(b *testing.B) {
	_, r := newRenderer(b)
	m := sampleMap()
	for b.Loop() {
		if _, err := r.Render(m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	ref, _ := newRenderer(b)
	for b.Loop() {
		New(ref)
	}
}
