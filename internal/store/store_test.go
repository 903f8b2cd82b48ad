package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

type fixture struct {
	ota, tsubame       domain.Municipality
	office, shop, mill domain.Organization
	other              domain.Organization // a business in Tsubame
	program, program2  domain.Program
	web, green, cafe   domain.Project
	talent             domain.Talent
}

func mustNil(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newFixture(t *testing.T, s *Store) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{
		ota:     domain.Municipality{LGCode: "131113", Slug: "ota", Name: "大田区", NameEN: "Ota City", PrefCode: 13},
		tsubame: domain.Municipality{LGCode: "152137", Slug: "tsubame", Name: "燕市", PrefCode: 15},
	}
	mustNil(t, s.Directory().CreateMunicipality(ctx, &f.ota))
	mustNil(t, s.Directory().CreateMunicipality(ctx, &f.tsubame))
	f.office = domain.Organization{MunicipalityID: f.ota.ID, Kind: domain.OrgMunicipalityOffice, Name: "大田区 産業経済部"}
	f.shop = domain.Organization{MunicipalityID: f.ota.ID, Kind: domain.OrgBusiness, Name: "喫茶まるや",
		JSICMajor: "M", JSICMiddle: "76", Area: "蒲田"}
	f.mill = domain.Organization{MunicipalityID: f.ota.ID, Kind: domain.OrgBusiness, Name: "有限会社森田製作所",
		JSICMajor: "E", JSICMiddle: "24", Area: "糀谷"}
	f.other = domain.Organization{MunicipalityID: f.tsubame.ID, Kind: domain.OrgBusiness, Name: "燕洋食器株式会社",
		JSICMajor: "E", JSICMiddle: "24"}
	for _, o := range []*domain.Organization{&f.office, &f.shop, &f.mill, &f.other} {
		mustNil(t, s.Directory().CreateOrganization(ctx, o))
	}
	open := time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)
	f.program = domain.Program{MunicipalityID: f.ota.ID, Slug: "ota-sdgs-2021", Title: "大田区SDGs副業 2021",
		EntryOpensAt: open, EntryClosesAt: open.AddDate(0, 2, 0), HostIDs: []int64{f.office.ID, f.shop.ID}}
	mustNil(t, s.Directory().CreateProgram(ctx, &f.program))
	f.program2 = domain.Program{MunicipalityID: f.tsubame.ID, Slug: "tsubame-2026", Title: "燕市ものづくり副業",
		EntryOpensAt: open, EntryClosesAt: open.AddDate(1, 0, 0), HostIDs: []int64{f.other.ID}}
	mustNil(t, s.Directory().CreateProgram(ctx, &f.program2))
	base := domain.Project{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TeamSize: 2, HoursPerMonth: 20,
		WorkStyle: domain.WorkRemote, RewardType: domain.RewardPaid, RewardYen: 50000, Status: domain.ProjectPublished,
		StartsOn: time.Date(2021, 9, 1, 0, 0, 0, 0, domain.Japan()), EndsOn: time.Date(2022, 1, 31, 23, 30, 0, 0, domain.Japan())}
	f.web, f.green, f.cafe = base, base, base
	f.web.HostID, f.web.Title, f.web.SDGs = f.mill.ID, "ホームページ刷新", []int{8, 9}
	f.web.RequiredSkills, f.web.PreferredSkills = []string{"web-homepage"}, []string{"marketing-seo"}
	f.green.HostID, f.green.Title, f.green.SDGs = f.mill.ID, "CO2の見える化", []int{7, 13}
	f.green.RequiredSkills, f.green.WorkStyle, f.green.Place = []string{"env-co2"}, domain.WorkHybrid, "大田区糀谷"
	f.cafe.HostID, f.cafe.Title, f.cafe.SDGs = f.shop.ID, "商店街のSNS発信", []int{11}
	f.cafe.RewardType, f.cafe.RewardYen, f.cafe.Status = domain.RewardProBono, 0, domain.ProjectDraft
	for _, p := range []*domain.Project{&f.web, &f.green, &f.cafe} {
		mustNil(t, s.Projects().CreateProject(ctx, p))
	}
	f.talent = domain.Talent{Name: "山田 花子", NameKana: "ヤマダ ハナコ", HoursPerMonth: 20,
		Skills:           []domain.TalentSkill{{Code: "web-homepage", Level: 3}},
		SDGs:             []int{9},
		Affinities:       []domain.Affinity{{LGCode: "131113", Kind: domain.AffinityLives}, {LGCode: "152137", Kind: domain.AffinityBorn}},
		ResidenceCountry: "JP", TimeZone: "Asia/Tokyo"}
	mustNil(t, s.Talents().CreateTalent(ctx, &f.talent))
	return f
}

func TestProjectRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		got, err := s.Projects().Project(context.Background(), f.green.ID)
		mustNil(t, err)
		if got.Title != "CO2の見える化" || got.Place != "大田区糀谷" || got.WorkStyle != domain.WorkHybrid {
			t.Fatalf("got %+v", got)
		}
		if len(got.SDGs) != 2 || got.SDGs[0] != 7 || got.SDGs[1] != 13 {
			t.Errorf("SDGs = %v", got.SDGs)
		}
		if len(got.RequiredSkills) != 1 || got.RequiredSkills[0] != "env-co2" || len(got.PreferredSkills) != 0 {
			t.Errorf("skills = %v / %v", got.RequiredSkills, got.PreferredSkills)
		}
		// Dates are calendar dates in Japan: the time of day is dropped.
		if !got.StartsOn.Equal(f.green.StartsOn) || !got.EndsOn.Equal(time.Date(2022, 1, 31, 0, 0, 0, 0, domain.Japan())) {
			t.Errorf("period = %v – %v", got.StartsOn, got.EndsOn)
		}
		if _, err := s.Projects().Project(context.Background(), 99999); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("unknown project: %v", err)
		}
	})
}

func TestProgramHostsAndTimes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		p, err := s.Directory().ProgramBySlug(context.Background(), "ota-sdgs-2021")
		mustNil(t, err)
		if len(p.HostIDs) != 2 || p.HostIDs[0] != f.office.ID || p.HostIDs[1] != f.shop.ID {
			t.Errorf("hosts = %v", p.HostIDs)
		}
		if !p.EntryOpensAt.Equal(f.program.EntryOpensAt) || p.EntryOpensAt.Location() != time.UTC {
			t.Errorf("opens = %v", p.EntryOpensAt)
		}
		all, err := s.Directory().Programs(context.Background(), f.tsubame.ID)
		mustNil(t, err)
		if len(all) != 1 || all[0].Slug != "tsubame-2026" {
			t.Errorf("tsubame programs = %+v", all)
		}
		bad := domain.Program{MunicipalityID: f.ota.ID, Slug: "mixed", Title: "x", EntryOpensAt: p.EntryOpensAt,
			EntryClosesAt: p.EntryClosesAt, HostIDs: []int64{f.other.ID}}
		if err := s.Directory().CreateProgram(context.Background(), &bad); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("host from another municipality: %v", err)
		}
		dup := f.program
		if err := s.Directory().CreateProgram(context.Background(), &dup); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("duplicate slug: %v", err)
		}
	})
}

func TestListProjectsFilters(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		cases := []struct {
			name   string
			filter ProjectFilter
			want   []int64
		}{
			{"public only, newest first", ProjectFilter{}, []int64{f.green.ID, f.web.ID}},
			{"sdg 9", ProjectFilter{SDG: 9}, []int64{f.web.ID}},
			{"sdg 13", ProjectFilter{SDG: 13}, []int64{f.green.ID}},
			{"sdg 1", ProjectFilter{SDG: 1}, nil},
			{"skills", ProjectFilter{SkillCodes: []string{"marketing-seo", "nothing"}}, []int64{f.web.ID}},
			{"hybrid", ProjectFilter{WorkStyle: domain.WorkHybrid}, []int64{f.green.ID}},
			{"pro bono drafts", ProjectFilter{RewardType: domain.RewardProBono,
				Statuses: []domain.ProjectStatus{domain.ProjectDraft}}, []int64{f.cafe.ID}},
			{"other municipality", ProjectFilter{MunicipalityID: f.tsubame.ID}, nil},
			{"page 2", ProjectFilter{Limit: 1, Offset: 1}, []int64{f.web.ID}},
		}
		for _, c := range cases {
			page, err := s.Projects().ListProjects(ctx, c.filter)
			mustNil(t, err)
			var got []int64
			for _, p := range page.Projects {
				got = append(got, p.ID)
				if len(p.SDGs) == 0 {
					t.Errorf("%s: project %d without goals", c.name, p.ID)
				}
			}
			if len(got) != len(c.want) {
				t.Errorf("%s: got %v, want %v", c.name, got, c.want)
				continue
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("%s: got %v, want %v", c.name, got, c.want)
				}
			}
		}
		page, err := s.Projects().ListProjects(ctx, ProjectFilter{Limit: 1})
		mustNil(t, err)
		if page.Total != 2 || len(page.Projects) != 1 {
			t.Errorf("total %d, len %d", page.Total, len(page.Projects))
		}
	})
}

