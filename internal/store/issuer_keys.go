package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// IssuerKey is a municipality's signing key as stored.
type IssuerKey struct {
	Kid            string
	MunicipalityID int64
	// PrivateKey is the private key sealed with the key file. A database
	// from before sealing holds the plain PEM here until the first start
	// with a key file seals it.
	PrivateKey string
	// PublicKey is the Ed25519 public key in unpadded base64url, so the
	// keys can be published and checked without opening PrivateKey; empty
	// for a key from before sealing.
	PublicKey string
	Created   time.Time
	Retired   time.Time
}

// AddIssuerKey stores a new key and retires the municipality's others,
// which stay to verify what they signed.
func (s Issuance) AddIssuerKey(ctx context.Context, k IssuerKey) error {
	return s.transact(ctx, func(tx *Store) error {
		if _, err := tx.exec(ctx, `UPDATE issuer_keys SET retired_at = $1 WHERE municipality_id = $2 AND retired_at IS NULL`,
			k.Created, k.MunicipalityID); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO issuer_keys (kid, municipality_id, private_key, public_key, created_at)
			VALUES ($1, $2, $3, $4, $5)`, k.Kid, k.MunicipalityID, k.PrivateKey, k.PublicKey, k.Created)
		return mapError(err, "key")
	})
}

// IssuerKeys lists keys, oldest first; municipalityID 0 means every
// municipality's.
func (s Issuance) IssuerKeys(ctx context.Context, municipalityID int64) ([]IssuerKey, error) {
	q := `SELECT kid, municipality_id, private_key, public_key, created_at, retired_at FROM issuer_keys`
	var args []any
	if municipalityID != 0 {
		q += ` WHERE municipality_id = $1`
		args = append(args, municipalityID)
	}
	rows, err := s.query(ctx, q+` ORDER BY created_at, kid`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IssuerKey
	for rows.Next() {
		var k IssuerKey
		var retired sql.NullTime
		if err := rows.Scan(&k.Kid, &k.MunicipalityID, &k.PrivateKey, &k.PublicKey, &k.Created, &retired); err != nil {
			return nil, err
		}
		k.Created = k.Created.UTC()
		if retired.Valid {
			k.Retired = retired.Time.UTC()
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// ReplaceIssuerKeySecrets stores new private and public key texts for the
// keys given (by kid), all or none, and then wipes the bytes they replace
// from the database files: on SQLite the rows are rewritten with
// secure_delete on and the write-ahead log is checkpointed and truncated;
// on PostgreSQL the table is rewritten (VACUUM FULL), which leaves no dead
// row versions behind (the server's own WAL segments and backups are the
// operator's to expire).
func (s Issuance) ReplaceIssuerKeySecrets(ctx context.Context, keys []IssuerKey) error {
	if len(keys) == 0 {
		return nil
	}
	if s.inTx {
		return fmt.Errorf("store: ReplaceIssuerKeySecrets runs in a transaction of its own")
	}
	if s.engine == SQLite {
		// The writer pool has one connection that never closes, so the
		// setting holds for the transaction below.
		if _, err := s.write.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
			return err
		}
	}
	err := s.transact(ctx, func(tx *Store) error {
		for _, k := range keys {
			res, err := tx.exec(ctx, `UPDATE issuer_keys SET private_key = $1, public_key = $2 WHERE kid = $3`,
				k.PrivateKey, k.PublicKey, k.Kid)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("store: no issuer key %s", k.Kid)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.wipeReplacedRows(ctx)
}

// wipeReplacedRows removes old row versions of issuer_keys from the
// database files, as ReplaceIssuerKeySecrets describes.
func (s Issuance) wipeReplacedRows(ctx context.Context) error {
	if s.engine != SQLite {
		_, err := s.write.ExecContext(ctx, `VACUUM FULL issuer_keys`)
		return err
	}
	for range 50 {
		var busy, logFrames, checkpointed int
		if err := s.write.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed); err != nil {
			return err
		}
		if busy == 0 {
			return nil
		}
		select { // a reader holds an old snapshot: let it finish
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return fmt.Errorf("store: the write-ahead log stayed busy; old key bytes may remain in it until the next checkpoint")
}
