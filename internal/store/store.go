// Package store keeps Tsunagu's data in SQLite (embedded, the default) or
// PostgreSQL, with the same portable SQL for both. Queries are written with
// $1 placeholders; rebind turns them into ?1 for SQLite.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver
)

// Engine names the database behind a Store.
type Engine string

// Engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Store is the data layer: the database handle, its pools and its
// transactions. What it keeps is reached through one repository per
// capability (Accounts, Entries, …). Inside InTx, reads and writes go
// through the transaction, also through the repositories of the tx store;
// otherwise reads use the read pool and writes the writer, and with a
// read replica the replica-safe reads of visitors use the replica
// (replica.go).
type Store struct {
	core
}

// core is the plumbing the Store and every repository share: the pools,
// the transaction in progress, and the query helpers.
type core struct {
	engine  Engine
	read    *sql.DB
	write   *sql.DB // for SQLite a pool of one connection with immediate transactions
	r, w    querier
	inTx    bool
	tx      *sql.Tx   // inside InTx
	txConn  *sql.Conn // the connection tx runs on, on PostgreSQL
	jobs    Jobs
	now     func() time.Time
	indexer Indexer
	// maxRanked is how many search matches are ranked by relevance.
	maxRanked int
	// changes counts committed writes in this process, so caches of pages
	// built from the data can tell they are stale. Shared by every copy.
	changes *atomic.Uint64
	// remote counts the writes other instances announced (PostgreSQL
	// LISTEN/NOTIFY), bumped by Listen.
	remote *atomic.Uint64
	// catalogue and remoteCatalogue count the writes, here and announced by
	// other instances, that change what the public catalogue lists (see
	// catalogue_version.go); txCatalogue marks such a write inside InTx.
	catalogue, remoteCatalogue *atomic.Uint64
	txCatalogue                *bool
	url                        string // the PostgreSQL URL, for the listening connection
	// replica is the read replica (a PostgreSQL standby), or nil; only the
	// replica-safe reads use it (replica.go).
	replica *replica
	// afterCommit holds work to run once the outermost transaction has
	// committed (inside InTx; shared by nested calls).
	afterCommit *[]func(context.Context) error
	// migrationLocked says the migration lock is held for this store
	// (LockMigrations), so Migrate does not wait for it again.
	migrationLocked bool
	// statements counts the statements run through the query helpers
	// (Statements). Shared by every copy.
	statements *atomic.Int64
}

// Open connects to the database named by url: "" or "sqlite:PATH" for SQLite
// (the default file is tsunagu.db in dataDir), "postgres://…" for PostgreSQL.
// Options add a read replica (PostgreSQL only).
func Open(ctx context.Context, url, dataDir string, opts ...Option) (*Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	postgres := strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
	if o.replicaURL != "" && !postgres {
		return nil, errors.New("a read replica needs PostgreSQL as the primary database: SQLite already reads through a pool of its own")
	}
	switch {
	case postgres:
		st, err := openPostgres(ctx, url)
		if err != nil || o.replicaURL == "" {
			return st, err
		}
		if st.replica, err = openReplica(ctx, o.replicaURL, o.replicaBackoff); err != nil {
			st.Close()
			return nil, err
		}
		return st, nil
	case url == "":
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
		return openSQLite(ctx, filepath.Join(dataDir, "tsunagu.db"))
	case strings.HasPrefix(url, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(url, "sqlite:"))
	}
	return nil, fmt.Errorf("unsupported database URL %q: use postgres://… or sqlite:PATH", redact(url))
}

func openPostgres(ctx context.Context, url string) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL at %s: %w", redact(url), err)
	}
	st := newStore(Postgres, db, db)
	st.url = url
	return st, nil
}

// sqliteDSN sets WAL, foreign keys, a busy timeout and secure_delete (what
// is deleted or overwritten is zeroed in the file, so an erased person's
// words do not linger in free space) on every connection. Writers begin
// immediate transactions so a read-then-write transaction never fails with
// SQLITE_BUSY_SNAPSHOT under contention.
func sqliteDSN(path string, writer bool) string {
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=secure_delete(1)&_time_format=sqlite"
	if writer {
		dsn += "&_txlock=immediate"
	}
	return dsn
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	write, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open SQLite database %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return newStore(SQLite, read, write), nil
}

