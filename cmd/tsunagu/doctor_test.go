package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// fakeSMTP answers SMTP on a local port for the doctor: a greeting, EHLO
// with the extensions given, STARTTLS with cert (when given) and QUIT. It
// returns the address it listens on.
func fakeSMTP(t *testing.T, cert *tls.Certificate, extensions ...string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go serveFakeSMTP(conn, cert, extensions)
		}
	}()
	return ln.Addr().String()
}

func serveFakeSMTP(conn net.Conn, cert *tls.Certificate, extensions []string) {
	defer func() { conn.Close() }()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprint(conn, "220 fake.test ESMTP\r\n")
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		verb, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(line)), " ")
		switch verb {
		case "EHLO":
			lines := append([]string{"fake.test"}, extensions...)
			for i, l := range lines {
				sep := "-"
				if i == len(lines)-1 {
					sep = " "
				}
				fmt.Fprintf(conn, "250%s%s\r\n", sep, l)
			}
		case "STARTTLS":
			if cert == nil {
				fmt.Fprint(conn, "502 not here\r\n")
				continue
			}
			fmt.Fprint(conn, "220 go ahead\r\n")
			tc := tls.Server(conn, &tls.Config{Certificates: []tls.Certificate{*cert}})
			if tc.Handshake() != nil {
				return
			}
			conn, r = tc, bufio.NewReader(tc)
		case "QUIT":
			fmt.Fprint(conn, "221 bye\r\n")
			return
		default:
			fmt.Fprint(conn, "502 unknown command\r\n")
		}
	}
}

