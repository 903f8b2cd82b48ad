package store

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// replicaSafeReads are the repository methods whose reads a visitor may be
// answered from the read replica (docs/scaling.md §2): the public
// catalogue, the stories and events, the figures and the dashboards. A
// method is added here on purpose, after checking that no workflow reads
// it to decide a write outside a transaction for a visitor.
var replicaSafeReads = []string{
	"Community.Events",
	"Community.Stories",
	"Community.StoryOf",
	"Directory.Municipalities",
	"Directory.MunicipalitiesByID",
	"Directory.MunicipalityByID",
	"Directory.MunicipalityByLGCode",
	"Directory.OrganizationsByID",
	"Directory.ProgramBySlug",
	"Directory.Programs",
	"Directory.ProgramsByID",
	"Insights.Dashboard",
	"Insights.HubStats",
	"Insights.MobilityFlows",
	"Insights.ProgramStats",
	"Insights.StatsOfPrograms",
	"Projects.ListProjects",
	"Projects.MunicipalitiesWithOpenProjects",
	"Projects.OpenProjectsByMunicipality",
	"Projects.Project",
	"Projects.ProjectFacets",
}

// TestReplicaSafeReadsAreListed finds in the source the methods that call
// replicaSafe, so the routing stays the explicit list above.
func TestReplicaSafeReadsAreListed(t *testing.T) {
	dir, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var got []string
	for _, e := range dir {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Body == nil {
				continue
			}
			calls := false
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "replicaSafe" {
					calls = true
				}
				return !calls
			})
			if calls {
				recv := fn.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				got = append(got, fmt.Sprintf("%s.%s", recv.(*ast.Ident).Name, fn.Name.Name))
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, replicaSafeReads) {
		t.Errorf("methods reading from the replica:\n got %v\nwant %v", got, replicaSafeReads)
	}
}

func TestReadReplicaNeedsPostgres(t *testing.T) {
	_, err := Open(context.Background(), "", t.TempDir(), ReadReplica("postgres://postgres@127.0.0.1:5433/x"))
	if err == nil || !strings.Contains(err.Error(), "PostgreSQL") {
		t.Errorf("SQLite with a read replica: %v", err)
	}
}

func TestUnreachableReplica(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{errors.New("dial tcp 127.0.0.1:5433: connect: connection refused"), true},
		{&pgconn.PgError{Code: "57P01"}, true}, // the standby is shutting down
		{&pgconn.PgError{Code: "57P03"}, true}, // it is starting up
		{fmt.Errorf("query: %w", &pgconn.PgError{Code: "53300"}), true},
		{&pgconn.PgError{Code: "08006"}, true},
		{&pgconn.PgError{Code: "40001"}, false}, // a conflict with recovery: this query only
		{&pgconn.PgError{Code: "42P01"}, false}, // a table a lagging replica lacks
	} {
		if got := unreachable(c.err); got != c.want {
			t.Errorf("unreachable(%v) = %v", c.err, got)
		}
	}
	r := &replica{backoff: time.Minute}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r.failed(ctx, errors.New("context canceled")) || !r.up() || r.fallbacks.Load() != 0 {
		t.Error("a request that went away counts against the replica")
	}
	if !r.failed(context.Background(), &pgconn.PgError{Code: "40001"}) || !r.up() {
		t.Error("a conflict with recovery is not retried on the primary, or stops the replica")
	}
	if !r.failed(context.Background(), &pgconn.PgError{Code: "57P01"}) || r.up() {
		t.Error("a replica shutting down is still tried")
	}
}

// TestReplicaOutOfReach gives the store a replica nobody listens on: Open
// succeeds, visitors' reads come from the primary, the replica is tried
// again only after its back-off, and fails over again.
func TestReplicaOutOfReach(t *testing.T) {
	pg := storetest.PostgresURL(t)
	ctx := context.Background()
	if _, err := Open(ctx, pg, "", ReadReplica("sqlite:/tmp/x.db")); err == nil {
		t.Error("a replica that is not PostgreSQL was accepted")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	mustNil(t, err)
	addr := ln.Addr().String()
	ln.Close()
	plain, err := Open(ctx, pg, "")
	mustNil(t, err)
	t.Cleanup(func() { plain.Close() })
	_, err = plain.Migrate(ctx)
	mustNil(t, err)
	f := newFixture(t, plain)
	s, err := Open(ctx, pg, "", ReadReplica("postgres://postgres@"+addr+"/postgres?sslmode=disable"),
		ReplicaBackoff(500*time.Millisecond))
	mustNil(t, err)
	t.Cleanup(func() { s.Close() })
	if st := s.ReplicaStats(); !st.Configured || st.Up || st.Fallbacks != 1 || st.Reads != 0 {
		t.Fatalf("after Open: %+v", st)
	}
	visitor := WithReplicaReads(ctx, true)
	p, err := s.Projects().Project(visitor, f.web.ID)
	if err != nil || p.Title != f.web.Title {
		t.Fatalf("while backing off: %v %+v", err, p)
	}
	if st := s.ReplicaStats(); st.Fallbacks != 1 {
		t.Errorf("the replica was tried while backing off: %+v", st)
	}
	for deadline := time.Now().Add(5 * time.Second); !s.ReplicaStats().Up; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the back-off does not end")
		}
	}
	page, err := s.Projects().ListProjects(visitor, ProjectFilter{})
	if err != nil || page.Total != 2 {
		t.Fatalf("after the back-off: %v %+v", err, page)
	}
	if st := s.ReplicaStats(); st.Up || st.Fallbacks != 2 || st.Reads != 0 {
		t.Errorf("after trying again: %+v", st)
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("the health check fails with the replica: %v", err)
	}
}

