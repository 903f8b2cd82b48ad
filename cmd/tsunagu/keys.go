package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// defaultKeyFileName is the key file serve creates in the data directory
// on the embedded SQLite default when none is configured.
const defaultKeyFileName = "tsunagu.key"

// keyFileFlag registers --key-file, defaulting to TSUNAGU_KEY_FILE.
func (s *settings) keyFileFlag(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&s.keyFile, "key-file", getenv("TSUNAGU_KEY_FILE"),
		"key file that seals the issuers' signing keys in the database (default on SQLite: DATA/"+defaultKeyFileName+")")
}

// onSQLite reports whether the settings name the embedded SQLite database.
func (s settings) onSQLite() bool { return s.db == "" || strings.HasPrefix(s.db, "sqlite:") }

// loadKeys finds the key file the settings name. With no key file
// configured, on SQLite it uses DATA/tsunagu.key, creating it when create
// is set; on PostgreSQL it returns nil unless create is set, when it
// refuses, since every instance must share one key file.
func (s settings) loadKeys(create bool, log *slog.Logger) (*keyring.Ring, error) {
	if s.keyFile != "" {
		ring, err := keyring.Load(s.keyFile)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &usageError{fmt.Sprintf("no key file at %s: make one with `tsunagu keys new --key-file %s`", s.keyFile, s.keyFile)}
		}
		return ring, err
	}
	if !s.onSQLite() {
		if !create {
			return nil, nil
		}
		return nil, &usageError{"on PostgreSQL every instance needs the same key file to open the issuers' signing keys: " +
			"make one with `tsunagu keys new --key-file PATH`, copy it to every instance, and give it with --key-file or TSUNAGU_KEY_FILE"}
	}
	path := filepath.Join(s.data, defaultKeyFileName)
	if !create {
		ring, err := keyring.Load(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return ring, err
	}
	// A fresh machine has no data directory yet: the key file is the
	// first thing written there.
	if err := os.MkdirAll(s.data, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	ring, created, err := keyring.LoadOrCreate(path)
	if err != nil {
		return nil, err
	}
	if created {
		log.Info("created a key file that seals the issuers' signing keys; back it up apart from the database",
			"path", path, "key", ring.Fingerprint())
	}
	return ring, nil
}

// sealKeys seals any key still stored in plain text and checks that the
// key file opens the sealed ones.
func sealKeys(ctx context.Context, st *store.Store, ring *keyring.Ring, log *slog.Logger) error {
	if ring == nil {
		return nil
	}
	n, err := issuer.SealStoredKeys(ctx, st, ring)
	if err != nil {
		return err
	}
	if n > 0 {
		log.Info("sealed issuer signing keys stored in plain text", "count", n, "key", ring.Fingerprint())
		return st.Compliance().Audit(ctx, store.AuditEvent{Action: "issuer.keys_seal", SubjectType: "issuer_keys", Address: "cli",
			Detail: fmt.Sprintf("%d keys sealed with key %s", n, ring.Fingerprint())})
	}
	return nil
}

// keysCmd makes key files and re-seals the stored keys with a new one:
//
//	tsunagu keys new --key-file PATH
//	tsunagu keys rewrap --old-key-file OLD --key-file NEW
func keysCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	usage := &usageError{"usage: tsunagu keys new --key-file PATH | tsunagu keys rewrap --old-key-file OLD --key-file NEW"}
	if len(args) == 0 || (args[0] != "new" && args[0] != "rewrap") {
		return usage
	}
	var s settings
	var oldFile string
	fs := flag.NewFlagSet("keys "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	s.flags(fs, getenv)
	s.keyFileFlag(fs, getenv)
	fs.StringVar(&oldFile, "old-key-file", "", "rewrap: the key file the keys are sealed with now")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if s.keyFile == "" || (args[0] == "rewrap" && oldFile == "") {
		return usage
	}
	if args[0] == "new" {
		ring, err := keyring.Create(s.keyFile)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote key %s to %s (readable by its owner only); back it up apart from the database\n",
			ring.Fingerprint(), s.keyFile)
		return nil
	}
	return rewrapKeys(ctx, s, oldFile, stdout)
}

// rewrapKeys re-seals every issuer key from the old key file to the new.
func rewrapKeys(ctx context.Context, s settings, oldFile string, stdout io.Writer) error {
	old, err := keyring.Load(oldFile)
	if err != nil {
		return err
	}
	next, err := s.loadKeys(false, nil)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, s, newLogger(io.Discard))
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := issuer.Rewrap(ctx, st, old, next)
	if err != nil {
		return err
	}
	if err := st.Compliance().Audit(ctx, store.AuditEvent{Action: "issuer.keys_rewrap", SubjectType: "issuer_keys", Address: "cli",
		Detail: fmt.Sprintf("%d keys re-sealed from key %s to key %s", n, old.Fingerprint(), next.Fingerprint())}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "re-sealed %d issuer keys with key %s (were %s); give every instance the new key file before it starts again\n",
		n, next.Fingerprint(), old.Fingerprint())
	return nil
}
