package jobs

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// errStoreOwnsTx is what inTx answers to anything that would end or nest
// the store's transaction.
var errStoreOwnsTx = errors.New("jobs: the store's transaction is committed or rolled back by the store")

// inTx is the store's transaction in progress as River's pgx driver takes
// it: a pgx.Tx whose statements run on the connection the store's
// database/sql transaction runs on (store.JobTx.OnPgx), so the jobs River
// inserts commit or roll back with the change. River's InsertTx only runs
// statements through it; ending the transaction is the store's, so Commit,
// Rollback and Begin refuse.
type inTx struct{ conn *pgx.Conn }

var _ pgx.Tx = inTx{}

func (t inTx) Begin(context.Context) (pgx.Tx, error) { return nil, errStoreOwnsTx }
func (t inTx) Commit(context.Context) error          { return errStoreOwnsTx }
func (t inTx) Rollback(context.Context) error        { return errStoreOwnsTx }

func (t inTx) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	return t.conn.CopyFrom(ctx, table, columns, src)
}

func (t inTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return t.conn.SendBatch(ctx, b)
}

// LargeObjects is not used by River; large objects need a pgx-begun
// transaction.
func (t inTx) LargeObjects() pgx.LargeObjects { return pgx.LargeObjects{} }

func (t inTx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	return t.conn.Prepare(ctx, name, sql)
}

func (t inTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return t.conn.Exec(ctx, sql, args...)
}

func (t inTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return t.conn.Query(ctx, sql, args...)
}

func (t inTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return t.conn.QueryRow(ctx, sql, args...)
}

func (t inTx) Conn() *pgx.Conn { return t.conn }
