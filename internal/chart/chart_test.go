package chart

import (
	"errors"
	"html/template"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestBarValueLabels checks that every bar carries its formatted value
// (stacked bars: their total, and every segment in text or tooltip).
func TestBarValueLabels(t *testing.T) {
	for _, b := range []Bar{prefectureBar(), projectStack(), changeBar()} {
		for _, horizontal := range []bool{false, true} {
			b.Horizontal = horizontal
			out, err := b.SVG()
			if err != nil {
				t.Fatal(err)
			}
			root := checkAccessible(t, out)
			items := root.all(is("g", "item"))
			if len(items) != len(b.Labels) {
				t.Fatalf("%s: %d items for %d labels", b.ID, len(items), len(b.Labels))
			}
			for i, item := range items {
				var want []string
				total := 0.0
				for _, s := range b.Series {
					want = append(want, FormatNumber(s.Values[i]))
					total += s.Values[i]
				}
				tip := item.child("title").text
				switch {
				case b.Stacked:
					if got := item.texts("total"); !slices.Equal(got, []string{FormatNumber(total)}) {
						t.Errorf("%s item %d: total %q, want %v", b.ID, i, got, total)
					}
					for _, v := range want {
						if !strings.Contains(tip, ": "+v) {
							t.Errorf("%s item %d: tooltip %q lacks %s", b.ID, i, tip, v)
						}
					}
				default:
					if got := item.texts("value"); !slices.Equal(got, want) {
						t.Errorf("%s item %d: value labels %q, want %q", b.ID, i, got, want)
					}
				}
				if len(item.all(is("rect", "bar"))) != len(b.Series) {
					t.Errorf("%s item %d: want %d bars", b.ID, i, len(b.Series))
				}
			}
		}
	}
}

// TestLineValueLabels checks one labelled point per value, with running
// totals when cumulative.
func TestLineValueLabels(t *testing.T) {
	l := entriesLine()
	out, err := l.SVG()
	if err != nil {
		t.Fatal(err)
	}
	root := checkAccessible(t, out)
	series := root.all(is("g", "series"))
	if len(series) != len(l.Series) {
		t.Fatalf("%d series groups", len(series))
	}
	for s, g := range series {
		points := g.all(is("g", "point"))
		if len(points) != len(l.Labels) {
			t.Fatalf("series %d: %d points", s, len(points))
		}
		sum := 0.0
		for i, p := range points {
			sum += l.Series[s].Values[i]
			if got := p.texts("value"); len(got) != 1 || got[0] != FormatNumber(sum) {
				t.Errorf("series %d point %d: %q, want %v", s, i, got, sum)
			}
			if !strings.HasPrefix(p.child("title").text, l.Labels[i]+" ") {
				t.Errorf("point tooltip %q", p.child("title").text)
			}
		}
		if g.child("polyline") == nil {
			t.Errorf("series %d has no line", s)
		}
	}
	if rows := l.Rows(); rows[29][1] != FormatNumber(sum(l.Series[0].Values)) {
		t.Errorf("last cumulative row %q", rows[29])
	}
	// 30 daily labels cannot all fit: some are left out, none overlap.
	shown := root.all(is("g", "xlabel"))
	if len(shown) == 0 || len(shown) >= len(l.Labels) {
		t.Errorf("%d of %d x labels shown", len(shown), len(l.Labels))
	}
}

func sum(vs []float64) float64 {
	t := 0.0
	for _, v := range vs {
		t += v
	}
	return t
}

// TestFunnel checks values, rates (custom, default and after zero) and
// rows.
func TestFunnel(t *testing.T) {
	f := selectionFunnel()
	out, err := f.SVG()
	if err != nil {
		t.Fatal(err)
	}
	root := checkAccessible(t, out)
	if got := root.texts("value"); !slices.Equal(got, []string{"412", "160", "41", "33", "18"}) {
		t.Errorf("values %q", got)
	}
	if got := root.texts("rate"); !slices.Equal(got, []string{"↓ 39%", "↓ 26%", "↓ 80%", "↓ 55%"}) {
		t.Errorf("rates %q", got)
	}
	f.RateLabel = nil
	f.Values = []float64{3, 0, 0, 1, 1}
	rows := f.Rows()
	want := [][]string{{f.Steps[0], "3", ""}, {f.Steps[1], "0", "0%"}, {f.Steps[2], "0", "–"},
		{f.Steps[3], "1", "–"}, {f.Steps[4], "1", "100%"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows %q", rows)
	}
	out, err = f.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if got := checkAccessible(t, out).texts("rate"); !slices.Equal(got, []string{"↓ 0%", "↓ –", "↓ –", "↓ 100%"}) {
		t.Errorf("rates %q", got)
	}
	// A rate too large for float64 is not shown as +Inf%.
	f.Values = []float64{5e-324, 1e15}
	f.Steps = f.Steps[:2]
	if got := f.Rows()[1][2]; got != "–" {
		t.Errorf("rate after a denormal: %q", got)
	}
}

// TestTruncatedLabels checks that a long label is cut with "…" and kept
// whole in the tooltip of its group.
func TestTruncatedLabels(t *testing.T) {
	b := projectStack()
	for _, horizontal := range []bool{true, false} {
		b.Horizontal = horizontal
		out, err := b.SVG()
		if err != nil {
			t.Fatal(err)
		}
		item := checkAccessible(t, out).all(is("g", "item"))[0]
		full := b.Labels[0]
		label := item.texts("label")
		if len(label) != 1 || !strings.HasSuffix(label[0], "…") ||
			!strings.HasPrefix(full, strings.TrimSuffix(label[0], "…")) {
			t.Errorf("horizontal=%v: label %q", horizontal, label)
		}
		if !strings.HasPrefix(item.child("title").text, full+"\n") {
			t.Errorf("tooltip %q lacks the full label", item.child("title").text)
		}
		if got := item.texts("label"); textEm(got[0]) > labelMaxEm {
			t.Errorf("label %q wider than %vem", got[0], labelMaxEm)
		}
	}
	// Short labels are left alone.
	out, _ := prefectureBar().SVG()
	if got := mustParse(t, out).texts("label"); !slices.Equal(got, prefectureBar().Labels) {
		t.Errorf("labels %q", got)
	}
}

// TestEscaping puts markup, entities, quotes and control characters in
// every text field.
func TestEscaping(t *testing.T) {
	evil := `<script>alert("&'")</script>` + "\x00\x1b\u202e\ufffe" + `&amp; "q" 'a' <b>`
	fmtEvil := func(v float64) string { return "<i>" + FormatNumber(v) + "</i>" }
	charts := map[string]func() (template.HTML, error){
		"bar": Bar{ID: evil + "x", Title: evil, Desc: evil, Labels: []string{evil, "ok"}, Unit: evil,
			Series: []Series{{Name: evil, Values: []float64{1, 2}}, {Name: "b", Values: []float64{3, 4}}}, Format: fmtEvil}.SVG,
		"line": Line{ID: "l", Title: evil, Labels: []string{evil, evil}, Unit: evil,
			Series: []Series{{Name: evil, Values: []float64{1, 2}}}, Format: fmtEvil}.SVG,
		"funnel": Funnel{ID: "f", Title: evil, Desc: evil, Steps: []string{evil, evil}, Values: []float64{2, 1},
			Format: fmtEvil, RateLabel: func(from, to string, _ float64) string { return from + to }}.SVG,
	}
	for name, render := range charts {
		out, err := render()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		root := checkAccessible(t, out)
		for _, bad := range []string{"<script", "<b>", "<i>", "\x00", "\x1b", "\u202e", "\ufffe"} {
			if strings.Contains(string(out), bad) {
				t.Errorf("%s: output contains %q", name, bad)
			}
		}
		want := clean(evil)
		if got := root.child("title").text; got != want {
			t.Errorf("%s: title %q, want %q", name, got, want)
		}
		if !strings.Contains(want, `<script>alert("&'")</script>`) {
			t.Errorf("clean lost the visible text: %q", want)
		}
	}
	out, _ := charts["bar"]()
	if root := mustParse(t, out); !strings.HasPrefix(root.attrs["aria-labelledby"], "script-alert-script-amp-q-a-b-x-title ") {
		t.Errorf("id %q", root.attrs["aria-labelledby"])
	}
}

// TestAllZero renders all-zero data with a 0–5 scale and zero labels.
func TestAllZero(t *testing.T) {
	zero := []Series{{Values: []float64{0, 0, 0}}}
	labels := []string{"A", "B", "C"}
	for _, horizontal := range []bool{false, true} {
		for _, stacked := range []bool{false, true} {
			out, err := Bar{ID: "z", Title: "z", Labels: labels, Series: zero, Horizontal: horizontal, Stacked: stacked}.SVG()
			if err != nil {
				t.Fatal(err)
			}
			root := checkAccessible(t, out)
			if got := root.texts("tick"); !slices.Equal(got, []string{"0", "1", "2", "3", "4", "5"}) {
				t.Errorf("ticks %q", got)
			}
			if got := root.texts("value"); !slices.Equal(got, []string{"0", "0", "0"}) {
				t.Errorf("values %q", got)
			}
		}
	}
	out, err := Line{ID: "z", Title: "z", Labels: labels, Series: zero, Cumulative: true}.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if got := checkAccessible(t, out).texts("value"); !slices.Equal(got, []string{"0", "0", "0"}) {
		t.Errorf("line values %q", got)
	}
	out, err = Funnel{ID: "z", Title: "z", Steps: labels, Values: []float64{0, 0, 0}}.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if got := checkAccessible(t, out).texts("rate"); !slices.Equal(got, []string{"↓ –", "↓ –"}) {
		t.Errorf("funnel rates %q", got)
	}
}

// TestSmallInputs renders a single point, a single bar and no categories.
func TestSmallInputs(t *testing.T) {
	one := []Series{{Name: "n", Values: []float64{42}}}
	for name, render := range map[string]func() (template.HTML, error){
		"line":   Line{ID: "a", Title: "t", Labels: []string{"4月"}, Series: one}.SVG,
		"bar":    Bar{ID: "a", Title: "t", Labels: []string{"4月"}, Series: one}.SVG,
		"hbar":   Bar{ID: "a", Title: "t", Labels: []string{"4月"}, Series: one, Horizontal: true}.SVG,
		"funnel": Funnel{ID: "a", Title: "t", Steps: []string{"応募"}, Values: []float64{42}}.SVG,
	} {
		out, err := render()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := checkAccessible(t, out).texts("value"); !slices.Equal(got, []string{"42"}) {
			t.Errorf("%s: values %q", name, got)
		}
	}
	empty := []Series{{Name: "n"}}
	for _, render := range []func() (template.HTML, error){
		Line{ID: "a", Title: "t", Series: empty}.SVG,
		Bar{ID: "a", Title: "t", Series: empty}.SVG,
		Bar{ID: "a", Title: "t", Series: empty, Horizontal: true}.SVG,
	} {
		out, err := render()
		if err != nil {
			t.Fatal(err)
		}
		if got := checkAccessible(t, out).texts("value"); len(got) != 0 {
			t.Errorf("values %q", got)
		}
	}
}

// TestInvalid checks that bad input gives ErrInvalid and no output.
func TestInvalid(t *testing.T) {
	two := []string{"a", "b"}
	ok := []Series{{Values: []float64{1, 2}}}
	many := make([]Series, MaxSeries+1)
	for i := range many {
		many[i] = Series{Name: string(rune('a' + i)), Values: []float64{1, 2}}
	}
	cases := map[string]func() (template.HTML, error){
		"empty ID":         Bar{ID: "", Title: "t", Labels: two, Series: ok}.SVG,
		"ID without chars": Bar{ID: "日本", Title: "t", Labels: two, Series: ok}.SVG,
		"empty title":      Bar{ID: "a", Title: " \n", Labels: two, Series: ok}.SVG,
		"no series":        Bar{ID: "a", Title: "t", Labels: two}.SVG,
		"too many series":  Bar{ID: "a", Title: "t", Labels: two, Series: many}.SVG,
		"unnamed series":   Bar{ID: "a", Title: "t", Labels: two, Series: append(ok, ok...)}.SVG,
		"short series":     Bar{ID: "a", Title: "t", Labels: two, Series: []Series{{Values: []float64{1}}}}.SVG,
		"NaN":              Bar{ID: "a", Title: "t", Labels: two, Series: []Series{{Values: []float64{1, math.NaN()}}}}.SVG,
		"Inf":              Line{ID: "a", Title: "t", Labels: two, Series: []Series{{Values: []float64{math.Inf(-1), 1}}}}.SVG,
		"huge":             Line{ID: "a", Title: "t", Labels: two, Series: []Series{{Values: []float64{2e15, 1}}}}.SVG,
		"huge cumulative":  Line{ID: "a", Title: "t", Labels: two, Series: []Series{{Values: []float64{1e15, 1e15}}}, Cumulative: true}.SVG,
		"negative stacked": Bar{ID: "a", Title: "t", Labels: two, Series: []Series{{Values: []float64{1, -1}}}, Stacked: true}.SVG,
		"line no title":    Line{ID: "a", Labels: two, Series: ok}.SVG,
		"funnel no steps":  Funnel{ID: "a", Title: "t"}.SVG,
		"funnel lengths":   Funnel{ID: "a", Title: "t", Steps: two, Values: []float64{1}}.SVG,
		"funnel negative":  Funnel{ID: "a", Title: "t", Steps: two, Values: []float64{1, -1}}.SVG,
		"funnel NaN":       Funnel{ID: "a", Title: "t", Steps: two, Values: []float64{1, math.NaN()}}.SVG,
		"funnel no ID":     Funnel{Title: "t", Steps: two, Values: []float64{1, 1}}.SVG,
	}
	for name, render := range cases {
		out, err := render()
		if !errors.Is(err, ErrInvalid) || out != "" {
			t.Errorf("%s: %q, %v; want ErrInvalid", name, out, err)
		}
	}
	// Negative values are fine in grouped bars and lines.
	neg := []Series{{Values: []float64{-1, 2}}}
	if _, err := (Bar{ID: "a", Title: "t", Labels: two, Series: neg}).SVG(); err != nil {
		t.Error(err)
	}
	if _, err := (Line{ID: "a", Title: "t", Labels: two, Series: neg}).SVG(); err != nil {
		t.Error(err)
	}
}

// TestRows checks the table helpers, including custom formats and data
// that would not validate.
func TestRows(t *testing.T) {
	b := prefectureBar()
	if got := b.Rows()[5]; !slices.Equal(got, []string{"大阪府", "1,204", "25"}) {
		t.Errorf("bar row %q", got)
	}
	b.Format = func(v float64) string { return FormatNumber(v) + "件" }
	b.Series[1].Values = b.Series[1].Values[:2]
	if got := b.Rows()[2]; !slices.Equal(got, []string{"埼玉県", "41件", ""}) {
		t.Errorf("bar row with custom format and missing value %q", got)
	}
	if got := (Funnel{Steps: []string{"a", "b"}, Values: []float64{1}}).Rows(); !slices.Equal(got[1], []string{"b", "", ""}) {
		t.Errorf("funnel row %q", got)
	}
}
