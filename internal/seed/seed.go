// Package seed loads generated datasets into the store: the Ota demo for a
// fresh install, and larger synthetic volumes for benchmarks.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Counts says how many rows of each kind were loaded.
type Counts struct {
	Municipalities, Organizations, Programs, Projects, Talents, Entries int
	// Agreements and Engagements are the demo's terms after 内定 and its
	// teams' workspaces.
	Agreements, Engagements int
}

func (c Counts) String() string {
	s := fmt.Sprintf("%d municipalities, %d organizations, %d programs, %d projects, %d talents, %d entries",
		c.Municipalities, c.Organizations, c.Programs, c.Projects, c.Talents, c.Entries)
	if c.Agreements > 0 || c.Engagements > 0 {
		s += fmt.Sprintf(", %d agreements, %d engagements", c.Agreements, c.Engagements)
	}
	return s
}

// Progress is told how many rows are loaded of how many.
type Progress func(done, total int)

// Demo generates the Ota demo from seed, with the 2021 program's
// agreements and teams' work, and loads it in one transaction, so a
// failure leaves the database as it was. It refuses to load into a
// database that already has a municipality. Every record is dated when it
// happened in the demo's story, none after now; the 2021 program's story
// runs to March 2022, so an earlier now is refused.
func Demo(ctx context.Context, st *store.Store, ref *refdata.Data, seed uint64, now time.Time) (Counts, error) {
	ds, err := demo.Generate(ref, seed, now)
	if err != nil {
		return Counts{}, fmt.Errorf("generate demo: %w", err)
	}
	plan, err := demo.PlanAftermath(ds, seed)
	if err != nil {
		return Counts{}, fmt.Errorf("plan the demo's teams: %w", err)
	}
	hash, err := auth.HashPassword(DemoPassword, auth.DefaultParams())
	if err != nil {
		return Counts{}, err
	}
	s := newStory(ds, plan, now)
	var c Counts
	err = st.InTx(ctx, func(tx *store.Store) error {
		empty, err := tx.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return fmt.Errorf("the database already has data; the demo loads only into an empty one")
		}
		// Every row the store stamps is dated when it happened in the story.
		tx = tx.WithClock(s.Now)
		var m ids
		if c, m, err = loadMapped(ctx, tx, ds, nil, s); err != nil {
			return err
		}
		alumnus := demoAlumnus(ds, plan, demoTalent(ds, plan))
		users, err := demoAccounts(ctx, tx, ds, plan, m, hash, s, alumnus)
		if err != nil {
			return err
		}
		act := demoActors(ds, plan, users)
		act.talents[alumnus] = users[AlumnusEmail]
		c.Agreements, c.Engagements, err = aftermath(ctx, tx, ds, plan, m, act, s)
		if err != nil {
			return err
		}
		if err := demoLeader(ctx, tx, ds, plan, m, users, s); err != nil {
			return err
		}
		if err := community(ctx, tx, ds.Municipalities[0].LGCode, s); err != nil {
			return err
		}
		if err := alumniConsents(ctx, tx, ds, plan, m, ds.Municipalities[1],
			users["tsubame-staff@demo.tsunagu.example"], s); err != nil {
			return err
		}
		return s.late
	})
	return c, err
}

// Scale loads the demo grown to the given numbers of projects and talents,
// for load tests, reporting progress as it goes.
func Scale(ctx context.Context, st *store.Store, ref *refdata.Data, seed uint64, now time.Time,
	projects, talents int, progress Progress) (Counts, error) {
	ds, err := demo.Scale(ref, seed, now, projects, talents)
	if err != nil {
		return Counts{}, fmt.Errorf("generate: %w", err)
	}
	c, err := Dataset(ctx, st, ds, progress)
	if err != nil {
		return c, err
	}
	// Statistics for the planner: a freshly loaded database has none, and
	// PostgreSQL's first searches ran ten times slower until autovacuum
	// caught up.
	return c, st.Analyze(ctx)
}

// Dataset loads a generated dataset into an empty database in one
// transaction.
func Dataset(ctx context.Context, st *store.Store, ds *demo.Dataset, progress Progress) (Counts, error) {
	var c Counts
	err := st.InTx(ctx, func(tx *store.Store) error {
		empty, err := tx.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return fmt.Errorf("the database already has data; the demo loads only into an empty one")
		}
		c, err = load(ctx, tx, ds, progress)
		return err
	})
	return c, err
}

