package seed

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// jst is a moment in Japan.
func jst(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, domain.Japan())
}

// demoNow is the moment the dating tests load the demo for: before the
// machine's clock, so a row stamped with the time of the load is after it.
var demoNow = jst(2024, time.June, 14, 15, 30)

// otaJoined is when the story starts: Ota City joins the hub 22 days before
// it creates its 2021 program, itself 30 days before the entries open on
// 1 July 2021.
var otaJoined = jst(2021, time.May, 10, 9, 0)

// column is a date or time column of a table.
type column struct{ table, name string }

// schedules say when something is planned to happen, not when a record was
// made: they may lie after now.
var schedules = map[column]bool{
	{"programs", "entry_closes_at"}: true, // the current programs are open
	{"projects", "starts_on"}:       true, // current projects start after their program's screening
	{"projects", "ends_on"}:         true,
	{"events", "starts_at"}:         true, // coming events
	{"events", "ends_at"}:           true,
}

// timeColumns lists every date and time column of the schema, but for the
// migrations' own bookkeeping (when the schema was migrated). dates tells
// which hold calendar days.
func timeColumns(t *testing.T, db *sql.DB, engine store.Engine) (cols []column, dates map[column]bool) {
	t.Helper()
	q := `SELECT table_name, column_name, data_type = 'date' FROM information_schema.columns
		WHERE table_schema = current_schema() AND data_type IN ('timestamp with time zone', 'timestamp without time zone', 'date')
		ORDER BY 1, 2`
	if engine == store.SQLite {
		q = `SELECT m.name, p.name, p.type = 'DATE' FROM sqlite_master m JOIN pragma_table_info(m.name) p
			WHERE m.type = 'table' AND p.type IN ('TIMESTAMP', 'DATE') ORDER BY 1, 2`
	}
	dates = map[column]bool{}
	each(t, db, q, func(r *sql.Rows) error {
		var c column
		var date bool
		if err := r.Scan(&c.table, &c.name, &date); err != nil {
			return err
		}
		if c.table != "goose_db_version" {
			cols, dates[c] = append(cols, c), date
		}
		return nil
	})
	return cols, dates
}

// each runs q and hands every row to scan.
func each(t *testing.T, db *sql.DB, q string, scan func(*sql.Rows) error) {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// day is a calendar day stored in a DATE column as midnight in Japan.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, domain.Japan())
}

// TestDemoIsDatedBeforeItsNow loads the demo for a now before the
// machine's clock and requires every date and time of every table, but the
// schedules, to lie between Ota's joining and that now: no record is dated
// when it was loaded. It also requires the check to have seen every stamp
// the store writes itself while the demo loads.
func TestDemoIsDatedBeforeItsNow(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		if !demoNow.Before(time.Now()) {
			t.Fatalf("the test's now %s must be before the machine's clock", demoNow)
		}
		d := loadDemoAt(t, url, demoNow)
		db, closeDB, err := d.st.JobPool()
		if err != nil {
			t.Fatal(err)
		}
		defer closeDB()
		cols, dates := timeColumns(t, db, d.st.Engine())
		seen := map[column]int{}
		for _, c := range cols {
			each(t, db, fmt.Sprintf(`SELECT %s FROM %s WHERE %[1]s IS NOT NULL`, c.name, c.table), func(r *sql.Rows) error {
				var v time.Time
				if err := r.Scan(&v); err != nil {
					return err
				}
				start := otaJoined
				if dates[c] {
					v, start = day(v), domain.DateInJapan(otaJoined)
				}
				switch {
				case v.Before(start):
					t.Errorf("%s.%s holds %s, before the story starts", c.table, c.name, v)
				case v.After(demoNow) && !schedules[c]:
					t.Errorf("%s.%s holds %s, after the demo's now %s", c.table, c.name, v, demoNow)
				}
				seen[c]++
				return nil
			})
		}
		for _, c := range []column{
			{"municipalities", "created_at"}, {"organizations", "created_at"}, {"programs", "created_at"},
			{"projects", "created_at"}, {"projects", "updated_at"}, {"talents", "created_at"}, {"entries", "submitted_at"},
			{"users", "created_at"}, {"users", "email_verified_at"}, {"memberships", "created_at"},
			{"entry_reviewers", "assigned_at"}, {"agreements", "updated_at"}, {"agreement_acceptances", "at"},
			{"entry_events", "at"}, {"engagements", "started_on"}, {"engagements", "completed_at"},
			{"milestones", "done_at"}, {"meetings", "held_on"}, {"reports", "submitted_at"},
			{"engagement_messages", "at"}, {"indicators", "recorded_at"}, {"team_reviews", "at"}, {"consents", "at"},
			{"engagement_leaders", "assigned_at"}, {"events", "created_at"}, {"ideas", "created_at"},
			{"ideas", "answered_at"},
		} {
			if seen[c] == 0 {
				t.Errorf("no %s.%s was checked", c.table, c.name)
			}
		}
	})
}

