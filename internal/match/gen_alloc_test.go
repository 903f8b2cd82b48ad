package match

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// genInstance makes a random allocation: nt talents each choosing 0 to
// maxChoices distinct projects out of np (popular projects more often),
// capacities 0 to maxCap, scores 0..1000. A third of the talents carry the
// attribute "local".
func genInstance(r *rand.Rand, nt, np, maxChoices, maxCap int) Instance {
	var inst Instance
	for p := range np {
		inst.Projects = append(inst.Projects, Slot{ID: fmt.Sprintf("p%04d", p), Capacity: r.IntN(maxCap + 1)})
	}
	zipf := rand.NewZipf(r, 1.1, 3, uint64(np-1))
	for t := range nt {
		e := Entrant{ID: fmt.Sprintf("t%06d", t)}
		want := r.IntN(maxChoices + 1)
		if nt > 100 {
			want = 1 + r.IntN(maxChoices) // large instances: everyone chooses
		}
		var picked []int
		for tries := 0; len(picked) < want && tries < 4*maxChoices; tries++ {
			p := int(zipf.Uint64())
			if np <= 8 {
				p = r.IntN(np)
			}
			if !slices.Contains(picked, p) {
				picked = append(picked, p)
			}
		}
		for _, p := range picked {
			e.Choices = append(e.Choices, Choice{Project: inst.Projects[p].ID, Score: r.IntN(1001)})
		}
		if r.IntN(3) == 0 {
			e.Attrs = []string{"local"}
		}
		inst.Talents = append(inst.Talents, e)
	}
	// Shuffle talents so that compile has to sort them.
	r.Shuffle(len(inst.Talents), func(i, j int) { inst.Talents[i], inst.Talents[j] = inst.Talents[j], inst.Talents[i] })
	return inst
}
