package main

import (
	"fmt"
	"net/http"
	"runtime/pprof"
	"strconv"
	"time"
)

// cpuProfile writes a CPU profile of the next ?seconds= (default 10, at
// most 60) for `go tool pprof`.
func cpuProfile(w http.ResponseWriter, r *http.Request) {
	secs, err := strconv.Atoi(r.URL.Query().Get("seconds"))
	if err != nil || secs < 1 {
		secs = 10
	}
	secs = min(secs, 60)
	w.Header().Set("Content-Type", "application/octet-stream")
	if err := pprof.StartCPUProfile(w); err != nil {
		http.Error(w, "a CPU profile is already running", http.StatusConflict)
		return
	}
	select {
	case <-time.After(time.Duration(secs) * time.Second):
	case <-r.Context().Done():
	}
	pprof.StopCPUProfile()
}

// namedProfile writes one of the runtime's profiles (heap, goroutine,
// allocs, block, mutex, threadcreate); ?debug=1 or 2 as text.
func namedProfile(w http.ResponseWriter, r *http.Request) {
	p := pprof.Lookup(r.PathValue("name"))
	if p == nil {
		http.NotFound(w, r)
		return
	}
	debug, _ := strconv.Atoi(r.URL.Query().Get("debug"))
	if debug == 0 {
		w.Header().Set("Content-Type", "application/octet-stream")
	} else {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	if err := p.WriteTo(w, debug); err != nil {
		fmt.Fprintln(w, err)
	}
}
