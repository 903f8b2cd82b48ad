package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestReplacedKeySecretsLeaveNoBytes stores a key as plain text (as a
// database from before sealing did), replaces it, and looks for the old
// text in the rows and, on SQLite, in the raw database files.
func TestReplacedKeySecretsLeaveNoBytes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		mu := domain.Municipality{LGCode: "131113", Slug: "ota", Name: "大田区", PrefCode: 13}
		if err := s.Directory().CreateMunicipality(ctx, &mu); err != nil {
			t.Fatal(err)
		}
		plain := "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPLAINTEXTSECRETPLAINTEXTSECRETPLAIN\n-----END PRIVATE KEY-----\n"
		created := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
		k := IssuerKey{Kid: "131113-20260401-aaaaaa", MunicipalityID: mu.ID, PrivateKey: plain, Created: created}
		if err := s.Issuance().AddIssuerKey(ctx, k); err != nil {
			t.Fatal(err)
		}
		k.PrivateKey, k.PublicKey = "tsk1:0123456789abcdef:c2VhbGVk", "cHVibGlj"
		if err := s.Issuance().ReplaceIssuerKeySecrets(ctx, []IssuerKey{k}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Issuance().IssuerKeys(ctx, mu.ID)
		if err != nil || len(got) != 1 || got[0] != k {
			t.Fatalf("keys = %+v, %v", got, err)
		}
		missing := IssuerKey{Kid: "131113-none", PrivateKey: "x"}
		if err := s.Issuance().ReplaceIssuerKeySecrets(ctx, []IssuerKey{missing}); err == nil || err.Error() != "store: no issuer key 131113-none" {
			t.Errorf("an unknown kid: %v", err)
		}
		if s.Engine() != SQLite {
			return
		}
		var path string
		if err := s.read.QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path); err != nil {
			t.Fatal(err)
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			b, err := os.ReadFile(path + suffix)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			for _, secret := range []string{"PRIVATE KEY", "PLAINTEXTSECRET"} {
				if bytes.Contains(b, []byte(secret)) {
					t.Errorf("%s holds %q", filepath.Base(path+suffix), secret)
				}
			}
		}
		if !strings.HasSuffix(path, "tsunagu.db") {
			t.Errorf("database file %s", path)
		}
	})
}
