package match

import (
	"math"
	"runtime"
	"slices"
	"testing"
	"time"
)

// Run with:
//
//	go test ./internal/match -run '^$' -bench 'Scan1M|TopK1M' -benchmem -cpu 1 -count 3

const benchPoolSize = 1_000_000

// scanBaseline reads every byte of every talent in the pool (all postings
// and all columns) and folds them into a checksum: the floor for any scan
// that looks at every talent's fields.
func scanBaseline(p *Pool) uint64 {
	meta := p.meta
	n := len(meta)
	home := p.home[:n]
	var sum uint64
	for _, e := range p.skills.list {
		sum += uint64(e)
	}
	for _, e := range p.affinities.list {
		sum += uint64(e)
	}
	for i, m := range meta {
		v := &home[i]
		sum += uint64(m) ^ uint64(math.Float32bits(v[0])^math.Float32bits(v[1])^math.Float32bits(v[2]))
	}
	return sum
}

// scanTouched reads what a ranking must read for this project whatever
// it skips: the posting lists of the project's skills and municipality and
// the meta column.
func scanTouched(p *Pool, q *plan) uint64 {
	var sum uint64
	for _, s := range q.skills {
		for _, e := range p.skills.of(s.index) {
			sum += uint64(e)
		}
	}
	for _, e := range p.affinities.of(q.lg) {
		sum += uint64(e)
	}
	for _, m := range p.meta {
		sum += uint64(m)
	}
	return sum
}

// benchPool builds the 1M pool; report tells its size once the benchmark
// has run (metrics reported before b.Loop are reset).
func benchPool(b *testing.B) (p *Pool, report func()) {
	b.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p = genPool(b, benchPoolSize, 1)
	runtime.GC()
	runtime.ReadMemStats(&after)
	return p, func() {
		b.ReportMetric(float64(p.Bytes())/1e6, "pool-MB")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "pool-heap-MB")
	}
}

func BenchmarkScan1M(b *testing.B) {
	p, report := benchPool(b)
	var sink uint64
	for b.Loop() {
		sink += scanBaseline(p)
	}
	report()
	if sink == 1 {
		b.Log(sink)
	}
}

func BenchmarkTopK1M(b *testing.B) {
	p, report := benchPool(b)
	pr := benchProject()
	w := DefaultWeights()
	for b.Loop() {
		top, err := p.TopK(pr, 50, w)
		if err != nil || len(top) != 50 {
			b.Fatal(err, len(top))
		}
	}
	b.StopTimer()
	report()
	// The ratios to the baselines, measured interleaved so that all see
	// the same load on a shared machine.
	q, err := p.newPlan(pr, w)
	if err != nil {
		b.Fatal(err)
	}
	var scan, touched, rank []float64
	var sink uint64
	for range 21 {
		t0 := time.Now()
		sink += scanBaseline(p)
		t1 := time.Now()
		sink += scanTouched(p, q)
		t2 := time.Now()
		if _, err := p.TopK(pr, 50, w); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		scan = append(scan, float64(t1.Sub(t0)))
		touched = append(touched, float64(t2.Sub(t1)))
		rank = append(rank, float64(t3.Sub(t2)))
	}
	ms, mt, mr := median(scan), median(touched), median(rank)
	b.ReportMetric(ms/1e6, "scan-ms")
	b.ReportMetric(mr/1e6, "topk-ms")
	b.ReportMetric(mr/ms, "x-scan")
	b.ReportMetric(mr/mt, "x-touched")
	if sink == 1 {
		b.Log(sink)
	}
}

// BenchmarkTopK1MShapes ranks other kinds of project against the same
// pool: remote (no distance), no skills (no postings; every talent goes
// through the table lookups), and the two most common skills (the longest
// postings).
func BenchmarkTopK1MShapes(b *testing.B) {
	p, _ := benchPool(b)
	remote := benchProject()
	remote.WorkStyle = Remote
	noSkills := benchProject()
	noSkills.RequiredSkills, noSkills.PreferredSkills = nil, nil
	common := benchProject()
	common.RequiredSkills = []Skill{{skillCode(0), 1}, {skillCode(1), 1}}
	common.PreferredSkills = nil
	for _, c := range []struct {
		name string
		pr   Project
	}{{"remote", remote}, {"no-skills", noSkills}, {"common-skills", common}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := p.TopK(c.pr, 50, DefaultWeights()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
