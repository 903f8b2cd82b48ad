package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Bulk loads large synthetic volumes (seed --national) in multi-row
// INSERT statements with the ids the caller chose, instead of one
// statement per row. It checks nothing the repositories would check: the
// caller hands it valid, consistent rows. Call SyncIDs afterwards so the
// next row inserted the ordinary way gets a fresh id.
type Bulk struct{ *core }

// Bulk returns the repository of bulk loads.
func (s *Store) Bulk() Bulk { return Bulk{&s.core} }

// bulkRows is how many rows one statement inserts: well under both
// engines' limits on bound parameters for the widest table here.
const bulkRows = 500

// insertRows inserts n rows of the columns into table, bulkRows to a
// statement; row returns the values of row i.
func (s Bulk) insertRows(ctx context.Context, table string, cols []string, n int, row func(i int) []any) error {
	if n == 0 {
		return nil
	}
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	var b strings.Builder
	args := make([]any, 0, bulkRows*len(cols))
	for from := 0; from < n; from += bulkRows {
		to := min(from+bulkRows, n)
		b.Reset()
		b.WriteString(head)
		args = args[:0]
		for i := from; i < to; i++ {
			if i > from {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for k, v := range row(i) {
				if k > 0 {
					b.WriteString(", ")
				}
				args = append(args, v)
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(len(args)))
			}
			b.WriteByte(')')
		}
		if _, err := s.w.ExecContext(ctx, s.rebind(b.String()), args...); err != nil {
			return fmt.Errorf("bulk insert into %s: %w", table, err)
		}
	}
	s.written(head)
	return nil
}

// MaxID is the highest id in a table, 0 when it is empty.
func (s Bulk) MaxID(ctx context.Context, table string) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table).Scan(&id)
	return id, err
}

// SyncIDs moves the id sequences of the tables past their highest id on
// PostgreSQL, after rows were inserted with explicit ids; SQLite needs
// nothing.
func (s Bulk) SyncIDs(ctx context.Context, tables ...string) error {
	if s.engine != Postgres {
		return nil
	}
	for _, t := range tables {
		if _, err := s.w.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'),
			GREATEST((SELECT COALESCE(MAX(id), 0) FROM `+t+`), 1))`); err != nil {
			return fmt.Errorf("sync ids of %s: %w", t, err)
		}
	}
	return nil
}

// Users inserts users with their ids, each made at the time given.
func (s Bulk) Users(ctx context.Context, us []domain.User, at time.Time) error {
	return s.insertRows(ctx, "users", []string{"id", "email", "name", "name_kana", "created_at"}, len(us),
		func(i int) []any {
			u := us[i]
			return []any{u.ID, u.Email, u.Name, u.NameKana, at}
		})
}

// Talents inserts profiles with their ids and users, then their skills,
// interests and ties, each made at the time given.
func (s Bulk) Talents(ctx context.Context, ts []domain.Talent, at time.Time) error {
	err := s.insertRows(ctx, "talents", []string{"id", "user_id", "name", "name_kana", "background", "hours_per_month",
		"work_style", "residence_country", "time_zone", "leader", "created_at", "residence_pref", "residence_lgcode"},
		len(ts), func(i int) []any {
			t := &ts[i]
			return []any{t.ID, nullID(t.UserID), t.Name, t.NameKana, t.Background, t.HoursPerMonth, t.WorkStyle,
				t.ResidenceCountry, t.TimeZone, t.Leader, at, t.ResidencePref, t.ResidenceLGCode}
		})
	if err != nil {
		return err
	}
	type pair struct{ t, k int }
	var skills, goals, ties []pair
	for i := range ts {
		for k := range ts[i].Skills {
			skills = append(skills, pair{i, k})
		}
		for k := range ts[i].SDGs {
			goals = append(goals, pair{i, k})
		}
		for k := range ts[i].Affinities {
			ties = append(ties, pair{i, k})
		}
	}
	if err := s.insertRows(ctx, "talent_skills", []string{"talent_id", "skill_code", "level"}, len(skills),
		func(i int) []any {
			p := skills[i]
			sk := ts[p.t].Skills[p.k]
			return []any{ts[p.t].ID, sk.Code, sk.Level}
		}); err != nil {
		return err
	}
	if err := s.insertRows(ctx, "talent_sdgs", []string{"talent_id", "goal"}, len(goals), func(i int) []any {
		p := goals[i]
		return []any{ts[p.t].ID, ts[p.t].SDGs[p.k]}
	}); err != nil {
		return err
	}
	return s.insertRows(ctx, "talent_affinities", []string{"talent_id", "lgcode", "kind"}, len(ties),
		func(i int) []any {
			p := ties[i]
			a := ts[p.t].Affinities[p.k]
			return []any{ts[p.t].ID, a.LGCode, a.Kind}
		})
}

// Entries inserts entries with their ids and their ranked choices.
func (s Bulk) Entries(ctx context.Context, es []domain.Entry) error {
	err := s.insertRows(ctx, "entries", []string{"id", "municipality_id", "program_id", "talent_id", "motivation",
		"status", "submitted_at", "idempotency_key", "idempotency_hash", "placement_project_id"}, len(es),
		func(i int) []any {
			e := &es[i]
			return []any{e.ID, e.MunicipalityID, e.ProgramID, e.TalentID, e.Motivation, e.Status, e.SubmittedAt.UTC(),
				e.IdempotencyKey, e.RequestHash, e.Placement}
		})
	if err != nil {
		return err
	}
	type pair struct{ e, k int }
	var choices []pair
	for i := range es {
		for k := range es[i].Choices {
			choices = append(choices, pair{i, k})
		}
	}
	return s.insertRows(ctx, "entry_choices", []string{"entry_id", "municipality_id", "rank", "project_id"},
		len(choices), func(i int) []any {
			p := choices[i]
			e := &es[p.e]
			return []any{e.ID, e.MunicipalityID, p.k + 1, e.Choices[p.k]}
		})
}

// Consents appends consent answers, each at its time; their ids come from
// the database.
func (s Bulk) Consents(ctx context.Context, cs []domain.Consent) error {
	return s.insertRows(ctx, "consents", []string{"user_id", "municipality_id", "purpose", "granted", "at",
		"document_version"}, len(cs), func(i int) []any {
		c := &cs[i]
		return []any{c.UserID, nullID(c.MunicipalityID), c.Purpose, c.Granted, c.At.UTC(), c.DocumentVersion}
	})
}
