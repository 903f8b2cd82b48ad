package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteHeader is how every SQLite database file begins.
const sqliteHeader = "SQLite format 3\x00"

// BackupTo writes a consistent copy of the SQLite database to path, which
// must not exist or be empty, while the database stays in use: VACUUM
// INTO copies one read snapshot, so writers go on and the copy holds
// exactly the transactions committed before it began. The copy is not
// synced to disk; the caller syncs it before trusting it. On PostgreSQL
// it refuses: pg_dump is the tool there.
func (s *Store) BackupTo(ctx context.Context, path string) error {
	if s.engine != SQLite {
		return &domain.Error{Code: domain.CodeInvalid, Key: "error.backup_engine",
			Detail: "a PostgreSQL database is backed up with pg_dump"}
	}
	_, err := s.read.ExecContext(ctx, `VACUUM INTO ?1`, path)
	return err
}

// OpenSnapshot opens a SQLite file read-only as an unchanging copy (a
// backup), without locks and without creating anything beside it, to
// check and read it. Writes through the store fail. A file that is not a
// SQLite database (key error.not_sqlite) or too damaged to open (key
// error.sqlite_damaged) is an invalid error.
func OpenSnapshot(ctx context.Context, path string) (*Store, error) {
	if err := checkSQLiteHeader(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", fileURI(abs)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		var lite *sqlite.Error
		if errors.As(err, &lite) {
			if c := lite.Code() & 0xff; c == sqlite3.SQLITE_CORRUPT || c == sqlite3.SQLITE_NOTADB {
				return nil, &domain.Error{Code: domain.CodeInvalid, Key: "error.sqlite_damaged",
					Detail: fmt.Sprintf("open %s: %v", path, err)}
			}
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return newStore(SQLite, db, db), nil
}

// checkSQLiteHeader reads the first bytes of path and returns an invalid
// error unless they are a SQLite database's.
func checkSQLiteHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || string(head) != sqliteHeader {
		return &domain.Error{Code: domain.CodeInvalid, Key: "error.not_sqlite",
			Detail: fmt.Sprintf("%s does not begin with the SQLite header", path)}
	}
	return nil
}

// fileURI turns an absolute path into a SQLite file: URI, escaping the
// characters that would end or change the path.
func fileURI(abs string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(filepath.ToSlash(abs))
}

// CheckIntegrity runs SQLite's integrity_check and foreign_key_check and
// returns what they found wrong; none means the database is sound. A file
// too damaged to be read at all is an error.
func (s *Store) CheckIntegrity(ctx context.Context) ([]string, error) {
	if s.engine != SQLite {
		return nil, fmt.Errorf("integrity_check is a SQLite check")
	}
	var problems []string
	rows, err := s.read.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, "integrity_check: "+line)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	rows, err = s.read.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int64
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("foreign_key_check: %s row %d refers to a missing row of %s",
			table, rowid.Int64, parent))
	}
	return problems, rows.Err()
}

