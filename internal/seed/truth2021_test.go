package seed

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/web"
)

// TestDemo2021RanAsItDid checks the 2021 program's story against its
// timeline: every entry, interview, score, acceptance, message, completion
// and credential falls in the program's real window, no offer is left
// open, no 2021 team is still at work, the leader scored entries, and the
// demo talent's public credential opens for a visitor at the README's path.
func TestDemo2021RanAsItDid(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		d := loadDemo(t, url)
		p := d.program
		jst := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, domain.Japan()) }
		want := domain.Timeline{SelectionOn: jst(2021, 9, 1), AnnouncedOn: jst(2021, 9, 10), KickoffOn: jst(2021, 10, 1),
			MidtermOn: jst(2021, 12, 10), FinalOn: jst(2022, 3, 4), EndsOn: jst(2022, 3, 31)}
		for _, step := range domain.TimelineSteps() {
			if !p.Timeline.Day(step).Equal(want.Day(step)) {
				t.Errorf("the 2021 %s: %s, want %s", step, p.Timeline.Day(step), want.Day(step))
			}
		}
		opens, ends := p.EntryOpensAt, p.Timeline.EndsOn.AddDate(0, 0, 1) // to the end of the last day
		db, closeDB, err := d.st.JobPool()
		if err != nil {
			t.Fatal(err)
		}
		defer closeDB()
		// within checks the moments a query lists against a window.
		within := func(what, q string, from, to time.Time, atLeast int) {
			t.Helper()
			rows, err := db.QueryContext(ctx, q, p.ID)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				var at time.Time
				if err := rows.Scan(&at); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				n++
				if at.Before(from) || !at.Before(to) {
					t.Errorf("%s at %s, outside %s – %s", what, at.In(domain.Japan()), from.In(domain.Japan()), to.In(domain.Japan()))
					return
				}
			}
			if n < atLeast {
				t.Errorf("%d %s, want at least %d", n, what, atLeast)
			}
		}
		within("entries", `SELECT submitted_at FROM entries WHERE program_id = $1`, opens, p.EntryClosesAt, 400)
		within("interviews", `SELECT i.starts_at FROM interviews i JOIN entries e ON e.id = i.entry_id WHERE e.program_id = $1`,
			p.Timeline.SelectionOn, p.Timeline.AnnouncedOn, 40)
		within("leader scores", `SELECT r.updated_at FROM entry_reviews r JOIN entries e ON e.id = r.entry_id
			WHERE e.program_id = $1 AND r.score_skills IS NOT NULL`, p.Timeline.SelectionOn, p.Timeline.AnnouncedOn, demoLeaderEntries)
		within("acceptances", `SELECT x.at FROM agreement_acceptances x JOIN agreements a ON a.id = x.agreement_id
			JOIN projects pr ON pr.id = a.project_id WHERE pr.program_id = $1`, p.Timeline.AnnouncedOn, p.Timeline.KickoffOn, 100)
		within("messages", `SELECT m.at FROM engagement_messages m JOIN engagements g ON g.id = m.engagement_id
			JOIN projects pr ON pr.id = g.project_id WHERE pr.program_id = $1`, p.Timeline.KickoffOn, ends, 30)
		within("completions", `SELECT g.completed_at FROM engagements g JOIN projects pr ON pr.id = g.project_id
			WHERE pr.program_id = $1`, p.Timeline.KickoffOn, ends, 32)
		within("entry moves", `SELECT ev.at FROM entry_events ev JOIN entries e ON e.id = ev.entry_id WHERE e.program_id = $1`,
			opens, ends, 1)
		var open, active, interviewed int
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(db.QueryRowContext(ctx, `SELECT COUNT(*) FROM entries WHERE program_id = $1 AND status = $2`, p.ID,
			domain.EntryOffered).Scan(&open))
		must(db.QueryRowContext(ctx, `SELECT COUNT(*) FROM engagements g JOIN projects pr ON pr.id = g.project_id
			WHERE pr.program_id = $1 AND g.status <> $2`, p.ID, domain.EngagementCompleted).Scan(&active))
		must(db.QueryRowContext(ctx, `SELECT COUNT(DISTINCT i.entry_id) FROM interviews i JOIN entries e ON e.id = i.entry_id
			WHERE e.program_id = $1`, p.ID).Scan(&interviewed))
		if open != 0 || active != 0 || interviewed != len(d.ds.Offers) {
			t.Errorf("%d offers open, %d teams still at work, %d interviewed of %d offers", open, active, interviewed, len(d.ds.Offers))
		}

		// The credentials, issued as serve issues them for the demo.
		keys, err := keyring.New(keyring.Generate())
		must(err)
		n, err := IssueDemoCredentials(ctx, d.st, "http://tsunagu.test", keys)
		must(err)
		if n != 46 {
			t.Errorf("issued %d demo credentials, want 46", n)
		}
		within("credentials", `SELECT c.issued_at FROM credentials c JOIN engagements g ON g.id = c.engagement_id
			JOIN projects pr ON pr.id = g.project_id WHERE pr.program_id = $1`, p.Timeline.KickoffOn, ends, 46)
		if again, err := IssueDemoCredentials(ctx, d.st, "http://tsunagu.test", keys); err != nil || again != 0 {
			t.Errorf("issued again: %d %v", again, err)
		}
		creds, err := d.st.Accounts().Credentials(ctx, "talent@demo.tsunagu.example")
		must(err)
		talent, err := d.st.Talents().TalentByUser(ctx, creds.User.ID)
		must(err)
		own, err := d.st.Issuance().IssuedCredentials(ctx, 0, talent.ID)
		must(err)
		if len(own) != 1 || "/credentials/"+own[0].ID != DemoCredentialPath || !own[0].Public {
			t.Fatalf("the demo talent's credentials: %+v", own)
		}
		path := regexp.MustCompile("`(/credentials/[0-9a-f]{32})`").FindStringSubmatch(readmeDemo(t))
		if path == nil || path[1] != DemoCredentialPath {
			t.Fatalf("the README's tour does not give %s", DemoCredentialPath)
		}
		srv := demoServer(t, d.st, keys)
		res, err := http.Get(srv.URL + path[1])
		must(err)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("a visitor opens %s: %d, want 200", path[1], res.StatusCode)
		}
	})
}

// demoServer serves the loaded demo as serve does.
func demoServer(t *testing.T, st *store.Store, keys *keyring.Ring) *httptest.Server {
	t.Helper()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	templates, err := mail.LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	lazy := search.NewLazy()
	a := app.New(app.Config{Store: st, Catalog: cat, Mail: templates, BaseURL: "http://tsunagu.test", Ref: ref, Search: lazy, Keys: keys})
	h, err := web.New(web.Config{App: a, Ref: ref, Catalog: cat, Search: lazy, BaseURL: "http://tsunagu.test"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h.Handler())
	t.Cleanup(srv.Close)
	return srv
}
