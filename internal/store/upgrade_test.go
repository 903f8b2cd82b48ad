package store

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestUpgradeFromTheFirstSchema builds a database with the first
// migration only, fills it with plain SQL the way the program of that time
// wrote it (a municipality, its office and a business, staff and a talent
// with accounts, a program with a host, a project with goals and skills, a
// talent with skills, goals and affinities, an entry with two choices),
// migrates it to the newest schema and checks, on both engines, that:
//   - every row reads back through today's repositories unchanged;
//   - the later migrations' backfills hold: skill categories (00002), the
//     facet columns (00003), the columns added with defaults since
//     (accounts 00005, idempotency 00007, contact address 00010, stages
//     00011, session generation and request hash 00017);
//   - users and talents keep their ids through 00017's rebuild on SQLite
//     and never hand out an id again;
//   - the schema is the one a fresh database gets, so every later column
//     (00019's, 00020's renamed and added key columns …) is there;
//   - foreign keys still hold, and today's code can write again.
func TestUpgradeFromTheFirstSchema(t *testing.T) {
	forEachEngineUnmigrated(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		p, err := s.migrations()
		mustNil(t, err)
		_, err = p.UpTo(ctx, 1)
		mustNil(t, err)
		if v, err := p.GetDBVersion(ctx); err != nil || v != 1 {
			t.Fatalf("the database is at version %d (%v), want 1", v, err)
		}

		at := time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)
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
		mun := insert(`INSERT INTO municipalities (lgcode, slug, name, name_en, pref_code, accent_color, created_at)
			VALUES ('131113', 'ota', '大田区', 'Ota City', 13, '#0a6ebd', $1)`, at)
		office := insert(`INSERT INTO organizations (municipality_id, kind, name, created_at)
			VALUES ($1, 'municipality_office', '大田区役所', $2)`, mun, at)
		shop := insert(`INSERT INTO organizations (municipality_id, kind, name, name_kana, jsic_major, jsic_middle, area,
			description, website, created_at) VALUES ($1, 'business', '森田製作所', 'モリタセイサクショ', 'E', '24', '蒲田',
			'精密板金', 'https://morita.example.jp', $2)`, mun, at)
		staff := insert(`INSERT INTO users (email, name, name_kana, created_at)
			VALUES ('staff@example.jp', '区 職員', 'ク ショクイン', $1)`, at)
		talentUser := insert(`INSERT INTO users (email, name, name_kana, created_at)
			VALUES ('hanako@example.jp', '山田 花子', 'ヤマダ ハナコ', $1)`, at)
		run(`INSERT INTO memberships (user_id, organization_id, municipality_id, role, created_at)
			VALUES ($1, $2, $3, 'municipality_staff', $4)`, staff, office, mun, at)
		opens, closes := at, at.AddDate(0, 1, 0)
		program := insert(`INSERT INTO programs (municipality_id, slug, title, title_en, summary, entry_opens_at,
			entry_closes_at, created_at) VALUES ($1, 'ota-2024', '大田区SDGs副業 2024', 'Ota SDGs side jobs 2024',
			'町工場と副業人材', $2, $3, $4)`, mun, opens, closes, at)
		run(`INSERT INTO program_hosts (program_id, organization_id, municipality_id, position) VALUES ($1, $2, $3, 0)`,
			program, shop, mun)
		starts, ends := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC)
		project := insert(`INSERT INTO projects (municipality_id, program_id, host_id, title, description, team_size,
			hours_per_month, work_style, place, reward_type, reward_yen, starts_on, ends_on, status, created_at, updated_at)
			VALUES ($1, $2, $3, 'ウェブで町工場の技術を発信', '技術紹介ページを作る', 3, 20, 'hybrid', '大田区蒲田',
			'paid', 30000, $4, $5, 'published', $6, $6)`, mun, program, shop, starts, ends, at)
		run(`INSERT INTO project_sdgs (project_id, municipality_id, goal) VALUES ($1, $2, 9), ($1, $2, 12)`, project, mun)
		run(`INSERT INTO project_skills (project_id, municipality_id, skill_code, required)
			VALUES ($1, $2, 'web-homepage', TRUE), ($1, $2, 'web-seo', TRUE), ($1, $2, 'mkt-sns', FALSE)`, project, mun)
		talent := insert(`INSERT INTO talents (user_id, name, name_kana, background, hours_per_month, work_style, leader,
			created_at) VALUES ($1, '山田 花子', 'ヤマダ ハナコ', 'ウェブ制作10年', 25, 'remote', TRUE, $2)`, talentUser, at)
		run(`INSERT INTO talent_skills (talent_id, skill_code, level) VALUES ($1, 'web-homepage', 4), ($1, 'mkt-sns', 2)`, talent)
		run(`INSERT INTO talent_sdgs (talent_id, goal) VALUES ($1, 9), ($1, 11)`, talent)
		run(`INSERT INTO talent_affinities (talent_id, lgcode, kind) VALUES ($1, '131113', 'born')`, talent)
		entry := insert(`INSERT INTO entries (municipality_id, program_id, talent_id, motivation, status, submitted_at)
			VALUES ($1, $2, $3, '地元の町工場を応援したい', 'screening', $4)`, mun, program, talent, at.Add(time.Hour))
		other := insert(`INSERT INTO projects (municipality_id, program_id, host_id, title, team_size, hours_per_month,
			work_style, reward_type, status, created_at, updated_at)
			VALUES ($1, $2, $3, '商店街のSNS', 1, 10, 'remote', 'pro_bono', 'published', $4, $4)`, mun, program, shop, at)
		run(`INSERT INTO entry_choices (entry_id, municipality_id, rank, project_id) VALUES ($1, $2, 1, $3), ($1, $2, 2, $4)`,
			entry, mun, project, other)

		n, err := s.Migrate(ctx)
		mustNil(t, err)
		files, err := p.Status(ctx)
		mustNil(t, err)
		if n != len(files)-1 {
			t.Errorf("applied %d migrations, want the %d after the first", n, len(files)-1)
		}

		// The rows, through today's repositories.
		gotMun, err := s.Directory().MunicipalityByID(ctx, mun)
		mustNil(t, err)
		wantMun := domain.Municipality{ID: mun, LGCode: "131113", Slug: "ota", Name: "大田区", NameEN: "Ota City",
			PrefCode: 13, AccentColor: "#0a6ebd"}
		if gotMun != wantMun {
			t.Errorf("municipality: %+v, want %+v", gotMun, wantMun)
		}
		gotShop, err := s.Directory().Organization(ctx, shop)
		mustNil(t, err)
		wantShop := domain.Organization{ID: shop, MunicipalityID: mun, Kind: domain.OrgBusiness, Name: "森田製作所",
			NameKana: "モリタセイサクショ", JSICMajor: "E", JSICMiddle: "24", Area: "蒲田", Description: "精密板金",
			Website: "https://morita.example.jp"}
		if gotShop != wantShop {
			t.Errorf("organization: %+v, want %+v", gotShop, wantShop)
		}
		for id, email := range map[int64]string{staff: "staff@example.jp", talentUser: "hanako@example.jp"} {
			u, err := s.Accounts().UserByEmail(ctx, email)
			mustNil(t, err)
			if u.ID != id {
				t.Errorf("%s has id %d, had %d", email, u.ID, id)
			}
		}
		members, err := s.Accounts().Memberships(ctx, staff)
		mustNil(t, err)
		if len(members) != 1 || members[0].OrganizationID != office || members[0].Role != domain.RoleMunicipalityStaff {
			t.Errorf("staff memberships: %+v", members)
		}
		prog, err := s.Directory().ProgramBySlug(ctx, "ota-2024")
		mustNil(t, err)
		if prog.ID != program || prog.MunicipalityID != mun || prog.Title != "大田区SDGs副業 2024" ||
			prog.TitleEN != "Ota SDGs side jobs 2024" || prog.Summary != "町工場と副業人材" ||
			!prog.EntryOpensAt.Equal(opens) || !prog.EntryClosesAt.Equal(closes) ||
			!slices.Equal(prog.HostIDs, []int64{shop}) || prog.Stages != nil {
			t.Errorf("program: %+v", prog)
		}
		proj, err := s.Projects().Project(ctx, project)
		mustNil(t, err)
		slices.Sort(proj.SDGs)
		slices.Sort(proj.RequiredSkills)
		if proj.ProgramID != program || proj.HostID != shop || proj.Title != "ウェブで町工場の技術を発信" ||
			proj.Description != "技術紹介ページを作る" || proj.TeamSize != 3 || proj.HoursPerMonth != 20 ||
			proj.WorkStyle != domain.WorkHybrid || proj.Place != "大田区蒲田" || proj.RewardType != domain.RewardPaid ||
			proj.RewardYen != 30000 || !sameDay(proj.StartsOn, starts) || !sameDay(proj.EndsOn, ends) ||
			proj.Status != domain.ProjectPublished || !slices.Equal(proj.SDGs, []int{9, 12}) ||
			!slices.Equal(proj.RequiredSkills, []string{"web-homepage", "web-seo"}) ||
			!slices.Equal(proj.PreferredSkills, []string{"mkt-sns"}) {
			t.Errorf("project: %+v", proj)
		}
		tal, err := s.Talents().Talent(ctx, talent)
		mustNil(t, err)
		wantTal := domain.Talent{ID: talent, UserID: talentUser, Name: "山田 花子", NameKana: "ヤマダ ハナコ",
			Skills:     []domain.TalentSkill{{Code: "mkt-sns", Level: 2}, {Code: "web-homepage", Level: 4}},
			Background: "ウェブ制作10年", HoursPerMonth: 25, WorkStyle: domain.WorkRemote, SDGs: []int{9, 11},
			Affinities:       []domain.Affinity{{LGCode: "131113", Kind: domain.AffinityBorn}},
			ResidenceCountry: "JP", TimeZone: "Asia/Tokyo", Leader: true}
		if !reflect.DeepEqual(tal, wantTal) {
			t.Errorf("talent:\n%+v, want\n%+v", tal, wantTal)
		}
		if byUser, err := s.Talents().TalentByUser(ctx, talentUser); err != nil || byUser.ID != talent {
			t.Errorf("the talent of user %d: %d, %v", talentUser, byUser.ID, err)
		}
		e, err := s.Entries().Entry(ctx, entry)
		mustNil(t, err)
		wantEntry := domain.Entry{ID: entry, MunicipalityID: mun, ProgramID: program, TalentID: talent,
			Choices: []int64{project, other}, Motivation: "地元の町工場を応援したい", Status: domain.EntryScreening,
			SubmittedAt: at.Add(time.Hour)}
		if !reflect.DeepEqual(e, wantEntry) {
			t.Errorf("entry:\n%+v, want\n%+v", e, wantEntry)
		}

		// The backfills and the defaults of the columns added since.
		var category string
		mustNil(t, s.queryRow(ctx, `SELECT skill_category FROM project_skills WHERE project_id = $1 AND skill_code = 'mkt-sns'`,
			project).Scan(&category))
		if category != "mkt" {
			t.Errorf("00002: skill_category = %q, want mkt", category)
		}
		var mask int64
		var cats string
		mustNil(t, s.queryRow(ctx, `SELECT sdg_mask, skill_categories FROM projects WHERE id = $1`, project).Scan(&mask, &cats))
		if got := strings.Fields(cats); mask != 1<<9|1<<12 || len(got) != 2 || !slices.Contains(got, "web") || !slices.Contains(got, "mkt") {
			t.Errorf("00003: sdg_mask = %b, skill_categories = %q", mask, cats)
		}
		for _, f := range []ProjectFilter{{SDG: 12}, {SkillCodes: []string{"web-seo"}}, {ProgramID: program, SDG: 9}} {
			page, err := s.Projects().ListProjects(ctx, f)
			mustNil(t, err)
			if page.Total != 1 || len(page.Projects) != 1 || page.Projects[0].ID != project {
				t.Errorf("projects matching %+v: %+v", f, page)
			}
		}
		var hash, lang string
		var verified *time.Time
		var generation int64
		mustNil(t, s.queryRow(ctx, `SELECT password_hash, email_verified_at, lang, session_generation FROM users WHERE id = $1`,
			talentUser).Scan(&hash, &verified, &lang, &generation))
		if hash != "" || verified != nil || lang != "ja" || generation != 0 {
			t.Errorf("00005/00017: password_hash %q, email_verified_at %v, lang %q, session_generation %d", hash, verified, lang, generation)
		}
		var key, requestHash, contact, stages string
		mustNil(t, s.queryRow(ctx, `SELECT idempotency_key, idempotency_hash FROM entries WHERE id = $1`, entry).Scan(&key, &requestHash))
		mustNil(t, s.queryRow(ctx, `SELECT contact_email FROM talents WHERE id = $1`, talent).Scan(&contact))
		mustNil(t, s.queryRow(ctx, `SELECT stages FROM programs WHERE id = $1`, program).Scan(&stages))
		if key != "" || requestHash != "" || contact != "" || stages != "" {
			t.Errorf("00007/00017/00010/00011: idempotency_key %q, idempotency_hash %q, contact_email %q, stages %q",
				key, requestHash, contact, stages)
		}

		// The schema is a fresh database's: every later table and column,
		// 00019's and 00020's included.
		fresh := newPostgresStore
		if s.Engine() == SQLite {
			fresh = newSQLiteStore
		}
		got, want := columns(t, s), columns(t, fresh(t))
		if !reflect.DeepEqual(got, want) {
			for table, cols := range want {
				if !slices.Equal(got[table], cols) {
					t.Errorf("table %s: upgraded %v, fresh %v", table, got[table], cols)
				}
			}
		}
		for table, col := range map[string]string{"meetings": "talent_id", "audit_log": "subject_key",
			"issuer_keys": "public_key", "engagement_leaders": "user_id", "trusted_issuers": "origin"} {
			if !slices.Contains(got[table], col) {
				t.Errorf("upgraded %s has no %s: %v", table, col, got[table])
			}
		}
		if slices.Contains(got["issuer_keys"], "private_pem") || !slices.Contains(got["issuer_keys"], "private_key") {
			t.Errorf("00020 did not rename private_pem to private_key: %v", got["issuer_keys"])
		}

		// Today's code writes to the upgraded database: the project is
		// indexed for search, and new people get new ids, also after the
		// newest one is deleted (00017 on SQLite: AUTOINCREMENT).
		indexed, err := s.WithIndexer(spaceIndexer{}).Projects().IndexMissing(ctx, nil)
		mustNil(t, err)
		if indexed != 2 {
			t.Errorf("indexed %d projects, want the 2 from before search existed", indexed)
		}
		u := domain.User{Email: "new@example.jp", Name: "新 人"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		if u.ID <= talentUser {
			t.Errorf("a new user got id %d, not above %d", u.ID, talentUser)
		}
		newest := u.ID
		run(`DELETE FROM users WHERE id = $1`, newest)
		again := domain.User{Email: "again@example.jp", Name: "再 登録"}
		mustNil(t, s.Accounts().CreateUser(ctx, &again))
		if again.ID <= newest {
			t.Errorf("after deleting user %d the next one got id %d: ids are handed out again", newest, again.ID)
		}
		nt := domain.Talent{Name: "鈴木 一郎", NameKana: "スズキ イチロウ", ResidenceCountry: "JP", TimeZone: "Asia/Tokyo"}
		mustNil(t, s.Talents().CreateTalent(ctx, &nt))
		run(`DELETE FROM talents WHERE id = $1`, nt.ID)
		nt2 := domain.Talent{Name: "鈴木 次郎", NameKana: "スズキ ジロウ", ResidenceCountry: "JP", TimeZone: "Asia/Tokyo"}
		mustNil(t, s.Talents().CreateTalent(ctx, &nt2))
		if nt.ID <= talent || nt2.ID <= nt.ID {
			t.Errorf("talent ids: %d before the upgrade, then %d, then %d after deleting it", talent, nt.ID, nt2.ID)
		}
		if _, err := s.exec(ctx, `INSERT INTO entry_choices (entry_id, municipality_id, rank, project_id) VALUES ($1, $2, 3, 999999)`,
			entry, mun); err == nil {
			t.Error("a choice of no project was accepted: foreign keys are off")
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

// sameDay reports whether a date read back is the calendar day written.
func sameDay(got, want time.Time) bool {
	y, m, d := got.Date()
	wy, wm, wd := want.Date()
	return y == wy && m == wm && d == wd
}
