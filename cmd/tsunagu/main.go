// Command tsunagu runs the Tsunagu platform and the operations a city's IT
// staff script: serve, migrate, seed, match and version.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Version is the release of this build.
const Version = "0.1.0"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tsunagu:", err)
		os.Exit(exitCode(err))
	}
}

// exitCode is 2 for a usage error or bad input, 1 for anything else.
func exitCode(err error) int {
	var coded interface{ ExitCode() int }
	if errors.As(err, &coded) {
		return coded.ExitCode()
	}
	return 1
}

// usageError marks a mistake in the command line; it exits with code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }
func (e *usageError) ExitCode() int { return 2 }

const usage = `Usage: tsunagu <command> [flags]

Commands:
  serve     run the web server (add --demo to load the Ota demo into an empty database)
  migrate   apply database migrations
  backup    backup --out FILE: a consistent copy of the SQLite database, also while serving (PostgreSQL: pg_dump)
  restore   restore [--force] FILE: put a backup in place of the SQLite database (stop the server first)
  doctor    check the database, migrations, SMTP, the base URL, the proxy, the key file and issuer keys,
            disk space and the clock with serve's settings; says what to fix (exit 1 when a check fails)
  seed      load data: seed --demo
  match     what-if cohort allocation: match --input FILE.json --method stable|optimal
  outbox    show mail waiting in the outbox (add --all for sent mail too)
  token     token create --email EMAIL: a personal API token (Authorization: Bearer)
  audit     the newest audit events: who did what, when, from where
  credential    credential list [--program SLUG] | credential get ID: issued experience credentials
  verify    verify [--data DIR | --db URL] FILE: check a credential as this hub does (non-zero exit when it fails,
            also when its issuer is not registered)
  issuer    issuer trust add URL [--name NAME] | issuer trust list | issuer trust remove URL:
            the other Tsunagu instances whose credentials this hub accepts
  keys      keys new --key-file PATH | keys rewrap --old-key-file OLD --key-file NEW: the key file that seals signing keys
  municipality  municipality add --lgcode CODE [--admin EMAIL]: onboard a municipality; list
  organization  organization add --lgcode CODE --kind business|partner|association --name NAME [--jsic CODE]:
            add a municipality's business, partner or association; organization list --lgcode CODE
  import    import entries --program SLUG FILE.csv: load a Google Forms export
  export    export entries --program SLUG [--encoding utf8|sjis]: a program's entries as CSV
  version   print the version

Settings come from flags or the environment:
  --addr  TSUNAGU_ADDR  (default 127.0.0.1:8080)
  --data  TSUNAGU_DATA  (default ./tsunagu-data; the SQLite file lives here)
  --db    TSUNAGU_DB    (default: embedded SQLite; or postgres://user@host/db)
  --key-file TSUNAGU_KEY_FILE (serve, migrate, credential rotate, keys: seals the issuers' signing keys;
          default on SQLite DATA/tsunagu.key, made by serve; on PostgreSQL required, the same file on every instance)
  serve also takes --base-url (TSUNAGU_BASE_URL) for links in mail,
  --smtp (TSUNAGU_SMTP; without SMTP, mail stays in the outbox), --contact (TSUNAGU_CONTACT)
  and --trusted-proxy (TSUNAGU_TRUSTED_PROXY); doctor reads the same settings (not --contact);
  --metrics-addr (TSUNAGU_METRICS_ADDR) serves Prometheus metrics at /metrics on a second,
  private listener (default off); /healthz says alive, /readyz ready for traffic
`

// run is the whole program, with its inputs passed in so tests can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return &usageError{"no command given"}
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, rest, getenv, stdout, stderr)
	case "doctor":
		return doctorCmd(ctx, rest, getenv, stdout, stderr)
	case "seed":
		return seedCmd(ctx, rest, getenv, stdout, stderr)
	case "match":
		return matchCmd(rest, stdin, stdout, stderr)
	case "audit":
		return auditCmd(ctx, rest, getenv, stdout, stderr)
	case "token":
		return tokenCmd(ctx, rest, getenv, stdout, stderr)
	case "municipality":
		return municipalityCmd(ctx, rest, getenv, stdout, stderr)
	case "organization":
		return organizationCmd(ctx, rest, getenv, stdout, stderr)
	case "credential":
		return credentialCmd(ctx, rest, getenv, stdout, stderr)
	case "issuer":
		return issuerCmd(ctx, rest, getenv, stdout, stderr)
	case "keys":
		return keysCmd(ctx, rest, getenv, stdout, stderr)
	case "verify":
		return verifyCmd(ctx, rest, getenv, stdin, stdout, stderr)
	case "backup":
		return backupCmd(ctx, rest, getenv, stderr)
	case "restore":
		return restoreCmd(ctx, rest, getenv, stderr)
	case "outbox":
		return outboxCmd(ctx, rest, getenv, stdout, stderr)
	case "import", "export":
		return entriesCmd(ctx, cmd, rest, getenv, stdin, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "tsunagu %s\n", Version)
		return nil
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return &usageError{fmt.Sprintf("unknown command %q", cmd)}
}
