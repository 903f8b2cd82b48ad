// Command benchpages times every page type of a running `tsunagu serve`
// over the national dataset (tsunagu seed --national), uncached: each
// request asks for a URL not asked before (other ids, lgcodes, pages, or
// a harmless extra parameter), so the page cache never answers. It
// requests one page at a time, signs in as the dataset's staff and
// alumnus where a page needs it, and prints a markdown table of p50, p99
// and max per page type, then the server's peak resident memory (VmHWM).
// scripts/bench-national.sh seeds the database and runs it.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchpages:", err)
		os.Exit(1)
	}
}

// target is the p99 every page type should meet.
const target = 100 * time.Millisecond

type options struct {
	bin, db, data, addr string
	n                   int
	only                string
	budget              time.Duration
}

func run(ctx context.Context, args []string, out, errOut io.Writer) error {
	var o options
	fs := flag.NewFlagSet("benchpages", flag.ContinueOnError)
	fs.StringVar(&o.bin, "tsunagu", "tsunagu", "the tsunagu binary to serve with")
	fs.StringVar(&o.db, "db", "", "the PostgreSQL URL of the national database")
	fs.StringVar(&o.data, "data", "", "the data directory for serve (keys)")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:18095", "where serve listens")
	fs.IntVar(&o.n, "n", 200, "requests per page type")
	fs.StringVar(&o.only, "only", "", "comma-separated page types to measure (default all)")
	fs.DurationVar(&o.budget, "budget", 90*time.Second, "stop a page type after this long, with fewer requests")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.db == "" || o.data == "" {
		return errors.New("--db and --data are required")
	}
	ids, err := readIDs(ctx, o.db)
	if err != nil {
		return err
	}
	// On PostgreSQL serve needs a key file for the issuers' signing keys.
	keyFile := o.data + "/bench.key"
	if _, err := os.Stat(keyFile); errors.Is(err, os.ErrNotExist) {
		if b, err := exec.CommandContext(ctx, o.bin, "keys", "new", "--key-file", keyFile).CombinedOutput(); err != nil {
			return fmt.Errorf("make a key file: %v: %s", err, b)
		}
	}
	cmd := exec.CommandContext(ctx, o.bin, "serve", "--db", o.db, "--data", o.data, "--addr", o.addr,
		"--key-file", keyFile)
	logf, err := os.Create(o.data + "/serve.log")
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd.Stdout, cmd.Stderr = logf, logf
	started := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
		}
	}()
	base := "http://" + o.addr
	if err := waitReady(base, 15*time.Minute, exited); err != nil {
		return fmt.Errorf("serve did not start (see %s/serve.log): %w", o.data, err)
	}
	fmt.Fprintf(errOut, "serve ready after %s (pid %d)\n", time.Since(started).Round(time.Second), cmd.Process.Pid)
	staff, err := signIn(base, seed.NationalOtaStaffEmail)
	if err != nil {
		return err
	}
	poolStaff, err := signIn(base, seed.NationalTsubameStaffEmail)
	if err != nil {
		return err
	}
	alumnus, err := signIn(base, seed.NationalAlumnusEmail)
	if err != nil {
		return err
	}
	anon := &http.Client{CheckRedirect: noRedirect, Timeout: time.Minute}
	kinds := pageKinds(ids)
	var rows []row
	for _, k := range kinds {
		if o.only != "" && !slices.Contains(strings.Split(o.only, ","), k.name) {
			continue
		}
		c := anon
		switch k.as {
		case "staff":
			c = staff
		case "pool":
			c = poolStaff
		case "alumnus":
			c = alumnus
		}
		r := measure(c, base, k, o.n, o.budget)
		fmt.Fprintf(errOut, "%-26s p50 %6.1f  p99 %7.1f  max %7.1f ms  errors %d %s\n", k.name, ms(r.p50), ms(r.p99),
			ms(r.max), r.errors, r.firstError)
		rows = append(rows, r)
	}
	fmt.Fprintf(out, "\n| page type | requests | p50 ms | p99 ms | max ms | errors |\n|---|---:|---:|---:|---:|---:|\n")
	var miss []string
	for _, r := range rows {
		fmt.Fprintf(out, "| %s | %d | %.1f | %.1f | %.1f | %d |\n", r.name, r.requests, ms(r.p50), ms(r.p99), ms(r.max),
			r.errors)
		if r.p99 > target {
			miss = append(miss, r.name)
		}
	}
	fmt.Fprintf(out, "\nserver VmHWM: %s\n", vmHWM(cmd.Process.Pid))
	if len(miss) > 0 {
		fmt.Fprintf(out, "p99 over %s: %s\n", target, strings.Join(miss, ", "))
	} else {
		fmt.Fprintf(out, "every page type has p99 within %s\n", target)
	}
	for _, r := range rows {
		if r.firstError != "" {
			fmt.Fprintf(out, "first error of %s: %s\n", r.name, r.firstError)
		}
	}
	return nil
}

