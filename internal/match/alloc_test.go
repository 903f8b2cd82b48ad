package match

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// checkResult verifies what every allocation must satisfy: assignments
// within choices, no forbidden pair, pins kept, capacities respected, the
// totals and orderings as documented.
func checkResult(t *testing.T, inst Instance, cons Constraints, res Result) map[string]string {
	t.Helper()
	rp := newRefProblem(inst, cons)
	assign := map[string]string{}
	used := map[string]int{}
	total := 0
	for i, a := range res.Assignments {
		if i > 0 && res.Assignments[i-1].Talent >= a.Talent {
			t.Fatalf("assignments not sorted by talent: %v", res.Assignments)
		}
		if slices.Contains(cons.Forbidden, Pair{a.Talent, a.Project}) {
			t.Fatalf("forbidden pair assigned: %v", a)
		}
		if !slices.ContainsFunc(rp.choices[a.Talent], func(c Choice) bool { return c.Project == a.Project }) {
			t.Fatalf("%s assigned to %s outside its choices", a.Talent, a.Project)
		}
		if a.Score != rp.score(a.Talent, a.Project) {
			t.Fatalf("%v: wrong score", a)
		}
		assign[a.Talent] = a.Project
		used[a.Project]++
		total += a.Score
	}
	for p, n := range used {
		if n > rp.capacity[p] {
			t.Fatalf("project %s over capacity: %d > %d", p, n, rp.capacity[p])
		}
	}
	for tl, p := range rp.pinned {
		if assign[tl] != p {
			t.Fatalf("pinned %s/%s not kept (got %q)", tl, p, assign[tl])
		}
	}
	if res.Assigned != len(res.Assignments) || res.TotalScore != total {
		t.Fatalf("assigned %d total %d, want %d %d", res.Assigned, res.TotalScore, len(res.Assignments), total)
	}
	if len(res.Assignments)+len(res.Unassigned) != len(inst.Talents) || len(res.Unplaced) != len(res.Unassigned) {
		t.Fatalf("talents lost: %d + %d != %d", len(res.Assignments), len(res.Unassigned), len(inst.Talents))
	}
	if !slices.IsSorted(res.Unassigned) {
		t.Fatalf("unassigned not sorted: %v", res.Unassigned)
	}
	for i, u := range res.Unplaced {
		want := res.Unassigned[i]
		if u.Talent != want {
			t.Fatalf("unplaced[%d] = %s, want %s", i, u.Talent, want)
		}
		switch {
		case len(rp.choices[want]) == 0 && u.Reason != UnplacedNoChoices && u.Reason != UnplacedAllForbidden:
			t.Fatalf("%s has no usable choice but reason %q", want, u.Reason)
		case len(rp.choices[want]) > 0 && u.Reason != UnplacedOutranked && u.Reason != UnplacedChoicesFull:
			t.Fatalf("%s has choices but reason %q", want, u.Reason)
		case len(rp.choices[want]) > 0:
			// Every choice must be full.
			for _, c := range rp.choices[want] {
				if used[c.Project] < rp.capacity[c.Project] {
					t.Fatalf("%s unassigned (%s) while its choice %s has room", want, u.Reason, c.Project)
				}
			}
		}
	}
	return assign
}

func TestStableProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 400 {
		inst := genInstance(r, 1+r.IntN(12), 1+r.IntN(5), 4, 3)
		cons := Constraints{}
		if i%2 == 1 {
			cons = randomConstraints(r, inst, false)
		}
		res, err := Stable(inst, cons)
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		assign := checkResult(t, inst, cons, res)
		if b := newRefProblem(inst, cons).blockingPair(assign); b != "" {
			t.Fatalf("instance %d: blocking pair %s in %v\n%+v", i, b, assign, inst)
		}
	}
}

// TestStableTalentOptimal compares Stable with every stable allocation
// found by brute force: the result is one of them, and each talent gets
// the best project it has in any of them.
func TestStableTalentOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		inst := genInstance(r, 1+r.IntN(6), 1+r.IntN(4), 3, 2)
		cons := Constraints{}
		if i%3 == 2 {
			cons = randomConstraints(r, inst, false)
		}
		res, err := Stable(inst, cons)
		if err != nil {
			t.Fatal(err)
		}
		got := checkResult(t, inst, cons, res)
		rp := newRefProblem(inst, cons)
		rank := func(tl, p string) int {
			if p == "" {
				return 1 << 20
			}
			return slices.IndexFunc(rp.choices[tl], func(c Choice) bool { return c.Project == p })
		}
		best := map[string]int{}
		for _, tl := range rp.talents {
			best[tl] = 1 << 30
		}
		found := false
		rp.enumerate(func(a map[string]string) {
			if rp.blockingPair(a) != "" {
				return
			}
			same := true
			for _, tl := range rp.talents {
				best[tl] = min(best[tl], rank(tl, a[tl]))
				same = same && a[tl] == got[tl]
			}
			found = found || same
		})
		if !found {
			t.Fatalf("instance %d: result %v is not among the stable allocations", i, got)
		}
		for _, tl := range rp.talents {
			if rank(tl, got[tl]) != best[tl] {
				t.Fatalf("instance %d: %s got %q (rank %d) but has rank %d in another stable allocation",
					i, tl, got[tl], rank(tl, got[tl]), best[tl])
			}
		}
	}
}

