// Package demo generates Tsunagu's demo dataset: Ota City's 2021 SDGs side-job
// program with its hosts, projects, 440 talents and their entries, a current
// open program for Ota, and a small program of a second municipality (Tsubame
// City). PlanAftermath adds the 2021 program's life after its offers: the
// agreements and each team's work and outcomes. The generator is pure and
// deterministic: the same seed and the same now give an identical dataset.
// All people and businesses are fictional; places are real and come from
// the reference data.
package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// DefaultSeed is the seed of the demo dataset shipped with the program.
const DefaultSeed uint64 = 2021

// Dataset is the whole demo as plain domain values with provisional IDs
// (1..n per kind) that reference each other consistently; a loader elsewhere
// inserts them and remaps the IDs.
type Dataset struct {
	Municipalities []domain.Municipality
	Organizations  []domain.Organization
	Programs       []domain.Program
	Projects       []domain.Project
	Talents        []domain.Talent
	Entries        []domain.Entry
	// Offers maps each offered (内定) entry of the 2021 program to the
	// project it was offered, both by provisional ID.
	Offers map[int64]int64
}

// Local-government codes and slugs of the demo municipalities.
const (
	OtaLGCode     = "131113"
	TsubameLGCode = "152137"

	Ota2021Slug = "ota-sdgs-2021"
)

// Sizes of the 2021 program, as reported by Ota City.
const (
	talentCount2021 = 440
	leaderCount     = 20
)

// generator carries the state of one Generate call.
type generator struct {
	ref *refdata.Data
	rng *rand.Rand
	now time.Time
	jst *time.Location
	ds  *Dataset

	skillName  map[string]string // skill code -> Japanese name
	hostIDs    map[string]int64  // business key (or office/association key) -> organization ID
	allMunis   []refdata.Municipality
	popularity []float64 // per project, parallel to ds.Projects
	profiles   []profile // per talent, parallel to ds.Talents
}

// Generate builds the demo dataset from the reference data. It is pure: the
// same ref, seed and now give an identical dataset. now decides the entry
// windows of the currently open programs and must be in 2022 or later.
func Generate(ref *refdata.Data, seed uint64, now time.Time) (*Dataset, error) {
	if ref == nil {
		return nil, errors.New("demo: no reference data")
	}
	jst := time.FixedZone("JST", 9*60*60)
	if now.In(jst).Year() < 2022 {
		return nil, fmt.Errorf("demo: now %s is before 2022; the 2021 program must be over", now.Format(time.RFC3339))
	}
	g := &generator{
		ref:       ref,
		rng:       rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		now:       now.Round(0), // drop the monotonic reading
		jst:       jst,
		ds:        &Dataset{},
		skillName: map[string]string{},
		hostIDs:   map[string]int64{},
	}
	for _, s := range ref.Skills() {
		g.skillName[s.Code] = s.NameJA
	}
	steps := []func() error{
		g.municipalities,
		g.organizations,
		g.programs,
		g.projects,
		g.talents,
		g.entries,
		g.check,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return g.ds, nil
}

// municipalities adds Ota City (ID 1) and Tsubame City (ID 2).
func (g *generator) municipalities() error {
	for _, m := range []struct {
		lgcode, slug, nameEN, color string
	}{
		{OtaLGCode, "ota", "Ota City", "#00796b"},
		{TsubameLGCode, "tsubame", "Tsubame City", "#a0522d"},
	} {
		rm, ok := g.ref.Municipality(m.lgcode)
		if !ok {
			return fmt.Errorf("demo: municipality %s is not in the reference data", m.lgcode)
		}
		g.ds.Municipalities = append(g.ds.Municipalities, domain.Municipality{
			ID:          int64(len(g.ds.Municipalities) + 1),
			LGCode:      rm.LGCode,
			Slug:        m.slug,
			Name:        rm.Name,
			NameEN:      m.nameEN,
			PrefCode:    rm.PrefCode,
			AccentColor: m.color,
		})
	}
	return nil
}

// IDs of the demo municipalities, in the order municipalities adds them.
const (
	otaID     int64 = 1
	tsubameID int64 = 2
)

// addOrg appends an organization, gives it the next ID and remembers it under
// key for project templates.
func (g *generator) addOrg(key string, o domain.Organization) int64 {
	o.ID = int64(len(g.ds.Organizations) + 1)
	g.ds.Organizations = append(g.ds.Organizations, o)
	g.hostIDs[key] = o.ID
	return o.ID
}

// date returns midnight JST of a calendar day, stored in UTC.
func (g *generator) date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, g.jst).UTC()
}

