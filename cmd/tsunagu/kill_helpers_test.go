package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// killServeEnv, when set in the environment of this test binary, makes
// TestKillHelperProcess run `tsunagu serve` with the JSON-encoded arguments
// in killArgsEnv instead of testing: the kill test re-executes its own
// binary to get a real server process it can SIGKILL.
const (
	killServeEnv = "TSUNAGU_KILL_TEST_SERVE"
	killArgsEnv  = "TSUNAGU_KILL_TEST_ARGS"
)

// TestKillHelperProcess is not a test: it is the server process of
// TestKillDuringEntrySubmissions, and skips unless that test started it.
func TestKillHelperProcess(t *testing.T) {
	if os.Getenv(killServeEnv) != "1" {
		t.Skip("the server process of TestKillDuringEntrySubmissions")
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(killArgsEnv)), &args); err != nil {
		fmt.Fprintln(os.Stderr, "tsunagu (kill test server): bad arguments:", err)
		os.Exit(2)
	}
	// The parent holds our stdin open; when it goes away, so do we, so a
	// crashed test run leaves no server behind.
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(3)
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// Settings come from the arguments only, not from a developer's TSUNAGU_* variables.
	getenv := func(k string) string {
		if k == "GOMEMLIMIT" {
			return os.Getenv(k)
		}
		return ""
	}
	err := run(ctx, append([]string{"tsunagu"}, args...), getenv, strings.NewReader(""), os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tsunagu:", err)
		os.Exit(exitCode(err))
	}
	os.Exit(0)
}

// serverProcess is `tsunagu serve` running in its own OS process.
type serverProcess struct {
	cmd    *exec.Cmd
	url    string
	stdin  io.WriteCloser
	stderr *syncBuffer
	exited chan struct{} // closed once Wait has returned
	err    error         // Wait's result, set before exited closes
}

// startServerProcess starts `tsunagu serve --addr 127.0.0.1:0 ARGS…` as a
// child process and waits until it says where it serves. The process is
// killed when the test ends, if it still runs.
func startServerProcess(t *testing.T, args ...string) *serverProcess {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	argv, err := json.Marshal(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestKillHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), killServeEnv+"=1", killArgsEnv+"="+string(argv))
	p := &serverProcess{cmd: cmd, stderr: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = outW
	if err := cmd.Start(); err != nil {
		outR.Close()
		outW.Close()
		t.Fatal(err)
	}
	outW.Close()
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		p.kill()
		p.stdin.Close()
	})
	urls := make(chan string, 1)
	go func() {
		defer outR.Close()
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			if _, after, ok := strings.Cut(sc.Text(), "serving at "); ok {
				select {
				case urls <- strings.TrimSpace(after):
				default:
				}
			}
		}
	}()
	select {
	case p.url = <-urls:
		return p
	case <-p.exited:
		t.Fatalf("server process ended before listening (%v):\n%s", p.err, p.stderr.tail(4000))
	case <-time.After(time.Minute):
		t.Fatalf("server process did not listen within a minute:\n%s", p.stderr.tail(4000))
	}
	return nil
}

// kill sends SIGKILL (unless the process has already ended) and waits for
// the process to be gone. It is safe to call more than once.
func (p *serverProcess) kill() {
	select {
	case <-p.exited:
		return
	default:
	}
	_ = p.cmd.Process.Kill()
	<-p.exited
}

// syncBuffer collects a child's stderr for failure messages.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// tail is the last n bytes written.
func (b *syncBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}

// titleIndexer indexes a project by its title alone, so seeding the demo
// needs no Japanese dictionary, and the server finds nothing left to index.
type titleIndexer struct{}

func (titleIndexer) ProjectTerms(_ context.Context, p domain.Project, _ domain.Organization) (string, error) {
	return p.Title, nil
}

// killTalent is one of the test's entrants: an account with a talent
// profile and a personal API token.
type killTalent struct {
	userID, talentID int64
	email, token     string
}

// seedForKill migrates the database, loads the Ota demo and adds n
// entrants, without password hashing (which is slow and not needed for
// API tokens). It returns the open program and its published projects.
func seedForKill(ctx context.Context, t *testing.T, st *store.Store, n int) (domain.Program, []int64, []killTalent) {
	t.Helper()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Demo(ctx, st.WithIndexer(titleIndexer{}), ref, demo.DefaultSeed, time.Now()); err != nil {
		t.Fatal(err)
	}
	prog, err := st.Directory().ProgramBySlug(ctx, programSlug())
	if err != nil {
		t.Fatal(err)
	}
	if prog.Phase(time.Now()) != domain.PhaseOpen {
		t.Fatalf("demo program %s is not open", prog.Slug)
	}
	page, err := st.Projects().ListProjects(ctx, store.ProjectFilter{ProgramID: prog.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		t.Fatal(err)
	}
	var projects []int64
	for _, p := range page.Projects {
		projects = append(projects, p.ID)
	}
	if len(projects) < 3 {
		t.Fatalf("the open program has %d published projects, want at least 3", len(projects))
	}
	talents := make([]killTalent, n)
	err = st.InTx(ctx, func(tx *store.Store) error {
		for i := range talents {
			u := domain.User{Email: fmt.Sprintf("kill-%04d@example.jp", i), Name: fmt.Sprintf("試験 %04d", i)}
			if err := tx.Accounts().CreateUser(ctx, &u); err != nil {
				return err
			}
			tal := domain.Talent{UserID: u.ID, Name: u.Name, NameKana: "シケン", HoursPerMonth: 10,
				ResidenceCountry: "JP", TimeZone: "Asia/Tokyo"}
			if err := tx.Talents().SaveTalent(ctx, &tal); err != nil {
				return err
			}
			plain, hash, err := auth.NewAPIToken()
			if err != nil {
				return err
			}
			if err := tx.Accounts().CreateToken(ctx, u.ID, domain.TokenAPI, hash, time.Now().AddDate(0, 0, 1), "kill test"); err != nil {
				return err
			}
			talents[i] = killTalent{userID: u.ID, talentID: tal.ID, email: u.Email, token: plain}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return prog, projects, talents
}
