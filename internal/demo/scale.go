package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// Scale generates the demo and then grows it to at least projects projects
// and talents talents, for load tests and benchmarks: extra past Ota
// programs hold variations of the demo's projects (other hosts, hours and
// rewards, a few published), and extra talents vary the demo's profiles
// under new names. It is deterministic like Generate.
func Scale(ref *refdata.Data, seed uint64, now time.Time, projects, talents int) (*Dataset, error) {
	ds, err := Generate(ref, seed, now)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed^0x5ca1e, seed))
	var otaBusinesses []domain.Organization
	var hosts []int64
	for _, o := range ds.Organizations {
		if o.MunicipalityID == ds.Municipalities[0].ID && o.Kind == domain.OrgBusiness {
			otaBusinesses = append(otaBusinesses, o)
		}
		if o.MunicipalityID == ds.Municipalities[0].ID && o.Kind != domain.OrgBusiness {
			hosts = append(hosts, o.ID)
		}
	}
	templates := append([]domain.Project(nil), ds.Projects...)
	const perProgram = 500
	jst := domain.Japan()
	nextProgram, nextProject := int64(len(ds.Programs)+1), int64(len(ds.Projects)+1)
	var program domain.Program
	for i := 0; len(ds.Projects) < projects; i++ {
		if i%perProgram == 0 {
			year := 2022 + i/perProgram%4
			opens := time.Date(year, time.Month(1+(i/perProgram)%12), 1, 0, 0, 0, 0, jst)
			program = domain.Program{ID: nextProgram, MunicipalityID: ds.Municipalities[0].ID,
				Slug: fmt.Sprintf("ota-scale-%03d", i/perProgram+1), Title: fmt.Sprintf("大田区 副業プロジェクト 第%d期", i/perProgram+1),
				TitleEN: fmt.Sprintf("Ota City side-job projects, round %d", i/perProgram+1), HostIDs: hosts,
				EntryOpensAt: opens.UTC(), EntryClosesAt: opens.AddDate(0, 2, 0).UTC()}
			ds.Programs = append(ds.Programs, program)
			nextProgram++
		}
		t := templates[rng.IntN(len(templates))]
		p := t
		p.ID, p.ProgramID, p.MunicipalityID = nextProject, program.ID, program.MunicipalityID
		host := otaBusinesses[rng.IntN(len(otaBusinesses))]
		p.HostID = host.ID
		if p.WorkStyle != domain.WorkRemote {
			p.Place = "大田区" + host.Area
			if host.Area == "" {
				p.Place = "大田区"
			}
		}
		p.HoursPerMonth = 5 + rng.IntN(8)*5
		if p.RewardType == domain.RewardPaid {
			p.RewardYen = 20000 + rng.IntN(9)*10000
		}
		p.Status = domain.ProjectClosed
		if rng.IntN(4) == 0 {
			p.Status = domain.ProjectPublished
		}
		p.SDGs = append([]int(nil), t.SDGs...)
		p.RequiredSkills = append([]string(nil), t.RequiredSkills...)
		p.PreferredSkills = append([]string(nil), t.PreferredSkills...)
		ds.Projects = append(ds.Projects, p)
		nextProject++
	}
	families, givens := familyNames(), givenNames()
	profiles := append([]domain.Talent(nil), ds.Talents...)
	for id := int64(len(ds.Talents) + 1); len(ds.Talents) < talents; id++ {
		t := profiles[rng.IntN(len(profiles))]
		f, g := families[rng.IntN(len(families))], givens[rng.IntN(len(givens))]
		t.ID, t.Leader = id, false
		t.Name, t.NameKana = f.Kanji+" "+g.Kanji, f.Kana+" "+g.Kana
		t.HoursPerMonth = 5 + rng.IntN(8)*5
		t.Skills = append([]domain.TalentSkill(nil), t.Skills...)
		for i := range t.Skills {
			t.Skills[i].Level = 1 + rng.IntN(3)
		}
		t.SDGs = append([]int(nil), t.SDGs...)
		t.Affinities = append([]domain.Affinity(nil), t.Affinities...)
		ds.Talents = append(ds.Talents, t)
	}
	return ds, nil
}