// TestDemo2021IsDatedIn2021 requires Ota's 2021 program to be dated as it
// happened: posted in June 2021, entered in July and August, reviewers
// assigned on 1 September, terms drafted and accepted in September before
// the work starts on 1 October 2021, and the work, its reports, outcomes
// and reviews within the agreed periods, which end in fiscal 2021.
func TestDemo2021IsDatedIn2021(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		d := loadDemoAt(t, url, demoNow)
		db, closeDB, err := d.st.JobPool()
		if err != nil {
			t.Fatal(err)
		}
		defer closeDB()
		prog := d.program.ID
		sameTime := func(what string, got, want time.Time) {
			t.Helper()
			if !got.Equal(want) {
				t.Errorf("%s at %s, want %s", what, got.In(domain.Japan()), want.In(domain.Japan()))
			}
		}
		within := func(what string, got, from, to time.Time) {
			t.Helper()
			if got.Before(from) || !got.Before(to) {
				t.Errorf("%s at %s, want from %s to before %s", what, got.In(domain.Japan()), from, to)
			}
		}
		one := func(q string) time.Time {
			t.Helper()
			var v time.Time
			if err := db.QueryRow(q).Scan(&v); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return v
		}
		sameTime("Ota joined", one(`SELECT created_at FROM municipalities WHERE lgcode = '131113'`), otaJoined)
		sameTime("the 2021 program was created", one(fmt.Sprintf(`SELECT created_at FROM programs WHERE id = %d`, prog)),
			jst(2021, time.June, 1, 10, 0))

		projects := 0
		each(t, db, fmt.Sprintf(`SELECT created_at, updated_at FROM projects WHERE program_id = %d`, prog), func(r *sql.Rows) error {
			var created, updated time.Time
			err := r.Scan(&created, &updated)
			within("a 2021 project was posted", created, jst(2021, time.June, 2, 10, 0), jst(2021, time.July, 1, 0, 0))
			sameTime("a 2021 project was updated", updated, created)
			projects++
			return err
		})
		entries := 0
		each(t, db, fmt.Sprintf(`SELECT e.submitted_at, t.created_at FROM entries e JOIN talents t ON t.id = e.talent_id
			WHERE e.program_id = %d`, prog), func(r *sql.Rows) error {
			var submitted, signedUp time.Time
			err := r.Scan(&submitted, &signedUp)
			within("a 2021 entry was submitted", submitted, jst(2021, time.July, 1, 0, 0), jst(2021, time.September, 1, 0, 0))
			within("an entrant signed up", signedUp, submitted.Add(-10*24*time.Hour), submitted)
			entries++
			return err
		})
		if projects != 33 || entries != 440 {
			t.Errorf("%d projects, %d entries in 2021", projects, entries)
		}
		reviewers := 0
		each(t, db, fmt.Sprintf(`SELECT r.assigned_at FROM entry_reviewers r JOIN entries e ON e.id = r.entry_id
			WHERE e.program_id = %d`, prog), func(r *sql.Rows) error {
			var at time.Time
			err := r.Scan(&at)
			within("a reviewer was assigned", at, jst(2021, time.September, 1, 10, 0), jst(2021, time.September, 1, 10, 12))
			reviewers++
			return err
		})

		// Terms: drafted from 13 September, in order, accepted by each side
		// after the draft and before the work starts on 1 October 2021.
		var lastDraft time.Time
		accepted := map[int64]time.Time{} // the last acceptance, by entry
		each(t, db, fmt.Sprintf(`SELECT a.entry_id, a.updated_at, a.starts_on, x.at FROM agreements a
			JOIN agreement_acceptances x ON x.agreement_id = a.id JOIN projects p ON p.id = a.project_id
			WHERE p.program_id = %d ORDER BY a.id, x.at`, prog), func(r *sql.Rows) error {
			var entry int64
			var drafted, starts, at time.Time
			err := r.Scan(&entry, &drafted, &starts, &at)
			within("terms were drafted", drafted, jst(2021, time.September, 13, 10, 0), jst(2021, time.September, 17, 10, 1))
			if drafted.Before(lastDraft) {
				t.Errorf("terms of entry %d drafted %s, before the ones saved before them", entry, drafted)
			}
			lastDraft = drafted
			sameTime("the work starts", day(starts), jst(2021, time.October, 1, 0, 0))
			within("terms were accepted", at, drafted.Add(time.Minute), jst(2021, time.October, 1, 0, 0))
			if at.After(accepted[entry]) {
				accepted[entry] = at
			}
			return err
		})
		events, declined := 0, 0
		each(t, db, fmt.Sprintf(`SELECT v.entry_id, v.at, v.from_status, v.to_status FROM entry_events v
			JOIN entries e ON e.id = v.entry_id WHERE e.program_id = %d`, prog), func(r *sql.Rows) error {
			var entry int64
			var at time.Time
			var from, to string
			err := r.Scan(&entry, &at, &from, &to)
			if from == string(domain.EntryOffered) && to == string(domain.EntryWithdrawn) {
				// An offer whose terms were never accepted by all, declined
				// before the work started.
				within("an offer was declined", at, jst(2021, time.September, 26, 0, 0), jst(2021, time.October, 1, 0, 0))
				declined++
				return err
			}
			if from != string(domain.EntryOffered) || to != string(domain.EntryAgreed) {
				t.Errorf("entry %d went from %s to %s", entry, from, to)
			}
			sameTime(fmt.Sprintf("entry %d was agreed", entry), at, accepted[entry])
			events++
			return err
		})
		complete := 0
		for _, a := range d.plan.Agreements {
			if len(a.Accepted) == len(domain.Parties()) {
				complete++
			}
		}
		if declined != len(d.ds.Offers)-complete {
			t.Errorf("%d offers declined, want %d: no 2021 offer is left open", declined, len(d.ds.Offers)-complete)
		}
		if reviewers != demoLeaderEntries || len(accepted) != len(d.plan.Agreements) || events != complete {
			t.Errorf("%d reviewers assigned, %d agreements, %d entry events; want %d, %d, %d", reviewers, len(accepted), events,
				demoLeaderEntries, len(d.plan.Agreements), complete)
		}
		checkWorkDates(t, db, prog)
	})
}

