package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// rushOptions are the deadline rush's settings.
type rushOptions struct {
	entries int           // entries to send through the API
	window  time.Duration // over how long they arrive
	readers int           // visitors reading public pages meanwhile
	dims    mixDims
	profile string         // a file for a CPU profile of the rush
	server  *serverProcess // where the rush goes; nil: a server in this process
}

// rushEntrant is one person entering in the rush, with an API token.
type rushEntrant struct {
	token   string
	choices []int64
}

// rushOutcome is what the rush's entrants and readers saw.
type rushOutcome struct {
	mu          sync.Mutex
	created     []time.Duration // per entry: from its first try to its 201
	lastCreated time.Duration   // since the rush began
	limited     atomic.Int64    // 429 answers (each followed by a retry)
	noRetry     atomic.Int64    // 429 answers without a Retry-After
	failed      map[string]int  // anything else, by status or error
	reads       []time.Duration
	readFailed  map[string]int
}

func (o *rushOutcome) fail(m map[string]int, what string) {
	o.mu.Lock()
	m[what]++
	o.mu.Unlock()
}

// runRush sends o.entries entries through the entries API of an open
// program, arriving evenly over o.window whatever the server's pace (as
// people at a deadline do not wait for each other), while o.readers
// visitors read a mix of public list, search and API pages. An entrant
// answered 429 waits as Retry-After says and tries again with the same
// Idempotency-Key; any other answer than 201 is an error.
func runRush(ctx context.Context, st *store.Store, h http.Handler, o rushOptions, out io.Writer) error {
	prog, projects, err := rushProgram(ctx, st)
	if err != nil {
		return err
	}
	before, err := st.Entries().EntriesOfProgram(ctx, prog.ID)
	if err != nil {
		return err
	}
	start := time.Now()
	entrants, err := rushEntrants(ctx, st, prog, projects, o.entries)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "rush: %d entrants with API tokens made in %s; program %s (%s choices, %d open projects)\n",
		len(entrants), round(time.Since(start)), prog.Slug, prog.Choices(), len(projects))
	base, err := o.server.target(h)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024,
		MaxConnsPerHost: 0, IdleConnTimeout: 90 * time.Second}}
	res := &rushOutcome{failed: map[string]int{}, readFailed: map[string]int{}}
	runID := rand.Uint64()

	done, warm := make(chan struct{}), make(chan struct{})
	var readers sync.WaitGroup
	urls := mixURLs(2000, o.dims, 2021)
	weights := zipfWeights(len(urls), 1.0)
	for r := range o.readers {
		readers.Add(1)
		go func() {
			defer readers.Done()
			<-warm
			rushRead(ctx, client, base, urls, weights, uint64(r), res, done)
		}()
	}

	if o.profile != "" {
		f, err := os.Create(o.profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	// Warm up as a site that has been running would be: the dictionary
	// loaded and the most visited pages read once.
	for _, u := range urls[:min(len(urls), 100)] {
		if resp, err := client.Get(base + u.path); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	close(warm)
	began := time.Now()
	var entering sync.WaitGroup
	for i, e := range entrants {
		if wait := time.Until(began.Add(o.window * time.Duration(i) / time.Duration(len(entrants)))); wait > 0 {
			time.Sleep(wait)
		}
		entering.Add(1)
		go func() {
			defer entering.Done()
			rushEnter(ctx, client, base, prog.Slug, e, fmt.Sprintf("rush-%x-%05d", runID, i), began, res)
		}()
	}
	entering.Wait()
	close(done)
	readers.Wait()

	after, err := st.Entries().EntriesOfProgram(ctx, prog.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nentries: %d sent over %s; %d answered 201; %d stored; the last 201 at %s\n",
		len(entrants), o.window, len(res.created), len(after)-len(before), round(res.lastCreated))
	fmt.Fprintf(out, "429 answers: %d (each retried after Retry-After; %d without the header)\n",
		res.limited.Load(), res.noRetry.Load())
	fmt.Fprintf(out, "other errors: %d %v\n", total(res.failed), res.failed)
	printDurations(out, "entry, first try to 201", res.created)
	printDurations(out, "public pages meanwhile", res.reads)
	fmt.Fprintf(out, "public page errors: %d %v\n", total(res.readFailed), res.readFailed)
	o.server.printMemory(out)
	return nil
}

// rushProgram finds an open program with published projects.
func rushProgram(ctx context.Context, st *store.Store) (domain.Program, []int64, error) {
	programs, err := st.Directory().Programs(ctx, 0)
	if err != nil {
		return domain.Program{}, nil, err
	}
	for _, p := range programs {
		if p.Phase(time.Now()) != domain.PhaseOpen {
			continue
		}
		page, err := st.Projects().ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: 100,
			Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
		if err != nil {
			return p, nil, err
		}
		var ids []int64
		for _, pr := range page.Projects {
			ids = append(ids, pr.ID)
		}
		if len(ids) >= 3 {
			return p, ids, nil
		}
	}
	return domain.Program{}, nil, fmt.Errorf("no open program with three published projects")
}

// rushEntrants makes n people with accounts, profiles and API tokens, and
// the choices each will send (none for a pre-entry program).
func rushEntrants(ctx context.Context, st *store.Store, p domain.Program, projects []int64, n int) ([]rushEntrant, error) {
	out := make([]rushEntrant, n)
	run := rand.Uint32()
	err := st.InTx(ctx, func(tx *store.Store) error {
		for i := range out {
			u := domain.User{Email: fmt.Sprintf("rush-%08x-%05d@example.jp", run, i), Name: fmt.Sprintf("締切 %05d", i)}
			if err := tx.Accounts().CreateUser(ctx, &u); err != nil {
				return err
			}
			t := domain.Talent{UserID: u.ID, Name: u.Name, NameKana: "シメキリ", HoursPerMonth: 10,
				ResidenceCountry: "JP", TimeZone: "Asia/Tokyo"}
			if err := tx.Talents().SaveTalent(ctx, &t); err != nil {
				return err
			}
			plain, hash, err := auth.NewAPIToken()
			if err != nil {
				return err
			}
			if err := tx.Accounts().CreateToken(ctx, u.ID, domain.TokenAPI, hash, time.Now().AddDate(0, 0, 1), "rush"); err != nil {
				return err
			}
			out[i].token = plain
			if p.Choices() != domain.ChoicesNone {
				for j := range 1 + i%3 {
					out[i].choices = append(out[i].choices, projects[(i+j)%len(projects)])
				}
			}
		}
		return nil
	})
	return out, err
}

// rushEnter sends one entry until it is created, waiting out 429s.
func rushEnter(ctx context.Context, client *http.Client, base, slug string, e rushEntrant, key string,
	began time.Time, res *rushOutcome) {
	body, _ := json.Marshal(map[string]any{"choices": e.choices, "motivation": "締切前に応募します。町工場の発信を手伝いたいです。"})
	first := time.Now()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/programs/"+slug+"/entries", bytes.NewReader(body))
		if err != nil {
			res.fail(res.failed, err.Error())
			return
		}
		req.Header.Set("Authorization", "Bearer "+e.token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", key)
		resp, err := client.Do(req)
		if err != nil {
			res.fail(res.failed, "transport: "+err.Error())
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusCreated:
			res.mu.Lock()
			res.created = append(res.created, time.Since(first))
			res.lastCreated = max(res.lastCreated, time.Since(began))
			res.mu.Unlock()
			return
		case http.StatusTooManyRequests:
			res.limited.Add(1)
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				res.noRetry.Add(1)
				secs = 1
			}
			// Spread the retries over the second after the one asked for.
			time.Sleep(time.Duration(secs)*time.Second + rand.N(time.Second))
		default:
			res.fail(res.failed, strconv.Itoa(resp.StatusCode))
			return
		}
	}
}

// rushRead reads public pages drawn by Zipf rank until done closes.
func rushRead(ctx context.Context, client *http.Client, base string, urls []mixURL, weights []float64, seed uint64,
	res *rushOutcome, done <-chan struct{}) {
	rng := rand.New(rand.NewPCG(seed, 15))
	cum := make([]float64, len(weights))
	var sum float64
	for i, w := range weights {
		sum += w
		cum[i] = sum
	}
	for {
		select {
		case <-done:
			return
		default:
		}
		i, _ := slices.BinarySearch(cum, rng.Float64()*sum)
		u := urls[min(i, len(urls)-1)]
		start := time.Now()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+u.path, nil)
		resp, err := client.Do(req)
		if err != nil {
			res.fail(res.readFailed, "transport")
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		res.mu.Lock()
		res.reads = append(res.reads, took)
		res.mu.Unlock()
		if resp.StatusCode != http.StatusOK {
			res.fail(res.readFailed, strconv.Itoa(resp.StatusCode))
		}
	}
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// printDurations prints the count, p50, p99 and max of some durations.
func printDurations(out io.Writer, what string, d []time.Duration) {
	if len(d) == 0 {
		fmt.Fprintf(out, "%s: none\n", what)
		return
	}
	p50, p99, most := quantiles(d)
	fmt.Fprintf(out, "%s: %d, p50 %s, p99 %s, max %s\n", what, len(d), round(p50), round(p99), round(most))
}

// quantiles sorts d, which is not empty, and returns its p50, p99 and
// maximum.
func quantiles(d []time.Duration) (p50, p99, most time.Duration) {
	slices.Sort(d)
	return d[len(d)/2], d[min(len(d)-1, len(d)*99/100)], d[len(d)-1]
}
