package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// hubWorld is a small hub built through the store, to which the
// statement tests add municipalities, programs, projects and entries.
type hubWorld struct {
	t   *testing.T
	ctx context.Context
	st  *store.Store
	app *App
	ref *refdata.Data
	now time.Time
	n   int // names made so far
	// places are reference municipalities not yet in the hub.
	places []refdata.Municipality
	hosts  map[int64]int64 // a business of each hub municipality
}

func newHubWorld(t *testing.T, url string) *hubWorld {
	t.Helper()
	ctx := context.Background()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)
	w := &hubWorld{t: t, ctx: ctx, st: st, ref: ref, now: now, hosts: map[int64]int64{},
		app: New(Config{Store: st, Ref: ref, Now: func() time.Time { return now }})}
	// Spread over the country: every 29th municipality of the reference.
	all := ref.Municipalities()
	for i := 0; i < len(all); i += 29 {
		w.places = append(w.places, all[i])
	}
	return w
}

func (w *hubWorld) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func (w *hubWorld) name(prefix string) string {
	w.n++
	return prefix + "-" + strconv.Itoa(w.n)
}

// municipality adds the next reference municipality to the hub, with a
// business.
func (w *hubWorld) municipality() domain.Municipality {
	w.t.Helper()
	ref := w.places[0]
	w.places = w.places[1:]
	m := domain.Municipality{LGCode: ref.LGCode, Slug: w.name("m"), Name: ref.Name, PrefCode: ref.PrefCode}
	w.must(w.st.Directory().CreateMunicipality(w.ctx, &m))
	o := domain.Organization{MunicipalityID: m.ID, Kind: domain.OrgBusiness, Name: w.name("会社")}
	w.must(w.st.Directory().CreateOrganization(w.ctx, &o))
	w.hosts[m.ID] = o.ID
	return m
}

// program adds a program whose entry window opened daysAgo days ago and
// lasts a month: open under 30 days, closed after.
func (w *hubWorld) program(m domain.Municipality, daysAgo int) domain.Program {
	w.t.Helper()
	opens := w.now.AddDate(0, 0, -daysAgo).Truncate(time.Hour)
	p := domain.Program{MunicipalityID: m.ID, Slug: w.name("p"), Title: w.name("プログラム"), EntryOpensAt: opens,
		EntryClosesAt: opens.AddDate(0, 0, 30), HostIDs: []int64{w.hosts[m.ID]}}
	w.must(w.st.Directory().CreateProgram(w.ctx, &p))
	return p
}

// project adds a project to a program with the given status.
func (w *hubWorld) project(p domain.Program, status domain.ProjectStatus) domain.Project {
	w.t.Helper()
	pr := domain.Project{MunicipalityID: p.MunicipalityID, ProgramID: p.ID, HostID: w.hosts[p.MunicipalityID],
		Title: w.name("プロジェクト"), SDGs: []int{9}, RequiredSkills: []string{"web-homepage"}, TeamSize: 3,
		HoursPerMonth: 10, WorkStyle: domain.WorkRemote, RewardType: domain.RewardProBono, Status: status}
	w.must(w.st.Projects().CreateProject(w.ctx, &pr))
	return pr
}

// talent adds a talent living in lives (an lgcode, "" for none) with an
// account.
func (w *hubWorld) talent(lives string) (domain.Talent, int64) {
	w.t.Helper()
	u := domain.User{Email: w.name("u") + "@example.jp", Name: "人材"}
	w.must(w.st.Accounts().CreateUser(w.ctx, &u))
	t := domain.Talent{Name: "山田 花子", NameKana: "ヤマダ ハナコ", HoursPerMonth: 10, ResidenceCountry: "JP",
		TimeZone: "Asia/Tokyo"}
	if lives != "" {
		t.Affinities = []domain.Affinity{{LGCode: lives, Kind: domain.AffinityLives}}
	}
	w.must(w.st.Talents().CreateTalent(w.ctx, &t))
	w.must(w.st.Talents().LinkTalentUser(w.ctx, t.ID, u.ID))
	return t, u.ID
}

// entry adds a talent's entry to a program choosing the projects.
func (w *hubWorld) entry(t domain.Talent, p domain.Program, choices ...int64) domain.Entry {
	w.t.Helper()
	e := domain.Entry{MunicipalityID: p.MunicipalityID, ProgramID: p.ID, TalentID: t.ID, Choices: choices,
		Motivation: "やってみたい", Status: domain.EntrySubmitted, SubmittedAt: w.now}
	w.must(w.st.Entries().CreateEntry(w.ctx, &e))
	return e
}

// statements counts the statements fn runs.
func (w *hubWorld) statements(fn func() error) int64 {
	w.t.Helper()
	before := w.st.Statements()
	w.must(fn())
	return w.st.Statements() - before
}
