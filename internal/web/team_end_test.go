package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// credentialPeriod reads the activity period a credential states, from its
// signed payload.
func credentialPeriod(t *testing.T, c store.IssuedCredential) (start, end, criteria string) {
	t.Helper()
	parts := strings.Split(c.JWT, ".")
	if len(parts) != 3 {
		t.Fatalf("not a compact JWS: %q", c.JWT)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	must(t, err)
	var payload struct {
		CredentialSubject struct {
			ActivityStartDate string `json:"activityStartDate"`
			ActivityEndDate   string `json:"activityEndDate"`
			Achievement       struct {
				Criteria struct {
					Narrative string `json:"narrative"`
				} `json:"criteria"`
			} `json:"achievement"`
		} `json:"credentialSubject"`
	}
	must(t, json.Unmarshal(raw, &payload))
	s := payload.CredentialSubject
	return s.ActivityStartDate, s.ActivityEndDate, s.Achievement.Criteria.Narrative
}

// futureTerms gives hanako's agreement a start in the future, accepted
// again by all three sides, so the team is at work on terms that start
// after today.
func (tw *teamWorld) futureTerms(t *testing.T, accept bool) domain.Agreement {
	t.Helper()
	ctx := context.Background()
	a, err := tw.st.Agreements().AgreementOfEntry(ctx, tw.hanakoEntry.ID)
	must(t, err)
	a.StartsOn = time.Date(2027, 1, 1, 0, 0, 0, 0, domain.Japan())
	a.EndsOn = time.Date(2027, 4, 30, 0, 0, 0, 0, domain.Japan())
	must(t, tw.st.Agreements().SaveAgreement(ctx, &a, 0))
	if accept {
		for _, p := range domain.Parties() {
			_, err := tw.st.Agreements().AcceptAgreement(ctx, a.ID, a.Version, p, 0)
			must(t, err)
		}
	}
	return a
}

func TestCompleteBeforeTheAgreedStart(t *testing.T) { eachEngine(t, completeEarlyScenario) }

func completeEarlyScenario(t *testing.T, w *world) {
	ctx := context.Background()
	tw := newTeamWorld(t, w)
	tw.futureTerms(t, true)
	if status, _, _ := send(t, tw.staff, "POST", tw.work+"/complete", url.Values{}); status != 303 {
		t.Fatalf("complete a team whose agreed start is in the future: %d, want 303", status)
	}
	creds, err := w.st.Issuance().IssuedCredentials(ctx, w.ota.ID, tw.hanakoEntry.TalentID)
	must(t, err)
	if len(creds) != 1 {
		t.Fatalf("hanako's credentials: %d", len(creds))
	}
	// The terms were accepted today and the team completed now: the
	// period runs from the start of the day of acceptance, in Japan, to
	// the completion.
	g, err := w.st.Workspaces().Engagement(ctx, tw.team.engagement)
	must(t, err)
	a, err := w.st.Agreements().AgreementOfEntry(ctx, tw.hanakoEntry.ID)
	must(t, err)
	wantStart := domain.DateInJapan(a.AcceptedOn()).UTC().Format(time.RFC3339)
	wantEnd := g.CompletedAt.UTC().Truncate(time.Second).Format(time.RFC3339)
	start, end, _ := credentialPeriod(t, creds[0])
	if start != wantStart || end != wantEnd || end < start || !strings.HasSuffix(wantStart, "T15:00:00Z") {
		t.Errorf("period %s – %s, want %s – %s", start, end, wantStart, wantEnd)
	}
	// Jiro's terms started in 2021: his period is the agreed one.
	creds, err = w.st.Issuance().IssuedCredentials(ctx, w.ota.ID, tw.jiroEntry.TalentID)
	must(t, err)
	if start, end, _ := credentialPeriod(t, creds[0]); len(creds) != 1 || start != "2021-09-30T15:00:00Z" || end != wantEnd {
		t.Errorf("jiro's period %s – %s", start, end)
	}
}

func TestEndEarlyWithShortenedCredential(t *testing.T) { eachEngine(t, endEarlyCredentialScenario) }

func endEarlyCredentialScenario(t *testing.T, w *world) {
	ctx := context.Background()
	tw := newTeamWorld(t, w)
	// No reason: the form comes back naming the field, the choice kept.
	status, body, _ := send(t, tw.staff, "POST", tw.work+"/end-early", url.Values{"reason": {"  "}, "credential": {"issue"}})
	if status != 422 || !strings.Contains(body, "中途終了の理由を入力してください。") {
		t.Fatalf("without a reason: %d", status)
	}
	if status, _, _ := send(t, tw.partner, "POST", tw.work+"/end-early", url.Values{"reason": {"x"}}); status != 403 {
		t.Errorf("the partner ends a team: %d, want 403", status)
	}
	reason := "事業者の体制変更により継続が難しくなった"
	status, _, h := send(t, tw.staff, "POST", tw.work+"/end-early", url.Values{"reason": {reason}, "credential": {"issue"}})
	if status != 303 || h.Get("Location") != "/engagements/"+id(tw.team.engagement)+"?done=reviews#reviews" {
		t.Fatalf("end early: %d %s", status, h.Get("Location"))
	}
	g, err := w.st.Workspaces().Engagement(ctx, tw.team.engagement)
	must(t, err)
	if g.Status != domain.EngagementCompleted || g.EndedEarlyReason != reason || g.CredentialWithheld {
		t.Errorf("the team: %+v", g)
	}
	for _, e := range []domain.Entry{tw.hanakoEntry, tw.jiroEntry} {
		creds, err := w.st.Issuance().IssuedCredentials(ctx, w.ota.ID, e.TalentID)
		must(t, err)
		if len(creds) != 1 {
			t.Fatalf("credentials of talent %d: %d", e.TalentID, len(creds))
		}
		start, end, criteria := credentialPeriod(t, creds[0])
		wantEnd := g.CompletedAt.UTC().Truncate(time.Second).Format(time.RFC3339)
		wantDays := "2021年10月1日から" + g.CompletedAt.In(domain.Japan()).Format("2006年1月2日") + "まで（中途終了により短縮された期間）"
		if start != "2021-09-30T15:00:00Z" || end != wantEnd || !strings.Contains(criteria, wantDays) {
			t.Errorf("credential: %s – %s, %q", start, end, criteria)
		}
	}
	got, _ := w.newestAudit(t)
	want := auditRow{tw.users["staff"], "engagement.end_early", "engagement", tw.team.engagement, "", w.ota.ID, "127.0.0.1",
		`reason="` + reason + `" credential=true`}
	if got != want {
		t.Errorf("audit:\n got %+v\nwant %+v", got, want)
	}
	for _, who := range []string{"hanako", "jiro", "owner"} {
		ns, err := w.st.Messaging().Notifications(ctx, tw.users[who], 5)
		must(t, err)
		if len(ns) == 0 || ns[0].Key != "notice.ended_early" {
			t.Errorf("%s was not told: %+v", who, ns)
		}
	}
	_, body, _ = send(t, tw.hanako, "GET", tw.work, nil)
	if !strings.Contains(body, "この活動は中途終了しました。") || !strings.Contains(body, reason) {
		t.Error("the workspace does not say the work was ended early, and why")
	}
	// Once ended, it cannot be ended again.
	if status, _, _ := send(t, tw.staff, "POST", tw.work+"/end-early", url.Values{"reason": {"x"}}); status != 403 {
		t.Errorf("ending twice: %d, want 403", status)
	}
}

func TestEndEarlyWithoutCredential(t *testing.T) { eachEngine(t, endEarlyNoCredentialScenario) }

func endEarlyNoCredentialScenario(t *testing.T, w *world) {
	ctx := context.Background()
	tw := newTeamWorld(t, w)
	status, _, _ := send(t, tw.staff, "POST", tw.work+"/end-early", url.Values{"reason": {"連絡が取れなくなった"}, "credential": {"none"}})
	if status != 303 {
		t.Fatalf("end early without credentials: %d", status)
	}
	g, err := w.st.Workspaces().Engagement(ctx, tw.team.engagement)
	must(t, err)
	if g.Status != domain.EngagementCompleted || !g.CredentialWithheld {
		t.Errorf("the team: %+v", g)
	}
	creds, err := w.st.Issuance().IssuedCredentials(ctx, w.ota.ID, 0)
	must(t, err)
	if len(creds) != 0 {
		t.Errorf("credentials issued: %d", len(creds))
	}
	// The issuance at start-up leaves the team alone too.
	missing, err := w.st.Issuance().EngagementsMissingCredentials(ctx)
	must(t, err)
	for _, id := range missing {
		if id == tw.team.engagement {
			t.Error("the team ended without credentials still lacks them")
		}
	}
	got, _ := w.newestAudit(t)
	if got.Action != "engagement.end_early" || got.Detail != `reason="連絡が取れなくなった" credential=false` {
		t.Errorf("audit: %+v", got)
	}
	ns, err := w.st.Messaging().Notifications(ctx, tw.users["hanako"], 5)
	must(t, err)
	if len(ns) == 0 || ns[0].Key != "notice.ended_early" {
		t.Errorf("hanako was not told: %+v", ns)
	}
}

func TestAmendedTermsPauseTheTeam(t *testing.T) { eachEngine(t, pausedTeamScenario) }

func pausedTeamScenario(t *testing.T, w *world) {
	ctx := context.Background()
	tw := newTeamWorld(t, w)
	a := tw.futureTerms(t, false)
	_, body, _ := send(t, tw.owner, "GET", tw.work, nil)
	if !strings.Contains(body, "合意待ちで一時停止中") || !strings.Contains(body, "変更された活動条件への合意を待っています。") {
		t.Error("the workspace does not show the team as paused")
	}
	// Work waits: no messages, and no completion, while terms await.
	if status, _, _ := send(t, tw.owner, "POST", tw.work+"/messages", url.Values{"body": {"こんにちは"}}); status != 403 {
		t.Errorf("a message while paused: %d, want 403", status)
	}
	if status, _, _ := send(t, tw.staff, "POST", tw.work+"/complete", url.Values{}); status != 403 {
		t.Errorf("completing while paused: %d, want 403", status)
	}
	_, body, _ = send(t, tw.staff, "GET", w.srv.URL+"/admin/131113/engagements", nil)
	if !strings.Contains(body, "合意待ちで一時停止中") {
		t.Error("the list of teams does not show it paused")
	}
	// Once all three sides accept, it is at work again.
	for _, p := range domain.Parties() {
		_, err := w.st.Agreements().AcceptAgreement(ctx, a.ID, a.Version, p, 0)
		must(t, err)
	}
	_, body, _ = send(t, tw.owner, "GET", tw.work, nil)
	if strings.Contains(body, "合意待ちで一時停止中") || !strings.Contains(body, "活動中") {
		t.Error("the team is not at work again after the terms were accepted")
	}
	if status, _, _ := send(t, tw.owner, "POST", tw.work+"/messages", url.Values{"body": {"こんにちは"}}); status != 303 {
		t.Errorf("a message once accepted: %d, want 303", status)
	}
}
