package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/netip"
	"net/smtp"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/jobs"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// level is a check's verdict.
type level int

const (
	levelOK level = iota
	levelWarn
	levelFail
)

func (l level) String() string {
	switch l {
	case levelOK:
		return "OK"
	case levelWarn:
		return "WARN"
	}
	return "FAIL"
}

// finding is one line of the doctor's report: what was checked, the
// verdict and what was seen, and for a problem what to do about it.
type finding struct {
	check string
	level level
	msg   string
	fix   string
}

func (f finding) String() string {
	line := fmt.Sprintf("%-4s  %-11s  %s", f.level, f.check, f.msg)
	if f.fix != "" {
		line += "; fix: " + f.fix
	}
	return line
}

func okf(check, msg string) finding { return finding{check: check, level: levelOK, msg: msg} }
func warnf(check, msg, fix string) finding {
	return finding{check: check, level: levelWarn, msg: msg, fix: fix}
}
func failf(check, msg, fix string) finding {
	return finding{check: check, level: levelFail, msg: msg, fix: fix}
}

// Disk space below which the doctor warns, and below which it fails.
const (
	diskWarnBelow = 1 << 30   // 1 GiB
	diskFailBelow = 100 << 20 // 100 MiB
)

// doctor checks an installation with the settings serve would use.
type doctor struct {
	s       settings
	smtpURL string
	baseURL string
	proxies []netip.Prefix
	// timeout bounds each network check (the database, SMTP).
	timeout time.Duration
	now     func() time.Time
	// free tells how many bytes an unprivileged user may still write in dir.
	free func(dir string) (uint64, error)
	// roots verify the SMTP server's certificate; nil: the system's.
	roots *x509.CertPool
}

// doctorCmd checks the database, SMTP, the base URL, the proxy setting,
// the key file and the issuer keys, disk space and the clock, prints one
// line per check, and exits with 1 when any check fails:
//
//	tsunagu doctor [--data DIR | --db URL] [--smtp URL] [--base-url URL] [--key-file FILE]
func doctorCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var s settings
	flags := flag.NewFlagSet("doctor", flag.ContinueOnError)
	flags.SetOutput(stderr)
	s.flags(flags, getenv)
	s.keyFileFlag(flags, getenv)
	d := doctor{timeout: 5 * time.Second, now: time.Now, free: freeSpace}
	flags.StringVar(&d.smtpURL, "smtp", getenv("TSUNAGU_SMTP"), "SMTP server for mail, as serve takes it")
	flags.StringVar(&d.baseURL, "base-url", getenv("TSUNAGU_BASE_URL"), "where people reach the site, as serve takes it")
	var proxies proxyList
	flags.Var(&proxies, "trusted-proxy", "the reverse proxies serve believes (default: TSUNAGU_TRUSTED_PROXY)")
	if err := parse(flags, args); err != nil {
		return err
	}
	if err := proxies.fromEnv(getenv("TSUNAGU_TRUSTED_PROXY")); err != nil {
		return &usageError{err.Error()}
	}
	d.s, d.proxies = s, proxies.prefixes
	failed := 0
	findings := d.run(ctx)
	for _, f := range findings {
		fmt.Fprintln(stdout, f)
		if f.level == levelFail {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("doctor: %d of %d checks failed", failed, len(findings))
	}
	return nil
}

// run makes every check, in the order they are printed.
func (d doctor) run(ctx context.Context) []finding {
	st, db := d.checkDatabase(ctx)
	if st != nil {
		defer st.Close()
	}
	migrations, upToDate := d.checkMigrations(ctx, st)
	// The checks that read Tsunagu's tables need them to be there.
	var tables *store.Store
	why := "the database could not be opened"
	if st != nil {
		why = "the database is not migrated"
		if upToDate {
			tables = st
		}
	}
	ring, keyFile := d.checkKeyFile()
	return []finding{
		db,
		migrations,
		checkSMTP(ctx, d.smtpURL, d.timeout, d.roots),
		checkBaseURL(d.baseURL),
		checkProxy(d.baseURL, d.s.addr, d.proxies),
		keyFile,
		d.checkIssuerKeys(ctx, tables, ring, why),
		checkDisk(d.s.data, d.s.onSQLite(), d.free),
		d.checkClock(ctx, st, tables != nil, why),
	}
}

