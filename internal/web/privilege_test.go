package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// teamWorld is a 2021 team on the mill's web project with two members who
// have accounts, the mill's owner, a leader who leads the team, a partner
// and staff.
type teamWorld struct {
	*world
	staff, partner, leader, owner, hanako, jiro *http.Client
	users                                       map[string]int64
	hanakoEntry, jiroEntry                      domain.Entry
	team                                        teamIDs
	work                                        string // the workspace's path
}

func newTeamWorld(t *testing.T, w *world) *teamWorld {
	t.Helper()
	ctx := context.Background()
	tw := &teamWorld{world: w, users: map[string]int64{}}
	office, mill := w.orgNamed(t, "大田区 産業経済部"), w.orgNamed(t, "有限会社森田製作所")
	partnerOrg := domain.Organization{MunicipalityID: w.ota.ID, Kind: domain.OrgPartner, Name: "一般社団法人まちプロ"}
	must(t, w.st.Directory().CreateOrganization(ctx, &partnerOrg))
	for _, m := range []struct {
		name string
		c    **http.Client
		role domain.Role
		org  int64
	}{{"staff", &tw.staff, domain.RoleMunicipalityStaff, office.ID}, {"partner", &tw.partner, domain.RolePartnerStaff, partnerOrg.ID},
		{"leader", &tw.leader, domain.RoleLeaderTalent, office.ID}, {"owner", &tw.owner, domain.RoleBusinessOwner, mill.ID}} {
		tw.users[m.name], *m.c = w.member(t, m.name+"@team.example.jp", "役 "+m.name, m.role, m.org)
	}
	p, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	// The partner runs both of Ota's programs day to day.
	for _, slug := range []string{"ota-sdgs-2021", "ota-sdgs-2026"} {
		pr, err := w.st.Directory().ProgramBySlug(ctx, slug)
		must(t, err)
		must(t, w.st.Directory().SetProgramDelegate(ctx, pr.ID, partnerOrg.ID))
	}
	for _, m := range []struct {
		name, display string
		c             **http.Client
		e             *domain.Entry
	}{{"hanako", "山田 花子", &tw.hanako, &tw.hanakoEntry}, {"jiro", "鈴木 次郎", &tw.jiro, &tw.jiroEntry}} {
		*m.c = w.signedIn(t, m.name+"@team.example.jp", m.display)
		creds, err := w.st.Accounts().Credentials(ctx, m.name+"@team.example.jp")
		must(t, err)
		tw.users[m.name] = creds.User.ID
		tal := domain.Talent{UserID: creds.User.ID, Name: m.display, NameKana: "テスト", ResidenceCountry: "JP"}
		must(t, w.st.Talents().CreateTalent(ctx, &tal))
		*m.e = domain.Entry{MunicipalityID: w.ota.ID, ProgramID: p.ID, TalentID: tal.ID, Choices: []int64{w.web.ID},
			Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: testNow}
		must(t, w.st.Entries().CreateEntry(ctx, m.e))
	}
	tw.team = w.team(t, tw.hanakoEntry, w.web.ID, false)
	w.team(t, tw.jiroEntry, w.web.ID, false)
	must(t, w.st.Workspaces().AssignTeamLeader(ctx, tw.team.engagement, tw.users["leader"]))
	tw.work = w.srv.URL + "/engagements/" + strconv.FormatInt(tw.team.engagement, 10)
	return tw
}

func TestOneToOnesArePrivate(t *testing.T) { eachEngine(t, oneToOneScenario) }