// SchemaVersions lists the migrations applied to the database, ascending,
// as recorded in goose_db_version. A database without that table is not a
// Tsunagu database: an invalid error.
func (s *Store) SchemaVersions(ctx context.Context) ([]int64, error) {
	exists := `SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'goose_db_version'`
	if s.engine == Postgres {
		exists = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()
			AND table_name = 'goose_db_version'`
	}
	var n int
	if err := s.queryRow(ctx, exists).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, &domain.Error{Code: domain.CodeInvalid, Key: "error.no_schema_version",
			Detail: "the database has no goose_db_version table"}
	}
	// Older goose versions recorded a rollback as a row with is_applied
	// false; the newest row of each version decides.
	return s.queryIDs(ctx, `SELECT version_id FROM goose_db_version g WHERE version_id > 0 AND is_applied
		AND id = (SELECT MAX(id) FROM goose_db_version WHERE version_id = g.version_id) ORDER BY version_id`)
}

// KnownSchemaVersions lists the migrations this build carries for the
// engine, ascending.
func KnownSchemaVersions(engine Engine) ([]int64, error) {
	entries, err := fs.ReadDir(migrations, "migrations/"+string(engine))
	if err != nil {
		return nil, err
	}
	var versions []int64
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		if !ok || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		v, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
		versions = append(versions, v)
	}
	slices.Sort(versions)
	return versions, nil
}

// QuiesceSQLite makes sure that no connection, of this process or
// another, has the SQLite database at path open, and folds its
// write-ahead log into the file, so the file alone holds every committed
// transaction and can be moved aside. A database in use is a conflict
// error; nothing is changed then.
func QuiesceSQLite(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	// In exclusive locking mode the first access takes the file's
	// exclusive lock (for a WAL database, before the WAL is opened), which
	// every other open connection prevents by holding its shared lock.
	db, err := sql.Open("sqlite", fileURI(abs)+"?mode=rw&_pragma=busy_timeout(2000)&_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return inUse(err, path)
	}
	defer conn.Close()
	for _, q := range []string{`BEGIN EXCLUSIVE`, `COMMIT`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return inUse(err, path)
		}
	}
	var busy, logPages, moved int64
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &moved); err != nil {
		return inUse(err, path)
	}
	if busy != 0 {
		return inUse(errors.New("the write-ahead log could not be checkpointed"), path)
	}
	return errors.Join(conn.Close(), db.Close())
}

// inUse turns SQLite's busy and locked errors into a conflict.
func inUse(err error, path string) error {
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		if c := lite.Code() & 0xff; c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED {
			return &domain.Error{Code: domain.CodeConflict, Key: "error.database_in_use",
				Detail: fmt.Sprintf("%s is open in another connection: %v", path, err)}
		}
	}
	return err
}

// TableSummary is one table's row count and, when asked for, a checksum
// of all its rows in primary-key order.
type TableSummary struct {
	Name     string
	Rows     int64
	Checksum string // hex SHA-256; empty unless checksums were asked for
}

// Tables summarizes every table of the database (on SQLite also the
// AUTOINCREMENT counters in sqlite_sequence and the search index's
// shadow tables, not the virtual tables over them), in name order, read
// in one snapshot. With checksums it hashes every row, which reads the
// whole database: two databases with equal summaries hold the same data.
func (s *Store) Tables(ctx context.Context, checksums bool) ([]TableSummary, error) {
	r := s.r
	if !s.inTx {
		opts := &sql.TxOptions{ReadOnly: true}
		if s.engine == Postgres {
			opts.Isolation = sql.LevelRepeatableRead
		}
		tx, err := s.read.BeginTx(ctx, opts)
		if err != nil {
			return nil, err
		}
		defer tx.Rollback()
		r = tx
	}
	names, err := s.tableNames(ctx, r)
	if err != nil {
		return nil, err
	}
	out := make([]TableSummary, 0, len(names))
	for _, name := range names {
		t := TableSummary{Name: name}
		if !checksums {
			err = r.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+quoteIdent(name)).Scan(&t.Rows)
		} else {
			t.Rows, t.Checksum, err = s.tableChecksum(ctx, r, name)
		}
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", name, err)
		}
		out = append(out, t)
	}
	return out, nil
}

// tableNames lists the tables Tables summarizes.
func (s *Store) tableNames(ctx context.Context, r querier) ([]string, error) {
	q := `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND (name NOT LIKE 'sqlite\_%' ESCAPE '\' OR name = 'sqlite_sequence')
		AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`
	if s.engine == Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
			AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	return queryStrings(ctx, r, q)
}

// tableChecksum counts and hashes a table's rows, ordered by its primary
// key (by every column when it has none).
func (s *Store) tableChecksum(ctx context.Context, r querier, table string) (int64, string, error) {
	keyQ, colQ := `SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk`,
		`SELECT name FROM pragma_table_info(?1) ORDER BY cid`
	if s.engine == Postgres {
		keyQ = `SELECT a.attname FROM pg_index i
			JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
			WHERE i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident($1)) AND i.indisprimary
			ORDER BY array_position(i.indkey::int2[], a.attnum)`
		colQ = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()
			AND table_name = $1 ORDER BY ordinal_position`
	}
	order, err := queryStrings(ctx, r, keyQ, table)
	if err == nil && len(order) == 0 {
		order, err = queryStrings(ctx, r, colQ, table)
	}
	if err != nil {
		return 0, "", err
	}
	for i, c := range order {
		order[i] = quoteIdent(c)
	}
	rows, err := r.QueryContext(ctx, `SELECT * FROM `+quoteIdent(table)+` ORDER BY `+strings.Join(order, ", "))
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, "", err
	}
	h := sha256.New()
	for _, c := range cols {
		writeField(h, 's', []byte(c))
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, "", err
		}
		h.Write([]byte{'\n'})
		for _, v := range vals {
			hashValue(h, v)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// hashValue writes one column value to h, tagged with its kind, so that
// no two different rows hash alike.
func hashValue(h hash.Hash, v any) {
	var buf [8]byte
	switch x := v.(type) {
	case nil:
		writeField(h, 'n', nil)
	case int64:
		binary.BigEndian.PutUint64(buf[:], uint64(x))
		writeField(h, 'i', buf[:])
	case float64:
		binary.BigEndian.PutUint64(buf[:], math.Float64bits(x))
		writeField(h, 'f', buf[:])
	case bool:
		writeField(h, 'b', []byte(strconv.FormatBool(x)))
	case []byte:
		writeField(h, 'x', x)
	case string:
		writeField(h, 's', []byte(x))
	case time.Time:
		writeField(h, 't', []byte(x.UTC().Format(time.RFC3339Nano)))
	default:
		writeField(h, 'v', []byte(fmt.Sprintf("%T:%v", x, x)))
	}
}

// writeField writes a tag, a length and the bytes.
func writeField(h hash.Hash, tag byte, b []byte) {
	var head [9]byte
	head[0] = tag
	binary.BigEndian.PutUint64(head[1:], uint64(len(b)))
	h.Write(head[:])
	h.Write(b)
}

// queryStrings runs a query whose rows are single strings.
func queryStrings(ctx context.Context, r querier, q string, args ...any) ([]string, error) {
	rows, err := r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
