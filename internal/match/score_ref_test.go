package match

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func docFreq(pool []Talent) map[string]int {
	df := map[string]int{}
	for _, x := range pool {
		seen := map[string]bool{}
		for _, s := range x.Skills {
			if !seen[s.Code] {
				seen[s.Code] = true
				df[s.Code]++
			}
		}
	}
	return df
}

// refScoreDF is a plain float implementation of the score as the package
// documentation states it, written from the documentation and not from
// the scan, to check the fixed-point tables, the postings and the pruning.
func refScoreDF(pr Project, t Talent, df map[string]int, n int, w Weights) float64 {
	level := map[string]int{}
	for _, s := range t.Skills {
		level[s.Code] = max(level[s.Code], s.Level)
	}

	type part struct {
		weight int
		score  float64
	}
	var parts []part

	// Skills: required first; a code asked twice keeps the first list's
	// entry with the highest level of that list.
	asked := map[string]int{}
	mult := map[string]float64{}
	var order []string
	for _, s := range pr.RequiredSkills {
		if _, ok := asked[s.Code]; !ok {
			order = append(order, s.Code)
			mult[s.Code] = 2
		}
		asked[s.Code] = max(asked[s.Code], s.Level)
	}
	for _, s := range pr.PreferredSkills {
		if _, ok := asked[s.Code]; ok && mult[s.Code] == 2 {
			continue
		}
		if _, ok := asked[s.Code]; !ok {
			order = append(order, s.Code)
			mult[s.Code] = 1
		}
		asked[s.Code] = max(asked[s.Code], s.Level)
	}
	if len(order) > 0 {
		var earned, total float64
		for _, c := range order {
			wt := mult[c] * (1 + math.Log(float64(n+1)/float64(df[c]+1)))
			total += wt
			if have := level[c]; have > 0 {
				earned += wt * math.Pow(2, float64(min(have-asked[c], 0)))
			}
		}
		parts = append(parts, part{w.Skills, 1000 * earned / total})
	}

	goals := map[int]bool{}
	for _, g := range pr.SDGs {
		goals[g] = true
	}
	if len(goals) > 0 {
		shared := 0
		seen := map[int]bool{}
		for _, g := range t.SDGs {
			if goals[g] && !seen[g] {
				seen[g] = true
				shared++
			}
		}
		target := min(len(goals), 3)
		parts = append(parts, part{w.SDGs, 1000 * float64(min(shared, target)) / float64(target)})
	}

	if pr.HoursPerMonth > 0 {
		have, want := min(t.HoursPerMonth, 255), min(pr.HoursPerMonth, 255)
		s := 1000.0
		switch {
		case have == 0:
			s = 500
		case have < want:
			s = 1000 * float64(have) / float64(want)
		}
		parts = append(parts, part{w.Hours, s})
	}

	place := 1000.0
	known := t.Home.Valid && pr.Place.Valid
	if pr.WorkStyle != Remote {
		factor := 0.0
		if known {
			km := haversineKm(t.Home, pr.Place)
			factor = math.Min(math.Max((100-km)/90, 0), 1)
		}
		switch {
		case pr.WorkStyle == OnSite && t.RemoteOnly:
			place = 0
		case pr.WorkStyle == OnSite && !known:
			place = 300
		case pr.WorkStyle == OnSite:
			place = 1000 * factor
		case t.RemoteOnly:
			place = 400
		case !known:
			place = 500
		default:
			place = 400 + 600*factor
		}
	}
	parts = append(parts, part{w.Place, place})

	if pr.LGCode != "" {
		best := 0.0
		for _, a := range t.Affinities {
			if a.LGCode == pr.LGCode {
				best = math.Max(best, map[AffinityKind]float64{Lives: 1000, Works: 800, Born: 700, Supporter: 400}[a.Kind])
			}
		}
		parts = append(parts, part{w.Affinity, best})
	}

	var sum, wsum float64
	for _, p := range parts {
		sum += float64(p.weight) * p.score
		wsum += float64(p.weight)
	}
	if wsum == 0 {
		return 0
	}
	return sum / wsum
}

