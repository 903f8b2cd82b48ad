package match

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// ota is 大田区's city hall; north12 is 12.000 km due north of it.
var (
	ota     = Location{Lat: 35.5613, Lng: 139.7161, Valid: true}
	north12 = Location{Lat: 35.5613 + 12/(earthRadiusKm*3.141592653589793/180), Lng: 139.7161, Valid: true}
)

func craftedProject() Project {
	return Project{
		ID:              "p1",
		RequiredSkills:  []Skill{{"cad", 2}, {"welding", 3}, {"python", 1}},
		PreferredSkills: []Skill{{"marketing", 1}, {"design", 1}},
		SDGs:            []int{9, 12, 8},
		HoursPerMonth:   20,
		WorkStyle:       OnSite,
		Place:           ota,
		LGCode:          otaLG,
	}
}

func TestReasonsCrafted(t *testing.T) {
	talents := []Talent{
		{
			ID:     "a",
			Skills: []Skill{{"cad", 3}, {"welding", 2}, {"marketing", 1}},
			SDGs:   []int{9, 12}, HoursPerMonth: 20, Home: north12,
			Affinities: []Affinity{{otaLG, Born}},
		},
		{
			ID:     "b",
			Skills: []Skill{{"cad", 2}, {"welding", 3}},
			SDGs:   []int{1}, HoursPerMonth: 10, RemoteOnly: true, Home: ota,
			Affinities: []Affinity{{"011002", Lives}, {"012025", Works}, {otaLG, Supporter}},
		},
	}
	pool, err := NewPool(talents)
	if err != nil {
		t.Fatal(err)
	}
	a, err := pool.Score(craftedProject(), "a", DefaultWeights())
	if err != nil {
		t.Fatal(err)
	}
	wantJA := []string{
		"必須スキル3件中1件が一致",
		"必須スキル1件は求めるレベルに未達",
		"歓迎スキル2件中1件が一致",
		"SDGsの関心が2件一致",
		"希望時間が合う",
		"自宅から12km",
		"出身地のプロジェクト",
	}
	wantEN := []string{
		"1 of 3 required skills match",
		"1 required skill below the level asked",
		"1 of 2 preferred skills match",
		"2 SDGs interests in common",
		"Available hours fit",
		"12 km from home",
		"Project in your hometown",
	}
	checkTexts(t, a.Reasons, wantJA, wantEN)
	// Parts by hand: place = 1000*(100-12)/90 = 977.8; hometown 700;
	// SDGs 2 of min(3,3) = 667; hours 1000.
	if a.Parts.Place != 978 || a.Parts.Affinity != 700 || a.Parts.SDGs != 667 || a.Parts.Hours != 1000 {
		t.Errorf("parts %+v", a.Parts)
	}

	b, err := pool.Score(craftedProject(), "b", DefaultWeights())
	if err != nil {
		t.Fatal(err)
	}
	checkTexts(t, b.Reasons, []string{
		"必須スキル3件中2件が一致",
		"歓迎スキル2件中0件が一致",
		"稼働可能時間が月10時間（求める時間は月20時間）",
		"リモートのみ希望（現地での活動あり）",
		"応援している自治体のプロジェクト",
	}, []string{
		"2 of 3 required skills match",
		"0 of 2 preferred skills match",
		"10 hours a month available of 20 asked",
		"Wants remote work; the project needs presence",
		"Project in a municipality you support",
	})
	if b.Parts.Place != 0 || b.Parts.Affinity != 400 || b.Parts.SDGs != 0 || b.Parts.Hours != 500 {
		t.Errorf("parts %+v", b.Parts)
	}

	remote := craftedProject()
	remote.WorkStyle = Remote
	remote.LGCode = ""
	r, err := pool.Score(remote, "b", DefaultWeights())
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Reasons[len(r.Reasons)-1]; got.JA() != "リモートで参加できる" || got.EN() != "Can take part remotely" {
		t.Errorf("remote reason %q / %q", got.JA(), got.EN())
	}
	if r.Parts.Affinity != -1 {
		t.Errorf("affinity part without municipality = %d, want -1", r.Parts.Affinity)
	}
}

