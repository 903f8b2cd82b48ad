package match

// A small min-cost circulation solver: arcs with lower and upper bounds, a
// feasible start found by max flow (Dinic), then cost-scaling push-relabel
// (Goldberg 1997) to optimality. Written here because no Go library that
// builds in this workspace offers one (see DESIGN.md, section 8).

// edge is an arc as the caller adds it.
type edge struct {
	from, to   int32
	lower, cap int32
	cost       int64
}

// network is a residual graph in forward-star form: the arcs leaving node u
// are first[u]..first[u+1]-1, and rev[a] is the arc paired with a.
type network struct {
	n      int
	first  []int32
	to     []int32
	rev    []int32
	rcap   []int32 // residual capacity
	cost   []int64
	excess []int64 // scratch for the phases
	price  []int64
}

// newNetwork builds the residual graph of edges whose lower bounds are
// already sent: each edge starts with flow equal to its lower bound.
// excess[v] is then the imbalance that a feasible flow must remove. The
// arc index of edges[i] is returned in arcOf[i].
func newNetwork(n int, edges []edge) (g *network, arcOf []int32) {
	g = &network{n: n, first: make([]int32, n+1)}
	for _, e := range edges {
		g.first[e.from+1]++
		g.first[e.to+1]++
	}
	for v := range n {
		g.first[v+1] += g.first[v]
	}
	m := 2 * len(edges)
	g.to, g.rev = make([]int32, m), make([]int32, m)
	g.rcap, g.cost = make([]int32, m), make([]int64, m)
	g.excess, g.price = make([]int64, n), make([]int64, n)
	next := make([]int32, n)
	copy(next, g.first[:n])
	arcOf = make([]int32, len(edges))
	for i, e := range edges {
		a, b := next[e.from], next[e.to]
		next[e.from]++
		next[e.to]++
		g.to[a], g.to[b] = e.to, e.from
		g.rev[a], g.rev[b] = b, a
		g.rcap[a], g.rcap[b] = e.cap-e.lower, 0
		g.cost[a], g.cost[b] = e.cost, -e.cost
		g.excess[e.to] += int64(e.lower)
		g.excess[e.from] -= int64(e.lower)
		arcOf[i] = a
	}
	return g, arcOf
}

// flow returns the flow on a forward arc (beyond its lower bound).
func (g *network) flow(a int32) int32 { return g.rcap[g.rev[a]] }

func (g *network) push(a int32, d int32) {
	g.rcap[a] -= d
	g.rcap[g.rev[a]] += d
	g.excess[g.to[g.rev[a]]] -= int64(d)
	g.excess[g.to[a]] += int64(d)
}

// balance moves flow so that every node's excess is zero, using only
// residual arcs, by max flow from the nodes with excess to the nodes with
// deficit. It reports the nodes whose deficit could not be filled; the
// excesses are left as they are when it fails.
func (g *network) balance() (unmet []int32) {
	var need int64
	for _, e := range g.excess {
		need += max(e, 0)
	}
	if need == 0 {
		return nil
	}
	level := make([]int32, g.n)
	cur := make([]int32, g.n)
	queue := make([]int32, 0, g.n)
	for {
		// BFS from every node with excess over residual arcs.
		for v := range level {
			level[v] = -1
		}
		queue = queue[:0]
		for v, e := range g.excess {
			if e > 0 {
				level[v] = 0
				queue = append(queue, int32(v))
			}
		}
		reached := false
		for h := 0; h < len(queue); h++ {
			u := queue[h]
			if g.excess[u] < 0 {
				reached = true
			}
			for a := g.first[u]; a < g.first[u+1]; a++ {
				if v := g.to[a]; g.rcap[a] > 0 && level[v] < 0 {
					level[v] = level[u] + 1
					queue = append(queue, v)
				}
			}
		}
		if !reached {
			break
		}
		copy(cur, g.first[:g.n])
		for v := range g.n {
			for level[v] == 0 && g.excess[v] > 0 {
				if g.augment(int32(v), level, cur) == 0 {
					break
				}
			}
		}
	}
	for v, e := range g.excess {
		if e < 0 {
			unmet = append(unmet, int32(v))
		}
	}
	return unmet
}

