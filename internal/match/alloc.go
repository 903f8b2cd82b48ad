package match

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Slot is a project in an allocation, with how many talents it takes.
type Slot struct {
	ID       string
	Capacity int
}

// Choice is a project an entrant accepts, with the pair's fit score.
type Choice struct {
	Project string
	Score   int // 0..1000
}

// Entrant is a talent in an allocation with the projects it accepts, best
// first, and the attributes quotas count (e.g. "local").
type Entrant struct {
	ID      string
	Choices []Choice
	Attrs   []string
}

// Instance is an allocation problem. A project ranks talents by score,
// highest first, ties by talent ID.
type Instance struct {
	Projects []Slot
	Talents  []Entrant
}

// Pair names a talent and a project.
type Pair struct{ Talent, Project string }

// Minimum asks for at least Min talents in a project.
type Minimum struct {
	Project string
	Min     int
}

// Quota asks for at least Min talents with attribute Attr in a project.
type Quota struct {
	Project string
	Attr    string
	Min     int
}

// Constraints restrict an allocation. Pinned pairs must be assigned (the
// pair must be among the talent's choices); forbidden pairs must not be.
// Minimums and quotas are honoured by Optimal only; Stable rejects them.
// A project takes at most one quota.
type Constraints struct {
	Pinned    []Pair
	Forbidden []Pair
	Minimums  []Minimum
	Quotas    []Quota
}

// ErrInfeasible is wrapped by the error Optimal returns when minimums and
// quotas cannot all be met.
var ErrInfeasible = errors.New("infeasible")

// Reasons a talent is left unassigned.
const (
	UnplacedNoChoices    = "no_choices"    // the talent listed no project
	UnplacedAllForbidden = "all_forbidden" // every choice was forbidden
	UnplacedOutranked    = "outranked"     // stable: every choice is full of higher-scored talents
	UnplacedChoicesFull  = "choices_full"  // optimal: every choice is full; placing the talent would lower the count or total
)

// Assignment places a talent in a project.
type Assignment struct {
	Talent  string
	Project string
	Score   int
}

// Unplaced says why a talent was left unassigned.
type Unplaced struct {
	Talent string
	Reason string // one of the Unplaced* codes
}

// Result is an allocation. Assignments are sorted by talent ID, Unassigned
// is sorted, and Unplaced gives a reason for each unassigned talent in the
// same order.
type Result struct {
	Method      string // "stable" or "optimal"
	Assignments []Assignment
	Unassigned  []string
	Unplaced    []Unplaced
	Assigned    int
	TotalScore  int
}

// cohort is an instance compiled to integer arrays. Talents are numbered
// in ID order, projects in input order.
type cohort struct {
	talents  []string
	projects []string
	capacity []int32 // left after pinned talents
	minimum  []int32 // left after pinned talents
	off      []int32 // choices of talent t are off[t]..off[t+1]-1
	choice   []int32 // project
	score    []int32
	inQuota  []bool  // the talent counts towards the project's quota
	quota    []int32 // per project: quota left after pins, -1 for none
	pinned   []int32 // per talent: pinned choice index, -1 for none
	empty    []string
}

