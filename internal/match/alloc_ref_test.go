package match

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// Reference solvers for the allocation tests, written over the plain
// string form of an instance and sharing no code with the package.

// refProblem is an instance with its constraints applied: forbidden
// choices removed, pinned talents fixed.
type refProblem struct {
	talents  []string
	choices  map[string][]Choice
	local    map[string]bool
	capacity map[string]int
	minimum  map[string]int
	quota    map[string]Quota
	pinned   map[string]string
}

func newRefProblem(inst Instance, cons Constraints) *refProblem {
	rp := &refProblem{
		choices: map[string][]Choice{}, local: map[string]bool{},
		capacity: map[string]int{}, minimum: map[string]int{},
		quota: map[string]Quota{}, pinned: map[string]string{},
	}
	for _, p := range inst.Projects {
		rp.capacity[p.ID] = p.Capacity
	}
	for _, t := range inst.Talents {
		rp.talents = append(rp.talents, t.ID)
		for _, c := range t.Choices {
			if !slices.Contains(cons.Forbidden, Pair{t.ID, c.Project}) {
				rp.choices[t.ID] = append(rp.choices[t.ID], c)
			}
		}
		rp.local[t.ID] = slices.Contains(t.Attrs, "local")
	}
	slices.Sort(rp.talents)
	for _, m := range cons.Minimums {
		rp.minimum[m.Project] = m.Min
	}
	for _, q := range cons.Quotas {
		rp.quota[q.Project] = q
	}
	for _, p := range cons.Pinned {
		rp.pinned[p.Talent] = p.Project
	}
	return rp
}

func (rp *refProblem) score(t, p string) int {
	for _, c := range rp.choices[t] {
		if c.Project == p {
			return c.Score
		}
	}
	panic("no such choice " + t + "/" + p)
}

// enumerate calls visit with every assignment (talent -> project, "" for
// none) that respects capacities and pins. visit must not keep the map.
func (rp *refProblem) enumerate(visit func(map[string]string)) {
	assign := map[string]string{}
	used := map[string]int{}
	for _, p := range rp.pinned {
		used[p]++ // pins take their places first
	}
	var rec func(i int)
	rec = func(i int) {
		if i == len(rp.talents) {
			visit(assign)
			return
		}
		t := rp.talents[i]
		if p, ok := rp.pinned[t]; ok {
			assign[t] = p
			rec(i + 1)
			return
		}
		assign[t] = ""
		rec(i + 1)
		for _, c := range rp.choices[t] {
			if used[c.Project] < rp.capacity[c.Project] {
				assign[t] = c.Project
				used[c.Project]++
				rec(i + 1)
				used[c.Project]--
			}
		}
		assign[t] = ""
	}
	rec(0)
}

// meetsBounds checks minimums and quotas.
func (rp *refProblem) meetsBounds(assign map[string]string) bool {
	count, locals := map[string]int{}, map[string]int{}
	for t, p := range assign {
		if p != "" {
			count[p]++
			if rp.local[t] {
				locals[p]++
			}
		}
	}
	for p, m := range rp.minimum {
		if count[p] < m {
			return false
		}
	}
	for p, q := range rp.quota {
		if locals[p] < q.Min {
			return false
		}
	}
	return true
}

// bruteOptimal returns the best (count, total) by exhaustive search, and
// whether any assignment meets the bounds.
func bruteOptimal(inst Instance, cons Constraints) (count, total int, feasible bool) {
	rp := newRefProblem(inst, cons)
	count, total = -1, -1
	rp.enumerate(func(a map[string]string) {
		if !rp.meetsBounds(a) {
			return
		}
		n, s := 0, 0
		for t, p := range a {
			if p != "" {
				n++
				s += rp.score(t, p)
			}
		}
		if n > count || (n == count && s > total) {
			count, total = n, s
		}
	})
	return count, total, count >= 0
}

// blockingPair returns a pair that blocks assign, or "" when it is stable
// (pinned talents are fixed and take no part).
func (rp *refProblem) blockingPair(assign map[string]string) string {
	held := map[string][]string{}
	for t, p := range assign {
		if p != "" {
			if _, pin := rp.pinned[t]; !pin {
				held[p] = append(held[p], t)
			}
		}
	}
	pinnedIn := map[string]int{}
	for _, p := range rp.pinned {
		pinnedIn[p]++
	}
	for _, t := range rp.talents {
		if _, pin := rp.pinned[t]; pin {
			continue
		}
		for _, c := range rp.choices[t] {
			if c.Project == assign[t] {
				break // every later choice is worse than what t holds
			}
			room := rp.capacity[c.Project] - pinnedIn[c.Project] - len(held[c.Project])
			if room > 0 {
				return fmt.Sprintf("%s/%s (room)", t, c.Project)
			}
			for _, u := range held[c.Project] {
				su := rp.score(u, c.Project)
				if su < c.Score || (su == c.Score && u > t) {
					return fmt.Sprintf("%s/%s (over %s)", t, c.Project, u)
				}
			}
		}
	}
	return ""
}

// randomConstraints adds some forbidden and pinned pairs and, when
// withBounds, minimums and quotas. Pins are kept valid.
func randomConstraints(r *rand.Rand, inst Instance, withBounds bool) Constraints {
	var cons Constraints
	pinsIn := map[string]int{}
	capOf := map[string]int{}
	for _, p := range inst.Projects {
		capOf[p.ID] = p.Capacity
	}
	for _, t := range inst.Talents {
		if len(t.Choices) == 0 {
			continue
		}
		c := t.Choices[r.IntN(len(t.Choices))]
		switch r.IntN(10) {
		case 0:
			cons.Forbidden = append(cons.Forbidden, Pair{t.ID, c.Project})
		case 1:
			if pinsIn[c.Project] < capOf[c.Project] {
				pinsIn[c.Project]++
				cons.Pinned = append(cons.Pinned, Pair{t.ID, c.Project})
			}
		}
	}
	if withBounds {
		for _, p := range inst.Projects {
			switch r.IntN(5) {
			case 0:
				cons.Minimums = append(cons.Minimums, Minimum{p.ID, r.IntN(p.Capacity + 1)})
			case 1:
				cons.Quotas = append(cons.Quotas, Quota{p.ID, "local", r.IntN(p.Capacity + 1)})
			}
		}
	}
	return cons
}
