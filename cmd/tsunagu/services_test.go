package main

import (
	"context"
	"slices"
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

	// Every 2021 team completed long ago: a team of the current program
	// that started two months ago, whose member has an account, has a
	// late report ten days later.
	mu, err := st.Directory().MunicipalityByLGCode(ctx, "131113")
	must(t, err)
	progs, err := st.Directory().Programs(ctx, mu.ID)
	must(t, err)
	current := progs[0] // newest first: the open program
	pr, err := st.Projects().Project(ctx, 1)
	must(t, err)
	pr.ID, pr.ProgramID, pr.Title, pr.Status = 0, current.ID, "報告の遅れる案件", domain.ProjectPublished
	must(t, st.Projects().CreateProject(ctx, &pr))
	u := domain.User{Email: "late.member@example.jp", Name: "報告 遅子"}
	must(t, st.Accounts().CreateUser(ctx, &u))
	must(t, st.Accounts().MarkEmailVerified(ctx, u.ID))
	tal := domain.Talent{UserID: u.ID, Name: u.Name, NameKana: "ホウコク オソコ", ResidenceCountry: "JP"}
	must(t, st.Talents().CreateTalent(ctx, &tal))
	e := domain.Entry{MunicipalityID: mu.ID, ProgramID: current.ID, TalentID: tal.ID, Choices: []int64{pr.ID},
		Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: loaded.AddDate(0, -3, 0)}
	must(t, st.Entries().CreateEntry(ctx, &e))
	_, err = st.Entries().MoveEntries(ctx, current.ID, []int64{e.ID}, domain.EntryOffered, 0, "")
	must(t, err)
	start := domain.DateInJapan(loaded.AddDate(0, -2, 0))
	ag := domain.Agreement{EntryID: e.ID, ProjectID: pr.ID, Type: domain.AgreementProBono, HoursPerMonth: 10,
		StartsOn: start, EndsOn: start.AddDate(0, 5, 0), Deliverables: "成果物"}
	must(t, st.Agreements().SaveAgreement(ctx, &ag, 0))
	for _, party := range domain.Parties() {
		_, err := st.Agreements().AcceptAgreement(ctx, ag.ID, ag.Version, party, 0)
		must(t, err)
	}
	later := loaded.AddDate(0, 0, 10)
	late, err := st.Workspaces().LateReports(ctx, later, app.ReportGraceDays)
	must(t, err)
	var mine []string
	for _, l := range late {
		if l.UserID == u.ID {
			mine = append(mine, l.Month)
		}
	}
	if len(mine) == 0 {
		t.Fatalf("no late report of the new team ten days later: %+v", late)
	}

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
			if !strings.Contains(m.Subject, "月次報告") || !slices.ContainsFunc(mine, func(month string) bool { return strings.Contains(m.Text, month) }) ||
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