// TestOptimalBruteForce compares Optimal with exhaustive search in both
// the number assigned and the total, and with Stable's count.
func TestOptimalBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	infeasible := 0
	for i := range 400 {
		inst := genInstance(r, 1+r.IntN(7), 1+r.IntN(4), 3, 2)
		cons := Constraints{}
		switch i % 3 {
		case 1:
			cons = randomConstraints(r, inst, false)
		case 2:
			cons = randomConstraints(r, inst, true)
		}
		count, total, feasible := bruteOptimal(inst, cons)
		res, err := Optimal(inst, cons)
		if !feasible {
			infeasible++
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("instance %d: brute force finds no feasible allocation, Optimal says %v", i, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("instance %d: %v\n%+v\n%+v", i, err, inst, cons)
		}
		checkResult(t, inst, cons, res)
		if res.Assigned != count || res.TotalScore != total {
			t.Fatalf("instance %d: optimal %d/%d, brute force %d/%d\n%+v\n%+v",
				i, res.Assigned, res.TotalScore, count, total, inst, cons)
		}
		if len(cons.Minimums)+len(cons.Quotas) == 0 {
			st, err := Stable(inst, cons)
			if err != nil {
				t.Fatal(err)
			}
			if st.Assigned > res.Assigned {
				t.Fatalf("instance %d: stable assigns %d > optimal %d", i, st.Assigned, res.Assigned)
			}
		}
	}
	if infeasible == 0 {
		t.Error("no infeasible instance was generated; the check above never ran")
	}
}

// TestOptimalIndependent compares Optimal with a different algorithm (see
// indep_test.go) on medium instances (200-300 talents, 30-40 projects),
// some with every kind of constraint. Small near-optimal slips (such as
// skipping the cost scaling by n+1) show up here and not in small cases.
func TestOptimalIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	compared := 0
	for i := range 60 {
		inst := genInstance(r, 300, 30, 5, 4)
		cons := Constraints{}
		if i%4 == 3 {
			inst = genInstance(r, 200, 40, 5, 6)
			cons = randomConstraints(r, inst, true)
			// Keep bounds small enough to be feasible most of the time.
			for j := range cons.Minimums {
				cons.Minimums[j].Min = min(cons.Minimums[j].Min, 2)
			}
			for j := range cons.Quotas {
				cons.Quotas[j].Min = min(cons.Quotas[j].Min, 1)
			}
		}
		count, total, feasible := sspOptimal(inst, cons)
		res, err := Optimal(inst, cons)
		if !feasible {
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("instance %d: independent solver finds it infeasible, Optimal says %v", i, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		checkResult(t, inst, cons, res)
		if res.Assigned != count || res.TotalScore != total {
			t.Fatalf("instance %d: optimal %d/%d, independent %d/%d", i, res.Assigned, res.TotalScore, count, total)
		}
		compared++
	}
	if compared < 50 {
		t.Errorf("only %d instances compared", compared)
	}
}

func TestAllocationErrors(t *testing.T) {
	base := func() Instance {
		return Instance{
			Projects: []Slot{{"A", 1}, {"B", 2}},
			Talents: []Entrant{
				{ID: "t1", Choices: []Choice{{"A", 500}, {"B", 400}}},
				{ID: "t2", Choices: []Choice{{"A", 300}}},
			},
		}
	}
	cases := []struct {
		name string
		edit func(*Instance, *Constraints)
		want string
	}{
		{"dup project", func(in *Instance, _ *Constraints) { in.Projects = append(in.Projects, Slot{"A", 1}) }, `duplicate project ID "A"`},
		{"negative capacity", func(in *Instance, _ *Constraints) { in.Projects[0].Capacity = -1 }, "capacity -1"},
		{"dup talent", func(in *Instance, _ *Constraints) { in.Talents[1].ID = "t1" }, `duplicate talent ID "t1"`},
		{"unknown project", func(in *Instance, _ *Constraints) { in.Talents[0].Choices[0].Project = "Z" }, `unknown project "Z"`},
		{"dup choice", func(in *Instance, _ *Constraints) { in.Talents[0].Choices[1].Project = "A" }, `chooses project "A" twice`},
		{"score range", func(in *Instance, _ *Constraints) { in.Talents[0].Choices[0].Score = 1001 }, "score 1001 outside 0..1000"},
		{"pin outside choices", func(_ *Instance, c *Constraints) { c.Pinned = []Pair{{"t2", "B"}} }, "not among the talent's choices"},
		{"pin and forbid", func(_ *Instance, c *Constraints) {
			c.Pinned = []Pair{{"t2", "A"}}
			c.Forbidden = []Pair{{"t2", "A"}}
		}, "both pinned and forbidden"},
		{"pins over capacity", func(_ *Instance, c *Constraints) { c.Pinned = []Pair{{"t1", "A"}, {"t2", "A"}} }, "more pinned talents than capacity"},
		{"unknown talent", func(_ *Instance, c *Constraints) { c.Forbidden = []Pair{{"nobody", "A"}} }, `unknown talent "nobody"`},
		{"minimum over capacity", func(_ *Instance, c *Constraints) { c.Minimums = []Minimum{{"A", 2}} }, "minimum 2 outside 0..capacity 1"},
		{"two quotas", func(_ *Instance, c *Constraints) { c.Quotas = []Quota{{"B", "x", 1}, {"B", "y", 1}} }, "two quotas"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inst, cons := base(), Constraints{}
			tc.edit(&inst, &cons)
			_, err := Optimal(inst, cons)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	if _, err := Stable(base(), Constraints{Minimums: []Minimum{{"A", 1}}}); err == nil {
		t.Error("stable accepted a minimum")
	}
}

func TestNoInstance(t *testing.T) {
	for _, f := range []func(Instance, Constraints) (Result, error){Stable, Optimal} {
		res, err := f(Instance{}, Constraints{})
		if err != nil || res.Assigned != 0 || res.Unassigned == nil {
			t.Errorf("%+v, %v", res, err)
		}
	}
}
