package demo

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// profile is what the generator remembers about a talent to write their
// entries; it is not part of the dataset.
type profile struct {
	years     int
	residence string // lgcode, "" when living abroad
	abroad    string // country label when living abroad
	hometown  string // lgcode of a birthplace other than Ota, or ""
	bornOta   bool
	worksOta  bool
}

// residence kinds for the shuffled assignment of the 440 entrants.
const (
	livesInOta  = -1
	livesAbroad = -2
)

// talents adds the 440 entrants of the 2021 program.
func (g *generator) talents() error {
	regions := residenceRegions()
	assign := make([]int, 0, talentCount2021)
	for range otaResidents {
		assign = append(assign, livesInOta)
	}
	for range abroadResidents {
		assign = append(assign, livesAbroad)
	}
	for i, r := range regions {
		for range r.Count {
			assign = append(assign, i)
		}
	}
	if len(assign) != talentCount2021 {
		return fmt.Errorf("demo: residence counts sum to %d, want %d", len(assign), talentCount2021)
	}
	g.rng.Shuffle(len(assign), func(i, j int) { assign[i], assign[j] = assign[j], assign[i] })

	g.allMunis = g.ref.Municipalities()
	ps := personas()
	personaWeights := make([]float64, len(ps))
	for i, p := range ps {
		personaWeights[i] = p.Weight
	}
	demand := g.skillDemand()
	abroad := overseasPlaces()
	home := hometowns()
	families, givens, usedNames := familyNames(), givenNames(), map[string]bool{}

	for i, a := range assign {
		pi := g.pick(personaWeights)
		pr := profile{years: 3 + g.rng.IntN(20)}
		t := domain.Talent{
			ID:               int64(i + 1),
			ResidenceCountry: "JP",
			TimeZone:         "Asia/Tokyo",
			HoursPerMonth:    []int{10, 15, 20, 20, 20, 25, 30, 40}[g.rng.IntN(8)],
		}
		t.Name, t.NameKana = personName(g.rng, families, givens, usedNames)
		styleWeights := []float64{65, 28, 7} // remote, hybrid, onsite
		switch a {
		case livesInOta:
			pr.residence = OtaLGCode
			styleWeights = []float64{45, 40, 15}
		case livesAbroad:
			o := abroad[g.rng.IntN(len(abroad))]
			t.ResidenceCountry, t.TimeZone, pr.abroad = o.Country, o.TimeZone, o.Label
			styleWeights = []float64{1, 0, 0}
		default:
			codes := regions[a].LGCodes
			pr.residence = codes[g.rng.IntN(len(codes))]
		}
		t.WorkStyle = domain.WorkStyles()[g.pick(styleWeights)]
		g.affinities(&t, &pr, home)
		t.Skills = g.talentSkills(ps[pi], demand)
		t.SDGs = g.interests(ps[pi].SDGs)
		bg := ps[pi].Backgrounds[g.rng.IntN(len(ps[pi].Backgrounds))] + "、" + strconv.Itoa(pr.years) + "年"
		if pr.abroad != "" {
			bg = pr.abroad + "在住。" + bg
		}
		t.Background = bg
		g.ds.Talents = append(g.ds.Talents, t)
		g.profiles = append(g.profiles, pr)
	}
	g.ensureBornIn(TsubameLGCode, 4)
	g.chooseLeaders()
	return nil
}

// affinities ties a talent to where they live, where they grew up and to Ota.
func (g *generator) affinities(t *domain.Talent, pr *profile, home []string) {
	if pr.residence != "" {
		t.Affinities = append(t.Affinities, domain.Affinity{LGCode: pr.residence, Kind: domain.AffinityLives})
	}
	bornOta, bornElsewhere, worksOta, supporter := 0.10, 0.52, 0.04, 0.12
	switch {
	case pr.residence == OtaLGCode:
		bornOta, bornElsewhere, worksOta, supporter = 0.35, 0.45, 0.25, 0
	case pr.residence == "":
		bornOta, bornElsewhere, worksOta, supporter = 0.30, 0.70, 0, 0.30
	case capitalRegion(pr.residence):
		worksOta = 0.18
	}
	u := g.rng.Float64()
	switch {
	case u < bornOta:
		pr.bornOta = true
		t.Affinities = append(t.Affinities, domain.Affinity{LGCode: OtaLGCode, Kind: domain.AffinityBorn})
	case u < bornOta+bornElsewhere:
		pr.hometown = g.hometown(home, pr.residence)
		t.Affinities = append(t.Affinities, domain.Affinity{LGCode: pr.hometown, Kind: domain.AffinityBorn})
	}
	if pr.residence != OtaLGCode && g.rng.Float64() < worksOta {
		pr.worksOta = true
		t.Affinities = append(t.Affinities, domain.Affinity{LGCode: OtaLGCode, Kind: domain.AffinityWorks})
	} else if !pr.bornOta && pr.residence != OtaLGCode && g.rng.Float64() < supporter {
		t.Affinities = append(t.Affinities, domain.Affinity{LGCode: OtaLGCode, Kind: domain.AffinitySupporter})
	}
}

