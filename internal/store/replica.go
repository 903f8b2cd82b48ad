package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// A read replica is a PostgreSQL hot standby that answers the reads a
// second of lag cannot hurt (docs/scaling.md §2). Which reads those are is
// decided per repository method, not guessed from the SQL: the methods
// that begin with s.replicaSafe(ctx) are the public catalogue (the
// project list, its facets and search, project, program and municipality
// pages), the stories, events, the hub's figures and the dashboards.
// Everything else, and everything inside a transaction, reads from the
// primary. Even those methods use the replica only when the context says
// the request may read a little in the past (WithReplicaReads): the
// application allows it for visitors who are not signed in, so a
// signed-in person always reads their own writes.

// Option changes how Open connects.
type Option func(*options)

type options struct {
	replicaURL     string
	replicaBackoff time.Duration
}

// ReadReplica names a PostgreSQL standby (streaming replication from the
// primary) for the replica-safe reads. The primary must be PostgreSQL
// too. If the replica does not answer, Open still succeeds and its reads
// go to the primary until it does.
func ReadReplica(url string) Option { return func(o *options) { o.replicaURL = url } }

// ReplicaBackoff is how long the replica is left alone after it failed to
// answer (DefaultReplicaBackoff unless set); its reads go to the primary
// meanwhile.
func ReplicaBackoff(d time.Duration) Option { return func(o *options) { o.replicaBackoff = d } }

// DefaultReplicaBackoff is how long reads skip a replica that failed.
const DefaultReplicaBackoff = 5 * time.Second

// replicaConnectTimeout bounds a connection attempt to the replica (unless
// its URL sets connect_timeout), so a replica that has gone silent costs a
// request two seconds once per back-off rather than the system's TCP
// timeout.
const replicaConnectTimeout = 2 * time.Second

// replicaPoolSize is the most connections an instance opens to the
// replica, as many as to the primary.
const replicaPoolSize = 16

// WithReplicaReads returns a context in which the store may (allowed) or
// may not answer its replica-safe reads from the read replica. Without it
// every read goes to the primary: background work and the command line
// read what they wrote. The application sets it from the principal.
func WithReplicaReads(ctx context.Context, allowed bool) context.Context {
	return context.WithValue(ctx, replicaReadsKey{}, allowed)
}

type replicaReadsKey struct{}

func replicaReadsAllowed(ctx context.Context) bool {
	ok, _ := ctx.Value(replicaReadsKey{}).(bool)
	return ok
}

// replica is the standby's pool and its health, shared by every copy of
// the Store.
type replica struct {
	db      *sql.DB
	backoff time.Duration
	// downUntil is when (Unix nanoseconds, wall clock) the replica may be
	// tried again after it failed.
	downUntil atomic.Int64
	reads     atomic.Uint64 // queries the replica answered
	fallbacks atomic.Uint64 // queries it failed, answered by the primary
}

func openReplica(ctx context.Context, url string, backoff time.Duration) (*replica, error) {
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		return nil, fmt.Errorf("unsupported read replica URL %q: use postgres://…", redact(url))
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("read replica: %w", err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = replicaConnectTimeout
	}
	if backoff <= 0 {
		backoff = DefaultReplicaBackoff
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(replicaPoolSize)
	db.SetMaxIdleConns(replicaPoolSize)
	db.SetConnMaxIdleTime(5 * time.Minute)
	r := &replica{db: db, backoff: backoff}
	if err := db.PingContext(ctx); err != nil && ctx.Err() == nil {
		r.fallbacks.Add(1)
		r.markDown()
	}
	return r, nil
}

// up says whether the replica may be tried: it is not backing off.
func (r *replica) up() bool { return time.Now().UnixNano() >= r.downUntil.Load() }

// markDown leaves the replica alone for the back-off, and drops its idle
// connections: after a restart they are dead, and each would fail once.
func (r *replica) markDown() {
	r.downUntil.Store(time.Now().Add(r.backoff).UnixNano())
	if r.db != nil {
		r.db.SetMaxIdleConns(0)
		r.db.SetMaxIdleConns(replicaPoolSize)
	}
}

// failed decides what a failed replica read means. When the caller has
// gone (its context ended) the error is theirs. Otherwise the read is
// retried on the primary, and when the replica itself is out of reach
// (no connection, shutting down or starting up, out of connections) it is
// left alone for the back-off. A query the replica refused for its own
// reasons (a conflict with recovery, a table a lagging replica does not
// have yet) only moves that one read.
func (r *replica) failed(ctx context.Context, err error) (retry bool) {
	if ctx.Err() != nil {
		return false
	}
	r.fallbacks.Add(1)
	if unreachable(err) {
		r.markDown()
	}
	return true
}

func unreachable(err error) bool {
	var pg *pgconn.PgError
	if !errors.As(err, &pg) {
		return true // no answer from the server: refused, reset, timed out
	}
	switch pg.Code[:min(2, len(pg.Code))] {
	case "08", "53", "57", "58": // connection, resources, operator intervention, system
		return true
	}
	return false
}

// replicaQuerier reads from the replica and, when it fails, from the
// primary; once the replica has failed, the method's further reads go to
// the primary directly. It never writes to the replica.
type replicaQuerier struct {
	*replica
	primary querier
}

func (q replicaQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if !q.up() {
		return q.primary.QueryContext(ctx, query, args...)
	}
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err == nil {
		q.reads.Add(1)
		return rows, nil
	}
	if !q.failed(ctx, err) {
		return nil, err
	}
	return q.primary.QueryContext(ctx, query, args...)
}

// QueryRowContext sees the error of running the query through Row.Err (the
// driver reads the first row before it returns), so a failed replica is
// caught here too; errors while scanning are the caller's.
func (q replicaQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if !q.up() {
		return q.primary.QueryRowContext(ctx, query, args...)
	}
	row := q.db.QueryRowContext(ctx, query, args...)
	err := row.Err()
	if err == nil {
		q.reads.Add(1)
		return row
	}
	if !q.failed(ctx, err) {
		return row
	}
	return q.primary.QueryRowContext(ctx, query, args...)
}

// ExecContext writes on the primary: a standby takes no writes.
func (q replicaQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return q.primary.ExecContext(ctx, query, args...)
}

// replicaSafe returns the repository's core reading from the replica when
// the store has one, no transaction is in progress, ctx allows it and the
// replica is not backing off; otherwise s itself. Only the methods listed
// in replica_test.go call it.
func (s *core) replicaSafe(ctx context.Context) *core {
	if s.replica == nil || s.inTx || !replicaReadsAllowed(ctx) || !s.replica.up() {
		return s
	}
	c := *s
	c.r = replicaQuerier{replica: s.replica, primary: s.r}
	return &c
}

// ReplicaStats is how the read replica has served since Open.
type ReplicaStats struct {
	Configured bool   // a replica was given
	Up         bool   // it is not backing off after a failure
	Reads      uint64 // queries it answered
	Fallbacks  uint64 // queries it failed, answered by the primary
}

// ReplicaStats reports on the read replica, for logs and tests.
func (s *Store) ReplicaStats() ReplicaStats {
	if s.replica == nil {
		return ReplicaStats{}
	}
	return ReplicaStats{Configured: true, Up: s.replica.up(), Reads: s.replica.reads.Load(),
		Fallbacks: s.replica.fallbacks.Load()}
}
