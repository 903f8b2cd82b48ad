package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

type reportsResponse struct {
	Engagement struct {
		ID           int64  `json:"id"`
		Status       string `json:"status"`
		ProjectID    int64  `json:"project_id"`
		ProjectTitle string `json:"project_title"`
		Municipality string `json:"municipality"`
	} `json:"engagement"`
	Reports []apiReport `json:"reports"`
}

func TestAPITeamReports(t *testing.T) { eachEngine(t, apiReportsScenario) }

func apiReportsScenario(t *testing.T, w *world) {
	ctx := context.Background()
	sw := newScreeningWorld(t, w)
	g := sw.team.engagement
	for _, rp := range []domain.Report{
		{EngagementID: g, TalentID: sw.hanakoEntry.TalentID, Month: "2021-10", Hours: 12, Done: "現状の聞き取り", Next: "構成案"},
		{EngagementID: g, TalentID: sw.jiroEntry.TalentID, Month: "2021-10", Hours: 8, Done: "写真撮影", Blockers: "機材"},
		{EngagementID: g, TalentID: sw.hanakoEntry.TalentID, Month: "2021-11", Hours: 15, Done: "構成案の作成"},
	} {
		must(t, w.st.Workspaces().SubmitReport(ctx, &rp))
	}
	path := fmt.Sprintf("/api/v1/engagements/%d/reports", g)

	var rs reportsResponse
	status, body := w.callAPI(t, "GET", path, bearer(sw.tokens["staff"]), "", &rs)
	if status != 200 || rs.Engagement.ID != g || rs.Engagement.Status != "active" || rs.Engagement.ProjectID != w.web.ID ||
		rs.Engagement.ProjectTitle != "ホームページを刷新したい" || rs.Engagement.Municipality != "131113" || len(rs.Reports) != 3 {
		t.Fatalf("staff: %d %s", status, body)
	}
	newest, jiro := rs.Reports[0], rs.Reports[2]
	if newest.Month != "2021-11" || newest.Talent.Name != "山田 花子" || newest.Talent.ID != sw.hanakoEntry.TalentID || newest.Hours != 15 ||
		newest.Done != "構成案の作成" || newest.SubmittedAt.IsZero() {
		t.Errorf("the newest report: %+v", newest)
	}
	if jiro.Month != "2021-10" || jiro.Talent.Name != "鈴木 次郎" || jiro.Blockers != "機材" || jiro.Next != "" {
		t.Errorf("jiro's report: %+v", jiro)
	}
	if got, _ := w.newestAudit(t); got != (auditRow{sw.users["staff"], "engagement.reports.view", "engagement", g, "", w.ota.ID, "127.0.0.1", ""}) {
		t.Errorf("audit: %+v", got)
	}
	// Everyone in the workspace reads them: the partner, the team's leader
	// and the host business by token, the members by session.
	for _, role := range []string{"partner", "leader", "owner"} {
		if status, body := w.callAPI(t, "GET", path, bearer(sw.tokens[role]), "", &rs); status != 200 || len(rs.Reports) != 3 {
			t.Errorf("%s: %d %s", role, status, body)
		}
	}
	for name, c := range map[string]*http.Client{"hanako": sw.hanako, "jiro": sw.jiro} {
		if status, body, _ := send(t, c, "GET", w.srv.URL+path, nil); status != 200 || !strings.Contains(body, "写真撮影") {
			t.Errorf("%s: %d %s", name, status, body)
		}
	}
	// Anyone else finds no such team.
	otherLeader, _ := w.member(t, "leader2@team.example.jp", "別のリーダー", domain.RoleLeaderTalent, w.orgNamed(t, "大田区 産業経済部").ID)
	outsider := w.signedIn(t, "outsider@team.example.jp", "外の人")
	for _, c := range []struct {
		name, path, authorization string
		client                    *http.Client
		status                    int
	}{
		{"a leader of other teams", path, bearer(w.apiToken(t, otherLeader)), nil, 404},
		{"Tsubame's staff", path, bearer(sw.tokens["tsubame"]), nil, 404},
		{"a talent outside the team", path, "", outsider, 404},
		{"a visitor", path, "", nil, 401},
		{"no such team", "/api/v1/engagements/999999/reports", bearer(sw.tokens["staff"]), nil, 404},
		{"not an id", "/api/v1/engagements/x/reports", bearer(sw.tokens["staff"]), nil, 404},
	} {
		var status int
		var body string
		if c.client != nil {
			status, body, _ = send(t, c.client, "GET", w.srv.URL+c.path, nil)
		} else {
			status, body = w.callAPI(t, "GET", c.path, c.authorization, "", nil)
		}
		if status != c.status || strings.Contains(body, "写真撮影") {
			t.Errorf("%s: %d %s", c.name, status, body)
		}
	}
}
