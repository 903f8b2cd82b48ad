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
	s.keyFileFlag(fs, getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	log := newLogger(stderr)
	// Like serve, migrate seals keys stored in plain text; on SQLite it
	// makes the key file when there is none, on PostgreSQL it seals only
	// when given one.
	keys, err := s.loadKeys(s.onSQLite(), log)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, s, log)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := sealKeys(ctx, st, keys, log); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "database is up to date")
	return nil
}

func seedCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var s settings
	var seedValue uint64
	var scale string
	var national bool
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	fs.BoolVar(&s.demo, "demo", false, "load the Ota demo into an empty database")
	fs.StringVar(&scale, "scale", "", "load the demo grown to PROJECTS,TALENTS (e.g. 10000,100000) for load tests")
	fs.BoolVar(&national, "national", false, "load every municipality of Japan with a million talents, for load tests")
	fs.Uint64Var(&seedValue, "seed", demo.DefaultSeed, "random seed of the generated demo")
	if err := parse(fs, args); err != nil {
		return err
	}
	chosen := 0
	for _, on := range []bool{s.demo, scale != "", national} {
		if on {
			chosen++
		}
	}
	if chosen != 1 {
		return &usageError{"say what to load, one of: seed --demo, seed --scale PROJECTS,TALENTS, or seed --national"}
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
	last := -1
	report := func(done, total int) {
		if pct := done * 100 / total; pct/5 != last/5 {
			last = pct
			fmt.Fprintf(stderr, "\rloading… %3d%% (%d of %d rows)", pct, done, total)
		}
	}
	if national {
		started := time.Now()
		c, err := seed.National(ctx, st, ref, seedValue, time.Now(), demo.NationalDefaults(), report)
		fmt.Fprintln(stderr)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "loaded the national dataset in %s: %s\n", time.Since(started).Round(time.Second), c)
		return nil
	}
	if scale == "" {
		c, err := seed.Demo(ctx, st, ref, seedValue, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "loaded the Ota demo: %s\n", c)
		return nil
	}
	c, err := seed.Scale(ctx, st, ref, seedValue, time.Now(), projects, talents, report)
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded: %s\n", c)
	return nil
}

// outboxCmd prints the mail in the outbox, newest first, for IT staff on a
// site without an SMTP server (or to see why a message was not delivered).
func outboxCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var s settings
	var all bool
	var limit int
	fs := flag.NewFlagSet("outbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	fs.BoolVar(&all, "all", false, "include mail already sent")
	fs.IntVar(&limit, "limit", 20, "how many messages")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, s, newLogger(io.Discard))
	if err != nil {
		return err
	}
	defer st.Close()
	mails, err := st.Messaging().Outbox(ctx, limit, !all)
	if err != nil {
		return err
	}
	if len(mails) == 0 {
		fmt.Fprintln(stdout, "the outbox is empty")
	}
	for _, m := range mails {
		state := "waiting"
		if !m.SentAt.IsZero() {
			state = "sent " + m.SentAt.Format(time.RFC3339)
		} else if m.LastError != "" {
			state = fmt.Sprintf("not delivered after %d attempts: %s", m.Attempts, m.LastError)
		}
		fmt.Fprintf(stdout, "#%d  %s  to %s (%s)  %s\nSubject: %s\n\n%s\n----\n", m.ID,
			m.CreatedAt.Format(time.RFC3339), m.To, m.Lang, state, m.Subject, m.Body)
	}
	return nil
}

// auditCmd prints the newest audit events: who did what, when, from where.
func auditCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var s settings
	var limit int
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	fs.IntVar(&limit, "limit", 50, "how many events")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, s, newLogger(io.Discard))
	if err != nil {
		return err
	}
	defer st.Close()
	events, err := st.Compliance().AuditLog(ctx, 0, limit)
	if err != nil {
		return err
	}
	for _, e := range events {
		actor := "-"
		if e.ActorID != 0 {
			actor = fmt.Sprintf("user %d", e.ActorID)
		}
		subject := fmt.Sprintf("%s %d", e.SubjectType, e.SubjectID)
		if e.SubjectKey != "" {
			subject = e.SubjectType + " " + e.SubjectKey
		}
		line := fmt.Sprintf("%s  %-10s  %-24s  %s  %s", e.At.Format(time.RFC3339), actor, e.Action, subject, e.Address)
		if e.Detail != "" {
			line += "  " + e.Detail
		}
		fmt.Fprintln(stdout, line)
	}
	return nil
}