// TestReadReplicaServesVisitors runs on a real standby: with its replay
// paused, a visitor's replica-safe reads show the data as it was, while
// the same reads for a signed-in person (no replica reads in the context)
// and inside a transaction show the primary's.
func TestReadReplicaServesVisitors(t *testing.T) {
	pg := storetest.PostgresURL(t)
	rep := storetest.ReplicaURL(t, pg)
	ctx := context.Background()
	s, err := Open(ctx, pg, "", ReadReplica(rep))
	mustNil(t, err)
	t.Cleanup(func() { s.Close() })
	_, err = s.Migrate(ctx)
	mustNil(t, err)
	f := newFixture(t, s)
	storetest.HoldStandby(t, pg, rep)
	storetest.CatchUp(t, pg, rep)

	// The replica's pool reaches a standby, not the primary.
	var recovering bool
	var port, primaryPort int
	mustNil(t, s.replica.db.QueryRowContext(ctx, `SELECT pg_is_in_recovery(), inet_server_port()`).Scan(&recovering, &port))
	mustNil(t, s.write.QueryRowContext(ctx, `SELECT inet_server_port()`).Scan(&primaryPort))
	if !recovering || port == primaryPort {
		t.Fatalf("the replica pool reaches port %d (in recovery: %v), the primary is on %d", port, recovering, primaryPort)
	}

	visitor := WithReplicaReads(ctx, true)
	signedIn := WithReplicaReads(ctx, false)
	before := s.ReplicaStats()
	if p, err := s.Projects().Project(visitor, f.web.ID); err != nil || p.Title != f.web.Title {
		t.Fatalf("visitor's read: %v %+v", err, p)
	}
	if st := s.ReplicaStats(); st.Reads <= before.Reads || st.Fallbacks != before.Fallbacks || !st.Up {
		t.Fatalf("the visitor's read did not come from the replica: %+v then %+v", before, st)
	}

	resume := storetest.PauseReplay(t, rep)
	mustNil(t, s.Projects().SetProjectStatus(signedIn, f.cafe.ID, domain.ProjectPublished))
	before = s.ReplicaStats()
	p, err := s.Projects().Project(visitor, f.cafe.ID)
	mustNil(t, err)
	if p.Status != domain.ProjectDraft {
		t.Errorf("a visitor reads %q from the paused standby, want the draft it still has", p.Status)
	}
	page, err := s.Projects().ListProjects(visitor, ProjectFilter{})
	mustNil(t, err)
	if page.Total != 2 {
		t.Errorf("a visitor lists %d projects from the paused standby, want 2", page.Total)
	}
	if st := s.ReplicaStats(); st.Reads <= before.Reads || st.Fallbacks != before.Fallbacks {
		t.Errorf("the visitor's reads did not come from the replica: %+v then %+v", before, st)
	}

	before = s.ReplicaStats()
	if p, err := s.Projects().Project(signedIn, f.cafe.ID); err != nil || p.Status != domain.ProjectPublished {
		t.Errorf("a signed-in person does not read their write: %v %q", err, p.Status)
	}
	if p, err := s.Projects().Project(ctx, f.cafe.ID); err != nil || p.Status != domain.ProjectPublished {
		t.Errorf("without a principal the read is not the primary's: %v %q", err, p.Status)
	}
	mustNil(t, s.InTx(visitor, func(tx *Store) error {
		p, err := tx.Projects().Project(visitor, f.cafe.ID)
		if err == nil && p.Status != domain.ProjectPublished {
			t.Errorf("a transaction reads %q, not the primary's", p.Status)
		}
		return err
	}))
	if st := s.ReplicaStats(); st.Reads != before.Reads {
		t.Errorf("reads that must stay on the primary went to the replica: %+v then %+v", before, st)
	}

	// Once the standby has replayed the change, visitors see it too.
	resume()
	storetest.CatchUp(t, pg, rep)
	if p, err := s.Projects().Project(visitor, f.cafe.ID); err != nil || p.Status != domain.ProjectPublished {
		t.Errorf("a visitor after the standby caught up: %v %q", err, p.Status)
	}
}