// ids are what the URLs vary over.
type ids struct {
	lgcodes    []string // every municipality
	withProg   []string // municipalities running a program
	programs   []string // slugs
	projects   []int64
	boardSlug  string
	prefCodes  []string
	skillCodes []string
	categories []string // skill categories, which the API's skill filter takes
}

func readIDs(ctx context.Context, dsn string) (ids, error) {
	var x ids
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return x, err
	}
	defer db.Close()
	strs := func(q string, args ...any) ([]string, error) {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, rows.Err()
	}
	if x.lgcodes, err = strs(`SELECT lgcode FROM municipalities ORDER BY id`); err != nil {
		return x, err
	}
	if x.withProg, err = strs(`SELECT DISTINCT m.lgcode FROM municipalities m JOIN programs p ON p.municipality_id = m.id
		ORDER BY m.lgcode`); err != nil {
		return x, err
	}
	if x.programs, err = strs(`SELECT slug FROM programs ORDER BY id`); err != nil {
		return x, err
	}
	projects, err := strs(`SELECT CAST(id AS TEXT) FROM projects ORDER BY id`)
	if err != nil {
		return x, err
	}
	for _, p := range projects {
		id, _ := strconv.ParseInt(p, 10, 64)
		x.projects = append(x.projects, id)
	}
	board, err := strs(`SELECT p.slug FROM programs p JOIN municipalities m ON m.id = p.municipality_id
		WHERE m.lgcode = $1 ORDER BY p.id LIMIT 1`, demo.OtaLGCode)
	if err != nil {
		return x, err
	}
	if len(board) == 0 || len(x.lgcodes) == 0 || len(x.projects) == 0 {
		return x, errors.New("the database has no national dataset (tsunagu seed --national)")
	}
	x.boardSlug = board[0]
	if x.skillCodes, err = strs(`SELECT DISTINCT skill_code FROM project_skills ORDER BY skill_code`); err != nil {
		return x, err
	}
	ref, err := refdata.Load()
	if err != nil {
		return x, err
	}
	for _, c := range ref.SkillCategories() {
		x.categories = append(x.categories, c.Code)
	}
	for p := 1; p <= 47; p++ {
		x.prefCodes = append(x.prefCodes, fmt.Sprintf("%02d", p))
	}
	return x, nil
}

// kind is a page type: how to make its i-th URL, and who asks.
type kind struct {
	name string
	as   string // "", "staff" (of the board's municipality), "pool" (staff of the pool's), "alumnus"
	url  func(i int) string
}