// selfSigned makes a certificate for 127.0.0.1 and the pool that trusts it.
func selfSigned(t *testing.T) (*tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fake.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, BasicConstraintsValid: true, IsCA: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(parsed)
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

// freePort is a local port nothing listens on.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// doctorLines splits the doctor's report into its lines by check.
func doctorLines(t *testing.T, out string) map[string]string {
	t.Helper()
	lines := map[string]string{}
	for line := range strings.Lines(strings.TrimSuffix(out, "\n")) {
		line = strings.TrimSuffix(line, "\n")
		if len(line) < 19 {
			t.Fatalf("short report line %q", line)
		}
		lines[strings.TrimSpace(line[6:17])] = line
	}
	return lines
}

// wantHealthy checks that every line of a report says OK. The disk may
// say WARN only when this machine really has less than 1 GiB free there.
func wantHealthy(t *testing.T, out, dir string) {
	t.Helper()
	lines := doctorLines(t, out)
	for _, check := range []string{"database", "migrations", "smtp", "base URL", "proxy", "key file", "issuer keys", "disk", "clock"} {
		line, ok := lines[check]
		if !ok {
			t.Errorf("no line for %s in\n%s", check, out)
			continue
		}
		if check == "disk" {
			if n, err := freeSpace(dir); err == nil && n < diskWarnBelow && strings.HasPrefix(line, "WARN") {
				continue
			}
		}
		if !strings.HasPrefix(line, "OK    ") {
			t.Errorf("want OK: %s", line)
		}
	}
	if len(lines) != 9 {
		t.Errorf("%d lines, want 9:\n%s", len(lines), out)
	}
}

// TestDoctorHealthySQLite: an installation made as the README says (migrate,
// a municipality with a signing key) with SMTP, an https base URL behind a
// trusted proxy passes every check, and the command exits 0.
func TestDoctorHealthySQLite(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"TSUNAGU_DATA": dir}
	for _, args := range [][]string{{"migrate"}, {"municipality", "add", "--lgcode", "131113"}, {"credential", "rotate", "--lgcode", "131113"}} {
		if _, err := runWith(t, env, args...); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
	}
	env["TSUNAGU_SMTP"] = "smtp://" + fakeSMTP(t, nil, "8BITMIME") + "?tls=none&from=noreply@example.jp"
	env["TSUNAGU_BASE_URL"] = "https://tsunagu.example.jp"
	env["TSUNAGU_TRUSTED_PROXY"] = "127.0.0.1"
	out, err := runWith(t, env, "doctor")
	if err != nil {
		t.Fatalf("doctor: %v\n%s", err, out)
	}
	wantHealthy(t, out, dir)
	lines := doctorLines(t, out)
	ring, err := keyring.Load(filepath.Join(dir, "tsunagu.key"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"OK    database     SQLite at " + filepath.Join(dir, "tsunagu.db") + " answers",
		"OK    base URL     https://tsunagu.example.jp",
		"OK    proxy        believing X-Forwarded-For and X-Forwarded-Proto from 127.0.0.1/32",
		"OK    key file     " + filepath.Join(dir, "tsunagu.key") + " (mode 0600) holds key " + ring.Fingerprint(),
		"OK    issuer keys  the key file opens all 1 stored signing keys",
	} {
		check := strings.TrimSpace(want[6:17])
		if lines[check] != want {
			t.Errorf("got  %s\nwant %s", lines[check], want)
		}
	}
	for check, prefix := range map[string]string{
		"migrations": "OK    migrations   schema at version ",
		"smtp":       "OK    smtp         " + strings.TrimPrefix(strings.Split(env["TSUNAGU_SMTP"], "?")[0], "smtp://") + " answers EHLO without encryption (tls=none)",
		"clock":      "OK    clock        after the newest row written (",
	} {
		if !strings.HasPrefix(lines[check], prefix) {
			t.Errorf("got  %s\nwant %s…", lines[check], prefix)
		}
	}
}

// TestDoctorFindsProblems: each problem gives its line with what to do,
// and a failed check makes the command exit 1.
func TestDoctorFindsProblems(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := runWith(t, map[string]string{"TSUNAGU_DATA": dir}, "migrate"); err != nil {
		t.Fatal(err)
	}

	t.Run("missing key file", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "tsunagu.key")
		_, f := doctor{s: settings{data: dir, keyFile: missing}}.checkKeyFile()
		want := "FAIL  key file     no key file at " + missing + "; fix: restore it from its backup (the sealed signing keys open only with it); " +
			"on a new installation make one with `tsunagu keys new --key-file " + missing + "`"
		if f.String() != want {
			t.Errorf("got  %s\nwant %s", f, want)
		}
		_, f = doctor{s: settings{db: "postgres://db.example.jp/tsunagu"}}.checkKeyFile()
		if !strings.HasPrefix(f.String(), "FAIL  key file     none given: on PostgreSQL every instance needs the same key file; fix: make one with `tsunagu keys new") {
			t.Errorf("PostgreSQL without a key file: %s", f)
		}
	})

	t.Run("key file readable by others", func(t *testing.T) {
		path := newKeyFile(t)
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		_, f := doctor{s: settings{data: dir, keyFile: path}}.checkKeyFile()
		want := "FAIL  key file     " + path + " can be read by others (mode 0644); fix: chmod 600 " + path + " (owned by the service's user)"
		if f.String() != want {
			t.Errorf("got  %s\nwant %s", f, want)
		}
	})

	t.Run("keys sealed with another key file", func(t *testing.T) {
		dir := t.TempDir()
		env := map[string]string{"TSUNAGU_DATA": dir}
		for _, args := range [][]string{{"migrate"}, {"municipality", "add", "--lgcode", "131113"}, {"credential", "rotate", "--lgcode", "131113"}} {
			if _, err := runWith(t, env, args...); err != nil {
				t.Fatalf("%v: %v", args, err)
			}
		}
		other := newKeyFile(t)
		ring, err := keyring.Load(other)
		if err != nil {
			t.Fatal(err)
		}
		env["TSUNAGU_KEY_FILE"] = other
		out, err := runWith(t, env, "doctor")
		if err == nil || err.Error() != "doctor: 1 of 9 checks failed" {
			t.Errorf("doctor: %v", err)
		}
		line := doctorLines(t, out)["issuer keys"]
		if !strings.HasPrefix(line, "FAIL  issuer keys  issuer key 131113-") || !strings.Contains(line, ", but the key file holds key "+ring.Fingerprint()+
			"; fix: give the key file the keys were sealed with (the same file on every instance)") {
			t.Errorf("got %s", line)
		}
	})

	t.Run("smtp", func(t *testing.T) {
		cert, roots := selfSigned(t)
		plain := fakeSMTP(t, nil, "8BITMIME")
		secure := fakeSMTP(t, cert, "STARTTLS", "AUTH PLAIN")
		closed := freePort(t)
		for _, c := range []struct{ url, want string }{
			{"", "WARN  smtp         no SMTP server configured: mail stays in the outbox (see `tsunagu outbox`); " +
				"fix: set TSUNAGU_SMTP, e.g. smtp://user:pass@mail.example.jp:587?from=noreply@example.jp"},
			{"smtp://mail.example.jp:587", "FAIL  smtp         mail: SMTP sender missing: set From (URL parameter from=), " +
				"e.g. \"つなぐ <noreply@example.jp>\"; fix: correct TSUNAGU_SMTP: smtp://user:pass@host:587?from=noreply@example.jp (STARTTLS), " +
				"smtps://…:465 (TLS), tls=none only for a relay on this machine; percent-encode reserved characters in the password"},
			{"smtp://" + closed + "?from=noreply@example.jp", "FAIL  smtp         cannot connect to " + closed + ": dial tcp " + closed +
				": connect: connection refused; fix: check the host and port, that the server runs, and that firewalls let this machine reach it"},
			{"smtp://" + plain + "?from=noreply@example.jp", "FAIL  smtp         " + plain + " does not offer STARTTLS; " +
				"fix: use the server's submission port (587), smtps:// for port 465, or tls=none only for a relay on this machine"},
			{"smtp://user:secret@" + plain + "?tls=none&from=noreply@example.jp", "FAIL  smtp         " + plain +
				" offers no AUTH after EHLO, but the URL has a user name; fix: drop the user name for a relay that needs none, or use the port that takes logins"},
			{"smtp://user:secret@" + secure + "?from=noreply@example.jp", "OK    smtp         " + secure +
				" answers EHLO with STARTTLS and offers AUTH (the password is not tried)"},
		} {
			if got := checkSMTP(ctx, c.url, 2*time.Second, roots).String(); got != c.want {
				t.Errorf("%s:\ngot  %s\nwant %s", c.url, got, c.want)
			}
		}
		// Without the test's roots the self-signed certificate is refused.
		if got := checkSMTP(ctx, "smtp://"+secure+"?from=noreply@example.jp", 2*time.Second, nil).String(); !strings.HasPrefix(got,
			"FAIL  smtp         STARTTLS with "+secure+" failed: tls: failed to verify certificate") {
			t.Errorf("untrusted certificate: %s", got)
		}
	})

	t.Run("base URL", func(t *testing.T) {
		for raw, want := range map[string]string{
			"http://tsunagu.example.jp": "WARN  base URL     http://tsunagu.example.jp is plain http: session cookies are not Secure and there is no HSTS; " +
				"fix: put a TLS proxy in front (deploy/Caddyfile or deploy/nginx.conf) and set TSUNAGU_BASE_URL to its https address",
			"http://127.0.0.1:8080":        "OK    base URL     http://127.0.0.1:8080",
			"http://localhost:8080/":       "OK    base URL     http://localhost:8080",
			"https://tsunagu.example.jp/":  "OK    base URL     https://tsunagu.example.jp",
			"ftp://tsunagu.example.jp":     `FAIL  base URL     "ftp://tsunagu.example.jp": want http:// or https://; fix: set TSUNAGU_BASE_URL to the https address people use, such as https://tsunagu.example.jp`,
			"https://tsunagu.example.jp/x": `FAIL  base URL     "https://tsunagu.example.jp/x" has a path: Tsunagu is served at the root of its host; fix: give the address only, or serve Tsunagu on a host of its own`,
			"tsunagu.example.jp":           `FAIL  base URL     "tsunagu.example.jp": want http:// or https://; fix: set TSUNAGU_BASE_URL to the https address people use, such as https://tsunagu.example.jp`,
			"": "WARN  base URL     not set: links in mail and credential issuer IDs use http://ADDR; " +
				"fix: set TSUNAGU_BASE_URL to the https address people use, such as https://tsunagu.example.jp",
		} {
			if got := checkBaseURL(raw).String(); got != want {
				t.Errorf("%q:\ngot  %s\nwant %s", raw, got, want)
			}
		}
		if got := checkProxy("https://tsunagu.example.jp", "127.0.0.1:8080", nil); got.level != levelWarn ||
			got.fix != "set TSUNAGU_TRUSTED_PROXY to the proxy's address (127.0.0.1 for one on this machine)" {
			t.Errorf("https behind an untrusted local proxy: %s", got)
		}
	})

	t.Run("pending migration", func(t *testing.T) {
		dir := t.TempDir()
		env := map[string]string{"TSUNAGU_DATA": dir}
		if _, err := runWith(t, env, "migrate"); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", filepath.Join(dir, "tsunagu.db"))
		if err != nil {
			t.Fatal(err)
		}
		// The newest migration's row goes, as if the database were one
		// release older (its tables stay, so migrate would not run again).
		var last int64
		if err := db.QueryRow(`SELECT MAX(version_id) FROM goose_db_version`).Scan(&last); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`DELETE FROM goose_db_version WHERE version_id = ?`, last); err != nil {
			t.Fatal(err)
		}
		db.Close()
		out, err := runWith(t, env, "doctor")
		if err == nil || err.Error() != "doctor: 1 of 9 checks failed" || exitCode(err) != 1 {
			t.Errorf("doctor: %v", err)
		}
		lines := doctorLines(t, out)
		want := fmt.Sprintf("FAIL  migrations   1 schema migrations (%d) and 0 job queue migrations not applied; "+
			"fix: run `tsunagu migrate` once as the release step, then start the new release", last)
		if lines["migrations"] != want {
			t.Errorf("got  %s\nwant %s", lines["migrations"], want)
		}
		if lines["issuer keys"] != "WARN  issuer keys  not checked: the database is not migrated; fix: fix that first" {
			t.Errorf("issuer keys: %s", lines["issuer keys"])
		}
	})

	t.Run("no database", func(t *testing.T) {
		empty := t.TempDir()
		out, err := runWith(t, map[string]string{"TSUNAGU_DATA": empty}, "doctor")
		if err == nil || !strings.HasPrefix(out, "FAIL  database     no database at "+filepath.Join(empty, "tsunagu.db")+"; fix: run `tsunagu migrate`") {
			t.Errorf("%v\n%s", err, out)
		}
		if _, err := os.Stat(filepath.Join(empty, "tsunagu.db")); err == nil {
			t.Error("the doctor created a database")
		}
	})

	t.Run("disk", func(t *testing.T) {
		for free, want := range map[uint64]string{
			50 << 20: "FAIL  disk         only 50 MiB free in " + dir + "; fix: free space in " + dir +
				" or grow the disk: SQLite, its write-ahead log and the key file live there",
			500 << 20: "WARN  disk         500 MiB free in " + dir + "; fix: free space in " + dir +
				" or grow the disk: SQLite, its write-ahead log and the key file live there",
			3 << 30: "OK    disk         3.0 GiB free in " + dir,
		} {
			got := checkDisk(dir, true, func(string) (uint64, error) { return free, nil }).String()
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		}
		// A data directory not made yet is measured where it will be.
		var asked string
		checkDisk(filepath.Join(dir, "not", "yet"), true, func(at string) (uint64, error) { asked = at; return 3 << 30, nil })
		if asked != dir {
			t.Errorf("measured %s, want %s", asked, dir)
		}
	})

	t.Run("clock set back", func(t *testing.T) {
		env := map[string]string{"TSUNAGU_DATA": dir}
		if _, err := runWith(t, env, "municipality", "add", "--lgcode", "152137"); err != nil {
			t.Fatal(err)
		}
		d := doctor{s: settings{data: dir}, timeout: 5 * time.Second, now: func() time.Time { return time.Now().AddDate(-1, 0, 0) }}
		st, f := d.checkDatabase(ctx)
		if st == nil {
			t.Fatal(f)
		}
		defer st.Close()
		got := d.checkClock(ctx, st, true, "").String()
		if !strings.HasPrefix(got, "WARN  clock        this machine's clock (") || !strings.Contains(got, ") is before the newest row written (") ||
			!strings.HasSuffix(got, "): it was set back; fix: keep this machine's clock synchronized (systemd-timesyncd or chrony); "+
				"sessions, tokens, entry periods and credential dates read it") {
			t.Errorf("got %s", got)
		}
	})
}