// load inserts the dataset, remapping its provisional IDs to the ones the
// database assigns. The rows are stamped with the store's clock.
func load(ctx context.Context, tx *store.Store, ds *demo.Dataset, progress Progress) (Counts, error) {
	c, _, err := loadMapped(ctx, tx, ds, progress, nil)
	return c, err
}

// ids maps a dataset's provisional ids to the database's.
type ids struct{ muni, org, prog, proj, tal, ent map[int64]int64 }

// loadMapped inserts the dataset and returns the ID maps; with a story
// (the store reading its clock) each record is dated when it was made.
func loadMapped(ctx context.Context, tx *store.Store, ds *demo.Dataset, progress Progress, s *story) (Counts, ids, error) {
	var c Counts
	total := len(ds.Municipalities) + len(ds.Organizations) + len(ds.Programs) + len(ds.Projects) +
		len(ds.Talents) + len(ds.Entries)
	done := 0
	step := max(total/100, 1)
	tick := func() {
		done++
		if progress != nil && (done%step == 0 || done == total) {
			progress(done, total)
		}
	}
	muni, org, prog, proj, tal := map[int64]int64{}, map[int64]int64{}, map[int64]int64{}, map[int64]int64{}, map[int64]int64{}
	for _, m := range ds.Municipalities {
		old := m.ID
		s.madeAt(municipalityKind, old)
		if err := tx.Directory().CreateMunicipality(ctx, &m); err != nil {
			return c, ids{}, fmt.Errorf("municipality %s: %w", m.LGCode, err)
		}
		muni[old] = m.ID
		c.Municipalities++
		tick()
	}
	for _, o := range ds.Organizations {
		old := o.ID
		o.MunicipalityID = muni[o.MunicipalityID]
		s.madeAt(organizationKind, old)
		if err := tx.Directory().CreateOrganization(ctx, &o); err != nil {
			return c, ids{}, fmt.Errorf("organization %s: %w", o.Name, err)
		}
		org[old] = o.ID
		c.Organizations++
		tick()
	}
	for _, p := range ds.Programs {
		old := p.ID
		p.MunicipalityID = muni[p.MunicipalityID]
		p.HostIDs = remap(org, p.HostIDs)
		s.madeAt(programKind, old)
		if err := tx.Directory().CreateProgram(ctx, &p); err != nil {
			return c, ids{}, fmt.Errorf("program %s: %w", p.Slug, err)
		}
		prog[old] = p.ID
		c.Programs++
		tick()
	}
	for _, p := range ds.Projects {
		old := p.ID
		p.MunicipalityID, p.ProgramID, p.HostID = muni[p.MunicipalityID], prog[p.ProgramID], org[p.HostID]
		s.madeAt(projectKind, old)
		if err := tx.Projects().CreateProject(ctx, &p); err != nil {
			return c, ids{}, fmt.Errorf("project %s: %w", p.Title, err)
		}
		proj[old] = p.ID
		c.Projects++
		tick()
	}
	for _, t := range ds.Talents {
		old := t.ID
		s.madeAt(talentKind, old)
		if err := tx.Talents().CreateTalent(ctx, &t); err != nil {
			return c, ids{}, fmt.Errorf("talent %s: %w", t.Name, err)
		}
		tal[old] = t.ID
		c.Talents++
		tick()
	}
	ent := map[int64]int64{}
	for _, e := range ds.Entries {
		old := e.ID
		e.MunicipalityID, e.ProgramID, e.TalentID = muni[e.MunicipalityID], prog[e.ProgramID], tal[e.TalentID]
		e.Choices = remap(proj, e.Choices)
		s.madeAt(entryKind, old)
		if err := tx.Entries().CreateEntry(ctx, &e); err != nil {
			return c, ids{}, fmt.Errorf("entry of talent %d: %w", e.TalentID, err)
		}
		ent[old] = e.ID
		c.Entries++
		tick()
	}
	return c, ids{muni: muni, org: org, prog: prog, proj: proj, tal: tal, ent: ent}, nil
}

func remap(ids map[int64]int64, in []int64) []int64 {
	out := make([]int64, len(in))
	for i, id := range in {
		out[i] = ids[id]
	}
	return out
}