// randomProject makes a project over the generator's vocabulary.
func randomProject(r *rand.Rand, i int) Project {
	pr := Project{ID: fmt.Sprintf("p%d", i), WorkStyle: WorkStyle(1 + r.IntN(3))}
	for range r.IntN(4) {
		pr.RequiredSkills = append(pr.RequiredSkills, Skill{skillCode(r.IntN(60)), 1 + r.IntN(3)})
	}
	for range r.IntN(3) {
		pr.PreferredSkills = append(pr.PreferredSkills, Skill{skillCode(r.IntN(60)), 1 + r.IntN(3)})
	}
	for range r.IntN(5) {
		pr.SDGs = append(pr.SDGs, 1+r.IntN(17))
	}
	pr.HoursPerMonth = []int{0, 10, 20, 40, 300}[r.IntN(5)]
	if r.IntN(8) > 0 {
		pr.Place = Location{Lat: 35.3 + 0.7*r.Float64(), Lng: 139.2 + r.Float64(), Valid: true}
	}
	if r.IntN(6) > 0 {
		pr.LGCode = lgCode(r.IntN(4))
	}
	return pr
}

func genTalents(n int, seed uint64) []Talent {
	g := newTalentGen(seed)
	out := make([]Talent, n)
	for i := range out {
		out[i] = g.talent(i)
	}
	// Shuffle so that the pool has to sort by ID.
	g.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func TestScoreMatchesReference(t *testing.T) {
	talents := genTalents(1500, 11)
	pool, err := NewPool(talents)
	if err != nil {
		t.Fatal(err)
	}
	df := docFreq(talents)
	r := rand.New(rand.NewPCG(3, 4))
	weights := []Weights{DefaultWeights(), {Skills: 1}, {Place: 3, Affinity: 2}, {Skills: 7, SDGs: 1, Hours: 2, Place: 5, Affinity: 9}}
	for i := range 40 {
		pr := randomProject(r, i)
		w := weights[i%len(weights)]
		for _, tl := range talents[:300] {
			got, err := pool.Score(pr, tl.ID, w)
			if err != nil {
				t.Fatal(err)
			}
			want := refScoreDF(pr, tl, df, len(talents), w)
			if math.Abs(float64(got.Score)-want) > 1 {
				t.Fatalf("project %+v talent %+v: score %d, reference %.2f (parts %+v)", pr, tl, got.Score, want, got.Parts)
			}
		}
	}
}

// TestTopKMatchesFullSort checks the scan (postings, pruning, heap, ties)
// against scoring every talent and sorting.
func TestTopKMatchesFullSort(t *testing.T) {
	talents := genTalents(3000, 12)
	pool, err := NewPool(talents)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 30 {
		pr := randomProject(r, i)
		w := DefaultWeights()
		if i%3 == 1 {
			w = Weights{Skills: 1, Affinity: 1} // many ties
		}
		var all []Ranked
		for _, tl := range talents {
			s, err := pool.Score(pr, tl.ID, w)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, s)
		}
		slices.SortFunc(all, func(a, b Ranked) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.TalentID, b.TalentID))
		})
		for _, k := range []int{1, 7, 50, 3000, 5000} {
			top, err := pool.TopK(pr, k, w)
			if err != nil {
				t.Fatal(err)
			}
			if len(top) != min(k, len(all)) {
				t.Fatalf("k=%d: got %d results", k, len(top))
			}
			for j := range top {
				if top[j].TalentID != all[j].TalentID || top[j].Score != all[j].Score {
					t.Fatalf("project %d k=%d rank %d: got %s/%d, want %s/%d", i, k, j,
						top[j].TalentID, top[j].Score, all[j].TalentID, all[j].Score)
				}
			}
		}
	}
	if top, err := pool.TopK(benchProject(), 0, DefaultWeights()); err != nil || len(top) != 0 {
		t.Fatalf("k=0: %v, %v", top, err)
	}
}

func TestTopKConcurrent(t *testing.T) {
	pool, err := NewPool(genTalents(2000, 13))
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 10))
	projects := []Project{randomProject(r, 1), randomProject(r, 2), benchProject()}
	want := make([][]Ranked, len(projects))
	for i, pr := range projects {
		if want[i], err = pool.TopK(pr, 20, DefaultWeights()); err != nil {
			t.Fatal(err)
		}
	}
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			for rep := range 20 {
				i := (g + rep) % len(projects)
				got, err := pool.TopK(projects[i], 20, DefaultWeights())
				if err == nil && !slices.EqualFunc(got, want[i], func(a, b Ranked) bool {
					return a.TalentID == b.TalentID && a.Score == b.Score
				}) {
					err = fmt.Errorf("goroutine %d: project %d ranked differently", g, i)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
