package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
)

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var s settings
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, s, newLogger(stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintln(stdout, "database is up to date")
	return nil
}

func seedCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var s settings
	var seedValue uint64
	var scale string
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	fs.BoolVar(&s.demo, "demo", false, "load the Ota demo into an empty database")
	fs.StringVar(&scale, "scale", "", "load the demo grown to PROJECTS,TALENTS (e.g. 10000,100000) for load tests")
	fs.Uint64Var(&seedValue, "seed", demo.DefaultSeed, "random seed of the generated demo")
	if err := parse(fs, args); err != nil {
		return err
	}
	if s.demo == (scale != "") {
		return &usageError{"say what to load: seed --demo, or seed --scale PROJECTS,TALENTS"}
	}
	var projects, talents int
	if scale != "" {
		if _, err := fmt.Sscanf(scale, "%d,%d", &projects, &talents); err != nil || projects < 1 || talents < 1 ||
			projects > 1_000_000 || talents > 10_000_000 {
			return &usageError{fmt.Sprintf("--scale wants two positive numbers, PROJECTS,TALENTS: got %q", scale)}
		}
	}
	ref, err := refdata.Load()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, s, newLogger(stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	st = st.WithIndexer(search.NewProjectIndexer(search.NewLazy(), ref))
	if scale == "" {
		c, err := seed.Demo(ctx, st, ref, seedValue, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "loaded the Ota demo: %s\n", c)
		return nil
	}
	last := -1
	c, err := seed.Scale(ctx, st, ref, seedValue, time.Now(), projects, talents, func(done, total int) {
		if pct := done * 100 / total; pct/5 != last/5 {
			last = pct
			fmt.Fprintf(stderr, "\rloading… %3d%% (%d of %d rows)", pct, done, total)
		}
	})
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded: %s\n", c)
	return nil
}
