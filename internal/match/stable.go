package match

import "errors"

// Stable allocates by talent-proposing deferred acceptance with
// capacities (the hospitals/residents algorithm). The result is stable: no
// talent and project would both rather be together than with what they
// have (a project prefers higher scores, then lower talent IDs). Among all
// stable allocations it is the best for every talent at once.
//
// Pinned pairs are assigned first and take capacity; forbidden pairs are
// removed from the choices. Minimums and quotas are not supported: use
// Optimal.
func Stable(inst Instance, cons Constraints) (Result, error) {
	if len(cons.Minimums) > 0 || len(cons.Quotas) > 0 {
		return Result{}, errors.New("match: stable allocation does not support minimums or quotas; use optimal")
	}
	c, err := compile(inst, cons)
	if err != nil {
		return Result{}, err
	}
	return c.result("stable", c.stable(), UnplacedOutranked), nil
}

// stable runs deferred acceptance and returns the choice index each
// talent holds, or -1.
func (c *cohort) stable() []int32 {
	nt, np := len(c.talents), len(c.projects)
	placed := make([]int32, nt)
	next := make([]int32, nt)
	listed := make([]int32, np)
	stack := make([]int32, 0, nt)
	for t := nt - 1; t >= 0; t-- {
		placed[t] = c.pinned[t]
		next[t] = c.off[t]
		if c.pinned[t] >= 0 {
			continue
		}
		for k := c.off[t]; k < c.off[t+1]; k++ {
			if p := c.choice[k]; p >= 0 {
				listed[p]++
			}
		}
		stack = append(stack, int32(t))
	}

	// Each project holds its tentative talents in a min-heap of keys
	// score*nt + (nt-1-t): larger is better, the root is the worst held.
	// A heap never needs more room than the talents who list the project.
	hoff := make([]int32, np+1)
	for p := range np {
		hoff[p+1] = hoff[p] + min(c.capacity[p], listed[p])
	}
	keys := make([]int64, hoff[np])
	size := make([]int32, np)
	n := int64(nt)

	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for next[t] < c.off[t+1] {
			k := next[t]
			next[t]++
			p := c.choice[k]
			if p < 0 {
				continue
			}
			h := keys[hoff[p]:hoff[p+1]]
			if len(h) == 0 {
				continue
			}
			key := int64(c.score[k])*n + (n - 1 - int64(t))
			if int(size[p]) < len(h) {
				h[size[p]] = key
				heapUp(h, int(size[p]))
				size[p]++
				placed[t] = k
				break
			}
			if key > h[0] {
				out := int32(n - 1 - h[0]%n)
				h[0] = key
				heapDown(h, 0)
				placed[t] = k
				placed[out] = -1
				stack = append(stack, out)
				break
			}
		}
	}
	return placed
}

// heapUp and heapDown keep h a min-heap.
func heapUp(h []int64, j int) {
	for j > 0 {
		parent := (j - 1) / 2
		if h[parent] <= h[j] {
			return
		}
		h[parent], h[j] = h[j], h[parent]
		j = parent
	}
}

func heapDown(h []int64, j int) {
	for {
		l := 2*j + 1
		if l >= len(h) {
			return
		}
		c := l
		if r := l + 1; r < len(h) && h[r] < h[l] {
			c = r
		}
		if h[j] <= h[c] {
			return
		}
		h[j], h[c] = h[c], h[j]
		j = c
	}
}
