package demo

import (
	"testing"
	"time"
)

func TestScaleGrowsValidData(t *testing.T) {
	ref := loadRef(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	ds, err := Scale(ref, DefaultSeed, now, 1200, 1500)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Projects) != 1200 || len(ds.Talents) != 1500 {
		t.Fatalf("%d projects, %d talents", len(ds.Projects), len(ds.Talents))
	}
	programs := map[int64]bool{}
	for _, p := range ds.Programs {
		if err := p.Validate(); err != nil {
			t.Fatalf("program %s: %v", p.Slug, err)
		}
		programs[p.ID] = true
	}
	for i, p := range ds.Projects {
		if p.ID != int64(i+1) || !programs[p.ProgramID] {
			t.Fatalf("project %d: id %d program %d", i, p.ID, p.ProgramID)
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("project %d: %v", p.ID, err)
		}
	}
	for i, tal := range ds.Talents {
		if tal.ID != int64(i+1) {
			t.Fatalf("talent %d has id %d", i, tal.ID)
		}
		if err := tal.Validate(); err != nil {
			t.Fatalf("talent %d: %v", tal.ID, err)
		}
	}
	// Variations do not share slices with their templates.
	ds.Projects[len(ds.Projects)-1].SDGs[0] = 99
	again, _ := Scale(ref, DefaultSeed, now, 1200, 1500)
	if again.Projects[len(again.Projects)-1].SDGs[0] == 99 {
		t.Error("generation is not deterministic or shares state")
	}
}
