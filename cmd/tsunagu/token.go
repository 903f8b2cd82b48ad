package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"io"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// tokenCmd is `tsunagu token create --email EMAIL [--label NAME] [--days N]`:
// it makes a personal API token that expires after N days (90 unless
// given, at most 365), prints it once, and stores only its hash.
func tokenCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return &usageError{"usage: tsunagu token create --email EMAIL [--label NAME] [--days N]"}
	}
	var s settings
	var email, label string
	var days int
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	fs.StringVar(&email, "email", "", "the user the token acts for")
	fs.StringVar(&label, "label", "command line", "a name to recognise the token by")
	fs.IntVar(&days, "days", auth.DefaultAPITokenDays, fmt.Sprintf("how many days the token works (1 to %d)", auth.MaxAPITokenDays))
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if email == "" {
		return &usageError{"token create needs --email"}
	}
	if auth.CheckAPITokenDays(days) != "" {
		return &usageError{fmt.Sprintf("--days must be from 1 to %d, not %d", auth.MaxAPITokenDays, days)}
	}
	st, err := openStore(ctx, s, newLogger(io.Discard))
	if err != nil {
		return err
	}
	defer st.Close()
	plain, expires, err := app.New(app.Config{Store: st}).Accounts.IssueAPIToken(app.AsOperator(ctx), email, label, days)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return &usageError{fmt.Sprintf("no user has the email address %q", email)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", plain)
	fmt.Fprintf(stderr, "API token for %s created; it is shown only now and works until %s. Send it as: Authorization: Bearer <token>\n",
		email, expires.UTC().Format(time.RFC3339))
	return nil
}
