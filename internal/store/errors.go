package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// mapError turns constraint violations from either engine into domain
// conflicts (duplicates) or invalid errors (a missing referenced row); any
// other error passes through unchanged.
func mapError(err error, what string) error {
	if err == nil {
		return nil
	}
	var code domain.Code
	var pg *pgconn.PgError
	var lite *sqlite.Error
	switch {
	case errors.As(err, &pg) && pg.Code == "23505",
		errors.As(err, &lite) && (lite.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || lite.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
		code = domain.CodeConflict
	case errors.As(err, &pg) && pg.Code == "23503",
		errors.As(err, &lite) && lite.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		code = domain.CodeInvalid
	default:
		return err
	}
	key := "error.conflict"
	if code == domain.CodeInvalid {
		key = "error.reference"
	}
	return &domain.Error{Code: code, Key: key, Args: map[string]any{"What": what}, Detail: err.Error()}
}