func checkTexts(t *testing.T, reasons []Reason, ja, en []string) {
	t.Helper()
	var gotJA, gotEN []string
	for _, r := range reasons {
		gotJA = append(gotJA, r.JA())
		gotEN = append(gotEN, r.EN())
	}
	if !reflect.DeepEqual(gotJA, ja) {
		t.Errorf("JA reasons\n got %q\nwant %q", gotJA, ja)
	}
	if !reflect.DeepEqual(gotEN, en) {
		t.Errorf("EN reasons\n got %q\nwant %q", gotEN, en)
	}
}

func TestReasonTextsComplete(t *testing.T) {
	codes := []string{
		ReasonRequiredSkills, ReasonRequiredBelow, ReasonPreferredSkills, ReasonRareSkill,
		ReasonSDGs, ReasonHoursFit, ReasonHoursShort, ReasonHoursUnknown, ReasonRemote,
		ReasonDistance, ReasonRemoteOnly, ReasonLocationUnknown, ReasonAffinityLives,
		ReasonAffinityWorks, ReasonAffinityBorn, ReasonAffinitySupports,
	}
	for _, c := range codes {
		r := Reason{Code: c, Count: 2, Total: 3, Km: 1234.4, Skill: "cad"}
		if r.JA() == c || r.EN() == c || r.JA() == "" || r.EN() == "" {
			t.Errorf("%s has no text", c)
		}
	}
	if got := (Reason{Code: ReasonDistance, Km: 1234.4}).JA(); got != "自宅から1,234km" {
		t.Errorf("distance JA %q", got)
	}
	if got := (Reason{Code: ReasonDistance, Km: 0.4}).EN(); got != "Less than 1 km from home" {
		t.Errorf("distance EN %q", got)
	}
}

func TestRareSkillCountsMore(t *testing.T) {
	var talents []Talent
	for i := range 100 {
		t := Talent{ID: fmt.Sprintf("f%03d", i)}
		if i < 60 {
			t.Skills = []Skill{{"common", 2}}
		}
		talents = append(talents, t)
	}
	talents = append(talents,
		Talent{ID: "rare-holder", Skills: []Skill{{"rare", 2}}},
		Talent{ID: "common-holder", Skills: []Skill{{"common", 2}}},
	)
	pool, err := NewPool(talents)
	if err != nil {
		t.Fatal(err)
	}
	if pool.IDF("rare") <= pool.IDF("common") {
		t.Fatalf("IDF rare %.3f <= common %.3f", pool.IDF("rare"), pool.IDF("common"))
	}
	pr := Project{ID: "p", RequiredSkills: []Skill{{"common", 2}, {"rare", 2}}, WorkStyle: Remote}
	w := Weights{Skills: 1}
	rare, _ := pool.Score(pr, "rare-holder", w)
	common, _ := pool.Score(pr, "common-holder", w)
	if rare.Score <= common.Score {
		t.Fatalf("rare skill %d <= common skill %d", rare.Score, common.Score)
	}
	top, err := pool.TopK(pr, 1, w)
	if err != nil || top[0].TalentID != "rare-holder" {
		t.Fatalf("top = %+v, %v", top, err)
	}
	found := false
	for _, r := range rare.Reasons {
		found = found || (r.Code == ReasonRareSkill && r.Skill == "rare" && strings.Contains(r.JA(), "rare"))
	}
	if !found {
		t.Errorf("no rare-skill reason in %+v", rare.Reasons)
	}
}

