package app

import (
	"context"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// TestBusyEntriesAreRefusedAndKept: with every writing turn taken, an
// entry is refused as rate limited, naming the seconds to wait, and
// nothing of it is stored; once a turn is free, the same entry goes in.
func TestBusyEntriesAreRefusedAndKept(t *testing.T) {
	engines(t, func(t *testing.T, url string) {
		ctx := context.Background()
		var err error
		a, st := demoApp(t, url)
		a.Entries.admit = newAdmission(2, 20*time.Millisecond)
		if a.mail, err = mail.LoadTemplates(); err != nil {
			t.Fatal(err)
		}
		if a.cat, err = i18n.Load(); err != nil {
			t.Fatal(err)
		}
		programs, err := st.Directory().Programs(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		var p domain.Program
		for _, c := range programs {
			if c.Phase(a.now()) == domain.PhaseOpen && c.Choices() == domain.ChoicesRequired {
				p = c
			}
		}
		page, err := st.Projects().ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: 1,
			Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
		if err != nil || len(page.Projects) == 0 {
			t.Fatalf("no open project in %q: %v", p.Slug, err)
		}
		u := domain.User{Email: "busy@example.jp", Name: "締切 直前"}
		if err := st.Accounts().CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		tal := domain.Talent{UserID: u.ID, Name: u.Name, NameKana: "シメキリ", ResidenceCountry: "JP"}
		if err := st.Talents().SaveTalent(ctx, &tal); err != nil {
			t.Fatal(err)
		}
		ctx = WithPrincipal(ctx, Principal{UserID: u.ID})
		f, err := a.Entries.Form(ctx, p.Slug)
		if err != nil {
			t.Fatal(err)
		}
		in := EntryInput{Choices: []int64{page.Projects[0].ID}, Motivation: "締切直前ですが応募します。", Key: "busy-1",
			Lang: i18n.Japanese, Program: p.Title}

		var releases []func()
		for range 2 {
			release, err := a.Entries.admit.enter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			releases = append(releases, release)
		}
		_, err = a.Entries.Enter(ctx, f, in)
		key, args := domain.ErrorKey(err)
		if domain.ErrorCode(err) != domain.CodeRateLimited || key != "error.busy" || args["Seconds"] != busyRetrySeconds {
			t.Fatalf("with every turn taken: %v", err)
		}
		if got, err := st.Entries().EntriesOfTalent(ctx, tal.ID); err != nil || len(got) != 0 {
			t.Fatalf("a refused entry was stored: %+v %v", got, err)
		}
		releases[0]()
		e, err := a.Entries.Enter(ctx, f, in)
		if err != nil {
			t.Fatalf("with a turn free: %v", err)
		}
		if got, err := st.Entries().EntriesOfTalent(ctx, tal.ID); err != nil || len(got) != 1 || got[0].ID != e.ID {
			t.Fatalf("stored: %+v %v", got, err)
		}
		releases[1]()
		// An entry admitted before its work uses its own turn, even with
		// every other turn taken.
		admitted, release, err := a.Entries.Admit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		other, err := a.Entries.admit.enter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// (The same entry sent again: answered with the first, not busy.)
		if again, err := a.Entries.Enter(admitted, f, in); err != nil || again.ID != e.ID {
			t.Fatalf("an admitted entry: %+v %v", again, err)
		}
		release()
		other()
		// Both turns are free again: two entries can be written at once.
		for range 2 {
			release, err := a.Entries.admit.enter(ctx)
			if err != nil {
				t.Fatalf("turns were not given back: %v", err)
			}
			defer release()
		}
	})
}

// TestAdmissionGivesUpWithTheRequest: a request that goes away while it
// waits for a turn stops waiting.
func TestAdmissionGivesUpWithTheRequest(t *testing.T) {
	a := newAdmission(1, time.Hour)
	release, err := a.enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.enter(ctx); err != context.Canceled {
		t.Errorf("a cancelled wait: %v", err)
	}
}