// capitalRegion reports whether an lgcode is in Tokyo, Kanagawa, Saitama or
// Chiba, close enough to commute to Ota.
func capitalRegion(lgcode string) bool {
	p := lgcode[:2]
	return p == "11" || p == "12" || p == "13" || p == "14"
}

// hometown draws a birthplace other than Ota and the place of residence:
// half from well-known regional cities, half from anywhere in Japan.
func (g *generator) hometown(home []string, residence string) string {
	for {
		var code string
		if g.rng.IntN(2) == 0 {
			code = home[g.rng.IntN(len(home))]
		} else {
			code = g.allMunis[g.rng.IntN(len(g.allMunis))].LGCode
		}
		if code != OtaLGCode && code != residence {
			return code
		}
	}
}

// ensureBornIn makes sure at least n talents grew up in a municipality by
// moving the birthplace of some who were born elsewhere (not in Ota).
func (g *generator) ensureBornIn(lgcode string, n int) {
	have := 0
	var movable []int
	for i, pr := range g.profiles {
		switch {
		case pr.hometown == lgcode:
			have++
		case pr.hometown != "" && pr.residence != lgcode:
			movable = append(movable, i)
		}
	}
	g.rng.Shuffle(len(movable), func(i, j int) { movable[i], movable[j] = movable[j], movable[i] })
	for _, i := range movable {
		if have >= n {
			return
		}
		t := &g.ds.Talents[i]
		for k := range t.Affinities {
			if t.Affinities[k].Kind == domain.AffinityBorn {
				t.Affinities[k].LGCode = lgcode
			}
		}
		g.profiles[i].hometown = lgcode
		have++
	}
}

// skillDemand weights each skill by how much the 2021 projects ask for it:
// twice a project's popularity when required, once when preferred.
func (g *generator) skillDemand() []weightedSkill {
	var out []weightedSkill
	add := func(code string, w float64) {
		for i := range out {
			if out[i].code == code {
				out[i].weight += w
				return
			}
		}
		out = append(out, weightedSkill{code, w})
	}
	for _, i := range g.projectsOf(ota2021ID) {
		p := g.ds.Projects[i]
		for _, c := range p.RequiredSkills {
			add(c, 2*g.popularity[i])
		}
		for _, c := range p.PreferredSkills {
			add(c, g.popularity[i])
		}
	}
	return out
}

type weightedSkill struct {
	code   string
	weight float64
}

// talentSkills draws 2–6 distinct skills: the persona's core skills first,
// then its extras, often with one skill the projects ask for. Earlier skills
// get higher levels.
func (g *generator) talentSkills(p persona, demand []weightedSkill) []domain.TalentSkill {
	n := 2 + g.pick([]float64{20, 30, 25, 15, 10})
	core := slices.Clone(p.Core)
	extra := slices.Clone(p.Extra)
	g.rng.Shuffle(len(core), func(i, j int) { core[i], core[j] = core[j], core[i] })
	g.rng.Shuffle(len(extra), func(i, j int) { extra[i], extra[j] = extra[j], extra[i] })
	codes := append(core, extra...)
	if g.rng.Float64() < 0.5 && len(demand) > 0 {
		w := make([]float64, len(demand))
		for i, d := range demand {
			w[i] = d.weight
		}
		d := demand[g.pick(w)].code
		if !slices.Contains(codes, d) {
			at := min(2, len(codes))
			codes = slices.Insert(codes, at, d)
		}
	}
	out := make([]domain.TalentSkill, 0, n)
	for i, c := range codes {
		if len(out) == n {
			break
		}
		var level int
		switch {
		case i < 2:
			level = 2 + g.rng.IntN(2)
		case i < 4:
			level = 1 + g.pick([]float64{30, 50, 20})
		default:
			level = 1 + g.rng.IntN(2)
		}
		out = append(out, domain.TalentSkill{Code: c, Level: level})
	}
	return out
}

// interests draws 1–4 distinct SDGs goals, mostly from the persona's.
func (g *generator) interests(typical []int) []int {
	n := 1 + g.pick([]float64{25, 35, 25, 15})
	w := make([]float64, 18)
	for goal := 1; goal <= 17; goal++ {
		w[goal] = 1
	}
	for _, goal := range []int{8, 9, 11, 12, 13} {
		w[goal] += 2
	}
	for _, goal := range typical {
		w[goal] += 6
	}
	return g.pickN(w, n)
}

// chooseLeaders marks 20 experienced talents (10 years or more) as leaders and
// makes their strongest skill level 3.
func (g *generator) chooseLeaders() {
	var seasoned []int
	for i, pr := range g.profiles {
		if pr.years >= 10 {
			seasoned = append(seasoned, i)
		}
	}
	g.rng.Shuffle(len(seasoned), func(i, j int) { seasoned[i], seasoned[j] = seasoned[j], seasoned[i] })
	for _, i := range seasoned[:min(leaderCount, len(seasoned))] {
		t := &g.ds.Talents[i]
		t.Leader = true
		t.Skills[0].Level = 3
	}
}

// muniName returns the name of a municipality, e.g. 燕市 or 札幌市 中央区.
func (g *generator) muniName(lgcode string) string {
	m, _ := g.ref.Municipality(lgcode)
	return m.Name
}
