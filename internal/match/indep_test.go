package match

import "slices"

// An independent optimal solver for the tests: successive shortest paths
// with Bellman-Ford (queue-based), one unit at a time, on a network that
// turns every lower bound into a large reward on a separate arc instead of
// a hard bound. It shares no code with mcf.go or optimal.go.

type sspArc struct {
	to, rev int
	cap     int
	cost    int64
}

type sspGraph struct{ adj [][]sspArc }

func (g *sspGraph) add(u, v, c int, cost int64) (int, int) {
	g.adj[u] = append(g.adj[u], sspArc{to: v, rev: len(g.adj[v]), cap: c, cost: cost})
	g.adj[v] = append(g.adj[v], sspArc{to: u, rev: len(g.adj[u]) - 1, cap: 0, cost: -cost})
	return u, len(g.adj[u]) - 1
}

// sspOptimal returns the best (count, total) and whether the minimums and
// quotas can be met.
func sspOptimal(inst Instance, cons Constraints) (count, total int, feasible bool) {
	rp := newRefProblem(inst, cons)
	projects := []string{}
	for _, p := range inst.Projects {
		projects = append(projects, p.ID)
	}
	capLeft, minLeft, quotaLeft := map[string]int{}, map[string]int{}, map[string]int{}
	for _, p := range projects {
		capLeft[p] = rp.capacity[p]
		minLeft[p] = rp.minimum[p]
		if q, ok := rp.quota[p]; ok {
			quotaLeft[p] = q.Min
		}
	}
	for t, p := range rp.pinned {
		count++
		total += rp.score(t, p)
		capLeft[p]--
		minLeft[p] = max(minLeft[p]-1, 0)
		if _, ok := rp.quota[p]; ok && rp.local[t] {
			quotaLeft[p] = max(quotaLeft[p]-1, 0)
		}
	}

	nt := len(rp.talents)
	bonus := int64(1000*(nt+1) + 1)
	reward := (bonus + 1001) * int64(nt+2)
	node := map[string]int{}
	n := 2
	for _, t := range rp.talents {
		node["t:"+t] = n
		n++
	}
	for _, p := range projects {
		node["p:"+p] = n
		n++
		if quotaLeft[p] > 0 {
			node["q:"+p] = n
			n++
		}
	}
	g := &sspGraph{adj: make([][]sspArc, n)}
	const s, sink = 0, 1
	type ref struct{ u, i int }
	var talentArcs []ref
	var talentScore []int
	var rewardArcs []ref
	for _, t := range rp.talents {
		if _, pin := rp.pinned[t]; pin {
			continue
		}
		g.add(s, node["t:"+t], 1, 0)
		for _, c := range rp.choices[t] {
			to := node["p:"+c.Project]
			if q, ok := node["q:"+c.Project]; ok && rp.local[t] {
				to = q
			}
			u, i := g.add(node["t:"+t], to, 1, -(bonus + int64(c.Score)))
			talentArcs = append(talentArcs, ref{u, i})
			talentScore = append(talentScore, c.Score)
		}
	}
	for _, p := range projects {
		if q, ok := node["q:"+p]; ok {
			u, i := g.add(q, node["p:"+p], quotaLeft[p], -reward)
			rewardArcs = append(rewardArcs, ref{u, i})
			g.add(q, node["p:"+p], capLeft[p]-quotaLeft[p], 0)
		}
		u, i := g.add(node["p:"+p], sink, minLeft[p], -reward)
		rewardArcs = append(rewardArcs, ref{u, i})
		g.add(node["p:"+p], sink, capLeft[p]-minLeft[p], 0)
	}

	for {
		dist, prev := g.bellmanFord(s)
		if dist[sink] >= 0 {
			break
		}
		for v := sink; v != s; {
			u, i := prev[v][0], prev[v][1]
			a := &g.adj[u][i]
			a.cap--
			g.adj[v][a.rev].cap++
			v = u
		}
	}
	for _, r := range rewardArcs {
		if g.adj[r.u][r.i].cap > 0 {
			return 0, 0, false
		}
	}
	for k, r := range talentArcs {
		if g.adj[r.u][r.i].cap == 0 {
			count++
			total += talentScore[k]
		}
	}
	return count, total, true
}

// bellmanFord returns shortest distances from s over residual arcs (0 for
// unreachable nodes, which never lead to an improving path) and each
// node's incoming arc.
func (g *sspGraph) bellmanFord(s int) ([]int64, [][2]int) {
	const inf = int64(1) << 62
	n := len(g.adj)
	dist := slices.Repeat([]int64{inf}, n)
	prev := make([][2]int, n)
	inQueue := make([]bool, n)
	dist[s] = 0
	queue := []int{s}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		inQueue[u] = false
		for i, a := range g.adj[u] {
			if a.cap > 0 && dist[u]+a.cost < dist[a.to] {
				dist[a.to] = dist[u] + a.cost
				prev[a.to] = [2]int{u, i}
				if !inQueue[a.to] {
					inQueue[a.to] = true
					queue = append(queue, a.to)
				}
			}
		}
	}
	for v := range dist {
		if dist[v] == inf {
			dist[v] = 0
		}
	}
	return dist, prev
}
