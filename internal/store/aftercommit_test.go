package store

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestWorkAfterCommit checks the hooks DeleteAccount uses: they run only
// once the outermost transaction has committed, not after a rollback, and
// a failing hook is reported as a CommittedError while the change stands.
func TestWorkAfterCommit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var ran []string
		hook := func(name string, err error) func(context.Context) error {
			return func(context.Context) error { ran = append(ran, name); return err }
		}
		err := s.InTx(ctx, func(tx *Store) error {
			return tx.InTx(ctx, func(inner *Store) error {
				u := domain.User{Email: "hook@example.jp", Name: "後 処理"}
				if err := inner.Accounts().CreateUser(ctx, &u); err != nil {
					return err
				}
				if err := inner.runAfterCommit(ctx, hook("inner", nil)); err != nil {
					return err
				}
				if len(ran) != 0 {
					t.Error("a hook ran before the commit")
				}
				return tx.runAfterCommit(ctx, hook("outer", errors.New("the log is busy")))
			})
		})
		var committed *CommittedError
		if !errors.As(err, &committed) || committed.Err.Error() != "the log is busy" {
			t.Fatalf("err = %v, want a CommittedError", err)
		}
		if len(ran) != 2 || ran[0] != "inner" || ran[1] != "outer" {
			t.Errorf("ran %v", ran)
		}
		if _, err := s.Accounts().Credentials(ctx, "hook@example.jp"); err != nil {
			t.Errorf("the committed change is missing: %v", err)
		}
		ran = nil
		err = s.InTx(ctx, func(tx *Store) error {
			if err := tx.runAfterCommit(ctx, hook("rolled back", nil)); err != nil {
				return err
			}
			return domain.Errorf(domain.CodeConflict, "error.conflict")
		})
		if domain.ErrorCode(err) != domain.CodeConflict || len(ran) != 0 {
			t.Errorf("after a rollback: %v, ran %v", err, ran)
		}
		// Outside a transaction the work runs at once; on SQLite the WAL
		// is then empty.
		if err := s.runAfterCommit(ctx, s.Personal().truncateWAL); err != nil {
			t.Fatal(err)
		}
		if s.Engine() == SQLite {
			var path string
			if err := s.read.QueryRowContext(ctx, `SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path); err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() != 0 {
				t.Errorf("the WAL after a truncating checkpoint: %v %v", fi, err)
			}
		}
	})
}