func TestDistance(t *testing.T) {
	at := func(km float64) Location {
		return Location{Lat: ota.Lat + km/(earthRadiusKm*3.141592653589793/180), Lng: ota.Lng, Valid: true}
	}
	talents := []Talent{
		{ID: "1near", Home: at(5)},
		{ID: "2mid", Home: at(40)},
		{ID: "3far", Home: at(80)},
		{ID: "4veryfar", Home: at(500)},
		{ID: "5unknown"},
	}
	pool, err := NewPool(talents)
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []WorkStyle{OnSite, Hybrid} {
		pr := Project{ID: "p", WorkStyle: style, Place: ota}
		top, err := pool.TopK(pr, 5, DefaultWeights())
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range top {
			ids = append(ids, r.TalentID)
		}
		// On-site place parts: 5 km 1000, 40 km 667, 80 km 222, unknown
		// 300, 500 km 0. Hybrid: 1000, 800, 533, unknown 500, 400.
		want := []string{"1near", "2mid", "5unknown", "3far", "4veryfar"}
		if style == Hybrid {
			want = []string{"1near", "2mid", "3far", "5unknown", "4veryfar"}
		}
		if !reflect.DeepEqual(ids, want) {
			t.Errorf("%v order %v, want %v", style, ids, want)
		}
		if top[0].Score <= top[1].Score || top[1].Score <= top[2].Score {
			t.Errorf("%v scores not strictly decreasing: %+v", style, top)
		}
	}
	remote, err := pool.TopK(Project{ID: "p", WorkStyle: Remote, Place: ota}, 5, DefaultWeights())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range remote {
		if r.Score != remote[0].Score {
			t.Errorf("remote project scores differ by distance: %+v", remote)
		}
	}
}

func TestWeightsChangeOrder(t *testing.T) {
	talents := []Talent{
		{ID: "skilled-far", Skills: []Skill{{"cad", 3}, {"welding", 3}}, Home: Location{Lat: 43.06, Lng: 141.35, Valid: true}},
		{ID: "local-novice", Skills: []Skill{{"cad", 1}}, Home: ota, Affinities: []Affinity{{otaLG, Lives}}},
	}
	pool, err := NewPool(talents)
	if err != nil {
		t.Fatal(err)
	}
	pr := Project{ID: "p", RequiredSkills: []Skill{{"cad", 2}, {"welding", 2}}, WorkStyle: OnSite, Place: ota, LGCode: otaLG}
	first := func(w Weights) string {
		top, err := pool.TopK(pr, 2, w)
		if err != nil {
			t.Fatal(err)
		}
		return top[0].TalentID
	}
	if got := first(Weights{Skills: 10, Place: 1}); got != "skilled-far" {
		t.Errorf("skills-heavy weights ranked %s first", got)
	}
	if got := first(Weights{Skills: 1, Place: 5, Affinity: 5}); got != "local-novice" {
		t.Errorf("place-heavy weights ranked %s first", got)
	}
}

func TestInvalidInput(t *testing.T) {
	if _, err := NewPool([]Talent{{ID: "x"}, {ID: "x"}}); err == nil || !strings.Contains(err.Error(), "duplicate") {
		t.Errorf("duplicate ID: %v", err)
	}
	if _, err := NewPool([]Talent{{ID: "x", Skills: []Skill{{"cad", 4}}}}); err == nil {
		t.Error("level 4 accepted")
	}
	if _, err := NewPool([]Talent{{ID: "x", SDGs: []int{18}}}); err == nil {
		t.Error("SDG 18 accepted")
	}
	if _, err := NewPool([]Talent{{ID: ""}}); err == nil {
		t.Error("empty ID accepted")
	}
	pool, err := NewPool([]Talent{{ID: "x"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pool.TopK(Project{ID: "p"}, 1, DefaultWeights()); err == nil {
		t.Error("project without work style accepted")
	}
	if _, err := pool.TopK(Project{ID: "p", WorkStyle: Remote}, 1, Weights{Skills: -1, Place: 2}); err == nil {
		t.Error("negative weight accepted")
	}
	if _, err := pool.TopK(Project{ID: "p", WorkStyle: Remote}, 1, Weights{}); err == nil {
		t.Error("all-zero weights accepted")
	}
	if _, err := pool.Score(Project{ID: "p", WorkStyle: Remote}, "nobody", DefaultWeights()); err == nil {
		t.Error("unknown talent accepted")
	}
}
