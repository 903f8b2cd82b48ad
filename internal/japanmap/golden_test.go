package japanmap

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldens are the maps kept in testdata, by file name.
func goldens() map[string]Map {
	en := sampleMap()
	en.ID, en.Lang, en.Title = "home-map-en", "en", "Municipalities recruiting now"
	for i := range en.Markers {
		en.Markers[i].Href = "/hometown?lang=en&municipality=" + en.Markers[i].LGCode
	}
	return map[string]Map{
		"sample_ja.svg": sampleMap(),
		"sample_en.svg": en,
		"empty.svg":     {ID: "empty-map", Title: "地図"},
	}
}

// TestGolden compares each sample map with its golden file; go test
// ./internal/japanmap -update rewrites them. Open them in a browser to
// look at the map.
func TestGolden(t *testing.T) {
	_, r := newRenderer(t)
	for name, m := range goldens() {
		out, err := r.Render(m)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		file := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if !bytes.Equal([]byte(out), want) {
			t.Errorf("%s differs from the golden file (run with -update and review the diff)", name)
		}
	}
}
