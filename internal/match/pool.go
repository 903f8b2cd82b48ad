package match

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
)

// Layout of a talent in the pool. Skills and affinities are kept key by
// key: a posting list per skill and per municipality holds its talents in
// ascending order, each as index<<2 | value, the value being the skill's
// level (1..3) or the affinity's kind-1 (0..3). Everything else is kept
// talent by talent in two columns of 4 and 12 bytes.
const (
	// meta bits: 0..16 SDG goals, 17..24 hours, 25..26 class.
	hoursShift    = 17
	maxHours      = 255
	classShift    = 25      // two bits: remote-only, home known
	flagRemote    = 1 << 25 // talent is remote-only
	flagHomeKnown = 1 << 26 // talent's home location is known

	maxTalents = 1 << 30 // so that index<<2 fits 32 bits
)

// Pool is a read-only, compact copy of many talent profiles, sorted by
// talent ID, with the rarity of every skill across the pool. Build it once
// and rank many projects against it; it is safe for concurrent use.
type Pool struct {
	ids  []string
	meta []uint32
	home [][3]float32 // unit vector, zero when unknown

	skills     postings // by skill index
	affinities postings // by municipality index
	skillIndex map[string]int32
	lgIndex    map[string]int32

	scratch sync.Pool // of *[]int32, one score per talent

	rarity *Rarity // weighs skills instead of the pool's own talents
}

// postings holds, for each key k, list[off[k]:off[k+1]]: the talents with
// that key as index<<2 | value, in ascending index order.
type postings struct {
	list []uint32
	off  []int32
}

func (ps *postings) of(k int32) []uint32 {
	if k < 0 {
		return nil
	}
	return ps.list[ps.off[k]:ps.off[k+1]]
}

// value returns talent i's value under key k, and whether it has one.
func (ps *postings) value(k, i int32) (int, bool) {
	list := ps.of(k)
	j, ok := slices.BinarySearchFunc(list, i, func(e uint32, t int32) int { return cmp.Compare(int32(e>>2), t) })
	if !ok {
		return 0, false
	}
	return int(list[j] & 3), true
}

// Len returns the number of talents in the pool.
func (p *Pool) Len() int { return len(p.ids) }

// IDF returns the rarity weight of a skill code:
// 1 + ln((N+1)/(df+1)), where N is the pool size and df the number of
// talents who hold the skill at any level (or N and df of the Rarity the
// pool was given).
func (p *Pool) IDF(code string) float64 {
	if p.rarity != nil {
		return idf(p.rarity.Talents, p.rarity.Holders[code])
	}
	df := 0
	if s, ok := p.skillIndex[code]; ok {
		df = len(p.skills.of(s))
	}
	return idf(len(p.ids), df)
}

func idf(n, df int) float64 {
	return 1 + math.Log(float64(n+1)/float64(df+1))
}

// Bytes returns the memory held by the pool's columns and postings, not
// counting the ID strings' bytes.
func (p *Pool) Bytes() int {
	b := len(p.ids) * (16 + 4 + 12)
	for _, ps := range []*postings{&p.skills, &p.affinities} {
		b += 4*len(ps.list) + 4*len(ps.off)
	}
	return b
}

// NewPool builds a pool from talent profiles. It fails on an invalid
// profile or a duplicate ID.
func NewPool(talents []Talent) (*Pool, error) {
	b := NewPoolBuilder(len(talents))
	for _, t := range talents {
		if err := b.Add(t); err != nil {
			return nil, err
		}
	}
	return b.Build()
}

// PoolBuilder builds a pool one talent at a time, so that a large pool
// never needs all profiles in memory at once.
type PoolBuilder struct {
	p          Pool
	skills     keyedValues
	affinities keyedValues
	built      bool
}

// keyedValues collects (key, value) entries talent by talent, in the order
// talents are added, to be turned into postings.
type keyedValues struct {
	off     []int32  // entries of talent i are entries[off[i]:off[i+1]]
	entries []uint32 // key<<2 | value
	keys    int32
}

// put records key with value for the current talent, keeping the larger
// value (better when better) if the key is already there.
func (kv *keyedValues) put(key int32, value uint32, better func(a, b uint32) bool) {
	mine := kv.entries[kv.off[len(kv.off)-1]:]
	e := uint32(key)<<2 | value
	if j := slices.IndexFunc(mine, func(x uint32) bool { return x>>2 == uint32(key) }); j >= 0 {
		if better(value, mine[j]&3) {
			mine[j] = e
		}
		return
	}
	kv.entries = append(kv.entries, e)
}

func (kv *keyedValues) endTalent() { kv.off = append(kv.off, int32(len(kv.entries))) }

