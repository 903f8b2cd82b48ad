package importer

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// eachEngine runs a test on SQLite and on PostgreSQL (which skips unless
// TSUNAGU_TEST_POSTGRES is set).
func eachEngine(t *testing.T, fn func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, "") })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.PostgresURL(t)) })
}

// titleIndexer indexes a project by its title, so seeding needs no
// Japanese dictionary.
type titleIndexer struct{}

func (titleIndexer) ProjectTerms(_ context.Context, p domain.Project, _ domain.Organization) (string, error) {
	return p.Title, nil
}

// world is the seeded Ota demo plus a fresh program, without entries, that
// offers copies of the 2021 program's projects.
type world struct {
	st       *store.Store
	ref      *refdata.Data
	prog     domain.Program
	projects []domain.Project // of prog, in the 2021 program's order
}

// formsSlug is the fresh program the tests import into.
const formsSlug = "ota-forms-2021"

func newWorld(t *testing.T, url string) world {
	t.Helper()
	ctx := context.Background()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	st = st.WithIndexer(titleIndexer{})
	if _, err := seed.Demo(ctx, st, ref, demo.DefaultSeed, time.Now()); err != nil {
		t.Fatal(err)
	}
	old, err := st.Directory().ProgramBySlug(ctx, demo.Ota2021Slug)
	if err != nil {
		t.Fatal(err)
	}
	oldProjects, err := programProjects(ctx, st, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(oldProjects) != 33 {
		t.Fatalf("the 2021 demo program has %d projects, want 33", len(oldProjects))
	}
	w := world{st: st, ref: ref, prog: domain.Program{
		MunicipalityID: old.MunicipalityID,
		Slug:           formsSlug,
		Title:          "大田区SDGs副業 2021（フォーム受付）",
		EntryOpensAt:   old.EntryOpensAt,
		EntryClosesAt:  old.EntryClosesAt,
		HostIDs:        old.HostIDs,
	}}
	if err := st.Directory().CreateProgram(ctx, &w.prog); err != nil {
		t.Fatal(err)
	}
	for _, p := range oldProjects {
		p.ID, p.ProgramID, p.Status = 0, w.prog.ID, domain.ProjectPublished
		if err := st.Projects().CreateProject(ctx, &p); err != nil {
			t.Fatal(err)
		}
		w.projects = append(w.projects, p)
	}
	return w
}

// count runs a COUNT query on the store's database.
func count(t *testing.T, st *store.Store, query string) int {
	t.Helper()
	db, closeDB, err := st.JobPool()
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB()
	var n int
	if err := db.QueryRowContext(context.Background(), query).Scan(&n); err != nil && err != sql.ErrNoRows {
		t.Fatal(err)
	}
	return n
}