// JobPool gives River on SQLite its connections: a pool of its own with
// one connection, so the queue's polling never holds the web's writer. On
// PostgreSQL, where River has a pgx pool of its own (PgxPool), it returns
// the shared pool. close releases what was opened for it.
func (s *Store) JobPool() (db *sql.DB, close func() error, err error) {
	if s.engine != SQLite {
		return s.write, func() error { return nil }, nil
	}
	var path string
	if err := s.read.QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path); err != nil {
		return nil, nil, err
	}
	db, err = sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		return nil, nil, err
	}
	db.SetMaxOpenConns(1)
	return db, db.Close, nil
}

// PgxPool opens a pool of at most size pgx connections to the store's
// PostgreSQL database, for River's pgx driver, which listens for new jobs
// (LISTEN/NOTIFY) instead of only polling. It connects when first used;
// the caller closes it. On SQLite there is none.
func (s *Store) PgxPool(size int32) (*pgxpool.Pool, error) {
	if s.engine != Postgres {
		return nil, fmt.Errorf("a pgx pool needs PostgreSQL, not %s", s.engine)
	}
	cfg, err := pgxpool.ParseConfig(s.url)
	if err != nil {
		return nil, fmt.Errorf("job queue pool for %s: %w", redact(s.url), err)
	}
	cfg.MaxConns = size
	// NewWithConfig connects in the background and ignores the context's end.
	return pgxpool.NewWithConfig(context.Background(), cfg)
}

func newStore(engine Engine, read, write *sql.DB) *Store {
	return &Store{core{engine: engine, read: read, write: write, r: read, w: write,
		now: func() time.Time { return time.Now().UTC() }, changes: new(atomic.Uint64), remote: new(atomic.Uint64),
		catalogue: new(atomic.Uint64), remoteCatalogue: new(atomic.Uint64),
		maxRanked: MaxRanked, statements: new(atomic.Int64)}}
}

// Engine says which database is behind the store.
func (s *Store) Engine() Engine { return s.engine }

// Close releases the connections.
func (s *Store) Close() error {
	var err error
	if s.replica != nil {
		err = s.replica.db.Close()
	}
	if s.read == s.write {
		return errors.Join(s.read.Close(), err)
	}
	return errors.Join(s.write.Close(), s.read.Close(), err)
}

// Ping checks that the database answers: the primary. A read replica that
// does not answer is not the instance's failure (its reads go to the
// primary), so it must not take the instance out of a load balancer.
func (s *Store) Ping(ctx context.Context) error { return s.read.PingContext(ctx) }

// PoolStats are the statistics of the store's connection pools by name: on
// SQLite "read" and "write" (the writer's one connection); on PostgreSQL
// one pool serves both, "shared". The job queue's own SQLite connection is
// not among them.
func (s *Store) PoolStats() map[string]sql.DBStats {
	if s.read == s.write {
		return map[string]sql.DBStats{"shared": s.read.Stats()}
	}
	return map[string]sql.DBStats{"read": s.read.Stats(), "write": s.write.Stats()}
}

// InTx runs fn in one write transaction; fn's store reads and writes inside it.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	if s.inTx {
		return fn(s)
	}
	return s.transact(ctx, fn)
}