func oneToOneScenario(t *testing.T, w *world) {
	tw := newTeamWorld(t, w)
	meeting := func(c *http.Client, kind, talent, notes string) (int, string) {
		t.Helper()
		status, body, _ := send(t, c, "POST", tw.work+"/meetings", url.Values{"kind": {kind}, "talent": {talent},
			"held_on": {"2021-10-08"}, "minutes": {"30"}, "notes": {notes}})
		return status, body
	}
	hanako, jiro := strconv.FormatInt(tw.hanakoEntry.TalentID, 10), strconv.FormatInt(tw.jiroEntry.TalentID, 10)
	// A one-to-one names a member of this team.
	if status, body := meeting(tw.staff, "one_to_one", "", "だれとも"); status != 422 || !strings.Contains(body, "1on1の相手を、チームのメンバーから選んでください。") {
		t.Errorf("a one-to-one with nobody: %d", status)
	}
	if status, _ := meeting(tw.staff, "one_to_one", strconv.FormatInt(tw.hanakoEntry.TalentID+100, 10), "外の人"); status != 422 {
		t.Errorf("a one-to-one with someone outside the team: %d", status)
	}
	for _, m := range []struct {
		c            *http.Client
		kind, talent string
		notes        string
	}{{tw.staff, "one_to_one", hanako, "花子さんの1on1メモ"}, {tw.leader, "one_to_one", jiro, "次郎さんの1on1メモ"},
		{tw.owner, "team", hanako, "全体の定例メモ"}} {
		if status, _ := meeting(m.c, m.kind, m.talent, m.notes); status != 303 {
			t.Fatalf("log %q: %d", m.notes, status)
		}
	}
	// Who reads which: the member it was with, its author, the municipality.
	cases := []struct {
		who          string
		c            *http.Client
		hanako, jiro bool
	}{
		{"hanako", tw.hanako, true, false},
		{"jiro", tw.jiro, false, true},
		{"the owner", tw.owner, false, false},
		{"the leader who wrote jiro's", tw.leader, false, true},
		{"the partner", tw.partner, true, true},
		{"staff", tw.staff, true, true},
	}
	for _, c := range cases {
		status, body, _ := send(t, c.c, "GET", tw.work, nil)
		if status != 200 {
			t.Fatalf("%s: %d", c.who, status)
		}
		if strings.Contains(body, "花子さんの1on1メモ") != c.hanako || strings.Contains(body, "次郎さんの1on1メモ") != c.jiro ||
			!strings.Contains(body, "全体の定例メモ") {
			t.Errorf("%s reads hanako's %v, jiro's %v, the team's %v", c.who, strings.Contains(body, "花子さんの1on1メモ"),
				strings.Contains(body, "次郎さんの1on1メモ"), strings.Contains(body, "全体の定例メモ"))
		}
		if c.hanako && !strings.Contains(body, "1on1（山田 花子さん）") {
			t.Errorf("%s: the one-to-one does not say whom it was with", c.who)
		}
	}
	meetings, err := w.st.Workspaces().Meetings(context.Background(), tw.team.engagement)
	must(t, err)
	if len(meetings) != 3 || meetings[0].Kind == domain.MeetingTeam && meetings[0].TalentID != 0 {
		t.Errorf("meetings %+v", meetings)
	}
}

func TestLeaderAndOwnerSeeOnlyTheirOwn(t *testing.T) { eachEngine(t, leaderOwnerScenario) }