// augment sends up to u's excess along level-increasing residual arcs to a
// node with deficit (depth-first, with current arcs) and returns the
// amount sent.
func (g *network) augment(u int32, level, cur []int32) int32 {
	if g.excess[u] < 0 {
		return 0 // caller handles the deficit node itself
	}
	return g.dfs(u, int32(min(g.excess[u], 1<<30)), level, cur)
}

func (g *network) dfs(u, limit int32, level, cur []int32) int32 {
	if g.excess[u] < 0 && level[u] > 0 {
		d := min(limit, int32(min(-g.excess[u], 1<<30)))
		return d
	}
	for ; cur[u] < g.first[u+1]; cur[u]++ {
		a := cur[u]
		v := g.to[a]
		if g.rcap[a] == 0 || level[v] != level[u]+1 {
			continue
		}
		if d := g.dfs(v, min(limit, g.rcap[a]), level, cur); d > 0 {
			g.push(a, d)
			return d
		}
	}
	return 0
}

// minCost makes the (balanced) flow one of least cost by cost scaling.
// Costs are multiplied by n+1 so that an ε-optimal flow at ε = 1 is
// optimal.
func (g *network) minCost() {
	scale := int64(g.n + 1)
	var eps int64
	for a := range g.cost {
		g.cost[a] *= scale
		eps = max(eps, g.cost[a], -g.cost[a])
	}
	for v := range g.price {
		g.price[v] = 0
	}
	cur := make([]int32, g.n)
	queue := make([]int32, 0, g.n)
	const alpha = 16
	for eps > 1 {
		eps = max(eps/alpha, 1)
		queue = g.refine(eps, cur, queue)
	}
	for a := range g.cost {
		g.cost[a] /= scale
	}
}

// refine turns an ε·α-optimal circulation into an ε-optimal one.
func (g *network) refine(eps int64, cur, queue []int32) []int32 {
	// Saturate every residual arc of negative reduced cost.
	for u := range g.n {
		pu := g.price[u]
		for a := g.first[u]; a < g.first[u+1]; a++ {
			if g.rcap[a] > 0 && g.cost[a]+pu-g.price[g.to[a]] < 0 {
				g.push(a, g.rcap[a])
			}
		}
	}
	queue = queue[:0]
	for v := range g.n {
		cur[v] = g.first[v]
		if g.excess[v] > 0 {
			queue = append(queue, int32(v))
		}
	}
	for head := 0; head < len(queue); {
		u := queue[head]
		head++
		if head > 4096 && 2*head > len(queue) {
			queue = queue[:copy(queue, queue[head:])]
			head = 0
		}
		g.discharge(u, eps, cur, &queue)
	}
	return queue
}

// discharge pushes u's excess along admissible arcs (reduced cost < 0),
// relabelling u whenever it has none.
func (g *network) discharge(u int32, eps int64, cur []int32, queue *[]int32) {
	end := g.first[u+1]
	for g.excess[u] > 0 {
		pu := g.price[u]
		a := cur[u]
		for ; a < end; a++ {
			if g.rcap[a] == 0 {
				continue
			}
			v := g.to[a]
			if g.cost[a]+pu-g.price[v] >= 0 {
				continue
			}
			d := int32(min(g.excess[u], int64(g.rcap[a])))
			wasActive := g.excess[v] > 0
			g.push(a, d)
			if !wasActive && g.excess[v] > 0 {
				*queue = append(*queue, v)
			}
			if g.excess[u] == 0 {
				break
			}
		}
		cur[u] = a
		if g.excess[u] == 0 {
			return
		}
		// Relabel: the highest price that keeps every residual arc
		// ε-optimal, which makes at least one arc admissible.
		best := int64(-1 << 62)
		for b := g.first[u]; b < end; b++ {
			if g.rcap[b] > 0 {
				best = max(best, g.price[g.to[b]]-g.cost[b])
			}
		}
		g.price[u] = best - eps
		cur[u] = g.first[u]
	}
}
