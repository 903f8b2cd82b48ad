package demo

import (
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestNationalShapeAtReducedSize(t *testing.T) {
	ref := loadRef(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	size := NationalSize{ProgramShare: 0.3, Projects: 1700, Talents: 20_000, Entries: 23_000, BoardEntries: 440,
		PoolConsents: 3000, TeamShare: 0.3}
	ds, err := National(ref, DefaultSeed, now, size)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Municipalities) != 1741 || len(ds.Programs) != 522 {
		t.Fatalf("%d municipalities, %d programs", len(ds.Municipalities), len(ds.Programs))
	}
	if len(ds.Projects) != 1700 || len(ds.Talents) != 20_000 || len(ds.Entries) != 23_000 {
		t.Fatalf("%d projects, %d talents, %d entries", len(ds.Projects), len(ds.Talents), len(ds.Entries))
	}
	offices := 0
	for i, o := range ds.Organizations {
		if o.ID != int64(i+1) {
			t.Fatalf("organization %d has id %d", i, o.ID)
		}
		if err := o.Validate(); err != nil {
			t.Fatalf("organization %s: %v", o.Name, err)
		}
		if o.Kind == domain.OrgMunicipalityOffice {
			offices++
		}
	}
	if offices != 1741 {
		t.Errorf("%d offices", offices)
	}
	for _, m := range ds.Municipalities {
		if err := m.Validate(); err != nil {
			t.Fatalf("municipality %s: %v", m.LGCode, err)
		}
	}
	for _, p := range ds.Programs {
		if err := p.Validate(); err != nil {
			t.Fatalf("program %s: %v", p.Slug, err)
		}
	}
	programOf := map[int64]int64{}
	for i, p := range ds.Projects {
		if p.ID != int64(i+1) {
			t.Fatalf("project %d has id %d", i, p.ID)
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("project %d: %v", p.ID, err)
		}
		programOf[p.ID] = p.ProgramID
	}
	for i := range ds.Talents {
		if err := ds.Talents[i].Validate(); err != nil || ds.Talents[i].ID != int64(i+1) {
			t.Fatalf("talent %d: id %d, %v", i, ds.Talents[i].ID, err)
		}
	}
	perProgram, pairs := map[int64]int{}, map[[2]int64]bool{}
	for i, e := range ds.Entries {
		if e.ID != int64(i+1) {
			t.Fatalf("entry %d has id %d", i, e.ID)
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("entry %d: %v", e.ID, err)
		}
		for _, c := range e.Choices {
			if programOf[c] != e.ProgramID {
				t.Fatalf("entry %d chose project %d of another program", e.ID, c)
			}
		}
		key := [2]int64{e.ProgramID, e.TalentID}
		if pairs[key] {
			t.Fatalf("talent %d entered program %d twice", e.TalentID, e.ProgramID)
		}
		pairs[key] = true
		perProgram[e.ProgramID]++
	}
	if perProgram[ds.Board] != 440 || ds.Programs[ds.Board-1].MunicipalityID != 1+indexOfLG(ds, OtaLGCode) {
		t.Errorf("board program %d has %d entries", ds.Board, perProgram[ds.Board])
	}
	if ds.Closed[ds.Board] {
		t.Error("the board program is closed")
	}
	pool := 0
	for _, s := range ds.Scouts {
		if s.MunicipalityID == ds.Pool {
			pool++
		}
	}
	if pool < 2500 || pool > 3500 || ds.Municipalities[ds.Pool-1].LGCode != TsubameLGCode {
		t.Errorf("%d consents to the pool municipality %d", pool, ds.Pool)
	}
	if len(ds.Agreements) == 0 || len(ds.Completed) == 0 {
		t.Fatalf("%d agreements, %d completed teams", len(ds.Agreements), len(ds.Completed))
	}
	for _, a := range ds.Agreements {
		if err := a.Validate(); err != nil {
			t.Fatalf("agreement of entry %d: %v", a.EntryID, err)
		}
		e := ds.Entries[a.EntryID-1]
		if e.Status != domain.EntryOffered || e.Placement != a.ProjectID || !ds.Closed[e.ProgramID] {
			t.Fatalf("agreement of entry %d: entry %+v", a.EntryID, e)
		}
	}
	again, err := National(ref, DefaultSeed, now, size)
	if err != nil {
		t.Fatal(err)
	}
	if again.Talents[12345].Name != ds.Talents[12345].Name || len(again.Scouts) != len(ds.Scouts) ||
		again.Entries[9999].TalentID != ds.Entries[9999].TalentID {
		t.Error("generation is not deterministic")
	}
}

func indexOfLG(ds *NationalData, lgcode string) int64 {
	for i, m := range ds.Municipalities {
		if m.LGCode == lgcode {
			return int64(i)
		}
	}
	return -1
}
