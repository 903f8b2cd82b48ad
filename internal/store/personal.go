package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// personalQueries are the rows that hold a person's data; each query
// takes one argument, the user id or, with byTalent, their talent id.
func personalQueries() []struct {
	name, query string
	byTalent    bool
} {
	return []struct {
		name, query string
		byTalent    bool
	}{
		{"user", `SELECT id, email, name, name_kana, lang, email_verified_at FROM users WHERE id = $1`, false},
		{"memberships", `SELECT organization_id, municipality_id, role, created_at FROM memberships WHERE user_id = $1`, false},
		{"talent", `SELECT id, name, name_kana, background, hours_per_month, work_style, residence_country, time_zone, leader
			FROM talents WHERE id = $1`, true},
		{"skills", `SELECT skill_code, level FROM talent_skills WHERE talent_id = $1`, true},
		{"sdgs", `SELECT goal FROM talent_sdgs WHERE talent_id = $1`, true},
		{"ties", `SELECT lgcode, kind FROM talent_affinities WHERE talent_id = $1`, true},
		{"entries", `SELECT id, program_id, motivation, status, submitted_at FROM entries WHERE talent_id = $1`, true},
		{"entry_choices", `SELECT c.entry_id, c.rank, c.project_id FROM entry_choices c JOIN entries e ON e.id = c.entry_id
			WHERE e.talent_id = $1`, true},
		{"entry_history", `SELECT v.entry_id, v.at, v.from_status, v.to_status FROM entry_events v JOIN entries e ON e.id = v.entry_id
			WHERE e.talent_id = $1`, true},
		{"interviews", `SELECT i.entry_id, i.starts_at, i.ends_at, i.place, i.video_url, i.note FROM interviews i
			JOIN entries e ON e.id = i.entry_id WHERE e.talent_id = $1`, true},
		{"agreements", `SELECT id, project_id, kind, reward_yen, hours_per_month, starts_on, ends_on, deliverables, version
			FROM agreements WHERE talent_id = $1`, true},
		{"reports", `SELECT engagement_id, month, hours, done, next_steps, blockers, submitted_at FROM reports
			WHERE talent_id = $1`, true},
		{"reviews", `SELECT engagement_id, side, score, comment, at FROM team_reviews WHERE talent_id = $1`, true},
		{"messages", `SELECT engagement_id, body, at FROM engagement_messages WHERE author_id = $1`, false},
		{"conversations", `SELECT entry_id, scout_id, body, created_at FROM thread_messages WHERE author_id = $1`, false},
		{"bookmarks", `SELECT project_id, created_at FROM bookmarks WHERE user_id = $1`, false},
		{"consents", `SELECT municipality_id, purpose, granted, at, document_version FROM consents WHERE user_id = $1`, false},
		{"notifications", `SELECT msg_key, args, link, created_at, read_at FROM notifications WHERE user_id = $1`, false},
		{"api_tokens", `SELECT label, created_at, used_at FROM user_tokens WHERE user_id = $1 AND purpose = 'api'`, false},
		{"scout_offers", `SELECT municipality_id, project_id, message, status, created_at, answered_at, share_contact FROM scout_offers
			WHERE talent_id = $1`, true},
		{"ideas", `SELECT municipality_id, title, body, status, answer, created_at FROM ideas WHERE author_id = $1`, false},
		{"event_replies", `SELECT event_id, at FROM event_rsvps WHERE user_id = $1`, false},
		{"audit", `SELECT at, action, subject_type, subject_id, address FROM audit_log WHERE actor_id = $1`, false},
	}
}

// PersonalData gathers everything Tsunagu holds about a person, table by
// table, as rows of named values, for them to download.
func (s Personal) PersonalData(ctx context.Context, userID int64) (map[string][]map[string]any, error) {
	var talentID int64
	if t, err := Talents(s).TalentByUser(ctx, userID); err == nil {
		talentID = t.ID
	} else if domain.ErrorCode(err) != domain.CodeNotFound {
		return nil, err
	}
	out := map[string][]map[string]any{}
	for _, pq := range personalQueries() {
		arg := userID
		if pq.byTalent {
			if talentID == 0 {
				out[pq.name] = []map[string]any{}
				continue
			}
			arg = talentID
		}
		rows, err := s.query(ctx, pq.query, arg)
		if err != nil {
			return nil, err
		}
		list, err := rowMaps(rows)
		if err != nil {
			return nil, err
		}
		out[pq.name] = list
	}
	return out, nil
}