// build turns the entries into postings, talents renumbered by perm (new
// position -> old index).
func (kv *keyedValues) build(perm []int32) postings {
	ps := postings{off: make([]int32, kv.keys+1)}
	for _, e := range kv.entries {
		ps.off[e>>2+1]++
	}
	for k := range kv.keys {
		ps.off[k+1] += ps.off[k]
	}
	next := slices.Clone(ps.off[:kv.keys])
	ps.list = make([]uint32, len(kv.entries))
	for to, from := range perm {
		for _, e := range kv.entries[kv.off[from]:kv.off[from+1]] {
			k := e >> 2
			ps.list[next[k]] = uint32(to)<<2 | e&3
			next[k]++
		}
	}
	return ps
}

// NewPoolBuilder returns a builder with room for sizeHint talents.
func NewPoolBuilder(sizeHint int) *PoolBuilder {
	sizeHint = max(sizeHint, 0)
	return &PoolBuilder{
		p: Pool{
			ids:        make([]string, 0, sizeHint),
			meta:       make([]uint32, 0, sizeHint),
			home:       make([][3]float32, 0, sizeHint),
			skillIndex: map[string]int32{},
			lgIndex:    map[string]int32{},
		},
		skills:     keyedValues{off: append(make([]int32, 0, sizeHint+1), 0), entries: make([]uint32, 0, 4*sizeHint)},
		affinities: keyedValues{off: append(make([]int32, 0, sizeHint+1), 0), entries: make([]uint32, 0, sizeHint)},
	}
}

// index returns the index of name in m, adding it when new.
func index(m map[string]int32, kv *keyedValues, name string) int32 {
	i, ok := m[name]
	if !ok {
		i = kv.keys
		kv.keys++
		m[name] = i
	}
	return i
}

// Add appends a talent. It fails on an invalid profile or when the pool
// would hold more than 2^30 talents.
func (b *PoolBuilder) Add(t Talent) error {
	if b.built {
		return fmt.Errorf("match: PoolBuilder.Add after Build")
	}
	if err := validateTalent(t); err != nil {
		return err
	}
	p := &b.p
	if len(p.ids) >= maxTalents {
		return fmt.Errorf("match: more than %d talents", maxTalents)
	}
	higher := func(a, b uint32) bool { return a > b }
	for _, s := range t.Skills {
		b.skills.put(index(p.skillIndex, &b.skills, s.Code), uint32(s.Level), higher)
	}
	b.skills.endTalent()
	stronger := func(a, b uint32) bool { return a < b } // Lives (0) first
	for _, a := range t.Affinities {
		b.affinities.put(index(p.lgIndex, &b.affinities, a.LGCode), uint32(a.Kind-1), stronger)
	}
	b.affinities.endTalent()

	m, _ := sdgMask(t.SDGs) // validated above
	m |= uint32(min(t.HoursPerMonth, maxHours)) << hoursShift
	if t.RemoteOnly {
		m |= flagRemote
	}
	if t.Home.Valid {
		m |= flagHomeKnown
	}
	p.ids = append(p.ids, t.ID)
	p.meta = append(p.meta, m)
	p.home = append(p.home, unitVector(t.Home))
	return nil
}

// Build sorts the talents by ID, builds the postings and returns the pool.
// The builder must not be used afterwards.
func (b *PoolBuilder) Build() (*Pool, error) {
	if b.built {
		return nil, fmt.Errorf("match: PoolBuilder.Build called twice")
	}
	b.built = true
	p := &b.p
	perm := make([]int32, len(p.ids))
	for i := range perm {
		perm[i] = int32(i)
	}
	if !slices.IsSorted(p.ids) {
		slices.SortFunc(perm, func(a, b int32) int { return strings.Compare(p.ids[a], p.ids[b]) })
		p.ids = permute(p.ids, perm)
		p.meta = permute(p.meta, perm)
		p.home = permute(p.home, perm)
	}
	for i := 1; i < len(p.ids); i++ {
		if p.ids[i] == p.ids[i-1] {
			return nil, fmt.Errorf("match: duplicate talent ID %q", p.ids[i])
		}
	}
	p.skills = b.skills.build(perm)
	p.affinities = b.affinities.build(perm)
	b.skills, b.affinities = keyedValues{}, keyedValues{}
	return p, nil
}

func permute[T any](col []T, perm []int32) []T {
	out := make([]T, len(col))
	for to, from := range perm {
		out[to] = col[from]
	}
	return out
}

// Has reports whether the pool holds a talent.
func (p *Pool) Has(talentID string) bool {
	_, ok := slices.BinarySearch(p.ids, talentID)
	return ok
}