// TestDoctorPostgres: a PostgreSQL installation with a shared key file
// passes, and the clock is compared with the server's.
func TestDoctorPostgres(t *testing.T) {
	pg := storetest.PostgresURL(t)
	env := map[string]string{"TSUNAGU_DB": pg, "TSUNAGU_KEY_FILE": newKeyFile(t), "TSUNAGU_DATA": t.TempDir()}
	out, err := runWith(t, env, "doctor")
	if err == nil || !strings.Contains(out, "FAIL  migrations   ") || !strings.Contains(out, "WARN  issuer keys  not checked: the database is not migrated") {
		t.Errorf("before migrate: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"migrate"}, {"municipality", "add", "--lgcode", "131113"}, {"credential", "rotate", "--lgcode", "131113"}} {
		if _, err := runWith(t, env, args...); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
	}
	env["TSUNAGU_SMTP"] = "smtp://" + fakeSMTP(t, nil) + "?tls=none&from=noreply@example.jp"
	env["TSUNAGU_BASE_URL"] = "https://tsunagu.example.jp"
	env["TSUNAGU_TRUSTED_PROXY"] = "127.0.0.1"
	out, err = runWith(t, env, "doctor")
	if err != nil {
		t.Fatalf("doctor: %v\n%s", err, out)
	}
	wantHealthy(t, out, env["TSUNAGU_DATA"])
	lines := doctorLines(t, out)
	if !strings.HasPrefix(lines["database"], "OK    database     PostgreSQL at postgres://") || strings.Contains(out, "search_path=") {
		t.Errorf("database: %s", lines["database"])
	}
	if !strings.HasPrefix(lines["clock"], "OK    clock        within ") || !strings.HasSuffix(lines["clock"], " of PostgreSQL's clock") {
		t.Errorf("clock: %s", lines["clock"])
	}
	if lines["issuer keys"] != "OK    issuer keys  the key file opens all 1 stored signing keys" {
		t.Errorf("issuer keys: %s", lines["issuer keys"])
	}
}