func leaderOwnerScenario(t *testing.T, w *world) {
	ctx := context.Background()
	tw := newTeamWorld(t, w)
	p, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2021")
	must(t, err)
	// Another team, on the cafe's project: not the leader's, not the owner's.
	other := w.entrant(t, "別 チーム", p.ID, w.green.ID)
	cafeProject := w.green
	cafeProject.ID, cafeProject.HostID, cafeProject.Title = 0, w.orgNamed(t, "喫茶まるや").ID, "喫茶の会計をクラウドへ"
	must(t, w.st.Projects().CreateProject(ctx, &cafeProject))
	otherEntry := w.entrant(t, "別 会計", p.ID, cafeProject.ID)
	otherTeam := w.team(t, otherEntry, cafeProject.ID, false)
	must(t, w.st.Entries().AssignReviewer(ctx, tw.hanakoEntry.ID, tw.users["leader"], tw.users["staff"]))
	start := testNow.AddDate(0, 0, 3)
	ivOther := domain.Interview{EntryID: other.ID, StartsAt: start, EndsAt: start.Add(time.Hour), Place: "区役所"}
	_, err = w.st.Entries().CreateInterview(ctx, &ivOther)
	must(t, err)

	get := func(c *http.Client, path string) (int, string) {
		t.Helper()
		status, body, _ := send(t, c, "GET", w.srv.URL+path, nil)
		return status, body
	}
	entry := func(e domain.Entry) string { return "/admin/131113/entries/" + strconv.FormatInt(e.ID, 10) }
	team := func(g teamIDs) string { return "/engagements/" + strconv.FormatInt(g.engagement, 10) }
	for _, c := range []struct {
		who  string
		c    *http.Client
		path string
		want int
	}{
		{"leader", tw.leader, entry(tw.hanakoEntry), 200},
		{"leader", tw.leader, entry(tw.jiroEntry), 404},
		{"leader", tw.leader, entry(other), 404},
		{"leader", tw.leader, "/me/interviews/" + strconv.FormatInt(ivOther.ID, 10), 404},
		{"leader", tw.leader, team(tw.team), 200},
		{"leader", tw.leader, team(otherTeam), 404},
		{"leader", tw.leader, "/agreements/" + strconv.FormatInt(tw.team.agreement, 10), 404},
		{"leader", tw.leader, "/admin/131113/programs/ota-sdgs-2021/allocation", 403},
		{"owner", tw.owner, team(tw.team), 200},
		{"owner", tw.owner, team(otherTeam), 404},
		{"owner", tw.owner, "/agreements/" + strconv.FormatInt(tw.team.agreement, 10), 200},
		{"owner", tw.owner, "/agreements/" + strconv.FormatInt(otherTeam.agreement, 10), 404},
		{"owner", tw.owner, entry(tw.hanakoEntry), 403},
		{"jiro", tw.jiro, "/agreements/" + strconv.FormatInt(tw.team.agreement, 10), 404},
	} {
		if status, _ := get(c.c, c.path); status != c.want {
			t.Errorf("%s GET %s: %d, want %d", c.who, c.path, status, c.want)
		}
	}
	// The board and the list of teams keep only their own.
	_, body := get(tw.leader, "/admin/131113/programs/ota-sdgs-2021/entries")
	if !strings.Contains(body, "山田 花子") || strings.Contains(body, "鈴木 次郎") || strings.Contains(body, "別 チーム") ||
		!strings.Contains(body, "1件中 1件を表示") {
		t.Errorf("the leader's board shows more than their entry")
	}
	lists := map[string][2]bool{"leader": {true, false}, "owner": {true, false}, "staff": {true, true}}
	for who, want := range lists {
		c := map[string]*http.Client{"leader": tw.leader, "owner": tw.owner, "staff": tw.staff}[who]
		status, body := get(c, "/admin/131113/engagements")
		if status != 200 || strings.Contains(body, w.web.Title) != want[0] || strings.Contains(body, "喫茶の会計をクラウドへ") != want[1] {
			t.Errorf("%s's list of teams: %d, ours %v, the cafe's %v", who, status, strings.Contains(body, w.web.Title),
				strings.Contains(body, "喫茶の会計をクラウドへ"))
		}
	}
	// In the workspace the leader facilitates but reads no terms and
	// does not complete; a member links only their own agreement.
	_, body = get(tw.leader, team(tw.team))
	if strings.Contains(body, `href="/agreements/`) || strings.Contains(body, `action="`+team(tw.team)+`/complete"`) ||
		strings.Contains(body, `action="`+team(tw.team)+`/goal"`) || !strings.Contains(body, `action="`+team(tw.team)+`/meetings"`) {
		t.Error("the leader's workspace offers what is not theirs")
	}
	_, body = get(tw.jiro, team(tw.team))
	if strings.Count(body, `href="/agreements/`) != 1 {
		t.Errorf("jiro sees %d agreement links, want his own", strings.Count(body, `href="/agreements/`))
	}
	for _, post := range []struct {
		path string
		form url.Values
		want int
	}{
		{team(tw.team) + "/messages", url.Values{"body": {"リーダーです"}}, 303},
		{team(tw.team) + "/milestones", url.Values{"title": {"聞き取り"}}, 303},
		{team(tw.team) + "/goal", url.Values{"goal": {"変える"}}, 403},
		{team(tw.team) + "/outcomes", url.Values{"kind": {"sales"}, "sdg": {"8"}}, 403},
		{team(tw.team) + "/complete", url.Values{}, 403},
		{team(tw.team) + "/leaders", url.Values{"user": {strconv.FormatInt(tw.users["leader"], 10)}, "action": {"remove"}}, 403},
	} {
		if status, _, _ := send(t, tw.leader, "POST", w.srv.URL+post.path, post.form); status != post.want {
			t.Errorf("leader POST %s: %d, want %d", post.path, status, post.want)
		}
	}
	g, err := w.st.Workspaces().Engagement(ctx, tw.team.engagement)
	must(t, err)
	if g.Status != domain.EngagementActive || g.Goal != "" {
		t.Errorf("after the leader's attempts: %+v", g)
	}
}

