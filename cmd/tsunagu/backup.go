package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// backupCmd writes a consistent copy of the SQLite database while the
// server runs:
//
//	tsunagu backup --out FILE [--data DIR | --db sqlite:PATH]
//
// The copy is made beside FILE under a temporary name, synced, checked
// (integrity, foreign keys, the same schema version as the live database)
// and only then renamed to FILE, so FILE is always either the previous
// backup or a complete new one.
func backupCmd(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	var s settings
	var out string
	fl := flag.NewFlagSet("backup", flag.ContinueOnError)
	fl.SetOutput(stderr)
	s.flags(fl, getenv)
	fl.StringVar(&out, "out", "", "the file to write the backup to (an earlier backup there is replaced once the new one is complete and checked)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if out == "" {
		return &usageError{"usage: tsunagu backup --out FILE [--data DIR]"}
	}
	if !s.onSQLite() {
		return &usageError{"tsunagu backup copies the embedded SQLite database; back up PostgreSQL with pg_dump " +
			"(pg_dump --format=custom --file=tsunagu.dump URL; see \"Backup and restore\" in the README)"}
	}
	live := s.sqlitePath()
	if _, err := os.Stat(live); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no database at %s: give the data directory with --data (or TSUNAGU_DATA)", live)
	} else if err != nil {
		return err
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return &usageError{fmt.Sprintf("--out %s is a directory: give the backup's file name", out)}
	}
	if sameFile(out, live) {
		return &usageError{fmt.Sprintf("--out %s is the live database itself: write the backup somewhere else", out)}
	}
	start := time.Now()
	st, err := store.Open(ctx, s.db, s.data)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.SchemaVersions(ctx); err != nil {
		return notTsunagu(live, err)
	}

	dir := filepath.Dir(out)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(out)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create the backup beside %s: %w", out, err)
	}
	tmpName := tmp.Name()
	if err := tmp.Close(); err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmpName)
		}
	}()
	stop := showProgress(stderr, tmpName, fileSize(live)+fileSize(live+"-wal"))
	err = st.BackupTo(ctx, tmpName)
	stop()
	if err != nil {
		return fmt.Errorf("copy %s: %w", live, err)
	}
	if err := syncFile(tmpName); err != nil {
		return err
	}
	tables, version, err := checkBackup(ctx, tmpName)
	if err != nil {
		return fmt.Errorf("the backup of %s failed its check, nothing was written to %s: %w", live, out, err)
	}
	liveVersions, err := st.SchemaVersions(ctx)
	if err != nil {
		return err
	}
	if lv := newest(liveVersions); lv != version {
		return fmt.Errorf("the backup is at schema version %d but the live database is now at %d (migrated meanwhile?): "+
			"nothing was written to %s; run backup again", version, lv, out)
	}
	if err := os.Rename(tmpName, out); err != nil {
		return err
	}
	done = true
	if err := syncDir(dir); err != nil {
		return err
	}
	var rows int64
	for _, t := range tables {
		rows += t.Rows
	}
	fmt.Fprintf(stderr, "backup of %s written to %s: %s, %d tables, %d rows, schema version %d, in %s\n",
		live, out, humanSize(fileSize(out)), len(tables), rows, version, time.Since(start).Round(time.Millisecond))
	keyFile := getenv("TSUNAGU_KEY_FILE")
	if keyFile == "" {
		keyFile = filepath.Join(s.data, defaultKeyFileName)
	}
	fmt.Fprintf(stderr, "the key file that seals the signing keys (%s) is not in the backup: keep a copy of it apart\n", keyFile)
	return nil
}