// notChecked is the finding of a check that needs what an earlier check
// found missing.
func notChecked(check, why string) finding {
	return warnf(check, "not checked: "+why, "fix that first")
}

// checkDatabase opens the database without creating or migrating it.
func (d doctor) checkDatabase(ctx context.Context) (*store.Store, finding) {
	const check = "database"
	fix := "check TSUNAGU_DB (host, port, user, password, database name), that PostgreSQL runs, " +
		"and that it lets this machine in (listen_addresses, pg_hba.conf)"
	where := "PostgreSQL at " + redactedDB(d.s.db)
	if d.s.onSQLite() {
		path := d.s.sqlitePath()
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, failf(check, "no database at "+path,
				"run `tsunagu migrate` with this --data (or TSUNAGU_DATA), or point it at the existing data directory")
		}
		fix = "check that the service's user can read and write " + path + " and its directory"
		where = "SQLite at " + path
	}
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	st, err := store.Open(ctx, d.s.db, d.s.data)
	if err == nil {
		if err = st.Ping(ctx); err != nil {
			st.Close()
		}
	}
	if err != nil {
		return nil, failf(check, err.Error(), fix)
	}
	return st, okf(check, where+" answers")
}

// redactedDB is a PostgreSQL URL without its password, to print.
func redactedDB(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unreadable URL)"
	}
	u.User = nil
	u.RawQuery = ""
	return u.String()
}

// checkMigrations says whether the schema and the job queue are up to
// date.
func (d doctor) checkMigrations(ctx context.Context, st *store.Store) (f finding, upToDate bool) {
	const check = "migrations"
	if st == nil {
		return notChecked(check, "the database could not be opened"), false
	}
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	state, err := st.PendingMigrations(ctx)
	if err != nil {
		return failf(check, "cannot read the schema's version: "+err.Error(), "run `tsunagu migrate`"), false
	}
	queue, err := jobs.PendingMigrations(ctx, st)
	if err != nil {
		return failf(check, "cannot read the job queue's version: "+err.Error(), "run `tsunagu migrate`"), false
	}
	if state.Applied > state.Latest {
		return failf(check, fmt.Sprintf("the database is at version %d, newer than this build knows (%d)", state.Applied, state.Latest),
			"run the release that migrated it; going back to an older release is not supported"), false
	}
	if len(state.Pending) > 0 || queue > 0 {
		return failf(check, fmt.Sprintf("%d schema migrations (%s) and %d job queue migrations not applied",
			len(state.Pending), versions(state.Pending), queue),
			"run `tsunagu migrate` once as the release step, then start the new release"), false
	}
	return okf(check, fmt.Sprintf("schema at version %d, job queue up to date", state.Applied)), true
}

// versions lists migration versions briefly: "19, 20" or "1…20".
func versions(v []int64) string {
	switch {
	case len(v) == 0:
		return "none"
	case len(v) <= 3:
		s := make([]string, len(v))
		for i, x := range v {
			s[i] = fmt.Sprint(x)
		}
		return strings.Join(s, ", ")
	}
	return fmt.Sprintf("%d…%d", v[0], v[len(v)-1])
}