func TestStaffAssignTeamLeaders(t *testing.T) { eachEngine(t, assignLeaderScenario) }

func assignLeaderScenario(t *testing.T, w *world) {
	ctx := context.Background()
	tw := newTeamWorld(t, w)
	leaderID := strconv.FormatInt(tw.users["leader"], 10)
	must(t, w.st.Workspaces().UnassignTeamLeader(ctx, tw.team.engagement, tw.users["leader"]))
	if status, _, _ := send(t, tw.leader, "GET", tw.work, nil); status != 404 {
		t.Fatalf("a leader not assigned: %d", status)
	}
	// Only leaders can be assigned; the partner assigns one.
	if status, body, _ := send(t, tw.partner, "POST", tw.work+"/leaders", url.Values{"user": {strconv.FormatInt(tw.users["hanako"], 10)},
		"action": {"add"}}); status != 422 || !strings.Contains(body, "リーダーとして登録されている人の一覧から選んでください。") {
		t.Errorf("assigning a talent as leader: %d", status)
	}
	if status, _, h := send(t, tw.partner, "POST", tw.work+"/leaders", url.Values{"user": {leaderID}, "action": {"add"}}); status != 303 ||
		!strings.HasSuffix(h.Get("Location"), "#leaders") {
		t.Fatalf("assign: %d %s", status, h.Get("Location"))
	}
	if status, body, _ := send(t, tw.leader, "GET", tw.work, nil); status != 200 || !strings.Contains(body, "役 leader") {
		t.Errorf("the assigned leader: %d", status)
	}
	if _, ok := w.mailTo(t, "leader@team.example.jp", "チームのリーダーになりました"); !ok {
		t.Error("the leader was not told")
	}
	log, err := w.st.Compliance().AuditLog(ctx, w.ota.ID, 5)
	must(t, err)
	want := []string{"engagement.leader.add", "engagement", strconv.FormatInt(tw.team.engagement, 10), "user=" + leaderID,
		strconv.FormatInt(tw.users["partner"], 10)}
	var got []string
	for _, l := range log {
		if l.Action == "engagement.leader.add" {
			got = []string{l.Action, l.SubjectType, strconv.FormatInt(l.SubjectID, 10), l.Detail, strconv.FormatInt(l.ActorID, 10)}
			break
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("audit: %v, want %v", got, want)
	}
	// Staff take the leader off again.
	if status, _, _ := send(t, tw.staff, "POST", tw.work+"/leaders", url.Values{"user": {leaderID}, "action": {"remove"}}); status != 303 {
		t.Fatalf("remove: %d", status)
	}
	if status, _, _ := send(t, tw.leader, "GET", tw.work, nil); status != 404 {
		t.Errorf("a leader taken off: %d", status)
	}
}

func TestAdminMenuOffersOnlyWhatOpens(t *testing.T) {
	w := newWorld(t)
	tw := newTeamWorld(t, w)
	for who, c := range map[string]*http.Client{"leader": tw.leader, "owner": tw.owner, "partner": tw.partner, "staff": tw.staff} {
		_, body, _ := send(t, c, "GET", w.srv.URL+"/admin", nil)
		links := regexp.MustCompile(`href="(/admin/[^"?]+)"`).FindAllStringSubmatch(body, -1)
		if len(links) == 0 {
			t.Fatalf("%s: no links", who)
		}
		for _, l := range links {
			if l[1] == "/admin/131113/export" {
				continue // a download
			}
			if status, _, _ := send(t, c, "GET", w.srv.URL+l[1], nil); status != 200 {
				t.Errorf("%s: the menu offers %s, which answers %d", who, l[1], status)
			}
		}
	}
}
