package match

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Ranked is one talent's fit for a project.
type Ranked struct {
	TalentID string
	Score    int // 0..1000
	Parts    Parts
	Reasons  []Reason
}

// Parts are the talent's scores on each part of the fit, 0..1000 each, or
// -1 for a part the project does not use (no skills, SDGs, hours or
// municipality given). They are not weighted.
type Parts struct {
	Skills, SDGs, Hours, Place, Affinity int
}

// TopK ranks talents for a project and returns the best k, highest score
// first, ties by talent ID. It builds a pool from talents; to rank many
// projects, build the pool once with NewPool and use Pool.TopK.
func TopK(p Project, talents []Talent, k int, w Weights) ([]Ranked, error) {
	pool, err := NewPool(talents)
	if err != nil {
		return nil, err
	}
	return pool.TopK(p, k, w)
}

// TopK returns the k talents of the pool that fit project pr best, highest
// score first, ties by talent ID, each with its parts and reasons.
func (p *Pool) TopK(pr Project, k int, w Weights) ([]Ranked, error) {
	q, err := p.newPlan(pr, w)
	if err != nil {
		return nil, err
	}
	k = min(k, len(p.ids))
	if k <= 0 {
		return []Ranked{}, nil
	}
	h := &topHeap{keys: make([]int64, 0, k), k: k}
	acc := p.getScratch()
	p.addPostings(q, acc)
	p.scan(q, acc, h)
	p.scratch.Put(&acc)
	keys := h.keys
	slices.SortFunc(keys, func(a, b int64) int { return cmp.Compare(b, a) })
	out := make([]Ranked, len(keys))
	for i, key := range keys {
		out[i] = p.explain(q, keyIndex(key), int(key>>32))
	}
	return out, nil
}

// Score returns the fit of one talent of the pool for a project.
func (p *Pool) Score(pr Project, talentID string, w Weights) (Ranked, error) {
	q, err := p.newPlan(pr, w)
	if err != nil {
		return Ranked{}, err
	}
	i, ok := slices.BinarySearch(p.ids, talentID)
	if !ok {
		return Ranked{}, fmt.Errorf("match: talent %q not in pool", talentID)
	}
	return p.explain(q, int32(i), p.scoreOne(q, int32(i))), nil
}

// getScratch returns a zeroed int32 per talent.
func (p *Pool) getScratch() []int32 {
	if b, ok := p.scratch.Get().(*[]int32); ok && len(*b) == len(p.ids) {
		clear(*b)
		return *b
	}
	return make([]int32, len(p.ids))
}

// scoreOne computes one talent's score exactly as TopK does.
func (p *Pool) scoreOne(q *plan, i int32) int {
	var r int32
	for _, s := range q.skills {
		level, _ := p.skills.value(s.index, i)
		r += s.value[level]
	}
	if kind, ok := p.affinities.value(q.lg, i); ok {
		r += q.aff[kind]
	}
	m := p.meta[i]
	r += q.sdg[popcount17(m&q.sdgMask)]
	r += q.hoursClass[(m>>hoursShift)&1023]
	if q.near {
		r += q.step[(m>>classShift)&3] * q.factor(&p.home[i])
	}
	return int(min((r+fixHalf)>>fixShift, 1000))
}

// factor is the distance factor in steps.
func (q *plan) factor(home *[3]float32) int32 {
	dx, dy, dz := home[0]-q.px, home[1]-q.py, home[2]-q.pz
	f := int32(q.fa - q.fb*float32(math.Sqrt(float64(dx*dx+dy*dy+dz*dz))))
	return min(max(f, 0), distSteps)
}

// addPostings adds every talent's skills and affinity parts into acc,
// walking the posting lists of the project's skills and municipality.
func (p *Pool) addPostings(q *plan, acc []int32) {
	for _, s := range q.skills {
		v := s.value
		for _, e := range p.skills.of(s.index) {
			acc[e>>2] += v[e&3]
		}
	}
	v := q.aff
	for _, e := range p.affinities.of(q.lg) {
		acc[e>>2] += v[e&3]
	}
}

// scan finishes every talent's score. Its loop adds the parts that cost a
// table lookup (SDGs, hours and the place part's base) to those from the
// postings, and hands a talent on to finish only when full marks for
// distance could lift it above the heap's threshold; most talents stop in
// the loop. It must stay in step with scoreOne.
func (p *Pool) scan(q *plan, acc []int32, h *topHeap) {
	meta := p.meta
	acc = acc[:len(meta)]
	sdg, hc, slack := &q.sdg, &q.hoursClass, &q.slack
	mask := q.sdgMask
	s := &scanner{p: p, q: q, h: h}
	thr := h.threshold()
	for i, m := range meta {
		r := acc[i] + sdg[popcount17(m&mask)] + hc[(m>>hoursShift)&1023] + fixHalf
		if (r+slack[(m>>classShift)&3])>>fixShift > thr {
			thr = s.finish(int32(i), m, r, thr)
		}
	}
}

// scanner holds what the rare path of a scan needs, so that the hot loop
// keeps only a few values in registers.
type scanner struct {
	p *Pool
	q *plan
	h *topHeap
}

// finish adds the distance part of talent i, whose other parts add up to
// r (with the rounding half already in), and returns the new threshold.
func (s *scanner) finish(i int32, m uint32, r, thr int32) int32 {
	if step := s.q.step[(m>>classShift)&3]; step != 0 {
		r += step * s.q.factor(&s.p.home[i])
	}
	if score := min(r>>fixShift, 1000); score > thr {
		return s.h.push(score, i)
	}
	return thr
}

// popcount17 counts the bits of an SDG set (17 bits) without the CPU
// feature check of math/bits, which costs registers in the scan loops.
func popcount17(x uint32) uint32 {
	x -= (x >> 1) & 0x55555555
	x = (x & 0x33333333) + ((x >> 2) & 0x33333333)
	x = (x + (x >> 4)) & 0x0f0f0f0f
	return (x * 0x01010101) >> 24 & 31
}

// topHeap keeps the best k keys seen, worst at the root. A key is
// score<<32 | (MaxUint32-index): larger is better, so that among equal
// scores the lower index (the smaller ID) wins.
type topHeap struct {
	keys []int64
	k    int
}

func makeKey(score int32, i int32) int64 {
	return int64(score)<<32 | int64(math.MaxUint32-uint32(i))
}

func keyIndex(key int64) int32 { return int32(math.MaxUint32 - uint32(key)) }

// threshold is the score a talent must beat to enter: scans go in index
// order, so a later talent with an equal score never displaces the root.
func (h *topHeap) threshold() int32 {
	if len(h.keys) < h.k {
		return -1
	}
	return int32(h.keys[0] >> 32)
}

// push adds a talent that beat the threshold and returns the new one.
func (h *topHeap) push(score, i int32) int32 {
	key := makeKey(score, i)
	if len(h.keys) < h.k {
		h.keys = append(h.keys, key)
		heapUp(h.keys, len(h.keys)-1)
	} else {
		h.keys[0] = key
		heapDown(h.keys, 0)
	}
	return h.threshold()
}