// compile validates an instance with its constraints.
func compile(inst Instance, cons Constraints) (*cohort, error) {
	c := &cohort{}
	np := len(inst.Projects)
	pIndex := make(map[string]int32, np)
	c.projects = make([]string, np)
	c.capacity = make([]int32, np)
	for i, p := range inst.Projects {
		if p.ID == "" {
			return nil, fmt.Errorf("match: project #%d has an empty ID", i+1)
		}
		if _, dup := pIndex[p.ID]; dup {
			return nil, fmt.Errorf("match: duplicate project ID %q", p.ID)
		}
		if p.Capacity < 0 || p.Capacity > 1<<30 {
			return nil, fmt.Errorf("match: project %q: capacity %d outside 0..%d", p.ID, p.Capacity, 1<<30)
		}
		pIndex[p.ID] = int32(i)
		c.projects[i] = p.ID
		c.capacity[i] = int32(p.Capacity)
	}

	nt := len(inst.Talents)
	order := make([]int32, nt)
	for i := range order {
		order[i] = int32(i)
	}
	byID := func(a, b int32) int { return strings.Compare(inst.Talents[a].ID, inst.Talents[b].ID) }
	if !slices.IsSortedFunc(order, byID) {
		slices.SortFunc(order, byID)
	}
	c.talents = make([]string, nt)
	c.off = make([]int32, 1, nt+1)
	c.empty = make([]string, nt)
	c.pinned = make([]int32, nt)
	c.quota = make([]int32, np)
	for i := range c.quota {
		c.quota[i] = -1
	}
	for t, from := range order {
		e := inst.Talents[from]
		if e.ID == "" {
			return nil, fmt.Errorf("match: talent #%d has an empty ID", from+1)
		}
		if t > 0 && e.ID == c.talents[t-1] {
			return nil, fmt.Errorf("match: duplicate talent ID %q", e.ID)
		}
		c.talents[t] = e.ID
		c.pinned[t] = -1
		start := len(c.choice)
		for _, ch := range e.Choices {
			p, ok := pIndex[ch.Project]
			if !ok {
				return nil, fmt.Errorf("match: talent %q: unknown project %q in choices", e.ID, ch.Project)
			}
			if ch.Score < 0 || ch.Score > 1000 {
				return nil, fmt.Errorf("match: talent %q, project %q: score %d outside 0..1000", e.ID, ch.Project, ch.Score)
			}
			if slices.Contains(c.choice[start:], p) {
				return nil, fmt.Errorf("match: talent %q chooses project %q twice", e.ID, ch.Project)
			}
			c.choice = append(c.choice, p)
			c.score = append(c.score, int32(ch.Score))
		}
		if len(e.Choices) == 0 {
			c.empty[t] = UnplacedNoChoices
		}
		c.off = append(c.off, int32(len(c.choice)))
	}
	if err := c.apply(inst, order, pIndex, cons); err != nil {
		return nil, err
	}
	return c, nil
}

