package match

// Rarity is how many talents a hub holds and how many of them hold each
// skill (at any level). A pool of a few talents weighs skills with the
// hub's rarity, so that scoring one talent does not need every profile
// in memory.
type Rarity struct {
	Talents int
	Holders map[string]int // by skill code
}

// RarityOf is the rarity of the pool's own talents.
func (p *Pool) RarityOf() Rarity {
	r := Rarity{Talents: len(p.ids), Holders: make(map[string]int, len(p.skillIndex))}
	for code, k := range p.skillIndex {
		r.Holders[code] = len(p.skills.of(k))
	}
	return r
}

// WithRarity makes the pool weigh skills (IDF) by r instead of by its own
// talents; nil goes back to its own. Set it before the pool is shared.
func (p *Pool) WithRarity(r *Rarity) *Pool {
	p.rarity = r
	return p
}
