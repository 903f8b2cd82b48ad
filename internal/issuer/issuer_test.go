package issuer

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

var testNow = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// hub is a store with Ota on it, and where its SQLite files are ("" on
// PostgreSQL).
type hub struct {
	st  *store.Store
	dir string
	ota domain.Municipality
}

// eachEngine runs a test on SQLite and, when configured, PostgreSQL.
func eachEngine(t *testing.T, fn func(t *testing.T, h hub)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newHub(t, "")) })
	t.Run("postgres", func(t *testing.T) { fn(t, newHub(t, storetest.PostgresURL(t))) })
}

func newHub(t *testing.T, dbURL string) hub {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, dbURL, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	h := hub{st: st, ota: domain.Municipality{LGCode: "131113", Slug: "ota", Name: "大田区", PrefCode: 13}}
	if dbURL == "" {
		h.dir = dir
	}
	if err := st.Directory().CreateMunicipality(ctx, &h.ota); err != nil {
		t.Fatal(err)
	}
	return h
}

func newRing(t *testing.T) *keyring.Ring {
	t.Helper()
	r, err := keyring.New(keyring.Generate())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// secretForms are the ways a private key could show in stored bytes.
func secretForms(k credential.Key) []string {
	seed := k.Private.Seed()
	return []string{"PRIVATE KEY", string(seed), string(k.Private), hex.EncodeToString(seed),
		base64.StdEncoding.EncodeToString(seed), base64.RawURLEncoding.EncodeToString(seed),
		base64.RawURLEncoding.EncodeToString(k.Private), base64.StdEncoding.EncodeToString(k.Private)}
}

// assertNoSecret looks for the key in every row of every table and, on
// SQLite, in the raw database files.
func assertNoSecret(t *testing.T, h hub, k credential.Key) {
	t.Helper()
	ctx := context.Background()
	var all bytes.Buffer
	tables, err := h.st.Personal().Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		rows, err := h.st.Personal().Dump(ctx, table)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&all, "%v\n", rows)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if h.dir == "" {
			break
		}
		b, err := os.ReadFile(filepath.Join(h.dir, "tsunagu.db"+suffix))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, form := range secretForms(k) {
		if bytes.Contains(all.Bytes(), []byte(form)) {
			t.Errorf("the stored bytes hold the private key (as %q)", form[:min(len(form), 12)])
		}
	}
}

func TestStatusListSigns(t *testing.T) {
	h := newHub(t, "")
	i := New(h.st, "http://tsunagu.test", func() time.Time { return testNow }, newRing(t))
	if _, err := i.StatusList(context.Background(), "131113"); err != nil {
		t.Fatal(err)
	}
	if _, err := New(h.st, "http://tsunagu.test", nil, nil).StatusList(context.Background(), "131113"); err != ErrNoKeyFile {
		t.Errorf("signing without a key file: %v", err)
	}
}

