package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/jobs"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// inbox stands in for the SMTP server and hands over each mail it gets.
type inbox struct {
	mu  sync.Mutex
	got chan mail.Message
}

func (b *inbox) Send(_ context.Context, m mail.Message) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.got <- m
	return nil
}

// TestLateReportReminderIsDelivered runs the background work wired as
// serve wires it and follows a late monthly report from the periodic
// reminder job to a mail handed to the SMTP server. (Before the
// application layer, the reminder's mail reached the outbox without a
// delivery job and was never sent.)
func TestLateReportReminderIsDelivered(t *testing.T) {
	for name, url := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return "sqlite:" + t.TempDir() + "/t.db" },
		"postgres": func(t *testing.T) string { return storetest.PostgresURL(t) },
	} {
		t.Run(name, func(t *testing.T) { reminderScenario(t, url(t)) })
	}
}

func reminderScenario(t *testing.T, dbURL string) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	st, err := store.Open(ctx, dbURL, t.TempDir())
	must(t, err)
	defer st.Close()
	_, err = st.Migrate(ctx)
	must(t, err)
	must(t, jobs.Migrate(ctx, st))
	ref, err := refdata.Load()
	must(t, err)
	loaded := time.Now()
	_, err = seed.Demo(ctx, st, ref, demo.DefaultSeed, loaded)
	must(t, err)

	// Ten days later last month's reports of the active teams are late;
	// give one late member an account so there is someone to tell.
	later := loaded.AddDate(0, 0, 10)
	late, err := st.Workspaces().LateReports(ctx, later, app.ReportGraceDays)
	must(t, err)
	if len(late) == 0 {
		t.Fatal("the demo has no late report ten days after it was loaded")
	}
	u := domain.User{Email: "late.member@example.jp", Name: "報告 遅子"}
	must(t, st.Accounts().CreateUser(ctx, &u))
	must(t, st.Accounts().MarkEmailVerified(ctx, u.ID))
	must(t, st.Talents().LinkTalentUser(ctx, late[0].TalentID, u.ID))

	cat, err := i18n.Load()
	must(t, err)
	templates, err := mail.LoadTemplates()
	must(t, err)
	box := &inbox{got: make(chan mail.Message, 16)}
	_, _, stop, err := startServices(ctx, st,
		app.Config{Catalog: cat, Mail: templates, BaseURL: "https://tsunagu.example.jp", Now: func() time.Time { return later }},
		jobs.Options{Sender: box, PollInterval: 200 * time.Millisecond})
	must(t, err)
	defer stop()

	for {
		select {
		case m := <-box.got:
			if m.To != u.Email {
				continue
			}
			if !strings.Contains(m.Subject, "月次報告") || !strings.Contains(m.Text, late[0].Month) ||
				!strings.Contains(m.Text, "https://tsunagu.example.jp/engagements/") {
				t.Errorf("reminder mail: %q\n%s", m.Subject, m.Text)
			}
			return
		case <-ctx.Done():
			t.Fatal("the late-report reminder was never delivered")
		}
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
