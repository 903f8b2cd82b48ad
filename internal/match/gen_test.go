package match

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// Synthetic talent profiles for tests and benchmarks. The shape follows a
// national side-job pool: 200 skill codes with Zipf popularity, 2-5 skills
// each (5% have 7-9), 60% living around Tokyo, 3% abroad, 5% without a
// location, 20% remote-only, and ties to 1,900 municipalities with Zipf
// popularity.

const (
	genSkills = 200
	genLGs    = 1900
	otaLG     = "131113" // 大田区
)

type talentGen struct {
	r      *rand.Rand
	skills *rand.Zipf
	lgs    *rand.Zipf
}

func newTalentGen(seed uint64) *talentGen {
	r := rand.New(rand.NewPCG(seed, 7))
	return &talentGen{
		r:      r,
		skills: rand.NewZipf(r, 1.2, 2, genSkills-1),
		lgs:    rand.NewZipf(r, 1.1, 5, genLGs-1),
	}
}

func skillCode(i int) string { return fmt.Sprintf("sk%03d", i) }

func lgCode(i int) string {
	if i == 0 {
		return otaLG
	}
	return fmt.Sprintf("%06d", 10000+i*37)
}

func (g *talentGen) talent(i int) Talent {
	r := g.r
	t := Talent{ID: fmt.Sprintf("t%07d", i)}
	n := 2 + r.IntN(4)
	if r.IntN(20) == 0 {
		n = 7 + r.IntN(3)
	}
	for range n {
		t.Skills = append(t.Skills, Skill{Code: skillCode(int(g.skills.Uint64())), Level: 1 + r.IntN(3)})
	}
	for range r.IntN(4) {
		t.SDGs = append(t.SDGs, 1+r.IntN(17))
	}
	t.HoursPerMonth = []int{0, 5, 10, 20, 30, 40, 60}[r.IntN(7)]
	t.RemoteOnly = r.IntN(5) == 0
	switch x := r.IntN(100); {
	case x < 60:
		t.Home = Location{Lat: 35.3 + 0.7*r.Float64(), Lng: 139.2 + r.Float64(), Valid: true}
	case x < 92:
		t.Home = Location{Lat: 31 + 12*r.Float64(), Lng: 130 + 12*r.Float64(), Valid: true}
	case x < 95:
		t.Home = Location{Lat: -60 + 130*r.Float64(), Lng: -180 + 360*r.Float64(), Valid: true}
	}
	na := 0
	switch x := r.IntN(100); {
	case x < 30:
	case x < 75:
		na = 1
	case x < 95:
		na = 2
	default:
		na = 3
	}
	for range na {
		t.Affinities = append(t.Affinities, Affinity{LGCode: lgCode(int(g.lgs.Uint64())), Kind: AffinityKind(1 + r.IntN(4))})
	}
	return t
}

// genPool builds a pool of n synthetic talents without holding them all.
func genPool(tb testing.TB, n int, seed uint64) *Pool {
	tb.Helper()
	g := newTalentGen(seed)
	b := NewPoolBuilder(n)
	for i := range n {
		if err := b.Add(g.talent(i)); err != nil {
			tb.Fatal(err)
		}
	}
	p, err := b.Build()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// benchProject is an on-site project in 大田区 asking for one uncommon and
// two common skills.
func benchProject() Project {
	return Project{
		ID:              "p-ota-1",
		RequiredSkills:  []Skill{{skillCode(40), 2}, {skillCode(2), 1}, {skillCode(5), 2}},
		PreferredSkills: []Skill{{skillCode(3), 1}, {skillCode(90), 1}},
		SDGs:            []int{8, 9, 12},
		HoursPerMonth:   20,
		WorkStyle:       Hybrid,
		Place:           Location{Lat: 35.5613, Lng: 139.7161, Valid: true},
		LGCode:          otaLG,
	}
}