// TestKeysSealedAtRest makes a key, signs with it, and finds neither the
// PEM nor the raw key anywhere in the database.
func TestKeysSealedAtRest(t *testing.T) {
	eachEngine(t, func(t *testing.T, h hub) {
		ctx := context.Background()
		ring := newRing(t)
		i := New(h.st, "https://tsunagu.example.jp", func() time.Time { return testNow }, ring)
		kid, err := i.Rotate(ctx, h.ota)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := h.st.Issuance().IssuerKeys(ctx, h.ota.ID)
		if err != nil || len(rows) != 1 || rows[0].Kid != kid || !keyring.IsSealed(rows[0].PrivateKey) {
			t.Fatalf("stored keys %d, %v", len(rows), err)
		}
		k, err := openKey(ring, rows[0])
		if err != nil {
			t.Fatal(err)
		}
		if got := encodePublic(k.Public()); rows[0].PublicKey != got {
			t.Errorf("stored public key %q, want %q", rows[0].PublicKey, got)
		}
		if _, err := i.StatusList(ctx, "131113"); err != nil {
			t.Fatal(err)
		}
		jwks, err := i.JWKS(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := credential.PublicJWKS(k.PublicKey())
		if !bytes.Equal(jwks, want) {
			t.Errorf("JWKS = %s, want %s", jwks, want)
		}
		assertNoSecret(t, h, k)
		// A sealed key moved to another municipality's row does not open.
		moved := rows[0]
		moved.MunicipalityID++
		if _, err := openKey(ring, moved); err == nil {
			t.Error("a key opened in another municipality's row")
		}
	})
}

// TestPlainKeysSealedOnStart stores a key as a database from before
// sealing did, seals it as serve does at start, and checks that it still
// signs and that nothing plain remains.
func TestPlainKeysSealedOnStart(t *testing.T) {
	eachEngine(t, func(t *testing.T, h hub) {
		ctx := context.Background()
		k, err := credential.NewKey("131113-20260101-abcdef", testNow.AddDate(0, -1, 0))
		if err != nil {
			t.Fatal(err)
		}
		pem, _ := k.MarshalPrivate()
		if err := h.st.Issuance().AddIssuerKey(ctx, store.IssuerKey{Kid: k.ID, MunicipalityID: h.ota.ID, PrivateKey: string(pem),
			Created: k.Created}); err != nil {
			t.Fatal(err)
		}
		ring := newRing(t)
		i := New(h.st, "https://tsunagu.example.jp", func() time.Time { return testNow }, ring)
		if _, err := i.StatusList(ctx, "131113"); err == nil || err.Error() !=
			"issuer key 131113-20260101-abcdef is not sealed yet: start the server (or run migrate) once with the key file" {
			t.Errorf("signing with a plain key: %v", err)
		}
		if n, err := SealStoredKeys(ctx, h.st, ring); err != nil || n != 1 {
			t.Fatalf("sealed %d, %v", n, err)
		}
		if n, err := SealStoredKeys(ctx, h.st, ring); err != nil || n != 0 {
			t.Errorf("a second start sealed %d, %v", n, err)
		}
		ks, err := i.signingKeys(ctx, h.ota)
		if err != nil {
			t.Fatal(err)
		}
		if active, err := ks.Active(testNow); err != nil || active.ID != k.ID || !active.Private.Equal(k.Private) {
			t.Errorf("the sealed key opens as %v, %v", active, err)
		}
		assertNoSecret(t, h, k)

		other := newRing(t)
		_, err = SealStoredKeys(ctx, h.st, other)
		want := fmt.Sprintf("issuer key 131113-20260101-abcdef was sealed with key %s, but the key file holds key %s: "+
			"every instance sharing this database needs the same key file", ring.Fingerprint(), other.Fingerprint())
		if err == nil || err.Error() != want {
			t.Errorf("a start with another key file: %v", err)
		}
	})
}

// TestRewrapMovesKeysToANewKeyFile re-seals the stored keys with a new
// key file: the new one opens them, the old one no longer does.
func TestRewrapMovesKeysToANewKeyFile(t *testing.T) {
	eachEngine(t, func(t *testing.T, h hub) {
		ctx := context.Background()
		old, next := newRing(t), newRing(t)
		i := New(h.st, "https://tsunagu.example.jp", func() time.Time { return testNow }, old)
		for range 2 {
			if _, err := i.Rotate(ctx, h.ota); err != nil {
				t.Fatal(err)
			}
		}
		before, err := i.signingKeys(ctx, h.ota)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := Rewrap(ctx, h.st, old, next); err != nil || n != 2 {
			t.Fatalf("rewrapped %d, %v", n, err)
		}
		if n, err := Rewrap(ctx, h.st, old, next); err != nil || n != 0 {
			t.Errorf("a second rewrap re-sealed %d, %v", n, err)
		}
		after, err := New(h.st, "", func() time.Time { return testNow }, next).signingKeys(ctx, h.ota)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range before.Keys() {
			got, ok := after.Lookup(k.ID)
			if !ok || !got.Private.Equal(k.Private) {
				t.Errorf("key %s changed in the rewrap", k.ID)
			}
		}
		if _, err := i.signingKeys(ctx, h.ota); err == nil {
			t.Error("the old key file still opens the keys")
		}
		if _, err := SealStoredKeys(ctx, h.st, next); err != nil {
			t.Errorf("a start with the new key file: %v", err)
		}
		for _, k := range before.Keys() {
			assertNoSecret(t, h, k)
		}
	})
}
