// Command benchweb measures the public project list under load. It serves
// the real handler over a seeded database, a handler that writes the same
// page bytes from memory, and a hello-world handler, each on its own
// loopback port in this one process, runs wrk against each for a bounded
// time, and prints requests per second, p99 latency and the ratios.
// scripts/bench-web.sh seeds the database and runs it.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/web"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchweb:", err)
		os.Exit(1)
	}
}

type result struct {
	name   string
	rps    float64
	p50    time.Duration
	p99    time.Duration
	status string
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("benchweb", flag.ContinueOnError)
	data := fs.String("data", "", "seeded data directory (tsunagu seed --scale …)")
	duration := fs.Duration("duration", 10*time.Second, "length of each wrk run")
	conns := fs.Int("connections", 64, "concurrent connections")
	db := fs.String("db", "", "database URL: postgres://… (default: the SQLite file in --data)")
	mix := fs.Bool("mix", false, "run the Zipf mix of distinct list, search and API URLs instead of single pages")
	mixN := fs.Int("urls", 2000, "distinct URLs in the mix")
	zipf := fs.Float64("zipf", 1.0, "exponent of the mix's Zipf distribution")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the mix's uncached renders (or of the rush) to this file")
	rush := fs.Int("rush", 0, "send this many entries through the entries API (the deadline rush) while visitors read public pages")
	window := fs.Duration("window", 50*time.Second, "the rush's entries arrive evenly over this long")
	readers := fs.Int("readers", 8, "visitors reading public pages during the rush")
	serverBin := fs.String("server", "", "send the mix or the rush to `tsunagu serve` run from this binary, whose memory is measured apart")
	metricsAddr := fs.String("metrics-addr", "", "with --server: its metrics and /debug/pprof/ listen here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *duration > 2*time.Minute {
		return fmt.Errorf("--duration is capped at 2m")
	}
	st, err := store.Open(ctx, *db, *data)
	if err != nil {
		return err
	}
	defer st.Close()
	ref, err := refdata.Load()
	if err != nil {
		return err
	}
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	lazy := search.NewLazy()
	st = st.WithIndexer(search.NewProjectIndexer(lazy, ref))
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	if n, err := st.Projects().IndexMissing(ctx, nil); err != nil {
		return err
	} else if n > 0 {
		fmt.Fprintf(out, "indexed %d projects for search\n", n)
	}
	mailTemplates, err := mail.LoadTemplates()
	if err != nil {
		return err
	}
	services := app.New(app.Config{Store: st, Catalog: cat, Mail: mailTemplates, Ref: ref, Search: lazy})
	srv, err := web.New(web.Config{App: services, Ref: ref, Catalog: cat, Search: lazy, Version: "bench"})
	if err != nil {
		return err
	}
	var proc *serverProcess
	if *serverBin != "" && (*mix || *rush > 0) {
		if proc, err = startServer(ctx, *serverBin, *data, *db, *metricsAddr); err != nil {
			return err
		}
		defer proc.stop()
	}
	if *mix || *rush > 0 {
		start := time.Now()
		rows, err := st.Projects().CatalogueRows(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "the list's in-memory model reads %d projects in %s\n", len(rows), round(time.Since(start)))
		dims := mixDims{}
		programs, err := st.Directory().Programs(ctx, 0)
		if err != nil {
			return err
		}
		for _, p := range programs {
			dims.programs = append(dims.programs, p.Slug)
		}
		for _, c := range ref.SkillCategories() {
			dims.skills = append(dims.skills, c.Code)
		}
		if *rush > 0 {
			return runRush(ctx, st, srv.Handler(), rushOptions{entries: *rush, window: *window, readers: *readers, dims: dims,
				profile: *profile, server: proc}, out)
		}
		return runMix(ctx, srv.Handler(), mixOptions{urls: *mixN, zipf: *zipf, seed: 2021, duration: *duration,
			conns: *conns, dims: dims, profile: *profile, server: proc}, out)
	}
	real, err := listen(srv.Handler())
	if err != nil {
		return err
	}
	pages := []string{"/projects?lang=ja", "/projects?lang=ja&q=" + url.QueryEscape("販路開拓")}
	var results []result
	for _, page := range pages {
		body, header, err := fetch(real + page)
		if err != nil {
			return err
		}
		same, err := listen(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for k, v := range header {
				w.Header()[k] = v
			}
			w.Write(body)
		}))
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "page %s: %d bytes\n", page, len(body))
		for _, target := range []struct{ name, url string }{
			{"tsunagu " + page, real + page},
			{"same bytes from memory", same + page},
		} {
			// A short unmeasured run first, so every handler is measured warm.
			if _, err := wrk(ctx, target.url, 2*time.Second, *conns); err != nil {
				return err
			}
			r, err := wrk(ctx, target.url, *duration, *conns)
			if err != nil {
				return err
			}
			r.name = target.name
			results = append(results, r)
		}
	}
	hello, err := listen(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello") }))
	if err != nil {
		return err
	}
	h, err := wrk(ctx, hello+"/", *duration, *conns)
	if err != nil {
		return err
	}
	h.name = "hello world"
	results = append(results, h)

	fmt.Fprintf(out, "\n%-46s %10s %10s\n", "handler", "req/s", "p99")
	for _, r := range results {
		fmt.Fprintf(out, "%-46s %10.0f %10s %s\n", r.name, r.rps, r.p99.Round(10*time.Microsecond), r.status)
	}
	fmt.Fprintln(out)
	for i := 0; i+1 < len(results)-1; i += 2 {
		fmt.Fprintf(out, "%s: %.0f%% of same bytes, %.0f%% of hello world, p99 %s\n", results[i].name,
			100*results[i].rps/results[i+1].rps, 100*results[i].rps/h.rps, results[i].p99.Round(10*time.Microsecond))
	}
	fmt.Fprintf(out, "peak resident memory of this process: %s\n", peakRSS())
	return nil
}