func pageKinds(x ids) []kind {
	pick := func(s []string, i int) string { return s[(i*7919)%len(s)] }
	langs := []string{"ja", "en"}
	styles := []string{"", "remote", "hybrid", "onsite"}
	return []kind{
		{name: "home", url: func(i int) string { return fmt.Sprintf("/?lang=%s&b=%d", langs[i%2], i) }},
		{name: "hometown", url: func(i int) string {
			return "/hometown?municipality=" + pick(x.lgcodes, i) + "&b=" + strconv.Itoa(i)
		}},
		{name: "program", url: func(i int) string { return "/programs/" + pick(x.programs, i) + "?b=" + strconv.Itoa(i) }},
		{name: "project", url: func(i int) string {
			return "/projects/" + strconv.FormatInt(x.projects[(i*7919)%len(x.projects)], 10) + "?b=" + strconv.Itoa(i)
		}},
		{name: "municipality", url: func(i int) string {
			return "/municipalities/" + pick(x.withProg, i) + "?b=" + strconv.Itoa(i)
		}},
		{name: "screening board (440)", as: "staff", url: func(i int) string {
			return "/admin/" + demo.OtaLGCode + "/programs/" + x.boardSlug + "/entries?b=" + strconv.Itoa(i)
		}},
		{name: "dashboard", as: "staff", url: func(i int) string {
			return "/admin/" + demo.OtaLGCode + "/dashboard?b=" + strconv.Itoa(i)
		}},
		{name: "talent pool", as: "pool", url: func(i int) string {
			q := url.Values{"b": {strconv.Itoa(i)}}
			switch i % 4 {
			case 1:
				q.Set("prefecture", pick(x.prefCodes, i))
			case 2:
				q.Set("skill", pick(x.skillCodes, i))
			case 3:
				q.Set("tie", "born")
			}
			return "/admin/" + demo.TsubameLGCode + "/talents?" + q.Encode()
		}},
		{name: "/me (alumnus)", as: "alumnus", url: func(i int) string { return "/me?b=" + strconv.Itoa(i) }},
		{name: "/me/data (alumnus)", as: "alumnus", url: func(i int) string { return "/me/data?b=" + strconv.Itoa(i) }},
		{name: "api projects", url: func(i int) string {
			q := url.Values{"page": {strconv.Itoa(1 + i%20)}, "b": {strconv.Itoa(i)}}
			switch i % 4 {
			case 1:
				q.Set("sdg", strconv.Itoa(1+i%17))
			case 2:
				q.Set("skill", pick(x.categories, i))
			case 3:
				if s := styles[i%len(styles)]; s != "" {
					q.Set("style", s)
				}
				q.Set("municipality", pick(x.withProg, i))
			}
			return "/api/v1/projects?" + q.Encode()
		}},
		{name: "api municipality", url: func(i int) string {
			return "/api/v1/municipalities/" + pick(x.lgcodes, i) + "?b=" + strconv.Itoa(i)
		}},
	}
}

// row is one page type's timings.
type row struct {
	name          string
	requests      int
	p50, p99, max time.Duration
	errors        int
	firstError    string
}

// measure asks for n distinct URLs of a page type one after another, after
// two unmeasured requests that warm the connection and the templates; it
// stops early when the page type has taken the budget.
func measure(c *http.Client, base string, k kind, n int, budget time.Duration) row {
	r := row{name: k.name}
	for i := range 2 {
		_, _ = get(c, base+k.url(1_000_000+i))
	}
	var times []time.Duration
	began := time.Now()
	for i := 0; i < n && time.Since(began) < budget; i++ {
		start := time.Now()
		status, err := get(c, base+k.url(i))
		times = append(times, time.Since(start))
		if err == nil && status != http.StatusOK {
			err = fmt.Errorf("GET %s: status %d", k.url(i), status)
		}
		if err != nil {
			r.errors++
			if r.firstError == "" {
				r.firstError = err.Error()
			}
		}
	}
	r.requests = len(times)
	slices.Sort(times)
	at := func(q float64) time.Duration { return times[min(len(times)-1, int(q*float64(len(times))))] }
	r.p50, r.p99, r.max = at(0.50), at(0.99), times[len(times)-1]
	return r
}

// get reads a whole response and reports its status.
func get(c *http.Client, u string) (int, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// signIn returns a client signed in as the account, with DemoPassword.
func signIn(base, email string) (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	c := &http.Client{Jar: jar, CheckRedirect: noRedirect, Timeout: time.Minute}
	if _, err := get(c, base+"/login"); err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, base+"/login",
		strings.NewReader(url.Values{"email": {email}, "password": {seed.DemoPassword}}.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign in as %s: status %d", email, resp.StatusCode)
	}
	return c, nil
}

// waitReady polls /readyz until the server answers 200.
func waitReady(base string, limit time.Duration, exited <-chan struct{}) error {
	deadline := time.Now().Add(limit)
	for {
		select {
		case <-exited:
			return errors.New("serve exited")
		default:
		}
		status, err := get(http.DefaultClient, base+"/readyz")
		if err == nil && status == http.StatusOK {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("status %d", status)
			}
			return err
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// vmHWM is the peak resident memory of a process, from /proc.
func vmHWM(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "unknown"
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
