package demo

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// testNow is a fixed moment for tests: 2026-05-10 21:00 JST.
func testNow() time.Time { return time.Date(2026, time.May, 10, 12, 0, 0, 0, time.UTC) }

func loadRef(tb testing.TB) *refdata.Data {
	tb.Helper()
	ref, err := refdata.Load()
	if err != nil {
		tb.Fatalf("refdata.Load: %v", err)
	}
	return ref
}

func generate(tb testing.TB) (*Dataset, *refdata.Data) {
	tb.Helper()
	ref := loadRef(tb)
	ds, err := Generate(ref, DefaultSeed, testNow())
	if err != nil {
		tb.Fatalf("Generate: %v", err)
	}
	return ds, ref
}

func programBySlug(t *testing.T, ds *Dataset, slug string) domain.Program {
	t.Helper()
	for _, p := range ds.Programs {
		if p.Slug == slug {
			return p
		}
	}
	t.Fatalf("no program %q", slug)
	return domain.Program{}
}

func TestDeterministic(t *testing.T) {
	ref := loadRef(t)
	a, err := Generate(ref, DefaultSeed, testNow())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(ref, DefaultSeed, testNow())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same seed and now differ")
	}
	c, err := Generate(ref, DefaultSeed+1, testNow())
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.Talents, c.Talents) || reflect.DeepEqual(a.Entries, c.Entries) {
		t.Fatal("another seed gives the same talents or entries")
	}
}