// apply validates the constraints and folds them into the cohort:
// forbidden choices are removed, pinned ones marked and their capacity,
// minimum and quota taken off the project.
func (c *cohort) apply(inst Instance, order []int32, pIndex map[string]int32, cons Constraints) error {
	c.minimum = make([]int32, len(c.projects))
	if len(cons.Pinned)+len(cons.Forbidden)+len(cons.Minimums)+len(cons.Quotas) == 0 {
		return nil
	}
	tIndex := make(map[string]int32, len(c.talents))
	for t, id := range c.talents {
		tIndex[id] = int32(t)
	}
	lookup := func(what string, p Pair) (int32, int32, error) {
		t, ok := tIndex[p.Talent]
		if !ok {
			return 0, 0, fmt.Errorf("match: %s pair: unknown talent %q", what, p.Talent)
		}
		pj, ok := pIndex[p.Project]
		if !ok {
			return 0, 0, fmt.Errorf("match: %s pair: unknown project %q", what, p.Project)
		}
		return t, pj, nil
	}
	for _, m := range cons.Minimums {
		p, ok := pIndex[m.Project]
		switch {
		case !ok:
			return fmt.Errorf("match: minimum for unknown project %q", m.Project)
		case m.Min < 0 || m.Min > int(c.capacity[p]):
			return fmt.Errorf("match: project %q: minimum %d outside 0..capacity %d", m.Project, m.Min, c.capacity[p])
		case c.minimum[p] != 0:
			return fmt.Errorf("match: project %q has two minimums", m.Project)
		}
		c.minimum[p] = int32(m.Min)
	}
	var quotaAttr []string
	if len(cons.Quotas) > 0 {
		quotaAttr = make([]string, len(c.projects))
		c.inQuota = make([]bool, len(c.choice))
	}
	for _, q := range cons.Quotas {
		p, ok := pIndex[q.Project]
		switch {
		case !ok:
			return fmt.Errorf("match: quota for unknown project %q", q.Project)
		case q.Attr == "":
			return fmt.Errorf("match: project %q: quota without attribute", q.Project)
		case q.Min < 0 || q.Min > int(c.capacity[p]):
			return fmt.Errorf("match: project %q: quota %d outside 0..capacity %d", q.Project, q.Min, c.capacity[p])
		case c.quota[p] >= 0:
			return fmt.Errorf("match: project %q has two quotas", q.Project)
		}
		c.quota[p] = int32(q.Min)
		quotaAttr[p] = q.Attr
	}
	if quotaAttr != nil {
		for t, from := range order {
			attrs := inst.Talents[from].Attrs
			for k := c.off[t]; k < c.off[t+1]; k++ {
				if a := quotaAttr[c.choice[k]]; a != "" && slices.Contains(attrs, a) {
					c.inQuota[k] = true
				}
			}
		}
	}
	for _, f := range cons.Forbidden {
		t, p, err := lookup("forbidden", f)
		if err != nil {
			return err
		}
		c.forbid(t, p)
	}
	for _, pin := range cons.Pinned {
		t, p, err := lookup("pinned", pin)
		if err != nil {
			return err
		}
		k := slices.Index(c.choice[c.off[t]:c.off[t+1]], p)
		switch {
		case c.pinned[t] >= 0:
			return fmt.Errorf("match: talent %q is pinned twice", pin.Talent)
		case k < 0 && slices.Contains(cons.Forbidden, pin):
			return fmt.Errorf("match: pair %q/%q is both pinned and forbidden", pin.Talent, pin.Project)
		case k < 0:
			return fmt.Errorf("match: pinned pair %q/%q is not among the talent's choices", pin.Talent, pin.Project)
		case c.capacity[p] == 0:
			return fmt.Errorf("match: project %q has more pinned talents than capacity", pin.Project)
		}
		k += int(c.off[t])
		c.pinned[t] = int32(k)
		c.capacity[p]--
		c.minimum[p] = max(c.minimum[p]-1, 0)
		if c.inQuota != nil && c.inQuota[k] {
			c.quota[p] = max(c.quota[p]-1, 0)
		}
	}
	return nil
}

// forbid removes project p from talent t's choices (a no-op when absent).
func (c *cohort) forbid(t, p int32) {
	lo, hi := c.off[t], c.off[t+1]
	k := slices.Index(c.choice[lo:hi], p)
	if k < 0 {
		return
	}
	// Mark the choice dead by pointing it at no project; the arrays keep
	// their shape so that off stays valid.
	c.choice[lo+int32(k)] = -1
	for j := lo; j < hi; j++ {
		if c.choice[j] >= 0 {
			return
		}
	}
	c.empty[t] = UnplacedAllForbidden
}

// result turns a choice index per talent (-1 for none) into a Result.
func (c *cohort) result(method string, placed []int32, why string) Result {
	r := Result{Method: method, Assignments: make([]Assignment, 0, len(c.talents))}
	for t, k := range placed {
		if k < 0 {
			reason := why
			if c.empty[t] != "" {
				reason = c.empty[t]
			}
			r.Unassigned = append(r.Unassigned, c.talents[t])
			r.Unplaced = append(r.Unplaced, Unplaced{Talent: c.talents[t], Reason: reason})
			continue
		}
		s := int(c.score[k])
		r.Assignments = append(r.Assignments, Assignment{Talent: c.talents[t], Project: c.projects[c.choice[k]], Score: s})
		r.TotalScore += s
	}
	r.Assigned = len(r.Assignments)
	if r.Unassigned == nil {
		r.Unassigned = []string{}
		r.Unplaced = []Unplaced{}
	}
	return r
}
