package refdata

import (
	"math"
	"testing"
)

// mustLoad loads the embedded data or stops the test.
func mustLoad(tb testing.TB) *Data {
	tb.Helper()
	d, err := Load()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return d
}

func TestCounts(t *testing.T) {
	d := mustLoad(t)
	if got := len(d.Municipalities()); got != 1916 {
		t.Errorf("municipalities: got %d, want 1916", got)
	}
	if got := len(d.Prefectures()); got != 47 {
		t.Errorf("prefectures: got %d, want 47", got)
	}
	if got := len(d.SDGs()); got != 17 {
		t.Errorf("SDGs: got %d, want 17", got)
	}
}

func TestEveryMunicipalityPassesCheckDigit(t *testing.T) {
	d := mustLoad(t)
	for _, m := range d.Municipalities() {
		if !ValidLGCode(m.LGCode) {
			t.Errorf("%s %s: lgcode fails the check digit", m.LGCode, m.Name)
		}
	}
}

func TestOtaCity(t *testing.T) {
	d := mustLoad(t)
	m, ok := d.Municipality("131113")
	if !ok {
		t.Fatal(`Municipality("131113") not found`)
	}
	if m.Name != "大田区" || m.PrefCode != 13 || m.PrefName != "東京都" || m.CityID != 13111 {
		t.Errorf("got %+v, want 大田区 in 東京都 (13), city id 13111", m)
	}
	if math.Abs(m.Lat-35.5614) > 0.0001 || math.Abs(m.Lng-139.7161) > 0.0001 {
		t.Errorf("coordinates: got %.5f, %.5f; want about 35.5614, 139.7161", m.Lat, m.Lng)
	}
	if m.Kana != "おおたく" || m.URL != "https://www.city.ota.tokyo.jp/" {
		t.Errorf("kana/url: got %q, %q", m.Kana, m.URL)
	}
	for _, code := range []string{"13111", "131114", "", "999999"} {
		if _, ok := d.Municipality(code); ok {
			t.Errorf("Municipality(%q) found, want not found", code)
		}
	}
}

func TestPrefectures(t *testing.T) {
	d := mustLoad(t)
	for i, p := range d.Prefectures() {
		if p.Code != i+1 {
			t.Fatalf("prefecture #%d has code %d: not ordered by code", i, p.Code)
		}
		if !ValidLGCode(p.LGCode) {
			t.Errorf("%s: lgcode %q invalid", p.Name, p.LGCode)
		}
	}
	hk, ok := d.Prefecture(1)
	if !ok {
		t.Fatal("Prefecture(1) not found")
	}
	want := Prefecture{Code: 1, LGCode: "010006", Name: "北海道", Kana: "ほっかいどう", Short: "北海道",
		NameEN: "Hokkaido", Code3: "HKD", ISO: "JP-01", Capital: "札幌市",
		URL: "https://www.pref.hokkaido.lg.jp/", Lat: 43.063968, Lng: 141.347899}
	if hk != want {
		t.Errorf("Hokkaido:\n got %+v\nwant %+v", hk, want)
	}
	if tk, _ := d.Prefecture(13); tk.LGCode != "130001" || tk.Short != "東京" || tk.NameEN != "Tokyo" {
		t.Errorf("Tokyo: got %+v", tk)
	}
	for _, code := range []int{0, 48, -1} {
		if _, ok := d.Prefecture(code); ok {
			t.Errorf("Prefecture(%d) found, want not found", code)
		}
	}
}

func TestMunicipalitiesIn(t *testing.T) {
	d := mustLoad(t)
	total := 0
	for _, p := range d.Prefectures() {
		ms := d.MunicipalitiesIn(p.Code)
		if len(ms) == 0 {
			t.Errorf("%s has no municipalities", p.Name)
		}
		for _, m := range ms {
			if m.PrefCode != p.Code || m.PrefName != p.Name {
				t.Errorf("%s %s listed under %s", m.LGCode, m.Name, p.Name)
			}
		}
		total += len(ms)
	}
	if total != len(d.Municipalities()) {
		t.Errorf("municipalities by prefecture add up to %d, want %d", total, len(d.Municipalities()))
	}
	found := false
	for _, m := range d.MunicipalitiesIn(13) {
		found = found || m.LGCode == "131113"
	}
	if !found {
		t.Error("大田区 not in MunicipalitiesIn(13)")
	}
	if ms := d.MunicipalitiesIn(48); ms != nil {
		t.Errorf("MunicipalitiesIn(48): got %d rows, want nil", len(ms))
	}
}

// TestSlicesAreCopies checks that callers cannot change the indexes through
// returned slices.
func TestSlicesAreCopies(t *testing.T) {
	d := mustLoad(t)
	d.Prefectures()[0].Name = "x"
	d.Municipalities()[0].Name = "x"
	d.MunicipalitiesIn(1)[0].Name = "x"
	d.SDGs()[0].Color = "x"
	d.SkillCategories()[0].Code = "x"
	d.Skills()[0].Code = "x"
	d.SkillsIn("web")[0].NameJA = "x"
	d.JSICMajors()[0].NameJA = "x"
	d.JSICMiddles("E")[0].NameJA = "x"

	if p, _ := d.Prefecture(1); p.Name != "北海道" || d.Prefectures()[0].Name != "北海道" {
		t.Error("prefecture changed through a returned slice")
	}
	if d.Municipalities()[0].Name != "札幌市" || d.MunicipalitiesIn(1)[0].Name != "札幌市" {
		t.Error("municipality changed through a returned slice")
	}
	if d.SDGs()[0].Color != "#E5243B" {
		t.Error("SDG changed through a returned slice")
	}
	if d.SkillCategories()[0].Code != "dx" || d.Skills()[0].Code != "dx-kintone" ||
		d.SkillsIn("web")[0].NameJA != "ホームページ制作" {
		t.Error("skill changed through a returned slice")
	}
	if d.JSICMajors()[0].NameJA != "農業，林業" || d.JSICMiddles("E")[0].NameJA != "食料品製造業" {
		t.Error("JSIC class changed through a returned slice")
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
