package japanmap

import (
	"strconv"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// TestEveryPrefectureHasItsDots checks that each prefecture's group has a
// dot per municipality, shaded by its count's bucket, with its count in
// the tooltip.
func TestEveryPrefectureHasItsDots(t *testing.T) {
	ref, r := newRenderer(t)
	m := sampleMap()
	root := parse(t, render(t, r, m))
	bs := buckets(37)
	total := 0
	for _, p := range ref.Prefectures() {
		g, ok := root.byID("home-map-pref-" + strconv.Itoa(p.Code))
		if !ok {
			t.Errorf("no group for %s", p.Name)
			continue
		}
		dots := len(g.all("circle"))
		total += dots
		if dots == 0 || dots != len(ref.MunicipalitiesIn(p.Code)) {
			t.Errorf("%s: %d dots, %d municipalities", p.Name, dots, len(ref.MunicipalitiesIn(p.Code)))
		}
		n := m.PrefectureCounts[p.Code]
		if got, want := g.attr("fill"), colourOf(bs, n); got != want {
			t.Errorf("%s (count %d): fill %s, want %s", p.Name, n, got, want)
		}
		if title, _ := g.child("title"); title.Text != p.Name+": "+strconv.Itoa(n) {
			t.Errorf("%s: tooltip %q", p.Name, title.Text)
		}
	}
	if total != len(ref.Municipalities()) {
		t.Errorf("%d dots, %d municipalities", total, len(ref.Municipalities()))
	}
	// Spot checks of the shading: Tokyo (37) is in the darkest bucket,
	// Aomori (0) grey, Niigata (1) in the "1" bucket.
	for code, want := range map[int]string{13: "#08519c", 2: noneColour, 15: "#9ecae1"} {
		if g, _ := root.byID("home-map-pref-" + strconv.Itoa(code)); g.attr("fill") != want {
			t.Errorf("prefecture %d: fill %s, want %s", code, g.attr("fill"), want)
		}
	}
}

func TestPrefectureNamesFollowLanguage(t *testing.T) {
	_, r := newRenderer(t)
	root := parse(t, render(t, r, Map{ID: "m", Title: "t", Lang: "en", PrefectureCounts: map[int]int{13: 2}}))
	if g, _ := root.byID("m-pref-13"); g.Nodes[0].Text != "Tokyo: 2" {
		t.Errorf("tooltip %q", g.Nodes[0].Text)
	}
}

func TestLegend(t *testing.T) {
	_, r := newRenderer(t)
	texts := parse(t, render(t, r, sampleMap())).texts()
	for _, want := range []string{"都道府県ごとの件数", "0", "1", "2–4", "5–9", "10–19", "20–37", "開催中の募集がある自治体"} {
		found := false
		for _, s := range texts {
			found = found || s == want
		}
		if !found {
			t.Errorf("legend lacks %q", want)
		}
	}
}

// TestProjection checks the geography: every dot is in the viewBox, dots
// of the main frame stay clear of the insets and the legend, and inset
// dots stay in their box.
func TestProjection(t *testing.T) {
	ref, r := newRenderer(t)
	view := box{0, 0, width, height}
	v, err := r.validate(Map{ID: "m", Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	var w writer
	legendBox := legend(&w, v)
	for _, m := range ref.Municipalities() {
		f := frameFor(m.Lat, m.Lng)
		p := r.places[m.LGCode].at
		dot := box{p.X - 3, p.Y - 3, 6, 6}
		if !dot.within(view) {
			t.Errorf("%s %s at %v is outside the viewBox", m.PrefName, m.Name, p)
		}
		if f.border != (box{}) {
			if !dot.within(f.border) {
				t.Errorf("%s %s at %v is outside its inset %v", m.PrefName, m.Name, p, f.border)
			}
			continue
		}
		for _, b := range append(insetBorders(), legendBox) {
			if dot.overlaps(b) {
				t.Errorf("%s %s at %v overlaps %v", m.PrefName, m.Name, p, b)
			}
		}
	}
	// Which places are inset.
	for code, want := range map[string]box{"472018": nanseiFrame().border, "462225": nanseiFrame().border,
		"134210": ogasawaraFrame().border, "134015": {}, "462012": {}} { // Naha, Amami, Ogasawara, Hachijō, Kagoshima
		mu, _ := ref.Municipality(code)
		if got := frameFor(mu.Lat, mu.Lng).border; got != want {
			t.Errorf("%s is in frame %v, want %v", mu.Name, got, want)
		}
	}
}

func TestProjectionKeepsDirections(t *testing.T) {
	ref, r := newRenderer(t)
	at := func(code string) point { return r.places[code].at }
	tokyo, osaka, sapporo, fukuoka := at("131041"), at("271276"), at("011011"), at("401323")
	if !(tokyo.X > osaka.X && osaka.X > fukuoka.X) {
		t.Errorf("Tokyo %v, Osaka %v, Fukuoka %v should run west to east", tokyo, osaka, fukuoka)
	}
	if !(sapporo.Y < tokyo.Y && tokyo.Y < osaka.Y && osaka.Y < fukuoka.Y) {
		t.Errorf("Sapporo %v, Tokyo %v, Osaka %v, Fukuoka %v should run north to south", sapporo, tokyo, osaka, fukuoka)
	}
	// Okinawa is inset; in the main frame's own projection it is south
	// and west of Tokyo.
	naha, _ := ref.Municipality("472018")
	if p := mainFrame().project(naha.Lat, naha.Lng); !(p.Y > tokyo.Y && p.X < tokyo.X) {
		t.Errorf("Naha %v should be south-west of Tokyo %v", p, tokyo)
	}
	// Within the Nansei inset, Naha is south-west of Amami and north-east
	// of Ishigaki.
	amami, ishigaki := at("462225"), at("472077")
	if n := at("472018"); !(n.Y > amami.Y && n.X < amami.X && n.Y < ishigaki.Y && n.X > ishigaki.X) {
		t.Errorf("Amami %v, Naha %v, Ishigaki %v", amami, n, ishigaki)
	}
	// A degree of longitude is cos(37°) of a degree of latitude.
	f := mainFrame()
	a, b := f.project(36, 140), f.project(37, 141)
	if dx, dy := b.X-a.X, a.Y-b.Y; dy != mainScale || dx < 28.7 || dx > 28.8 {
		t.Errorf("1° steps: dx %.2f, dy %.2f", dx, dy)
	}
}

// TestEmptyData renders over empty reference data: no dots, no error.
func TestEmptyData(t *testing.T) {
	r := New(&refdata.Data{})
	out, err := r.Render(Map{ID: "m", Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(parse(t, string(out)).all("circle")); n != 2 { // the legend's grey swatch and marker
		t.Errorf("%d circles, want 2", n)
	}
}