func listen(h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go http.Serve(ln, h)
	return "http://" + ln.Addr().String(), nil
}

func fetch(u string) ([]byte, http.Header, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return nil, nil, fmt.Errorf("%s: status %d", u, resp.StatusCode)
	}
	h := http.Header{}
	for _, k := range []string{"Content-Type", "Content-Language", "Vary", "Content-Security-Policy",
		"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		h[k] = resp.Header[k]
	}
	return body, h, err
}

// wrk runs one bounded load and reads requests per second and p99.
func wrk(ctx context.Context, u string, d time.Duration, conns int, extra ...string) (result, error) {
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	args := append([]string{"-t2", "-c" + strconv.Itoa(conns), "-d" + d.String(), "--latency",
		"-H", "Accept-Language: ja"}, extra...)
	cmd := exec.CommandContext(ctx, "wrk", append(args, u)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk %s: %v\n%s", u, err, out)
	}
	rpsLine := regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	latency := func(pct string) *regexp.Regexp { return regexp.MustCompile(`\s` + pct + `%\s+([0-9.]+)(us|ms|s)`) }
	errLine := regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)|Socket errors: .*`)
	var r result
	text := string(out)
	if m := rpsLine.FindStringSubmatch(text); m != nil {
		r.rps, _ = strconv.ParseFloat(m[1], 64)
	}
	for pct, d := range map[string]*time.Duration{"50": &r.p50, "99": &r.p99} {
		if m := latency(pct).FindStringSubmatch(text); m != nil {
			v, _ := strconv.ParseFloat(m[1], 64)
			unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[m[2]]
			*d = time.Duration(v * float64(unit))
		}
	}
	for _, m := range errLine.FindAllString(text, -1) {
		r.status += "(" + strings.TrimSpace(m) + ")"
	}
	if r.rps == 0 {
		return r, fmt.Errorf("could not read wrk's output:\n%s", text)
	}
	return r, nil
}

// peakRSS reads the high-water mark of this process's resident memory.
func peakRSS() string { return vmHWM("/proc/self/status") }

// vmHWM reads VmHWM, the high-water mark of resident memory, from a
// /proc status file.
func vmHWM(status string) string {
	f, err := os.Open(status)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