// checkSMTP connects to the SMTP server, says EHLO and, unless the URL
// says tls=none, makes sure the connection is encrypted (STARTTLS or
// implicit TLS) with a certificate valid for the host. It never logs in:
// the password is not tried.
func checkSMTP(ctx context.Context, raw string, timeout time.Duration, roots *x509.CertPool) finding {
	const check = "smtp"
	if raw == "" {
		return warnf(check, "no SMTP server configured: mail stays in the outbox (see `tsunagu outbox`)",
			"set TSUNAGU_SMTP, e.g. smtp://user:pass@mail.example.jp:587?from=noreply@example.jp")
	}
	cfg, err := mail.ParseSMTPURL(raw)
	if err != nil {
		return failf(check, err.Error(),
			"correct TSUNAGU_SMTP: smtp://user:pass@host:587?from=noreply@example.jp (STARTTLS), smtps://…:465 (TLS), "+
				"tls=none only for a relay on this machine; percent-encode reserved characters in the password")
	}
	if cfg.Timeout > 0 && cfg.Timeout < timeout {
		timeout = cfg.Timeout
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	tlsConfig := &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12, RootCAs: roots}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var conn net.Conn
	dialer := &net.Dialer{}
	if cfg.TLS == mail.TLSImplicit {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: tlsConfig}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return failf(check, "cannot connect to "+addr+": "+err.Error(),
			"check the host and port, that the server runs, and that firewalls let this machine reach it")
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, cfg.Host)
	if err != nil {
		return failf(check, addr+" did not greet as an SMTP server: "+err.Error(), "check the port (587, 465 or 25)")
	}
	defer c.Close()
	hostname, err := os.Hostname()
	if err != nil {
		hostname = "localhost"
	}
	if err := c.Hello(hostname); err != nil {
		return failf(check, addr+" refused EHLO: "+err.Error(), "ask the mail server's administrator to accept this machine")
	}
	how := "without encryption (tls=none)"
	switch cfg.TLS {
	case mail.TLSImplicit:
		how = "over TLS"
	case mail.TLSStartTLS:
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return failf(check, addr+" does not offer STARTTLS",
				"use the server's submission port (587), smtps:// for port 465, or tls=none only for a relay on this machine")
		}
		if err := c.StartTLS(tlsConfig); err != nil {
			return failf(check, "STARTTLS with "+addr+" failed: "+err.Error(),
				"the server needs a certificate valid for "+cfg.Host+" (give the name on the certificate, not an address)")
		}
		how = "with STARTTLS"
	}
	if cfg.Username != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return failf(check, addr+" offers no AUTH after EHLO, but the URL has a user name",
				"drop the user name for a relay that needs none, or use the port that takes logins")
		}
	}
	c.Quit()
	if cfg.TLS == mail.TLSNone && !isLoopbackHost(cfg.Host) {
		return warnf(check, addr+" answers, but mail to it goes unencrypted",
			"drop tls=none so STARTTLS is required, unless the relay is on a private network you trust")
	}
	if cfg.Username != "" {
		how += " and offers AUTH (the password is not tried)"
	}
	return okf(check, addr+" answers EHLO "+how)
}

// isLoopbackHost reports whether host names this machine.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.IsLoopback()
}

// checkBaseURL checks the address people use: a well-formed origin, https
// unless it is this machine.
func checkBaseURL(raw string) finding {
	const check = "base URL"
	fix := "set TSUNAGU_BASE_URL to the https address people use, such as https://tsunagu.example.jp"
	if raw == "" {
		return warnf(check, "not set: links in mail and credential issuer IDs use http://ADDR", fix)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return failf(check, fmt.Sprintf("%q is not a URL", raw), fix)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return failf(check, fmt.Sprintf("%q: want http:// or https://", raw), fix)
	case u.Host == "" || u.Hostname() == "":
		return failf(check, fmt.Sprintf("%q has no host", raw), fix)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return failf(check, fmt.Sprintf("%q has a user, a query or a fragment", raw), fix)
	case u.Path != "" && u.Path != "/":
		return failf(check, fmt.Sprintf("%q has a path: Tsunagu is served at the root of its host", raw),
			"give the address only, or serve Tsunagu on a host of its own")
	case u.Scheme == "http" && !isLoopbackHost(u.Hostname()):
		return warnf(check, raw+" is plain http: session cookies are not Secure and there is no HSTS",
			"put a TLS proxy in front (deploy/Caddyfile or deploy/nginx.conf) and set TSUNAGU_BASE_URL to its https address")
	}
	return okf(check, strings.TrimRight(raw, "/"))
}

