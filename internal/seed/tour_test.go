package seed

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// readmeDemo is the README's account of the demo: from "What you will see"
// up to the table of pages.
func readmeDemo(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	from := strings.Index(s, "## What you will see")
	to := strings.Index(s, "Pages (Japanese first")
	if from < 0 || to < from {
		t.Fatal("the README has no demo section from \"## What you will see\" to \"Pages (Japanese first\"")
	}
	return s[from:to]
}

// number reads a count the README writes in figures or in words.
func number(t *testing.T, s string) int {
	t.Helper()
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if i := slices.Index(words, strings.ToLower(s)); i >= 0 {
		return i
	}
	t.Fatalf("the README says %q where a number was expected", s)
	return 0
}

// TestReadmeTourExists loads the demo and checks what the README tells a
// visitor to find in it: the municipalities and programs by code and slug,
// the figures of the 2021 program and its aftermath, the current program,
// events and ideas, and the sign-ins with their password and roles.
func TestReadmeTourExists(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		text := readmeDemo(t)
		d := loadDemo(t, url)
		db, closeDB, err := d.st.JobPool()
		if err != nil {
			t.Fatal(err)
		}
		defer closeDB()
		count := func(q string, args ...any) int {
			t.Helper()
			var n int
			if err := db.QueryRowContext(ctx, fmt.Sprintf(q, args...)).Scan(&n); err != nil {
				t.Fatalf("%s: %v", fmt.Sprintf(q, args...), err)
			}
			return n
		}
		find := func(pattern string) []string {
			t.Helper()
			m := regexp.MustCompile(pattern).FindStringSubmatch(text)
			if m == nil {
				t.Fatalf("the README's demo section no longer says %q: update this test with it", pattern)
			}
			return m[1:]
		}

		ota, err := d.st.Directory().MunicipalityByLGCode(ctx, find(`\*\*Ota City \(大田区, lgcode (\d{6})\)\*\*`)[0])
		if err != nil || ota.Name != "大田区" {
			t.Errorf("Ota by its README code: %+v %v", ota, err)
		}
		m := find(`\*\*([^*]+)\*\* \(` + "`" + `/programs/([a-z0-9-]+)` + "`" + `, closed\)`)
		p2021, err := d.st.Directory().ProgramBySlug(ctx, m[1])
		if err != nil || p2021.Title != m[0] || p2021.MunicipalityID != ota.ID || !p2021.EntryClosesAt.Before(d.now) {
			t.Errorf("the README's closed program %q at /programs/%s: %+v %v", m[0], m[1], p2021, err)
		}
		places := strings.Split(find(`factories and shops in (.+?) and more`)[0], ", ")
		for _, place := range places {
			if count(`SELECT COUNT(*) FROM projects p JOIN organizations o ON o.id = p.host_id
				WHERE p.program_id = %d AND (o.area = '%s' OR p.place LIKE '%%%[2]s%%')`, p2021.ID, place) == 0 {
				t.Errorf("no 2021 project in %s", place)
			}
		}

		stories, err := d.st.Community().Stories(ctx, ota.ID)
		if err != nil {
			t.Fatal(err)
		}
		var open []domain.Program
		progs, err := d.st.Directory().Programs(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range progs {
			if !p.EntryOpensAt.After(d.now) && p.EntryClosesAt.After(d.now) {
				open = append(open, p)
			}
		}
		openOta := 0
		for _, p := range open {
			if p.MunicipalityID == ota.ID {
				openOta++
				if n := number(t, find(`A current open Ota program with (\w+) projects`)[0]); n !=
					count(`SELECT COUNT(*) FROM projects WHERE program_id = %d AND status = 'published'`, p.ID) {
					t.Errorf("the current Ota program %s does not have %d open projects", p.Slug, n)
				}
			}
		}
		events, err := d.st.Community().Events(ctx, ota.ID, d.now)
		if err != nil {
			t.Fatal(err)
		}
		figures := []struct {
			pattern string
			got     int
		}{
			{`(\d+) projects from factories`, count(`SELECT COUNT(*) FROM projects WHERE program_id = %d`, p2021.ID)},
			{`and (\d+) entrants`, count(`SELECT COUNT(DISTINCT talent_id) FROM entries WHERE program_id = %d`, p2021.ID)},
			{`(\d+) agreements accepted by all three sides`, count(`SELECT COUNT(*) FROM agreements a JOIN projects p
				ON p.id = a.project_id WHERE p.program_id = %d AND (SELECT COUNT(*) FROM agreement_acceptances x
				WHERE x.agreement_id = a.id AND x.version = a.version) = 3`, p2021.ID)},
			{`(\d+) teams \(\d+ completed\)`, count(`SELECT COUNT(*) FROM engagements`)},
			{`\d+ teams \((\d+) completed\)`, count(`SELECT COUNT(*) FROM engagements WHERE status = 'completed'`)},
			{`(\d+) outcome indicators`, count(`SELECT COUNT(*) FROM indicators`)},
			{`\((\d+) new businesses\)`, count(`SELECT COALESCE(SUM(result), 0) FROM indicators WHERE kind = '%s'`,
				domain.IndicatorNewBusiness)},
			{`(\d+) public stories`, len(stories)},
			{`A current (open) Ota program`, openOta},
			{`(\w+) coming events`, len(events)},
			{`(\w+) ideas, \w+ with the ward's answers`, count(`SELECT COUNT(*) FROM ideas WHERE municipality_id = %d`, ota.ID)},
			{`\w+ ideas, (\w+) with the ward's answers`, count(`SELECT COUNT(*) FROM ideas WHERE municipality_id = %d
				AND answered_at IS NOT NULL AND answer <> ''`, ota.ID)},
		}
		for _, f := range figures {
			s := find(f.pattern)[0]
			want := 1
			if s != "open" {
				want = number(t, s)
			}
			if f.got != want {
				t.Errorf("the README says %q (%s), the demo has %d", f.pattern, s, f.got)
			}
		}

		tsubame, err := d.st.Directory().MunicipalityByLGCode(ctx, demo.TsubameLGCode)
		m = find(`\*\*Tsubame City \((.+?), (Niigata)\)\*\* as a second municipality with its own program`)
		if err != nil || tsubame.Name != m[0] || tsubame.PrefCode != 15 ||
			count(`SELECT COUNT(*) FROM programs WHERE municipality_id = %d`, tsubame.ID) == 0 {
			t.Errorf("Tsubame: %+v %v", tsubame, err)
		}
		checkReadmeSignIns(t, text, d, open)
	})
}