// midnightJST returns midnight JST of the day t falls on in Japan, in UTC.
func (g *generator) midnightJST(t time.Time) time.Time {
	j := t.In(g.jst)
	return g.date(j.Year(), j.Month(), j.Day())
}

// between returns a time in [from, to), truncated to the second.
func (g *generator) between(from, to time.Time) time.Time {
	span := to.Sub(from)
	if span <= time.Second {
		return from
	}
	return from.Add(time.Duration(g.rng.Int64N(int64(span/time.Second))) * time.Second)
}

// pick returns an index drawn with probability proportional to weights. It
// returns -1 when every weight is zero.
func (g *generator) pick(weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	if total <= 0 {
		return -1
	}
	x := g.rng.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	for i := len(weights) - 1; i >= 0; i-- { // rounding: last positive weight
		if weights[i] > 0 {
			return i
		}
	}
	return -1
}

// pickN draws up to n distinct indexes with probability proportional to
// weights, without replacement, in the order drawn.
func (g *generator) pickN(weights []float64, n int) []int {
	w := append([]float64(nil), weights...)
	var out []int
	for len(out) < n {
		i := g.pick(w)
		if i < 0 {
			break
		}
		out = append(out, i)
		w[i] = 0
	}
	return out
}

// check validates every row and the references between rows, so that a
// broken template fails Generate rather than the loader.
func (g *generator) check() error {
	ds := g.ds
	for i := range ds.Municipalities {
		if err := ds.Municipalities[i].Validate(); err != nil {
			return fmt.Errorf("demo: municipality %s: %w", ds.Municipalities[i].Slug, err)
		}
	}
	for i := range ds.Organizations {
		o := &ds.Organizations[i]
		if err := o.Validate(); err != nil {
			return fmt.Errorf("demo: organization %s: %w", o.Name, err)
		}
		if o.Kind == domain.OrgBusiness {
			if c, ok := g.ref.JSIC(o.JSICMiddle); !ok || c.Major != o.JSICMajor {
				return fmt.Errorf("demo: organization %s: unknown JSIC %s/%s", o.Name, o.JSICMajor, o.JSICMiddle)
			}
		}
	}
	for i := range ds.Programs {
		if err := ds.Programs[i].Validate(); err != nil {
			return fmt.Errorf("demo: program %s: %w", ds.Programs[i].Slug, err)
		}
	}
	for i := range ds.Projects {
		p := &ds.Projects[i]
		if err := p.Validate(); err != nil {
			return fmt.Errorf("demo: project %q: %w", p.Title, err)
		}
		for _, code := range append(append([]string(nil), p.RequiredSkills...), p.PreferredSkills...) {
			if _, ok := g.skillName[code]; !ok {
				return fmt.Errorf("demo: project %q: unknown skill %q", p.Title, code)
			}
		}
	}
	for i := range ds.Talents {
		t := &ds.Talents[i]
		if err := t.Validate(); err != nil {
			return fmt.Errorf("demo: talent %s: %w", t.Name, err)
		}
		for _, a := range t.Affinities {
			if _, ok := g.ref.Municipality(a.LGCode); !ok {
				return fmt.Errorf("demo: talent %s: unknown municipality %s", t.Name, a.LGCode)
			}
		}
	}
	for i := range ds.Entries {
		if err := ds.Entries[i].Validate(); err != nil {
			return fmt.Errorf("demo: entry %d: %w", ds.Entries[i].ID, err)
		}
	}
	return nil
}
