package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// newKeyFile writes a fresh key file for a test and returns its path.
func newKeyFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tsunagu.key")
	if _, err := keyring.Create(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// runWith runs the program with the environment given and returns what it
// printed.
func runWith(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"tsunagu"}, args...), func(k string) string { return env[k] },
		strings.NewReader(""), &out, &errOut)
	return out.String(), err
}

// TestKeyFileSettings: on SQLite serve makes the key file in the data
// directory (0600) and logs where; on PostgreSQL it refuses to start
// without one, saying every instance needs the same file.
func TestKeyFileSettings(t *testing.T) {
	dir := t.TempDir()
	var log bytes.Buffer
	s := settings{data: dir}
	made, err := s.loadKeys(true, newLogger(&log))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "tsunagu.key")
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v, %v; want mode 0600", info, err)
	}
	want := `msg="created a key file that seals the issuers' signing keys; back it up apart from the database" path=` +
		path + " key=" + made.Fingerprint()
	if !strings.Contains(log.String(), want) {
		t.Errorf("log %q, want it to contain %q", log.String(), want)
	}
	log.Reset()
	again, err := s.loadKeys(true, newLogger(&log))
	if err != nil || again.Fingerprint() != made.Fingerprint() || log.Len() != 0 {
		t.Errorf("second start: %v, %v, log %q", again, err, log.String())
	}

	pg := storetest.PostgresURL(t)
	err = run(context.Background(), []string{"tsunagu", "serve", "--addr", "127.0.0.1:0", "--db", pg},
		func(string) string { return "" }, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	var usage *usageError
	if !errors.As(err, &usage) || err.Error() != "on PostgreSQL every instance needs the same key file to open the issuers' signing keys: "+
		"make one with `tsunagu keys new --key-file PATH`, copy it to every instance, and give it with --key-file or TSUNAGU_KEY_FILE" {
		t.Errorf("serve on PostgreSQL without a key file: %v", err)
	}
	shared := newKeyFile(t)
	ring, err := settings{db: pg, keyFile: shared}.loadKeys(true, newLogger(&log))
	if err != nil || ring == nil {
		t.Errorf("PostgreSQL with a key file: %v, %v", ring, err)
	}
	if _, err := (settings{keyFile: filepath.Join(dir, "missing.key")}).loadKeys(true, newLogger(&log)); err == nil ||
		err.Error() != "no key file at "+filepath.Join(dir, "missing.key")+": make one with `tsunagu keys new --key-file "+
			filepath.Join(dir, "missing.key")+"`" {
		t.Errorf("a missing key file: %v", err)
	}
}

// TestKeysRewrapCommand rotates the key file as the README says: make a
// new one, rewrap, and from then on only the new one opens the keys.
func TestKeysRewrapCommand(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"TSUNAGU_DATA": dir}
	if _, err := runWith(t, env, "migrate"); err != nil {
		t.Fatal(err)
	}
	if _, err := runWith(t, env, "municipality", "add", "--lgcode", "131113"); err != nil {
		t.Fatal(err)
	}
	if out, err := runWith(t, env, "credential", "rotate", "--lgcode", "131113"); err != nil || !strings.HasPrefix(out, "new signing key 131113-") {
		t.Fatalf("rotate: %q %v", out, err)
	}
	oldFile, newFile := filepath.Join(dir, "tsunagu.key"), filepath.Join(t.TempDir(), "new.key")
	out, err := runWith(t, env, "keys", "new", "--key-file", newFile)
	next, lerr := keyring.Load(newFile)
	if err != nil || lerr != nil || out != "wrote key "+next.Fingerprint()+" to "+newFile+
		" (readable by its owner only); back it up apart from the database\n" {
		t.Fatalf("keys new: %q %v %v", out, err, lerr)
	}
	old, err := keyring.Load(oldFile)
	if err != nil {
		t.Fatal(err)
	}
	out, err = runWith(t, env, "keys", "rewrap", "--old-key-file", oldFile, "--key-file", newFile)
	if err != nil || out != "re-sealed 1 issuer keys with key "+next.Fingerprint()+" (were "+old.Fingerprint()+
		"); give every instance the new key file before it starts again\n" {
		t.Fatalf("rewrap: %q %v", out, err)
	}
	// The old key file (still the default one in the data directory) no
	// longer opens the keys; the new one does.
	if _, err := runWith(t, env, "credential", "rotate", "--lgcode", "131113"); err == nil ||
		!strings.Contains(err.Error(), "was sealed with key "+next.Fingerprint()+", but the key file holds key "+old.Fingerprint()) {
		t.Errorf("rotate with the old key file: %v", err)
	}
	if _, err := runWith(t, env, "credential", "rotate", "--lgcode", "131113", "--key-file", newFile); err != nil {
		t.Errorf("rotate with the new key file: %v", err)
	}
	if out, err := runWith(t, env, "audit"); err != nil || !strings.Contains(out, "issuer.keys_rewrap") || !strings.Contains(out, "issuer.key_rotate") {
		t.Errorf("audit: %q %v", out, err)
	}
	db, err := os.ReadFile(filepath.Join(dir, "tsunagu.db"))
	if err != nil || bytes.Contains(db, []byte("PRIVATE KEY")) {
		t.Errorf("the database file holds a PEM private key (%v)", err)
	}
	if _, err := runWith(t, env, "keys", "rewrap", "--key-file", newFile); err == nil {
		t.Error("rewrap without --old-key-file was accepted")
	}
}
