package match

import (
	"math"
	"slices"
)

// Fixed point: a score point is 1<<16 units, so a full score of 1000 is
// 65,536,000 units and every sum fits an int32.
const (
	fixShift = 16
	fixHalf  = 1 << (fixShift - 1)
	fixOne   = 1 << fixShift

	nearKm    = 10.0  // on-site distance that counts fully
	farKm     = 100.0 // on-site distance that counts nothing
	distSteps = 1024  // resolution of the distance factor
)

// Component scores, 0..1000, of the parts that are not computed.
const (
	placeUnknownOnSite  = 300 // on-site, one of the locations unknown
	placeUnknownHybrid  = 500 // hybrid, one of the locations unknown
	placeRemoteOnHybrid = 400 // remote-only talent, hybrid project
	hoursNotStated      = 500 // talent did not state hours
)

// affinityPart scores a tie to the project's municipality:
// lives > works > born > supporter.
func affinityPart(k AffinityKind) float64 {
	switch k {
	case Lives:
		return 1000
	case Works:
		return 800
	case Born:
		return 700
	case Supporter:
		return 400
	}
	return 0
}

// projSkill is a skill a project asks for, resolved against the pool.
type projSkill struct {
	code     string
	index    int32 // -1 when no talent in the pool holds it
	level    int
	required bool
	weight   float64  // rarity times 2 (required) or 1 (preferred)
	value    [4]int32 // weighted units earned, by the talent's level
}

// plan is a project compiled against a pool and a set of weights: lookup
// tables whose entries are already weighted, so the scan only adds.
type plan struct {
	sdgMask uint32
	sdg     [32]int32 // by number of shared goals
	// hours part plus the place part's base, by meta bits 17..26
	// (hours, then class: bit 0 remote-only, bit 1 home known)
	hoursClass [1024]int32
	step       [4]int32 // place units per distance step by class
	aff        [4]int32 // affinity part by kind-1
	lg         int32    // project municipality index, -1 when no talent has it
	slack      [4]int32 // most a talent of each class can get from distance

	near       bool // place depends on distance
	px, py, pz float32
	fa, fb     float32 // distance factor = fa - fb*chord

	proj     Project
	skills   []projSkill
	skillDen float64 // sum of skill weights
	present  [numParts]bool
}

// Part indexes.
const (
	partSkills = iota
	partSDGs
	partHours
	partPlace
	partAffinity
	numParts
)

// newPlan compiles a project for this pool. It fails on an invalid
// project or invalid weights.
func (p *Pool) newPlan(pr Project, w Weights) (*plan, error) {
	if err := validateProject(pr); err != nil {
		return nil, err
	}
	if err := w.Validate(); err != nil {
		return nil, err
	}
	q := &plan{proj: pr}
	q.skills = p.resolveSkills(pr)
	for _, s := range q.skills {
		q.skillDen += s.weight
	}
	q.sdgMask, _ = sdgMask(pr.SDGs)
	q.present = [numParts]bool{
		partSkills:   len(q.skills) > 0,
		partSDGs:     q.sdgMask != 0,
		partHours:    pr.HoursPerMonth > 0,
		partPlace:    true,
		partAffinity: pr.LGCode != "",
	}
	ws := [numParts]int{w.Skills, w.SDGs, w.Hours, w.Place, w.Affinity}
	total := 0
	for i, on := range q.present {
		if on {
			total += ws[i]
		}
	}
	var unit [numParts]float64
	for i, on := range q.present {
		if on && total > 0 {
			unit[i] = float64(ws[i]) / float64(total) * fixOne
		}
	}
	fix := func(part int, score float64) int32 { return int32(math.Round(unit[part] * score)) }

	for i := range q.skills {
		s := &q.skills[i]
		for l := 1; l <= 3; l++ {
			share := s.weight * levelCredit(l, s.level) / q.skillDen
			s.value[l] = fix(partSkills, 1000*share)
		}
	}
	for o := range q.sdg {
		q.sdg[o] = fix(partSDGs, sdgPart(o, q.sdgMask))
	}
	for c := range 4 {
		remoteOnly, known := c&1 != 0, c&2 != 0
		base, slope := placeLine(pr, remoteOnly, known)
		for h := range maxHours + 1 {
			q.hoursClass[c<<8|h] = fix(partHours, hoursPart(h, pr.HoursPerMonth)) + fix(partPlace, base)
		}
		q.step[c] = fix(partPlace, slope/distSteps)
		if slope != 0 {
			q.near = true
		}
	}
	if q.near {
		v := unitVector(pr.Place)
		q.px, q.py, q.pz = v[0], v[1], v[2]
		q.fa = float32(distSteps*farKm/(farKm-nearKm) + 0.5)
		q.fb = float32(distSteps * earthRadiusKm / (farKm - nearKm))
	}
	q.lg = -1
	if li, ok := p.lgIndex[pr.LGCode]; ok && q.present[partAffinity] {
		q.lg = li
		for k := range q.aff {
			q.aff[k] = fix(partAffinity, affinityPart(AffinityKind(k+1)))
		}
	}
	for c, step := range q.step {
		q.slack[c] = step * distSteps
	}
	return q, nil
}

