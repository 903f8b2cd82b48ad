package match

import (
	"reflect"
	"testing"
)

// TestPoolOfOneWeighsAsTheHub: one talent's pool given the hub's rarity
// scores every project exactly as the pool of every talent does.
func TestPoolOfOneWeighsAsTheHub(t *testing.T) {
	talents := []Talent{
		{ID: "a", Skills: []Skill{{Code: "web-homepage", Level: 3}, {Code: "green-carbon", Level: 1}}, SDGs: []int{9}, HoursPerMonth: 20},
		{ID: "b", Skills: []Skill{{Code: "web-homepage", Level: 2}}, SDGs: []int{8, 9}, HoursPerMonth: 10},
		{ID: "c", Skills: []Skill{{Code: "dx-kintone", Level: 2}}, HoursPerMonth: 40, RemoteOnly: true},
		{ID: "d", Skills: []Skill{{Code: "web-homepage", Level: 1}, {Code: "dx-kintone", Level: 3}}, SDGs: []int{13}},
	}
	all, err := NewPool(talents)
	if err != nil {
		t.Fatal(err)
	}
	hub := all.RarityOf()
	if want := (Rarity{Talents: 4, Holders: map[string]int{"web-homepage": 3, "green-carbon": 1, "dx-kintone": 2}}); !reflect.DeepEqual(hub, want) {
		t.Fatalf("rarity = %+v", hub)
	}
	projects := []Project{
		{ID: "p1", RequiredSkills: []Skill{{Code: "web-homepage", Level: 2}}, PreferredSkills: []Skill{{Code: "green-carbon", Level: 2}}, SDGs: []int{9}, HoursPerMonth: 20, WorkStyle: Remote},
		{ID: "p2", RequiredSkills: []Skill{{Code: "dx-kintone", Level: 2}}, SDGs: []int{13}, HoursPerMonth: 30, WorkStyle: OnSite, LGCode: "131113"},
		{ID: "p3", PreferredSkills: []Skill{{Code: "web-homepage", Level: 1}, {Code: "unheld", Level: 1}}, HoursPerMonth: 10, WorkStyle: Hybrid},
	}
	for _, tl := range talents {
		one, err := NewPool([]Talent{tl})
		if err != nil {
			t.Fatal(err)
		}
		one.WithRarity(&hub)
		alone, err := NewPool([]Talent{tl})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range projects {
			want, err := all.Score(p, tl.ID, DefaultWeights())
			if err != nil {
				t.Fatal(err)
			}
			got, err := one.Score(p, tl.ID, DefaultWeights())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s on %s: %+v, want %+v", tl.ID, p.ID, got, want)
			}
			// Without the hub's rarity a pool of one weighs skills otherwise.
			if own, _ := alone.Score(p, tl.ID, DefaultWeights()); p.ID == "p1" && tl.ID == "a" && reflect.DeepEqual(own, want) {
				t.Errorf("a pool of one scored as the hub without its rarity: the test proves nothing")
			}
		}
	}
}
