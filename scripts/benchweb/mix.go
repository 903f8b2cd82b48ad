package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"
)

// mixOptions are the mix's settings.
type mixOptions struct {
	urls     int
	zipf     float64
	seed     uint64
	duration time.Duration
	conns    int
	dims     mixDims
	profile  string         // a file for a CPU profile of the uncached renders
	server   *serverProcess // where the load goes; nil: a server in this process
}

// capturedPage is one URL's answer, written again by the same-bytes server.
type capturedPage struct {
	status int
	header http.Header
	body   []byte
}

// runMix measures the real handler under a Zipf mix of distinct URLs
// against a server that writes each URL's captured bytes from memory, in
// one run. First every URL is rendered once in process, on an empty page
// cache, which gives the uncached server time of each page kind.
func runMix(ctx context.Context, h http.Handler, o mixOptions, out io.Writer) error {
	urls := mixURLs(o.urls, o.dims, o.seed)
	if len(urls) < o.urls {
		return fmt.Errorf("drew only %d distinct URLs of %d", len(urls), o.urls)
	}
	pages := make(map[string]capturedPage, len(urls))
	times := map[string][]time.Duration{}
	statuses := map[int]int{}
	var bytes int
	if o.profile != "" {
		f, err := os.Create(o.profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	for i, u := range urls {
		req := httptest.NewRequest(http.MethodGet, u.path, nil).WithContext(ctx)
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		times[u.kind] = append(times[u.kind], time.Since(start))
		pages[u.path] = capturedPage{status: rec.Code, header: rec.Header().Clone(), body: rec.Body.Bytes()}
		statuses[rec.Code]++
		bytes += rec.Body.Len()
		if (i+1)%250 == 0 {
			fmt.Fprintf(os.Stderr, "\rrendering each URL once, uncached… %d of %d", i+1, len(urls))
		}
	}
	fmt.Fprintln(os.Stderr)
	pprof.StopCPUProfile()
	fmt.Fprintf(out, "mix: %d distinct URLs (Zipf s=%.2f), %d bytes on average, statuses %v\n",
		len(urls), o.zipf, bytes/len(urls), statuses)
	fmt.Fprintf(out, "\nuncached server time (in process, one request at a time):\n")
	fmt.Fprintf(out, "%-8s %6s %10s %10s %10s %10s\n", "kind", "urls", "p50", "p99", "max", "mean")
	for _, kind := range []string{"list", "search", "api"} {
		d := times[kind]
		if len(d) == 0 {
			continue
		}
		var sum time.Duration
		for _, x := range d {
			sum += x
		}
		p50, p99, most := quantiles(d)
		fmt.Fprintf(out, "%-8s %6d %10s %10s %10s %10s\n", kind, len(d), round(p50), round(p99), round(most),
			round(sum/time.Duration(len(d))))
	}

	same, err := listen(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		for k, v := range p.header {
			w.Header()[k] = v
		}
		w.WriteHeader(p.status)
		w.Write(p.body)
	}))
	if err != nil {
		return err
	}
	real, err := o.server.target(h)
	if err != nil {
		return err
	}
	paths := make([]string, len(urls))
	for i, u := range urls {
		paths[i] = u.path
	}
	dir, err := os.MkdirTemp("", "benchmix")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "mix.lua")
	if err := os.WriteFile(script, []byte(mixLua(paths, zipfWeights(len(paths), o.zipf))), 0o600); err != nil {
		return err
	}
	var results []result
	for _, target := range []struct{ name, base string }{
		{"tsunagu (as deployed, page cache on)", real},
		{"same bytes from memory", same},
	} {
		if _, err := wrk(ctx, target.base+"/", 2*time.Second, o.conns, "-s", script); err != nil {
			return err
		}
		r, err := wrk(ctx, target.base+"/", o.duration, o.conns, "-s", script)
		if err != nil {
			return err
		}
		r.name = target.name
		results = append(results, r)
	}
	fmt.Fprintf(out, "\nthe mix under load (wrk -t2 -c%d, %s):\n", o.conns, o.duration)
	fmt.Fprintf(out, "%-40s %10s %10s %10s  %s\n", "handler", "req/s", "p50", "p99", "errors")
	for _, r := range results {
		fmt.Fprintf(out, "%-40s %10.0f %10s %10s  %s\n", r.name, r.rps, round(r.p50), round(r.p99), r.status)
	}
	fmt.Fprintf(out, "\nratio: %.1f%% of the same-bytes server (target ≥ 10%%, p99 ≤ 50 ms)\n",
		100*results[0].rps/results[1].rps)
	o.server.printMemory(out)
	return nil
}

func round(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(10 * time.Microsecond)
}