// checkBackup opens the copy read-only and checks that it is sound: its
// tables and schema version for the summary.
func checkBackup(ctx context.Context, path string) ([]store.TableSummary, int64, error) {
	snap, err := store.OpenSnapshot(ctx, path)
	if err != nil {
		return nil, 0, errors.New(detail(err))
	}
	defer snap.Close()
	problems, err := snap.CheckIntegrity(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot be read: %w", err)
	}
	if len(problems) > 0 {
		return nil, 0, fmt.Errorf("damaged: %s", listProblems(problems))
	}
	versions, err := snap.SchemaVersions(ctx)
	if err != nil {
		return nil, 0, err
	}
	tables, err := snap.Tables(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	return tables, newest(versions), nil
}

// restoreCmd puts a backup made by backupCmd in place of the SQLite
// database:
//
//	tsunagu restore [--data DIR | --db sqlite:PATH] [--force] FILE
//
// It checks FILE first (a SQLite file, sound, at a schema version this
// build knows), refuses while anything has the database open unless
// --force, keeps the current database as tsunagu.db.before-restore-TIME,
// and then renames a synced copy of FILE into place.
func restoreCmd(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	usage := &usageError{"usage: tsunagu restore [--data DIR] [--force] FILE"}
	var s settings
	var force bool
	fl := flag.NewFlagSet("restore", flag.ContinueOnError)
	fl.SetOutput(stderr)
	s.flags(fl, getenv)
	fl.BoolVar(&force, "force", false, "restore even when the database seems to be in use (every process that has it open must be restarted)")
	pos, err := positional(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usage
	}
	file := pos[0]
	if !s.onSQLite() {
		return &usageError{"tsunagu restore replaces the embedded SQLite database; restore PostgreSQL with pg_restore into a new database " +
			"(createdb, then pg_restore --no-owner --exit-on-error --dbname=URL tsunagu.dump; see \"Backup and restore\" in the README)"}
	}
	target := s.sqlitePath()
	fi, err := os.Stat(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("refusing to restore: there is no file %s", file)
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("refusing to restore: %s is a directory, not a backup", file)
	case sameFile(file, target):
		return fmt.Errorf("refusing to restore: %s is the database itself", file)
	}
	tables, version, known, err := checkRestorable(ctx, file)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
		return err
	}
	var kept string
	if _, err := os.Stat(target); err == nil {
		if kept, err = setAside(ctx, target, force, stderr); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := putInPlace(file, target); err != nil {
		return err
	}
	var rows int64
	for _, t := range tables {
		rows += t.Rows
	}
	fmt.Fprintf(stderr, "restored %s into %s: %d tables, %d rows, schema version %d, in %s\n",
		file, target, len(tables), rows, version, time.Since(start).Round(time.Millisecond))
	if version < known {
		fmt.Fprintf(stderr, "this tsunagu upgrades it to schema version %d when serve or migrate next starts\n", known)
	}
	if kept != "" {
		fmt.Fprintf(stderr, "the database it replaced is kept as %s\n", kept)
	}
	if s.db == "" {
		if _, err := os.Stat(filepath.Join(s.data, defaultKeyFileName)); errors.Is(err, fs.ErrNotExist) && getenv("TSUNAGU_KEY_FILE") == "" {
			fmt.Fprintf(stderr, "there is no key file at %s: put the one the backup's signing keys were sealed with there "+
				"(or give serve --key-file), or serve cannot open them\n", filepath.Join(s.data, defaultKeyFileName))
		}
	}
	return nil
}

// checkRestorable checks a backup before anything is touched: a SQLite
// file, sound, with migrations this build knows and none newer. It
// returns its tables, its schema version and the newest this build knows.
func checkRestorable(ctx context.Context, file string) ([]store.TableSummary, int64, int64, error) {
	refuse := func(format string, a ...any) error {
		return fmt.Errorf("refusing to restore %s: "+format, append([]any{file}, a...)...)
	}
	snap, err := store.OpenSnapshot(ctx, file)
	if key, _ := domain.ErrorKey(err); key == "error.not_sqlite" {
		return nil, 0, 0, refuse("it is not a SQLite database")
	} else if key == "error.sqlite_damaged" {
		return nil, 0, 0, refuse("it is damaged and cannot be opened (%s)", detail(err))
	} else if err != nil {
		return nil, 0, 0, refuse("it cannot be opened: %v", err)
	}
	defer snap.Close()
	problems, err := snap.CheckIntegrity(ctx)
	if err != nil {
		return nil, 0, 0, refuse("it is damaged and cannot be read (%v)", err)
	}
	if len(problems) > 0 {
		return nil, 0, 0, refuse("it is damaged: %s", listProblems(problems))
	}
	versions, err := snap.SchemaVersions(ctx)
	if domain.ErrorCode(err) == domain.CodeInvalid || (err == nil && len(versions) == 0) {
		return nil, 0, 0, refuse("it is not a Tsunagu database (no migrations recorded in goose_db_version)")
	} else if err != nil {
		return nil, 0, 0, refuse("its schema version cannot be read (%v)", err)
	}
	known, err := store.KnownSchemaVersions(store.SQLite)
	if err != nil {
		return nil, 0, 0, err
	}
	version, latest := newest(versions), newest(known)
	if version > latest {
		return nil, 0, 0, refuse("it is at schema version %d, newer than this tsunagu %s knows (%d): "+
			"restore it with the release that made it, or upgrade tsunagu first", version, Version, latest)
	}
	for _, v := range versions {
		if !slices.Contains(known, v) {
			return nil, 0, 0, refuse("it has migration %d applied, which this tsunagu %s does not know", v, Version)
		}
	}
	tables, err := snap.Tables(ctx, false)
	if err != nil {
		return nil, 0, 0, refuse("its tables cannot be read (%v)", err)
	}
	return tables, version, latest, nil
}

// setAside makes sure nothing has the database open (unless forced),
// folds its write-ahead log into it and keeps it under a new name
// beside it. The database stays at its name until the backup replaces it.
func setAside(ctx context.Context, target string, force bool, stderr io.Writer) (string, error) {
	err := store.QuiesceSQLite(ctx, target)
	switch {
	case err == nil:
	case !force && domain.ErrorCode(err) == domain.CodeConflict:
		return "", fmt.Errorf("refusing to restore: the database %s is in use (a tsunagu serve or another program has it open); "+
			"stop it and run restore again, or give --force if you are sure nothing writes to it", target)
	case !force:
		return "", fmt.Errorf("refusing to restore: cannot check that the database %s is unused (%s); "+
			"give --force to replace it anyway", target, detail(err))
	default:
		fmt.Fprintf(stderr, "--force: replacing %s although it could not be claimed (%s); restart every process that has it open\n",
			target, detail(err))
	}
	kept := target + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
	if _, err := os.Lstat(kept); err == nil {
		return "", fmt.Errorf("refusing to restore: %s already exists; wait a second and run restore again", kept)
	}
	if err := linkOrCopy(target, kept); err != nil {
		return "", fmt.Errorf("keep the current database as %s: %w", kept, err)
	}
	// A write-ahead log that could not be folded in (--force) goes with it.
	if fileSize(target+"-wal") > 0 {
		if err := linkOrCopy(target+"-wal", kept+"-wal"); err != nil {
			return "", fmt.Errorf("keep the current database's write-ahead log as %s-wal: %w", kept, err)
		}
	}
	return kept, nil
}

// putInPlace copies file beside target, syncs it, removes target's stale
// journal files (which SQLite would otherwise replay into the restored
// database) and renames the copy over target.
func putInPlace(file, target string) error {
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".restore-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	src, err := os.Open(file)
	if err != nil {
		return err
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err != nil {
		return fmt.Errorf("copy %s: %w", file, err)
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	for _, stale := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(target + stale); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove the old %s: %w", target+stale, err)
		}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	done = true
	return syncDir(dir)
}

// sqlitePath is the SQLite file the settings name.
func (s settings) sqlitePath() string {
	if p, ok := strings.CutPrefix(s.db, "sqlite:"); ok {
		return p
	}
	return filepath.Join(s.data, "tsunagu.db")
}

// notTsunagu explains a database without a schema version.
func notTsunagu(path string, err error) error {
	if domain.ErrorCode(err) == domain.CodeInvalid {
		return fmt.Errorf("%s is not a Tsunagu database (no migrations recorded): run tsunagu migrate or serve first", path)
	}
	return err
}

// detail is what went wrong, without a domain error's code and key.
func detail(err error) string {
	var e *domain.Error
	if errors.As(err, &e) && e.Detail != "" {
		return e.Detail
	}
	return err.Error()
}

// listProblems shows the first few problems a check found.
func listProblems(problems []string) string {
	const shown = 5
	if len(problems) > shown {
		return strings.Join(problems[:shown], "; ") + fmt.Sprintf("; and %d more", len(problems)-shown)
	}
	return strings.Join(problems, "; ")
}

func newest(versions []int64) int64 {
	if len(versions) == 0 {
		return 0
	}
	return slices.Max(versions)
}

// showProgress reports every second how much of the backup is written,
// until stop is called.
func showProgress(w io.Writer, path string, total int64) (stop func()) {
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-quit:
				if shown {
					fmt.Fprintln(w)
				}
				return
			case <-tick.C:
				fmt.Fprintf(w, "\rbacking up… %s written (the database is %s)", humanSize(fileSize(path)), humanSize(total))
				shown = true
			}
		}
	}()
	return func() {
		close(quit)
		<-finished
	}
}

// fileSize is the size of path, 0 when it does not exist.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// sameFile reports whether a and b name one existing file (or one path).
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// linkOrCopy gives the file at from a second name, by a hard link where
// the file system has them and by a synced copy otherwise.
func linkOrCopy(from, to string) error {
	if err := os.Link(from, to); err == nil {
		return nil
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return errors.Join(dst.Sync(), dst.Close())
}

// syncFile flushes a file to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	return syncFile(dir)
}