// checkReadmeSignIns checks the sign-ins the README offers: its password
// opens each demo account, and it names every one of them.
func checkReadmeSignIns(t *testing.T, text string, d loadedDemo, open []domain.Program) {
	t.Helper()
	ctx := context.Background()
	m := regexp.MustCompile("Demo sign-ins \\(password `([^`]+)`").FindStringSubmatch(text)
	if m == nil || m[1] != DemoPassword {
		t.Errorf("the README's demo password %q is not DemoPassword", m)
	}
	var named []string
	for _, x := range regexp.MustCompile("`([a-z-]+)@(?:…|demo\\.tsunagu\\.example)`").FindAllStringSubmatch(text, -1) {
		named = append(named, x[1]+"@demo.tsunagu.example")
	}
	var accounts []string
	for _, a := range DemoAccounts() {
		accounts = append(accounts, a.Email)
		c, err := d.st.Accounts().Credentials(ctx, a.Email)
		if err != nil || !c.Verified {
			t.Errorf("%s cannot sign in: %+v %v", a.Email, c, err)
			continue
		}
		if ok, _, err := auth.VerifyPassword(DemoPassword, c.PasswordHash); !ok || err != nil {
			t.Errorf("the demo password does not open %s: %v", a.Email, err)
		}
		if a.Role != "" {
			continue
		}
		// The talent has a profile to be recommended from and an open
		// program to enter.
		talent, err := d.st.Talents().TalentByUser(ctx, c.User.ID)
		if err != nil || len(talent.Skills) == 0 || len(talent.SDGs) == 0 {
			t.Errorf("the demo talent's profile: %+v %v", talent, err)
		}
		entries, err := d.st.Entries().EntriesOfTalent(ctx, talent.ID)
		if err != nil {
			t.Fatal(err)
		}
		canEnter := 0
		for _, p := range open {
			if !slices.ContainsFunc(entries, func(e domain.Entry) bool { return e.ProgramID == p.ID }) {
				canEnter++
			}
		}
		if canEnter == 0 {
			t.Errorf("the demo talent has entered every open program: no entry form to show")
		}
	}
	slices.Sort(named)
	slices.Sort(accounts)
	if !slices.Equal(named, accounts) {
		t.Errorf("the README names the sign-ins %v, the demo has %v", named, accounts)
	}
}