func TestTalentAndEntry(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		got, err := s.Talents().Talent(ctx, f.talent.ID)
		mustNil(t, err)
		if got.Name != "山田 花子" || len(got.Affinities) != 2 || got.Skills[0].Level != 3 {
			t.Fatalf("talent = %+v", got)
		}
		at := time.Date(2021, 8, 30, 14, 59, 0, 0, time.UTC)
		e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID,
			Choices: []int64{f.green.ID, f.web.ID}, Motivation: "地元の町工場を応援したい", Status: domain.EntrySubmitted, SubmittedAt: at}
		mustNil(t, s.Entries().CreateEntry(ctx, &e))
		back, err := s.Entries().Entry(ctx, e.ID)
		mustNil(t, err)
		if len(back.Choices) != 2 || back.Choices[0] != f.green.ID || !back.SubmittedAt.Equal(at) {
			t.Errorf("entry = %+v", back)
		}
		again := e
		if err := s.Entries().CreateEntry(ctx, &again); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("second entry: %v", err)
		}
		wrong := domain.Entry{MunicipalityID: f.tsubame.ID, ProgramID: f.program2.ID, TalentID: f.talent.ID,
			Choices: []int64{f.web.ID}, Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: at}
		if err := s.Entries().CreateEntry(ctx, &wrong); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("choice from another program: %v", err)
		}
		st, err := s.Insights().ProgramStats(ctx, f.program.ID)
		mustNil(t, err)
		if st != (ProgramStats{Projects: 2, Entries: 1, EntrantsInside: 1}) {
			t.Errorf("stats = %+v", st)
		}
	})
}

// TestConcurrentWrites checks that read-then-write transactions from many
// goroutines all succeed: immediate transactions on SQLite, MVCC on PostgreSQL.
func TestConcurrentWrites(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		const n = 40
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tal := domain.Talent{Name: "並行 太郎", NameKana: "ヘイコウ タロウ", ResidenceCountry: "JP"}
				if err := s.Talents().CreateTalent(ctx, &tal); err != nil {
					errs <- err
					return
				}
				e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: tal.ID,
					Choices: []int64{f.web.ID}, Motivation: "応募します", Status: domain.EntrySubmitted,
					SubmittedAt: time.Unix(int64(1630000000+i), 0)}
				errs <- s.Entries().CreateEntry(ctx, &e)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		st, err := s.Insights().ProgramStats(ctx, f.program.ID)
		mustNil(t, err)
		if st.Entries != n {
			t.Errorf("entries = %d, want %d", st.Entries, n)
		}
	})
}

func TestEntryIdempotencyAndWithdrawal(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID,
			Choices: []int64{f.web.ID}, Motivation: "参加したい", Status: domain.EntrySubmitted,
			SubmittedAt: time.Now(), IdempotencyKey: "form-123"}
		mustNil(t, s.Entries().CreateEntry(ctx, &e))
		again := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID,
			Choices: []int64{f.green.ID}, Motivation: "もう一度", Status: domain.EntrySubmitted,
			SubmittedAt: time.Now(), IdempotencyKey: "form-123"}
		mustNil(t, s.Entries().CreateEntry(ctx, &again))
		if again.ID != e.ID || again.Motivation != "参加したい" || again.Choices[0] != f.web.ID {
			t.Errorf("a repeated key made or changed an entry: %+v", again)
		}
		other := again
		other.ID, other.IdempotencyKey = 0, "form-456"
		if key, _ := domain.ErrorKey(s.Entries().CreateEntry(ctx, &other)); key != "error.already_entered" {
			t.Errorf("a second entry: %s", key)
		}
		list, err := s.Entries().EntriesOfTalent(ctx, f.talent.ID)
		mustNil(t, err)
		if len(list) != 1 || list[0].ID != e.ID {
			t.Errorf("entries: %+v", list)
		}
		if err := s.Entries().WithdrawEntry(ctx, e.ID, f.talent.ID+1); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("someone else's entry: %v", err)
		}
		mustNil(t, s.Entries().WithdrawEntry(ctx, e.ID, f.talent.ID))
		if key, _ := domain.ErrorKey(s.Entries().WithdrawEntry(ctx, e.ID, f.talent.ID)); key != "error.cannot_withdraw" {
			t.Errorf("withdrawing twice: %s", key)
		}
	})
}

