package store

import (
	"context"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// TestMigration17KeepsAccounts fills a version 16 database the way the
// program wrote it, migrates, and checks that every account survives with
// its id and everything pointing at it (memberships, talents and their
// skills, tokens, sessions), that foreign keys still hold and cascade, that
// old API tokens now expire in 90 days, and that an id deleted before the
// migration is not handed out again. On SQLite version 16 did hand it out.
func TestMigration17KeepsAccounts(t *testing.T) {
	forEachEngineUnmigrated(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		p, err := s.migrations()
		mustNil(t, err)
		_, err = p.UpTo(ctx, 16)
		mustNil(t, err)
		now := time.Now().UTC()
		insert := func(q string, args ...any) int64 {
			t.Helper()
			id, err := s.insertID(ctx, q, args...)
			mustNil(t, err)
			return id
		}
		run := func(q string, args ...any) {
			t.Helper()
			_, err := s.exec(ctx, q, args...)
			mustNil(t, err)
		}
		user := func(email string) int64 {
			return insert(`INSERT INTO users (email, name, created_at, password_hash) VALUES ($1, '利用者', $2, 'hash')`, email, now)
		}
		mun := insert(`INSERT INTO municipalities (lgcode, slug, name, pref_code, created_at) VALUES ('131113', 'ota', '大田区', 13, $1)`, now)
		org := insert(`INSERT INTO organizations (municipality_id, kind, name, created_at) VALUES ($1, 'municipality_office', '区役所', $2)`, mun, now)
		staff, talentUser, deleted := user("staff@example.jp"), user("talent@example.jp"), user("deleted@example.jp")
		run(`INSERT INTO memberships (user_id, organization_id, municipality_id, role, created_at) VALUES ($1, $2, $3, 'municipality_staff', $4)`,
			staff, org, mun, now)
		talent := insert(`INSERT INTO talents (user_id, name, name_kana, created_at) VALUES ($1, '人材', 'ジンザイ', $2)`, talentUser, now)
		run(`INSERT INTO talent_skills (talent_id, skill_code, level) VALUES ($1, 'web-seo', 3)`, talent)
		run(`INSERT INTO user_tokens (hash, user_id, purpose, label, created_at) VALUES ($1, $2, 'api', 'old', $3)`, []byte("api"), staff, now)
		resetExpiry := now.Add(time.Hour).Truncate(time.Second)
		run(`INSERT INTO user_tokens (hash, user_id, purpose, expires_at, created_at) VALUES ($1, $2, 'reset_password', $3, $4)`,
			[]byte("reset"), staff, resetExpiry, now)
		run(`INSERT INTO sessions (token, data, expiry) VALUES ('signed-in', $1, $2)`, []byte("staff's session"), now.Add(time.Hour))
		// The newest account is deleted, as DeleteAccount did, and recorded.
		run(`DELETE FROM users WHERE id = $1`, deleted)
		run(`INSERT INTO audit_log (at, action, subject_type, subject_id) VALUES ($1, 'user.delete', 'user', $2)`, now, deleted)
		if s.Engine() == SQLite {
			again := user("again@example.jp")
			if again != deleted {
				t.Fatalf("version 16 gave id %d after deleting %d; the test assumes it reused the id", again, deleted)
			}
			run(`DELETE FROM users WHERE id = $1`, again)
		}

		_, err = s.Migrate(ctx)
		mustNil(t, err)

		var email string
		mustNil(t, s.queryRow(ctx, `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1`,
			org).Scan(&email))
		if email != "staff@example.jp" {
			t.Errorf("membership points at %q", email)
		}
		var skillOwner string
		mustNil(t, s.queryRow(ctx, `SELECT u.email FROM talent_skills k JOIN talents t ON t.id = k.talent_id
			JOIN users u ON u.id = t.user_id WHERE k.skill_code = 'web-seo'`).Scan(&skillOwner))
		if skillOwner != "talent@example.jp" {
			t.Errorf("talent skill points at %q", skillOwner)
		}
		var apiExpiry, gotReset time.Time
		mustNil(t, s.queryRow(ctx, `SELECT t.expires_at FROM user_tokens t JOIN users u ON u.id = t.user_id
			WHERE u.email = 'staff@example.jp' AND t.purpose = 'api'`).Scan(&apiExpiry))
		if d := apiExpiry.Sub(now); d < 90*24*time.Hour-time.Minute || d > 90*24*time.Hour+time.Minute {
			t.Errorf("an old API token expires %v after the migration, want 90 days", d)
		}
		mustNil(t, s.queryRow(ctx, `SELECT expires_at FROM user_tokens WHERE purpose = 'reset_password'`).Scan(&gotReset))
		if !gotReset.Equal(resetExpiry) {
			t.Errorf("a reset link's expiry moved from %v to %v", resetExpiry, gotReset)
		}
		if f, found, err := s.Accounts().Sessions().Find(ctx, "signed-in"); err != nil || !found || !f.Legacy || string(f.Data) != "staff's session" {
			t.Errorf("the open session: %+v %v %v", f, found, err)
		}

		newcomer := user("newcomer@example.jp")
		if newcomer <= deleted {
			t.Errorf("a new account got id %d, but %d was used before the migration", newcomer, deleted)
		}
		// Foreign keys are enforced again, and still cascade.
		if _, err := s.exec(ctx, `INSERT INTO memberships (user_id, organization_id, municipality_id, role, created_at)
			VALUES (999999, $1, $2, 'municipality_staff', $3)`, org, mun, now); err == nil {
			t.Error("a membership of nobody was accepted: foreign keys are off")
		}
		run(`DELETE FROM memberships WHERE user_id = $1`, staff)
		run(`DELETE FROM users WHERE id = $1`, staff)
		var tokens int
		mustNil(t, s.queryRow(ctx, `SELECT COUNT(*) FROM user_tokens`).Scan(&tokens))
		if tokens != 0 {
			t.Errorf("%d tokens outlived their user", tokens)
		}
		if s.Engine() == SQLite {
			rows, err := s.query(ctx, `PRAGMA foreign_key_check`)
			mustNil(t, err)
			defer rows.Close()
			if rows.Next() {
				t.Error("PRAGMA foreign_key_check found rows pointing nowhere")
			}
		}
	})
}

// forEachEngineUnmigrated runs fn against an empty SQLite store and, when
// configured, an empty PostgreSQL schema, for tests that migrate by steps.
func forEachEngineUnmigrated(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		s, err := Open(context.Background(), "", t.TempDir())
		mustNil(t, err)
		t.Cleanup(func() { s.Close() })
		fn(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		s, err := Open(context.Background(), storetest.PostgresURL(t), "")
		mustNil(t, err)
		t.Cleanup(func() { s.Close() })
		fn(t, s)
	})
}