// transact is InTx for the repositories: it runs fn in one write
// transaction, or in the one in progress.
func (s *core) transact(ctx context.Context, fn func(tx *Store) error) error {
	if s.inTx {
		return fn(&Store{*s})
	}
	// On PostgreSQL the transaction runs on a connection held for it, so
	// the job queue's pgx driver can enqueue on the same connection, inside
	// the same transaction (JobTx).
	var conn *sql.Conn
	var tx *sql.Tx
	var err error
	if s.engine == Postgres {
		if conn, err = s.write.Conn(ctx); err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		tx, err = conn.BeginTx(ctx, nil)
	} else {
		tx, err = s.write.BeginTx(ctx, nil)
	}
	if err != nil {
		if conn != nil {
			conn.Close()
		}
		return fmt.Errorf("begin: %w", err)
	}
	end := func(err error) error {
		if err != nil {
			_ = tx.Rollback()
		}
		if conn != nil {
			conn.Close()
		}
		return err
	}
	var after []func(context.Context) error
	var catalogue bool
	ts := Store{*s}
	ts.r, ts.w, ts.inTx, ts.tx, ts.txConn, ts.afterCommit, ts.txCatalogue = tx, tx, true, tx, conn, &after, &catalogue
	if err := fn(&ts); err != nil {
		return end(err)
	}
	if s.engine == Postgres {
		// Delivered to the other instances only if the commit succeeds.
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify('`+changesChannel+`', $1)`, notePayload(catalogue)); err != nil {
			return end(err)
		}
	}
	if err := end(tx.Commit()); err != nil {
		return err
	}
	if catalogue {
		s.catalogue.Add(1)
	}
	s.changes.Add(1)
	var errs []error
	for _, fn := range after {
		if err := fn(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return &CommittedError{Err: errors.Join(errs...)}
	}
	return nil
}

// CommittedError is what InTx returns when the transaction committed but
// work after the commit failed: the change stands.
type CommittedError struct{ Err error }

func (e *CommittedError) Error() string { return "after the commit: " + e.Err.Error() }
func (e *CommittedError) Unwrap() error { return e.Err }

// runAfterCommit queues fn to run once the transaction commits, or runs it
// now outside a transaction.
func (s *core) runAfterCommit(ctx context.Context, fn func(context.Context) error) error {
	if s.afterCommit == nil {
		return fn(ctx)
	}
	*s.afterCommit = append(*s.afterCommit, fn)
	return nil
}

// Version changes whenever this process commits a write and, on
// PostgreSQL while Listen runs, whenever another instance announces one.
// Without Listen other processes' writes are not seen: caches keyed on it
// must also expire by time.
func (s *Store) Version() uint64 { return s.changes.Load() + s.remote.Load() }

// written records a write made outside a transaction.
func (s *core) written(q string) {
	catalogue := touchesCatalogue(q)
	if s.inTx {
		if catalogue && s.txCatalogue != nil {
			*s.txCatalogue = true
		}
		return
	}
	if catalogue {
		s.catalogue.Add(1)
	}
	s.changes.Add(1)
	if s.engine == Postgres {
		_, _ = s.write.Exec(`SELECT pg_notify('`+changesChannel+`', $1)`, notePayload(catalogue))
	}
}

// rebind turns $1-style placeholders into ?1 for SQLite.
func (s *core) rebind(q string) string {
	if s.engine != SQLite {
		return q
	}
	return strings.ReplaceAll(q, "$", "?")
}

// Statements is how many SQL statements the store and its copies ran
// through its query helpers since Open: the cost of a page in round trips,
// which must not grow with the rows it shows.
func (s *Store) Statements() int64 { return s.statements.Load() }

func (s *core) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	defer s.written(q)
	s.statements.Add(1)
	return s.w.ExecContext(ctx, s.rebind(q), args...)
}

// execQuiet writes rows that no page shows (sessions, the audit log): it
// does not count as a change, so cached pages on this and other instances
// stay valid.
func (s *core) execQuiet(ctx context.Context, q string, args ...any) (sql.Result, error) {
	s.statements.Add(1)
	return s.w.ExecContext(ctx, s.rebind(q), args...)
}

func (s *core) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	s.statements.Add(1)
	return s.r.QueryContext(ctx, s.rebind(q), args...)
}

func (s *core) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	s.statements.Add(1)
	return s.r.QueryRowContext(ctx, s.rebind(q), args...)
}

// insertID runs an INSERT … RETURNING id on the writer.
func (s *core) insertID(ctx context.Context, q string, args ...any) (int64, error) {
	defer s.written(q)
	s.statements.Add(1)
	var id int64
	err := s.w.QueryRowContext(ctx, s.rebind(q+" RETURNING id"), args...).Scan(&id)
	return id, err
}

// redact hides a password in a database URL before it is shown or logged.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 {
		return url
	}
	userinfo := url[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return url[:scheme+3] + userinfo[:i] + ":***" + url[at:]
	}
	return url
}
