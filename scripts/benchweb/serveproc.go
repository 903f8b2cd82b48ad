package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// serverProcess is `tsunagu serve` in its own process, so that its
// memory is measured apart from the load's.
type serverProcess struct {
	cmd *exec.Cmd
	url string
}

// startServer starts bin serve on a free loopback port over the data
// directory and database given, and waits until it listens. With a
// metrics address it serves its metrics and profiles there too.
func startServer(ctx context.Context, bin, data, db, metricsAddr string) (*serverProcess, error) {
	args := []string{"serve", "--addr", "127.0.0.1:0", "--data", data}
	if metricsAddr != "" {
		args = append(args, "--metrics-addr", metricsAddr) // with /debug/pprof/ to profile the run
	}
	if db != "" {
		// On PostgreSQL every instance opens the signing keys with a key
		// file; the benchmark makes one beside its data.
		key := filepath.Join(data, "bench.key")
		if _, err := os.Stat(key); err != nil {
			if out, err := exec.CommandContext(ctx, bin, "keys", "new", "--key-file", key).CombinedOutput(); err != nil {
				return nil, fmt.Errorf("make a key file: %v: %s", err, out)
			}
		}
		args = append(args, "--db", db, "--key-file", key)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	urls, exited := make(chan string, 1), make(chan struct{})
	go func() {
		defer close(exited)
		sc := bufio.NewScanner(out)
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
	case u := <-urls:
		return &serverProcess{cmd: cmd, url: u}, nil
	case <-exited:
		_ = cmd.Wait()
		return nil, fmt.Errorf("%s serve ended before it listened", bin)
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("%s serve did not listen within two minutes", bin)
	}
}

// peakRSS is the server's high-water mark of resident memory.
func (p *serverProcess) peakRSS() string {
	return vmHWM("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/status")
}

func (p *serverProcess) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
	}
}

// target is where the load goes: the server process, or else h served
// in this process.
func (p *serverProcess) target(h http.Handler) (string, error) {
	if p != nil {
		return p.url, nil
	}
	return listen(h)
}

// printMemory prints the server's peak resident memory: the serve
// process's own, or this process's, which then holds the load as well.
func (p *serverProcess) printMemory(out io.Writer) {
	if p != nil {
		fmt.Fprintf(out, "peak resident memory of tsunagu serve (VmHWM): %s\n", p.peakRSS())
		return
	}
	fmt.Fprintf(out, "peak resident memory of this process (server and load; --server measures the server alone): %s\n", peakRSS())
}