// checkWorkDates requires the 2021 teams' work to be dated within their
// agreed periods, which run from 1 October 2021 for three to five months:
// the office's welcome on the first day at 10:00, a leader assigned at
// 09:00, milestones done at 17:00 on their due day, every report between
// the 22nd and the 25th of the month it reports, at 20:00, outcomes at 12:00
// on the last day and the workspace closed at 18:00, reviews both ways three
// days later and consents to a story ten days later.
func checkWorkDates(t *testing.T, db *sql.DB, program int64) {
	t.Helper()
	type team struct {
		started, ends, completed time.Time
		active                   bool
	}
	teams := map[int64]*team{}
	each(t, db, fmt.Sprintf(`SELECT g.id, g.started_on, g.completed_at, g.status, a.ends_on FROM engagements g
		JOIN agreements a ON a.project_id = g.project_id JOIN projects p ON p.id = g.project_id
		WHERE p.program_id = %d`, program), func(r *sql.Rows) error {
		var id int64
		var started, ends time.Time
		var completed sql.NullTime
		var status string
		if err := r.Scan(&id, &started, &completed, &status, &ends); err != nil {
			return err
		}
		teams[id] = &team{started: day(started), ends: day(ends), completed: completed.Time, active: !completed.Valid}
		return nil
	})
	completedTeams, consentDays := 0, map[string]bool{}
	for id, g := range teams {
		if !g.started.Equal(jst(2021, time.October, 1, 0, 0)) || g.ends.Before(jst(2021, time.December, 31, 0, 0)) ||
			g.ends.After(jst(2022, time.February, 28, 0, 0)) {
			t.Errorf("team %d works from %s to %s", id, g.started, g.ends)
		}
		if !g.active {
			completedTeams++
			if !g.completed.Equal(g.ends.Add(18 * time.Hour)) {
				t.Errorf("team %d closed %s, not at 18:00 on %s", id, g.completed.In(domain.Japan()), g.ends)
			}
			consentDays[g.ends.AddDate(0, 0, 10).Format(time.DateOnly)] = true
		}
	}
	if len(teams) == 0 || completedTeams == 0 {
		t.Fatalf("%d teams, %d completed", len(teams), completedTeams)
	}
	in2021, in2022 := 0, 0
	each(t, db, `SELECT engagement_id, month, submitted_at FROM reports`, func(r *sql.Rows) error {
		var id int64
		var month string
		var at time.Time
		err := r.Scan(&id, &month, &at)
		local := at.In(domain.Japan())
		if local.Format("2006-01") != month || local.Day() < 22 || local.Day() > 25 || local.Hour() != 20 {
			t.Errorf("team %d's report for %s was submitted %s", id, month, local)
		}
		if g := teams[id]; g != nil && !g.active && !at.Before(g.completed) {
			t.Errorf("team %d's report for %s was submitted after the team closed", id, month)
		}
		switch local.Year() {
		case 2021:
			in2021++
		case 2022:
			in2022++
		}
		return err
	})
	if in2021 == 0 || in2022 == 0 {
		t.Errorf("%d reports submitted in 2021, %d in 2022", in2021, in2022)
	}
	each(t, db, `SELECT engagement_id, at FROM engagement_messages ORDER BY engagement_id, id`, func(r *sql.Rows) error {
		var id int64
		var at time.Time
		err := r.Scan(&id, &at)
		if g := teams[id]; g == nil || at.Before(g.started.Add(10*time.Hour)) || !at.Before(g.ends.AddDate(0, 0, 1)) {
			t.Errorf("a message of team %d at %s", id, at.In(domain.Japan()))
		}
		return err
	})
	each(t, db, `SELECT engagement_id, assigned_at FROM engagement_leaders`, func(r *sql.Rows) error {
		var id int64
		var at time.Time
		err := r.Scan(&id, &at)
		if g := teams[id]; g == nil || !at.Equal(g.started.Add(9*time.Hour)) {
			t.Errorf("team %d's leader was assigned %s", id, at.In(domain.Japan()))
		}
		return err
	})
	each(t, db, `SELECT due_on, done_at FROM milestones WHERE done_at IS NOT NULL`, func(r *sql.Rows) error {
		var due, done time.Time
		err := r.Scan(&due, &done)
		if !done.Equal(day(due).Add(17 * time.Hour)) {
			t.Errorf("a milestone due %s was done %s", day(due), done.In(domain.Japan()))
		}
		return err
	})
	each(t, db, `SELECT engagement_id, recorded_at FROM indicators WHERE recorded_at IS NOT NULL`, func(r *sql.Rows) error {
		var id int64
		var at time.Time
		err := r.Scan(&id, &at)
		if g := teams[id]; g == nil || !at.Equal(g.ends.Add(12*time.Hour)) {
			t.Errorf("an outcome of team %d was recorded %s", id, at.In(domain.Japan()))
		}
		return err
	})
	each(t, db, `SELECT engagement_id, at FROM team_reviews`, func(r *sql.Rows) error {
		var id int64
		var at time.Time
		err := r.Scan(&id, &at)
		if g := teams[id]; g == nil || g.active || !domain.DateInJapan(at).Equal(g.ends.AddDate(0, 0, 3)) {
			t.Errorf("a review of team %d was written %s", id, at.In(domain.Japan()))
		}
		return err
	})
	// Story consents come ten days after a team closed; the alumni's
	// answers to being found by Tsubame (and showing their reviews) the
	// day after Tsubame's program was created.
	var tsubameProgram time.Time
	if err := db.QueryRow(`SELECT p.created_at FROM programs p JOIN municipalities m ON m.id = p.municipality_id
		WHERE m.lgcode = $1`, demo.TsubameLGCode).Scan(&tsubameProgram); err != nil {
		t.Fatal(err)
	}
	alumniDay := domain.DateInJapan(tsubameProgram).AddDate(0, 0, 1).Format(time.DateOnly)
	each(t, db, `SELECT purpose, at FROM consents`, func(r *sql.Rows) error {
		var purpose string
		var at time.Time
		err := r.Scan(&purpose, &at)
		day := domain.DateInJapan(at).Format(time.DateOnly)
		if purpose == string(domain.ConsentStory) && !consentDays[day] {
			t.Errorf("a consent at %s, not ten days after a team closed", at.In(domain.Japan()))
		}
		if purpose != string(domain.ConsentStory) && day != alumniDay {
			t.Errorf("a %s consent at %s, not the day after Tsubame's program was created", purpose, at.In(domain.Japan()))
		}
		return err
	})
}