// checkProxy warns when the server sits behind a TLS proxy on this
// machine that it does not believe: every client would share the proxy's
// address in login throttling and the audit log.
func checkProxy(baseURL, addr string, proxies []netip.Prefix) finding {
	const check = "proxy"
	if len(proxies) > 0 {
		s := make([]string, len(proxies))
		for i, p := range proxies {
			s[i] = p.String()
		}
		return okf(check, "believing X-Forwarded-For and X-Forwarded-Proto from "+strings.Join(s, ", "))
	}
	host, _, _ := net.SplitHostPort(addr)
	if strings.HasPrefix(baseURL, "https://") && isLoopbackHost(host) {
		return warnf(check, "https is served by a proxy in front of "+addr+", which is not trusted: "+
			"every client looks like the proxy to login throttling and the audit log",
			"set TSUNAGU_TRUSTED_PROXY to the proxy's address (127.0.0.1 for one on this machine)")
	}
	return okf(check, "no trusted proxy: clients connect directly")
}

// keyFilePath is where the key file should be, and whether it is the
// default that serve makes on SQLite.
func (s settings) keyFilePath() (path string, isDefault bool) {
	if s.keyFile != "" {
		return s.keyFile, false
	}
	if s.onSQLite() {
		return filepath.Join(s.data, defaultKeyFileName), true
	}
	return "", false
}

// checkKeyFile checks that the key file is there, readable by its owner
// only, and holds a key.
func (d doctor) checkKeyFile() (*keyring.Ring, finding) {
	const check = "key file"
	path, isDefault := d.s.keyFilePath()
	if path == "" {
		return nil, failf(check, "none given: on PostgreSQL every instance needs the same key file",
			"make one with `tsunagu keys new --key-file /etc/tsunagu/tsunagu.key`, copy it to every instance "+
				"and set TSUNAGU_KEY_FILE")
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && isDefault:
		return nil, warnf(check, "none yet at "+path+": serve makes it at its first start",
			"back it up apart from the database once it is made")
	case errors.Is(err, fs.ErrNotExist):
		return nil, failf(check, "no key file at "+path,
			"restore it from its backup (the sealed signing keys open only with it); on a new installation "+
				"make one with `tsunagu keys new --key-file "+path+"`")
	case err != nil:
		return nil, failf(check, err.Error(), "let the service's user reach "+filepath.Dir(path))
	case !info.Mode().IsRegular():
		return nil, failf(check, path+" is not a regular file", "give the path of the key file itself")
	case info.Mode().Perm()&0o077 != 0:
		return nil, failf(check, fmt.Sprintf("%s can be read by others (mode %04o)", path, info.Mode().Perm()),
			"chmod 600 "+path+" (owned by the service's user)")
	}
	ring, err := keyring.Load(path)
	if errors.Is(err, fs.ErrPermission) {
		return nil, failf(check, err.Error(), "chown the file to the user the service runs as (mode 0600)")
	}
	if err != nil {
		return nil, failf(check, err.Error(), "the file is damaged: restore it from its backup")
	}
	return ring, okf(check, fmt.Sprintf("%s (mode %04o) holds key %s", path, info.Mode().Perm(), ring.Fingerprint()))
}

// checkIssuerKeys opens every stored signing key with the key file.
// st is nil when the tables are not there to read; why says what is
// wrong.
func (d doctor) checkIssuerKeys(ctx context.Context, st *store.Store, ring *keyring.Ring, why string) finding {
	const check = "issuer keys"
	if st == nil {
		return notChecked(check, why)
	}
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	if ring == nil {
		rows, err := st.Issuance().IssuerKeys(ctx, 0)
		if err != nil {
			return failf(check, err.Error(), "run `tsunagu migrate`")
		}
		sealed := 0
		for _, r := range rows {
			if keyring.IsSealed(r.PrivateKey) {
				sealed++
			}
		}
		if sealed > 0 {
			return failf(check, fmt.Sprintf("%d signing keys are sealed, but there is no key file to open them", sealed),
				"restore the key file from its backup and give it with TSUNAGU_KEY_FILE")
		}
		return okf(check, fmt.Sprintf("%d signing keys stored, none sealed yet", len(rows)))
	}
	c, err := issuer.CheckStoredKeys(ctx, st, ring)
	if err != nil {
		return failf(check, err.Error(), "give the key file the keys were sealed with (the same file on every instance); "+
			"a lost key file has to be restored from its backup")
	}
	if c.Plain > 0 {
		return warnf(check, fmt.Sprintf("%d signing keys are stored in plain text (%d sealed keys open)", c.Plain, c.Opened),
			"run `tsunagu migrate` with the key file to seal them")
	}
	if c.Opened == 0 {
		return okf(check, "no signing keys stored yet (each municipality gets one with its first credential)")
	}
	return okf(check, fmt.Sprintf("the key file opens all %d stored signing keys", c.Opened))
}