// TestConcurrentIdempotentEntries submits one key from many goroutines:
// exactly one entry is made and every caller gets it.
func TestConcurrentIdempotentEntries(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		var wg sync.WaitGroup
		ids := make(chan int64, 12)
		for range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID,
					Choices: []int64{f.web.ID}, Motivation: "同時に送信", Status: domain.EntrySubmitted,
					SubmittedAt: time.Now(), IdempotencyKey: "same-key"}
				if err := s.Entries().CreateEntry(ctx, &e); err != nil {
					t.Error(err)
					return
				}
				ids <- e.ID
			}()
		}
		wg.Wait()
		close(ids)
		var first int64
		for id := range ids {
			if first != 0 && id != first {
				t.Errorf("entries %d and %d for one key", first, id)
			}
			first = id
		}
		if st, _ := s.Insights().ProgramStats(ctx, f.program.ID); st.Entries != 1 {
			t.Errorf("%d entries", st.Entries)
		}
	})
}

func TestDecideEntriesKeepsHistory(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID,
			Choices: []int64{f.web.ID}, Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: time.Now()}
		mustNil(t, s.Entries().CreateEntry(ctx, &e))
		n, err := s.Entries().DecideEntries(ctx, f.program.ID, map[int64]domain.EntryStatus{e.ID: domain.EntryOffered}, 0, "allocation: optimal")
		if err != nil || n != 1 {
			t.Fatalf("decide: %d %v", n, err)
		}
		n, _ = s.Entries().DecideEntries(ctx, f.program.ID, map[int64]domain.EntryStatus{e.ID: domain.EntryOffered}, 0, "again")
		if n != 0 {
			t.Errorf("an unchanged decision was recorded")
		}
		if _, err := s.Entries().DecideEntries(ctx, f.program2.ID, map[int64]domain.EntryStatus{e.ID: domain.EntryDeclined}, 0, ""); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("an entry of another program: %v", err)
		}
		h, err := s.Entries().EntryHistory(ctx, e.ID)
		mustNil(t, err)
		if len(h) != 1 || h[0].From != domain.EntrySubmitted || h[0].To != domain.EntryOffered || h[0].Reason != "allocation: optimal" {
			t.Errorf("history: %+v", h)
		}
		got, _ := s.Entries().Entry(ctx, e.ID)
		if got.Status != domain.EntryOffered {
			t.Errorf("status: %s", got.Status)
		}
	})
}

// Sessions, ending them, failed sign-ins and audit lines change no page, so they leave the version (and
// so the caches of pages) alone; a real change moves it.
func TestQuietWritesKeepTheVersion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		before := s.Version()
		ss := s.Accounts().Sessions()
		mustNil(t, ss.Save(ctx, "token", []byte("data"), time.Now().Add(time.Hour), SessionOwner{}))
		if s.Version() != before {
			t.Errorf("version moved from %d to %d on a visitor's session", before, s.Version())
		}
		u := domain.User{Email: "quiet@example.jp", Name: "静か"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		before = s.Version()
		mustNil(t, ss.Save(ctx, "mine", []byte("data"), time.Now().Add(time.Hour), SessionOwner{UserID: u.ID}))
		if _, err := ss.EndEvery(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		mustNil(t, s.Accounts().AddLoginFailure(ctx, "key", time.Now(), time.Now().Add(-time.Hour)))
		mustNil(t, s.Accounts().ClearLoginFailures(ctx, "key"))
		mustNil(t, s.Compliance().Audit(ctx, AuditEvent{Action: "entries.view"}))
		if s.Version() != before {
			t.Errorf("version moved from %d to %d on a session and an audit line", before, s.Version())
		}
		mustNil(t, s.Directory().CreateOrganization(ctx, &domain.Organization{MunicipalityID: f.ota.ID, Kind: domain.OrgBusiness, Name: "新しい店",
			JSICMajor: "M", JSICMiddle: "76"}))
		if s.Version() == before {
			t.Error("a real change did not move the version")
		}
	})
}
