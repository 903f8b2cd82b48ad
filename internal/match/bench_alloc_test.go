package match

import (
	"math/rand/v2"
	"runtime"
	"testing"
)

// Run with:
//
//	go test ./internal/match -run '^$' -bench 'Stable10k|Optimal10k' -benchmem -cpu 1 -count 3
//
// The instance: 10,000 talents, 1,000 projects with capacities 1..5
// (about 3,000 places, so most talents compete), each talent ranking 1..5
// projects drawn with Zipf popularity, scores uniform in 0..1000.

func benchInstance() Instance {
	r := rand.New(rand.NewPCG(10, 10))
	inst := genInstance(r, 10_000, 1_000, 5, 5)
	for i := range inst.Projects {
		inst.Projects[i].Capacity = 1 + r.IntN(5)
	}
	return inst
}

// reportPeak runs f once more and reports the bytes it allocates.
func reportPeak(b *testing.B, f func()) {
	b.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/1e6, "alloc-MB")
}

func BenchmarkStable10k(b *testing.B) {
	inst := benchInstance()
	var res Result
	for b.Loop() {
		var err error
		if res, err = Stable(inst, Constraints{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Assigned), "assigned")
	reportPeak(b, func() { _, _ = Stable(inst, Constraints{}) })
}

func BenchmarkOptimal10k(b *testing.B) {
	inst := benchInstance()
	var res Result
	for b.Loop() {
		var err error
		if res, err = Optimal(inst, Constraints{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Assigned), "assigned")
	b.ReportMetric(float64(res.TotalScore), "total")
	reportPeak(b, func() { _, _ = Optimal(inst, Constraints{}) })
}

// benchConstraints pins 100 talents to their first choice, forbids 500
// pairs, and asks 200 projects for at least one talent and 200 others for
// at least one "local" talent, among those that can have them.
func benchConstraints(inst Instance) Constraints {
	var cons Constraints
	capacity := map[string]int{}
	for _, p := range inst.Projects {
		capacity[p.ID] = p.Capacity
	}
	listed, locals, pinned := map[string]int{}, map[string]int{}, map[string]int{}
	for i, t := range inst.Talents {
		for j, c := range t.Choices {
			switch {
			case i < 100 && j == 0 && pinned[c.Project] < capacity[c.Project]:
				cons.Pinned = append(cons.Pinned, Pair{t.ID, c.Project})
				pinned[c.Project]++
			case i >= 100 && i < 600 && j == 1:
				cons.Forbidden = append(cons.Forbidden, Pair{t.ID, c.Project})
			default:
				listed[c.Project]++
				if len(t.Attrs) > 0 {
					locals[c.Project]++
				}
			}
		}
	}
	for i, p := range inst.Projects {
		if pinned[p.ID] >= p.Capacity {
			continue
		}
		switch {
		case i < 200 && listed[p.ID] > 0:
			cons.Minimums = append(cons.Minimums, Minimum{p.ID, 1})
		case i >= 200 && i < 400 && locals[p.ID] > 0:
			cons.Quotas = append(cons.Quotas, Quota{p.ID, "local", 1})
		}
	}
	return cons
}

func BenchmarkOptimal10kConstrained(b *testing.B) {
	inst := benchInstance()
	cons := benchConstraints(inst)
	var res Result
	for b.Loop() {
		var err error
		if res, err = Optimal(inst, cons); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Assigned), "assigned")
	b.ReportMetric(float64(res.TotalScore), "total")
}

// BenchmarkIndependent10k checks the objective of the benchmark instance,
// plain and constrained, against the independent solver of the tests
// (slow: run it with -benchtime 1x).
func BenchmarkIndependent10k(b *testing.B) {
	inst := benchInstance()
	res, err := Optimal(inst, Constraints{})
	if err != nil {
		b.Fatal(err)
	}
	cons := benchConstraints(inst)
	constrained, err := Optimal(inst, cons)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		count, total, _ := sspOptimal(inst, Constraints{})
		if count != res.Assigned || total != res.TotalScore {
			b.Fatalf("optimal %d/%d, independent %d/%d", res.Assigned, res.TotalScore, count, total)
		}
		count, total, feasible := sspOptimal(inst, cons)
		if !feasible || count != constrained.Assigned || total != constrained.TotalScore {
			b.Fatalf("constrained: optimal %d/%d, independent %d/%d (feasible %v)",
				constrained.Assigned, constrained.TotalScore, count, total, feasible)
		}
	}
	b.ReportMetric(float64(res.TotalScore), "total")
	b.ReportMetric(float64(constrained.TotalScore), "total-constrained")
}
