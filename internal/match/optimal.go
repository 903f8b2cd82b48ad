package match

import (
	"fmt"
	"strings"
)

// Optimal allocates to assign as many talents as possible and, among
// those allocations, to maximise the total score. It honours every
// constraint: pinned and forbidden pairs, per-project minimums and one
// attribute quota per project. When minimums and quotas cannot all be met
// it returns an error wrapping ErrInfeasible that names them.
//
// It is solved as a min-cost circulation: source → talent (1) → project
// (1, cost −(K+score)) → sink (capacity, at least the minimum) → source,
// where K = 1000·(talents+1)+1 makes one more talent worth more than any
// gain in score. A quota routes the talents who carry its attribute
// through a node with an arc of lower bound Min into the project.
func Optimal(inst Instance, cons Constraints) (Result, error) {
	c, err := compile(inst, cons)
	if err != nil {
		return Result{}, err
	}
	placed, err := c.optimal()
	if err != nil {
		return Result{}, err
	}
	return c.result("optimal", placed, UnplacedChoicesFull), nil
}

func (c *cohort) optimal() ([]int32, error) {
	nt, np := len(c.talents), len(c.projects)
	const source, sink = 0, 1
	talentNode := func(t int) int32 { return int32(2 + t) }
	projectNode := func(p int32) int32 { return int32(2+nt) + p }
	n := 2 + nt + np
	quotaNode := make([]int32, np)
	for p, q := range c.quota {
		quotaNode[p] = -1
		if q > 0 {
			quotaNode[p] = int32(n)
			n++
		}
	}
	if err := c.checkReachable(); err != nil {
		return nil, err
	}

	bonus := 1000*int64(nt+1) + 1
	edges := make([]edge, 0, nt+len(c.choice)+2*np+1)
	choiceEdge := make([]int32, len(c.choice)) // edge index, -1 for none
	for t := range nt {
		live := false
		for k := c.off[t]; k < c.off[t+1]; k++ {
			choiceEdge[k] = -1
			p := c.choice[k]
			if p < 0 || c.pinned[t] >= 0 {
				continue
			}
			to := projectNode(p)
			if c.inQuota != nil && c.inQuota[k] && quotaNode[p] >= 0 {
				to = quotaNode[p]
			}
			choiceEdge[k] = int32(len(edges))
			edges = append(edges, edge{from: talentNode(t), to: to, cap: 1, cost: -(bonus + int64(c.score[k]))})
			live = true
		}
		if live {
			edges = append(edges, edge{from: source, to: talentNode(t), cap: 1})
		}
	}
	for p := range int32(np) {
		if q := quotaNode[p]; q >= 0 {
			edges = append(edges, edge{from: q, to: projectNode(p), lower: c.quota[p], cap: c.capacity[p]})
		}
		edges = append(edges, edge{from: projectNode(p), to: sink, lower: c.minimum[p], cap: c.capacity[p]})
	}
	edges = append(edges, edge{from: sink, to: source, cap: int32(nt)})

	g, arcOf := newNetwork(n, edges)
	if unmet := g.balance(); len(unmet) > 0 {
		var names []string
		for _, v := range unmet {
			for p := range int32(np) {
				switch v {
				case projectNode(p):
					names = append(names, fmt.Sprintf("minimum %d of project %q", c.minimum[p], c.projects[p]))
				case quotaNode[p]:
					names = append(names, fmt.Sprintf("quota %d of project %q", c.quota[p], c.projects[p]))
				}
			}
		}
		return nil, fmt.Errorf("match: %w: cannot meet %s together with the other constraints (after pinned talents)",
			ErrInfeasible, strings.Join(names, ", "))
	}
	g.minCost()

	placed := make([]int32, nt)
	for t := range nt {
		placed[t] = c.pinned[t]
		for k := c.off[t]; k < c.off[t+1]; k++ {
			if e := choiceEdge[k]; e >= 0 && g.flow(arcOf[e]) > 0 {
				placed[t] = k
			}
		}
	}
	return placed, nil
}

// checkReachable reports the minimums and quotas that not enough talents
// list to meet, with a precise message, before the flow finds them.
func (c *cohort) checkReachable() error {
	np := len(c.projects)
	listed := make([]int32, np)
	carriers := make([]int32, np)
	for t := range c.talents {
		if c.pinned[t] >= 0 {
			continue
		}
		for k := c.off[t]; k < c.off[t+1]; k++ {
			if p := c.choice[k]; p >= 0 {
				listed[p]++
				if c.inQuota != nil && c.inQuota[k] {
					carriers[p]++
				}
			}
		}
	}
	for p := range np {
		if c.minimum[p] > listed[p] {
			return fmt.Errorf("match: %w: project %q needs %d more talent(s) but only %d list it",
				ErrInfeasible, c.projects[p], c.minimum[p], listed[p])
		}
		if c.quota[p] > carriers[p] {
			return fmt.Errorf("match: %w: project %q needs %d more talent(s) with its quota attribute but only %d list it",
				ErrInfeasible, c.projects[p], c.quota[p], carriers[p])
		}
	}
	return nil
}