// rowMaps reads every row as a map from column name to value.
func rowMaps(rows *sql.Rows) ([]map[string]any, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			switch v := vals[i].(type) {
			case []byte:
				m[c] = string(v)
			case time.Time:
				m[c] = v.UTC()
			default:
				m[c] = v
			}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// DeleteAccount erases a person: their account and profile, and the words
// they wrote (ideas, reports, messages, meeting notes, reviews, a
// reviewer's notes), their replies, notices and consents, and the signed
// credentials that name them. What others rely on stays as a tombstone
// without personal data (erasure.go lists it table by table). Once the
// transaction commits, SQLite's write-ahead log is emptied too; on
// PostgreSQL old row versions remain until VACUUM (see the README).
func (s Personal) DeleteAccount(ctx context.Context, userID int64) error {
	return s.transact(ctx, func(tx *Store) error {
		t, err := tx.Talents().TalentByUser(ctx, userID)
		if err == nil {
			if err := tx.Personal().execEach(ctx, talentErasures(), t.ID); err != nil {
				return err
			}
		} else if domain.ErrorCode(err) != domain.CodeNotFound {
			return err
		}
		if err := tx.Personal().execEach(ctx, userErasures(), userID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM users WHERE id = $1`, userID); err != nil {
			return err
		}
		if err := tx.runAfterCommit(ctx, tx.Personal().truncateWAL); err != nil {
			return err
		}
		return tx.Compliance().Audit(ctx, AuditEvent{ActorID: userID, Action: "user.delete", SubjectType: "user", SubjectID: userID})
	})
}

// MunicipalityData gathers all of a municipality's rows, table by table,
// for its admins to download. Secrets (token hashes) are left out.
func (s Personal) MunicipalityData(ctx context.Context, municipalityID int64) (map[string][]map[string]any, error) {
	queries := map[string]string{
		"organizations": `SELECT id, kind, name, name_kana, jsic_major, jsic_middle, area, description, website FROM organizations WHERE municipality_id = $1`,
		"members":       `SELECT m.user_id, u.name, u.email, m.organization_id, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.municipality_id = $1`,
		"programs":      `SELECT id, slug, title, title_en, entry_opens_at, entry_closes_at, stages FROM programs WHERE municipality_id = $1`,
		"projects":      `SELECT id, program_id, host_id, title, description, status, team_size, hours_per_month, reward_type, reward_yen FROM projects WHERE municipality_id = $1`,
		"entrants":      `SELECT DISTINCT t.id, t.name, t.name_kana FROM talents t JOIN entries e ON e.talent_id = t.id WHERE e.municipality_id = $1`,
		"entries":       `SELECT id, program_id, talent_id, motivation, status, submitted_at FROM entries WHERE municipality_id = $1`,
		"entry_history": `SELECT entry_id, at, actor_id, from_status, to_status, reason FROM entry_events WHERE municipality_id = $1`,
		"interviews":    `SELECT id, entry_id, starts_at, ends_at, place, video_url, note FROM interviews WHERE municipality_id = $1`,
		"agreements":    `SELECT id, entry_id, project_id, talent_id, kind, reward_yen, hours_per_month, starts_on, ends_on, deliverables, version FROM agreements WHERE municipality_id = $1`,
		"engagements":   `SELECT id, project_id, goal, status, started_on, completed_at, story_consent FROM engagements WHERE municipality_id = $1`,
		"reports":       `SELECT engagement_id, talent_id, month, hours, done, next_steps, blockers FROM reports WHERE municipality_id = $1`,
		"indicators":    `SELECT engagement_id, kind, sdg, baseline, result, evidence FROM indicators WHERE municipality_id = $1`,
		"events":        `SELECT id, title, starts_at, ends_at, online, place, capacity FROM events WHERE municipality_id = $1`,
		"ideas":         `SELECT id, title, body, status, answer, created_at FROM ideas WHERE municipality_id = $1`,
		"scout_offers":  `SELECT id, talent_id, project_id, message, status, created_at FROM scout_offers WHERE municipality_id = $1`,
		"invitations":   `SELECT id, email, organization_id, role, created_at, expires_at, accepted_at, revoked_at FROM invitations WHERE municipality_id = $1`,
		"legal_documents": `SELECT kind, version, body_ja, body_en, effective_at, created_by, created_at FROM legal_documents
			WHERE municipality_id = $1`,
		"audit": `SELECT at, actor_id, action, subject_type, subject_id, address FROM audit_log WHERE municipality_id = $1`,
	}
	out := map[string][]map[string]any{}
	for name, q := range queries {
		rows, err := s.query(ctx, q, municipalityID)
		if err != nil {
			return nil, err
		}
		if out[name], err = rowMaps(rows); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Tables lists the database's tables, for checks that look through
// everything (such as that a deleted person left nothing behind).
func (s Personal) Tables(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name`
	if s.engine == Postgres {
		q = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
	}
	rows, err := s.query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Dump reads every row of a table, for such checks.
func (s Personal) Dump(ctx context.Context, table string) ([]map[string]any, error) {
	rows, err := s.query(ctx, `SELECT * FROM `+quoteIdent(table))
	if err != nil {
		return nil, err
	}
	return rowMaps(rows)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