// TestDemoPeopleActAfterTheyJoin requires every demo account to exist
// before it acts, and to confirm its address after it was made.
func TestDemoPeopleActAfterTheyJoin(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		d := loadDemoAt(t, url, demoNow)
		db, closeDB, err := d.st.JobPool()
		if err != nil {
			t.Fatal(err)
		}
		defer closeDB()
		acts := 0
		for _, act := range []struct{ table, user, at string }{
			{"memberships", "user_id", "created_at"},
			{"entry_reviewers", "user_id", "assigned_at"},
			{"entry_reviewers", "assigned_by", "assigned_at"},
			{"agreement_acceptances", "user_id", "at"},
			{"agreements", "created_by", "updated_at"},
			{"entry_events", "actor_id", "at"},
			{"engagement_messages", "author_id", "at"},
			{"team_reviews", "author_id", "at"},
			{"consents", "user_id", "at"},
			{"scout_offers", "sender_id", "created_at"},
			{"thread_messages", "author_id", "created_at"},
			{"engagement_leaders", "user_id", "assigned_at"},
			{"users", "id", "email_verified_at"},
		} {
			each(t, db, fmt.Sprintf(`SELECT u.email, u.created_at, x.%s FROM %s x JOIN users u ON u.id = x.%s
				WHERE x.%[1]s IS NOT NULL`, act.at, act.table, act.user), func(r *sql.Rows) error {
				var email string
				var joined, at time.Time
				err := r.Scan(&email, &joined, &at)
				if at.Before(joined) {
					t.Errorf("%s acts in %s at %s, before the account was made at %s", email, act.table,
						at.In(domain.Japan()), joined.In(domain.Japan()))
				}
				acts++
				return err
			})
		}
		if acts == 0 {
			t.Error("no account acted")
		}
	})
}

// TestDemoRefusesANowBeforeItsStoryEnds loads the demo for a now when the
// 2021 teams were still at work: the demo would date their completion
// after now, so it refuses and leaves the database empty.
func TestDemoRefusesANowBeforeItsStoryEnds(t *testing.T) {
	ctx := t.Context()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = Demo(ctx, st, ref, demo.DefaultSeed, jst(2022, time.January, 15, 12, 0))
	if err == nil || !strings.Contains(err.Error(), "after its now") {
		t.Fatalf("a demo loaded for January 2022: %v", err)
	}
	if empty, err := st.IsEmpty(ctx); err != nil || !empty {
		t.Errorf("the refused load left data: empty %v, %v", empty, err)
	}
}