func TestGenerateRejects(t *testing.T) {
	if _, err := Generate(nil, DefaultSeed, testNow()); err == nil {
		t.Error("nil reference data accepted")
	}
	if _, err := Generate(loadRef(t), DefaultSeed, time.Date(2021, 8, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("now during the 2021 program accepted")
	}
}

func TestEveryRowValidates(t *testing.T) {
	ds, _ := generate(t)
	for i := range ds.Municipalities {
		if err := ds.Municipalities[i].Validate(); err != nil {
			t.Errorf("municipality %d: %v", i, err)
		}
	}
	for i := range ds.Organizations {
		if err := ds.Organizations[i].Validate(); err != nil {
			t.Errorf("organization %s: %v", ds.Organizations[i].Name, err)
		}
	}
	for i := range ds.Programs {
		if err := ds.Programs[i].Validate(); err != nil {
			t.Errorf("program %s: %v", ds.Programs[i].Slug, err)
		}
	}
	for i := range ds.Projects {
		if err := ds.Projects[i].Validate(); err != nil {
			t.Errorf("project %s: %v", ds.Projects[i].Title, err)
		}
	}
	for i := range ds.Talents {
		tal := ds.Talents[i]
		if err := tal.Validate(); err != nil {
			t.Errorf("talent %s: %v", tal.Name, err)
		}
		before := tal
		tal.Normalize()
		if tal.Name != before.Name || tal.NameKana != before.NameKana || tal.Background != before.Background {
			t.Errorf("talent %s is not NFKC-normalised", before.Name)
		}
	}
	for i := range ds.Entries {
		if err := ds.Entries[i].Validate(); err != nil {
			t.Errorf("entry %d: %v", ds.Entries[i].ID, err)
		}
	}
}

func TestIDsAreSequential(t *testing.T) {
	ds, _ := generate(t)
	check := func(kind string, ids []int64) {
		for i, id := range ids {
			if id != int64(i+1) {
				t.Errorf("%s %d has ID %d", kind, i, id)
				return
			}
		}
	}
	var ids [6][]int64
	for _, x := range ds.Municipalities {
		ids[0] = append(ids[0], x.ID)
	}
	for _, x := range ds.Organizations {
		ids[1] = append(ids[1], x.ID)
	}
	for _, x := range ds.Programs {
		ids[2] = append(ids[2], x.ID)
	}
	for _, x := range ds.Projects {
		ids[3] = append(ids[3], x.ID)
	}
	for _, x := range ds.Talents {
		ids[4] = append(ids[4], x.ID)
	}
	for _, x := range ds.Entries {
		ids[5] = append(ids[5], x.ID)
	}
	for i, kind := range []string{"municipality", "organization", "program", "project", "talent", "entry"} {
		check(kind, ids[i])
	}
}

func TestCounts(t *testing.T) {
	ds, _ := generate(t)
	if len(ds.Municipalities) != 2 {
		t.Errorf("%d municipalities, want 2", len(ds.Municipalities))
	}
	if n := len(ds.Talents); n != 440 {
		t.Errorf("%d talents, want 440", n)
	}
	p2021 := programBySlug(t, ds, Ota2021Slug)
	entries, projects, businesses := 0, 0, 0
	for _, e := range ds.Entries {
		if e.ProgramID == p2021.ID {
			entries++
		}
	}
	for _, p := range ds.Projects {
		if p.ProgramID == p2021.ID {
			projects++
		}
	}
	for _, o := range ds.Organizations {
		if o.MunicipalityID == p2021.MunicipalityID && o.Kind == domain.OrgBusiness {
			businesses++
		}
	}
	if entries != 440 {
		t.Errorf("%d entries in 2021, want 440", entries)
	}
	if projects < 25 || projects > 35 {
		t.Errorf("%d projects in 2021, want 25–35", projects)
	}
	if businesses < 35 || businesses > 45 {
		t.Errorf("%d Ota businesses, want 35–45", businesses)
	}
	leaders := 0
	for _, tal := range ds.Talents {
		if tal.Leader {
			leaders++
		}
	}
	if leaders != leaderCount {
		t.Errorf("%d leaders, want %d", leaders, leaderCount)
	}
}

func TestReferences(t *testing.T) {
	ds, ref := generate(t)
	orgs := map[int64]domain.Organization{}
	for _, o := range ds.Organizations {
		orgs[o.ID] = o
		if o.Kind == domain.OrgBusiness {
			c, ok := ref.JSIC(o.JSICMiddle)
			if !ok || c.Major != o.JSICMajor {
				t.Errorf("%s: JSIC %s/%s not in refdata", o.Name, o.JSICMajor, o.JSICMiddle)
			}
			if o.Area == "" || o.Description == "" || !domain.IsKatakanaReading(o.NameKana) {
				t.Errorf("%s: area, description or kana missing", o.Name)
			}
		}
	}
	programs := map[int64]domain.Program{}
	for _, p := range ds.Programs {
		programs[p.ID] = p
		for _, h := range p.HostIDs {
			if o, ok := orgs[h]; !ok || o.MunicipalityID != p.MunicipalityID {
				t.Errorf("program %s: host %d missing or in another municipality", p.Slug, h)
			}
		}
		if lead := orgs[p.HostIDs[0]]; lead.Kind != domain.OrgMunicipalityOffice {
			t.Errorf("program %s: lead host %s is not the office", p.Slug, lead.Name)
		}
	}
	projects := map[int64]domain.Project{}
	for _, p := range ds.Projects {
		projects[p.ID] = p
		prog, ok := programs[p.ProgramID]
		if !ok || prog.MunicipalityID != p.MunicipalityID {
			t.Errorf("project %q: program %d missing or in another municipality", p.Title, p.ProgramID)
		}
		if h, ok := orgs[p.HostID]; !ok || h.MunicipalityID != p.MunicipalityID {
			t.Errorf("project %q: host %d missing or in another municipality", p.Title, p.HostID)
		}
		for _, s := range append(slices.Clone(p.RequiredSkills), p.PreferredSkills...) {
			if _, ok := ref.Skill(s); !ok {
				t.Errorf("project %q: unknown skill %q", p.Title, s)
			}
		}
	}
	talents := map[int64]bool{}
	for _, tal := range ds.Talents {
		talents[tal.ID] = true
		for _, s := range tal.Skills {
			if _, ok := ref.Skill(s.Code); !ok {
				t.Errorf("talent %s: unknown skill %q", tal.Name, s.Code)
			}
		}
	}
	type key struct{ program, talent int64 }
	seen := map[key]bool{}
	for _, e := range ds.Entries {
		prog, ok := programs[e.ProgramID]
		if !ok || prog.MunicipalityID != e.MunicipalityID || !talents[e.TalentID] {
			t.Errorf("entry %d: bad program, municipality or talent", e.ID)
		}
		if seen[key{e.ProgramID, e.TalentID}] {
			t.Errorf("entry %d: talent %d entered program %d twice", e.ID, e.TalentID, e.ProgramID)
		}
		seen[key{e.ProgramID, e.TalentID}] = true
		for _, c := range e.Choices {
			if p, ok := projects[c]; !ok || p.ProgramID != e.ProgramID {
				t.Errorf("entry %d: choice %d is not a project of program %d", e.ID, c, e.ProgramID)
			}
		}
	}
}

func TestAffinitiesAndResidence(t *testing.T) {
	ds, ref := generate(t)
	otaLives, abroad, bornTsubame, bornElsewhere := 0, 0, 0, 0
	for _, tal := range ds.Talents {
		lives := false
		for _, a := range tal.Affinities {
			if _, ok := ref.Municipality(a.LGCode); !ok {
				t.Errorf("talent %s: lgcode %s not in refdata", tal.Name, a.LGCode)
			}
			switch {
			case a.Kind == domain.AffinityLives:
				lives = true
				if a.LGCode == OtaLGCode {
					otaLives++
				}
			case a.Kind == domain.AffinityBorn && a.LGCode == TsubameLGCode:
				bornTsubame++
			}
			if a.Kind == domain.AffinityBorn && a.LGCode != OtaLGCode {
				bornElsewhere++
			}
		}
		if tal.ResidenceCountry == "JP" {
			if tal.TimeZone != "Asia/Tokyo" || !lives {
				t.Errorf("talent %s lives in Japan but has zone %s or no lives affinity", tal.Name, tal.TimeZone)
			}
		} else {
			abroad++
			if tal.TimeZone == "Asia/Tokyo" || lives {
				t.Errorf("talent %s lives in %s but has zone %s or a lives affinity", tal.Name, tal.ResidenceCountry, tal.TimeZone)
			}
			if _, err := time.LoadLocation(tal.TimeZone); err != nil {
				t.Logf("time zone %s cannot be loaded here: %v", tal.TimeZone, err)
			}
		}
		if n := len(tal.Skills); n < 2 || n > 6 {
			t.Errorf("talent %s has %d skills", tal.Name, n)
		}
		if n := len(tal.SDGs); n < 1 || n > 4 {
			t.Errorf("talent %s has %d SDGs interests", tal.Name, n)
		}
		if tal.HoursPerMonth < 10 || tal.HoursPerMonth > 40 || tal.Background == "" {
			t.Errorf("talent %s: hours %d or empty background", tal.Name, tal.HoursPerMonth)
		}
	}
	share := float64(otaLives) / float64(len(ds.Talents))
	if share < 0.20 || share > 0.25 {
		t.Errorf("%.1f%% of entrants live in Ota, want 20–25%%", 100*share)
	}
	if abroad < 8 || abroad > 20 {
		t.Errorf("%d entrants live abroad, want about 3%%", abroad)
	}
	if bornTsubame < 3 {
		t.Errorf("%d talents born in Tsubame, want at least 3", bornTsubame)
	}
	if bornElsewhere < 150 {
		t.Errorf("only %d talents have a hometown outside Ota", bornElsewhere)
	}
}

func TestProjectTexts(t *testing.T) {
	ds, _ := generate(t)
	p2021 := programBySlug(t, ds, Ota2021Slug)
	jst := time.FixedZone("JST", 9*60*60)
	with, without, goal9, total := 0, 0, 0, 0
	words := map[string]int{"ホームページ": 0, "販路開拓": 0, "脱炭素": 0}
	for _, p := range ds.Projects {
		if strings.Contains(p.Description, "副業") {
			with++
		} else {
			without++
		}
		for w := range words {
			if strings.Contains(p.Description, w) {
				words[w]++
			}
		}
		if p.ProgramID != p2021.ID {
			continue
		}
		total++
		if slices.Contains(p.SDGs, 9) {
			goal9++
		}
		if len(p.SDGs) > 3 || len(p.RequiredSkills) < 1 || len(p.RequiredSkills) > 3 || len(p.PreferredSkills) > 3 {
			t.Errorf("project %q: %d goals, %d required, %d preferred skills", p.Title, len(p.SDGs), len(p.RequiredSkills), len(p.PreferredSkills))
		}
		if p.TeamSize > 4 || p.HoursPerMonth < 10 || p.HoursPerMonth > 40 || p.Status != domain.ProjectClosed {
			t.Errorf("project %q: team %d, hours %d, status %s", p.Title, p.TeamSize, p.HoursPerMonth, p.Status)
		}
		if p.RewardType == domain.RewardPaid && (p.RewardYen < 30000 || p.RewardYen > 100000 || p.RewardYen%10000 != 0) {
			t.Errorf("project %q: reward %d", p.Title, p.RewardYen)
		}
		start, end := p.StartsOn.In(jst), p.EndsOn.In(jst)
		months := (end.Year()-start.Year())*12 + int(end.Month()-start.Month()) + 1
		if months < 3 || months > 5 || p.StartsOn.Before(p2021.EntryClosesAt) || start.Day() != 1 || end.AddDate(0, 0, 1).Day() != 1 {
			t.Errorf("project %q: %s to %s", p.Title, p.StartsOn, p.EndsOn)
		}
	}
	if with < 3 || without < 3 {
		t.Errorf("%d descriptions mention 副業 and %d do not; want several of each", with, without)
	}
	for w, n := range words {
		if n < 2 {
			t.Errorf("%d descriptions mention %s, want at least 2", n, w)
		}
	}
	if goal9 == 0 || goal9 == total {
		t.Errorf("goal 9 on %d of %d projects; want some but not all", goal9, total)
	}
}
