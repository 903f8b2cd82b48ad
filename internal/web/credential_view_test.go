package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestCredentialPageInPlainWords shows a public credential with human
// labels and units instead of the indicator keys written inside it, and
// says what "valid" means, in both languages.
func TestCredentialPageInPlainWords(t *testing.T) { eachEngine(t, credentialWordsScenario) }

func credentialWordsScenario(t *testing.T, w *world) {
	ctx := context.Background()
	programs, err := w.st.Directory().Programs(ctx, w.ota.ID)
	must(t, err)
	var p2021 int64
	for _, p := range programs {
		if p.Slug == "ota-sdgs-2021" {
			p2021 = p.ID
		}
	}
	e := w.entrant(t, "森田 花子", p2021, w.web.ID)
	team := w.team(t, e, w.web.ID, false)
	for month, hours := range map[string]int{"2021-10": 120, "2021-11": 115} {
		must(t, w.st.Workspaces().SubmitReport(ctx, &domain.Report{EngagementID: team.engagement, TalentID: e.TalentID, Month: month,
			Hours: hours, Done: "ホームページの刷新"}))
	}
	for _, in := range []domain.Indicator{
		{Kind: domain.IndicatorCustomers, SDG: 8, Baseline: 0, Result: 5},
		{Kind: domain.IndicatorSales, SDG: 8, Baseline: 1200000, Result: 1850000},
		{Kind: domain.IndicatorWebVisits, SDG: 9, Baseline: 300, Result: 1250},
		{Kind: domain.IndicatorCO2, SDG: 13, Baseline: 400, Result: 320.5},
	} {
		in.EngagementID, in.Evidence = team.engagement, "記録"
		must(t, w.st.Workspaces().SaveIndicator(ctx, &in))
	}
	must(t, w.st.Workspaces().CompleteEngagement(ctx, team.engagement))
	if n, err := w.app.app.Credentials.Issuer().IssueFor(ctx, team.engagement); err != nil || n != 1 {
		t.Fatalf("issue: %d %v", n, err)
	}
	issued, err := w.st.Issuance().IssuedCredentials(ctx, 0, e.TalentID)
	must(t, err)
	must(t, w.st.Issuance().SetCredentialPublic(ctx, issued[0].ID, e.TalentID, true))

	for lang, wants := range map[string][]string{
		"ja": {
			`<dt>活動時間</dt><dd>235時間</dd>`,
			`<li>SDGs 目標8「働きがいも経済成長も」</li><li>SDGs 目標9「産業と技術革新の基盤をつくろう」</li>`,
			`<dt>成果（活動の前 → 後）</dt>`,
			`<li><strong>新規顧客数</strong> 0 → 5 件 <span class="small">SDGs 目標8「働きがいも経済成長も」</span></li>`,
			`<li><strong>売上</strong> 1,200,000円 → 1,850,000円 <span class="small">SDGs 目標8「働きがいも経済成長も」</span></li>`,
			`<li><strong>ウェブサイトの訪問数</strong> 月300件 → 月1,250件 <span class="small">SDGs 目標9「産業と技術革新の基盤をつくろう」</span></li>`,
			`<li><strong>CO2削減量</strong> 年400 kg → 年320.5 kg <span class="small">SDGs 目標13「気候変動に具体的な対策を」</span></li>`,
			`「有効」とは、この証明書が大田区から発行されたものであること`,
			`<summary>技術的な情報（システムで確かめる方へ）</summary>`,
			`<dt>確認に使う公開鍵のID</dt>`,
		},
		"en": {
			`<dt>Hours worked</dt><dd>235 hours</dd>`,
			`<li><strong>New customers</strong> 0 → 5 <span class="small">SDG 8: Decent Work and Economic Growth</span></li>`,
			`<li><strong>Sales</strong> ¥1,200,000 → ¥1,850,000 <span class="small">SDG 8: Decent Work and Economic Growth</span></li>`,
			`<li><strong>Website visits</strong> 300 → 1,250 a month <span class="small">SDG 9: Industry, Innovation and Infrastructure</span></li>`,
			`<li><strong>CO2 avoided</strong> 400 kg → 320.5 kg a year <span class="small">SDG 13: Climate Action</span></li>`,
			`“Valid” means we have just checked, against what 大田区 publishes, that 大田区 issued this credential`,
		},
	} {
		status, body, _ := w.get(t, "/credentials/"+issued[0].ID+"?lang="+lang, "")
		if status != http.StatusOK {
			t.Fatalf("%s: %d", lang, status)
		}
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("%s: missing %s", lang, want)
			}
		}
		for _, jargon := range []string{"new_customers", "web_visits", "co2_avoided", "(SDG 8)", "署名の鍵", "e+06"} {
			if strings.Contains(body, jargon) {
				t.Errorf("%s: the page shows %q", lang, jargon)
			}
		}
	}
}