// checkDisk checks the space left in the data directory (or, before it
// exists, in the nearest directory above it that does).
func checkDisk(dir string, onSQLite bool, free func(string) (uint64, error)) finding {
	const check = "disk"
	abs, err := filepath.Abs(dir)
	if err != nil {
		return failf(check, err.Error(), "give --data an absolute path")
	}
	at := abs
	for {
		if _, err := os.Stat(at); err == nil || filepath.Dir(at) == at {
			break
		}
		at = filepath.Dir(at)
	}
	n, err := free(at)
	if err != nil {
		return warnf(check, "cannot tell the free space in "+at+": "+err.Error(), "check it with df")
	}
	note := ""
	if !onSQLite {
		note = " (PostgreSQL's own disk is watched on its server)"
	}
	fix := "free space in " + at + " or grow the disk: SQLite, its write-ahead log and the key file live there"
	switch {
	case n < diskFailBelow:
		return failf(check, fmt.Sprintf("only %s free in %s%s", bytesText(n), at, note), fix)
	case n < diskWarnBelow:
		return warnf(check, fmt.Sprintf("%s free in %s%s", bytesText(n), at, note), fix)
	}
	return okf(check, fmt.Sprintf("%s free in %s%s", bytesText(n), at, note))
}

// bytesText gives a size in MiB or GiB.
func bytesText(n uint64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// Clock differences from PostgreSQL's beyond which the doctor warns, and
// beyond which it fails.
const (
	clockWarnOver = 2 * time.Second
	clockFailOver = time.Minute
)

// checkClock compares this machine's clock with PostgreSQL's, or on
// SQLite with the newest time the store has written, which needs the
// tables (ready); why says what is wrong otherwise.
func (d doctor) checkClock(ctx context.Context, st *store.Store, ready bool, why string) finding {
	const check = "clock"
	if st == nil {
		return notChecked(check, why)
	}
	fix := "keep this machine's clock synchronized (systemd-timesyncd or chrony); sessions, tokens, " +
		"entry periods and credential dates read it"
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	before := d.now()
	server, ok, err := st.ServerNow(ctx)
	after := d.now()
	if err != nil {
		return failf(check, "cannot read the database's clock: "+err.Error(), "check the database")
	}
	if ok {
		// The server read its clock somewhere between before and after.
		mid := before.Add(after.Sub(before) / 2)
		skew := server.Sub(mid).Abs() - after.Sub(before)/2
		text := fmt.Sprintf("%s from PostgreSQL's clock", server.Sub(mid).Round(time.Millisecond))
		switch {
		case skew > clockFailOver:
			return failf(check, "this machine's clock is "+text, fix+" on both machines")
		case skew > clockWarnOver:
			return warnf(check, "this machine's clock is "+text, fix+" on both machines")
		}
		return okf(check, "within "+max(skew, 0).Round(time.Millisecond).String()+" of PostgreSQL's clock")
	}
	if !ready {
		return notChecked(check, why)
	}
	newest, err := st.LatestStamp(ctx)
	if err != nil {
		return failf(check, "cannot read the newest row: "+err.Error(), "check the database")
	}
	if newest.IsZero() {
		return okf(check, "nothing written yet to compare with")
	}
	if newest.After(after) {
		return warnf(check, fmt.Sprintf("this machine's clock (%s) is before the newest row written (%s): it was set back",
			after.UTC().Format(time.RFC3339), newest.UTC().Format(time.RFC3339)), fix)
	}
	return okf(check, "after the newest row written ("+newest.UTC().Format(time.RFC3339)+")")
}
