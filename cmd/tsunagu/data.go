package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
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
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	fs.BoolVar(&s.demo, "demo", false, "load the Ota demo into an empty database")
	fs.Uint64Var(&seedValue, "seed", demo.DefaultSeed, "random seed of the generated demo")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !s.demo {
		return &usageError{"say what to load: seed --demo"}
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
	c, err := seed.Demo(ctx, st, ref, seedValue, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded the Ota demo: %s\n", c)
	return nil
}