// resolveSkills merges a project's skills: one entry per code, required
// before preferred, highest level asked kept.
func (p *Pool) resolveSkills(pr Project) []projSkill {
	var out []projSkill
	add := func(s Skill, required bool) {
		for i := range out {
			if out[i].code == s.Code {
				if out[i].required == required {
					out[i].level = max(out[i].level, s.Level)
				}
				return
			}
		}
		m := 1.0
		if required {
			m = 2
		}
		index, ok := p.skillIndex[s.Code]
		if !ok {
			index = -1
		}
		out = append(out, projSkill{
			code: s.Code, index: index, level: s.Level,
			required: required, weight: m * p.IDF(s.Code),
		})
	}
	for _, s := range pr.RequiredSkills {
		add(s, true)
	}
	for _, s := range pr.PreferredSkills {
		add(s, false)
	}
	return slices.Clip(out)
}

// levelCredit is how much a skill held at level have counts towards a
// skill asked at level want: fully at or above it, half one level below,
// a quarter two levels below.
func levelCredit(have, want int) float64 {
	if have >= want {
		return 1
	}
	return math.Ldexp(1, have-want)
}

// sdgPart scores shared goals: full marks at min(3, project goals) shared.
func sdgPart(shared int, project uint32) float64 {
	target := min(popcount(project), 3)
	if target == 0 {
		return 0
	}
	return 1000 * float64(min(shared, target)) / float64(target)
}

// hoursPart scores a talent's monthly hours against the project's.
func hoursPart(have, want int) float64 {
	want = min(want, maxHours)
	switch {
	case want <= 0:
		return 0
	case have <= 0:
		return hoursNotStated
	case have >= want:
		return 1000
	}
	return 1000 * float64(have) / float64(want)
}

// placeLine gives the place part as base + slope*factor, where factor is
// the distance factor in 0..1 (1 within nearKm, 0 beyond farKm).
func placeLine(pr Project, remoteOnly, homeKnown bool) (base, slope float64) {
	known := homeKnown && pr.Place.Valid
	switch pr.WorkStyle {
	case OnSite:
		switch {
		case remoteOnly:
			return 0, 0
		case !known:
			return placeUnknownOnSite, 0
		}
		return 0, 1000
	case Hybrid:
		switch {
		case remoteOnly:
			return placeRemoteOnHybrid, 0
		case !known:
			return placeUnknownHybrid, 0
		}
		return placeRemoteOnHybrid, 1000 - placeRemoteOnHybrid
	}
	return 1000, 0
}

// distanceFactor is 1 within nearKm, 0 beyond farKm, linear between.
func distanceFactor(km float64) float64 {
	return min(max((farKm-km)/(farKm-nearKm), 0), 1)
}

func popcount(x uint32) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
