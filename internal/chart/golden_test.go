package chart

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden compares each example chart with its file in testdata (run
// with -update to rewrite them after an intended change).
func TestGolden(t *testing.T) {
	g := goldens()
	names := make([]string, 0, len(g))
	for name := range g {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			out, err := g[name]()
			if err != nil {
				t.Fatal(err)
			}
			checkAccessible(t, out)
			again, _ := g[name]()
			if again != out {
				t.Fatal("output differs between two runs")
			}
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(want) != string(out) {
				t.Errorf("%s differs from the output; run go test -update and review the diff", path)
			}
		})
	}
}
