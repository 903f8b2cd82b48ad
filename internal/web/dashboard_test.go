package web

import (
	"context"
	"encoding/csv"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestTimeBuckets(t *testing.T) {
	jst := domain.Japan()
	times := []time.Time{
		time.Date(2021, 7, 1, 9, 0, 0, 0, jst),        // Thursday: week of 6/28
		time.Date(2021, 7, 4, 23, 0, 0, 0, jst),       // Sunday: same week
		time.Date(2021, 7, 4, 15, 30, 0, 0, time.UTC), // Monday 0:30 in Japan: next week
		time.Date(2021, 7, 20, 10, 0, 0, 0, jst),      // two weeks later, one empty week between
	}
	step, starts, counts := timeBuckets(times)
	want := []string{"2021-06-28", "2021-07-05", "2021-07-12", "2021-07-19"}
	wantN := []float64{2, 1, 0, 1}
	if step != stepWeek || len(starts) != len(want) {
		t.Fatalf("%s %v", step, starts)
	}
	for i := range want {
		if starts[i].Format(time.DateOnly) != want[i] || counts[i] != wantN[i] {
			t.Errorf("week %d: %s %v, want %s %v", i, starts[i], counts[i], want[i], wantN[i])
		}
	}
	if _, s, c := timeBuckets(nil); s != nil || c != nil {
		t.Error("no entries, yet weeks")
	}
	cases := []struct {
		name        string
		first, last time.Time
		step        timeStep
		buckets     int
		firstLabel  string
	}{
		{"26 weeks stay weeks", time.Date(2021, 7, 5, 9, 0, 0, 0, jst), time.Date(2021, 12, 27, 9, 0, 0, 0, jst), stepWeek, 26, "2021-07-05"},
		{"27 weeks become months", time.Date(2021, 7, 5, 9, 0, 0, 0, jst), time.Date(2022, 1, 3, 9, 0, 0, 0, jst), stepMonth, 7, "2021-07-01"},
		{"24 months stay months", time.Date(2021, 7, 1, 9, 0, 0, 0, jst), time.Date(2023, 6, 30, 9, 0, 0, 0, jst), stepMonth, 24, "2021-07-01"},
		// The 2021 program to today: 280 weeks, 65 months, 22 quarters.
		{"2021 to 2026 in quarters", time.Date(2021, 7, 1, 9, 0, 0, 0, jst), testNow, stepQuarter, 22, "2021-07-01"},
	}
	for _, c := range cases {
		step, starts, counts := timeBuckets([]time.Time{c.first, c.last})
		if step != c.step || len(starts) != c.buckets || starts[0].Format(time.DateOnly) != c.firstLabel ||
			counts[0] != 1 || counts[len(counts)-1] != 1 {
			t.Errorf("%s: %s, %d buckets from %s, want %s, %d from %s", c.name, step, len(starts), starts[0], c.step, c.buckets, c.firstLabel)
		}
	}
}

// TestDashboardDownloadsKeepTheProgram follows every download link of the
// dashboard filtered to one program and checks each file against the
// page's own figures; it also counts the points of the chart over time,
// the outcome charts (one per unit) and the council report's summary.
func TestDashboardDownloadsKeepTheProgram(t *testing.T) { eachEngine(t, dashboardScenario) }

func dashboardScenario(t *testing.T, w *world) {
	ctx := context.Background()
	programs, err := w.st.Directory().Programs(ctx, w.ota.ID)
	must(t, err)
	ids := map[string]int64{}
	for _, p := range programs {
		ids[p.Slug] = p.ID
	}
	jst := domain.Japan()
	var first domain.Entry
	for i, at := range []time.Time{time.Date(2021, 7, 2, 10, 0, 0, 0, jst), time.Date(2021, 7, 14, 10, 0, 0, 0, jst),
		time.Date(2021, 8, 20, 10, 0, 0, 0, jst)} {
		tal := domain.Talent{Name: "応募者" + string(rune('A'+i)), NameKana: "テスト", ResidenceCountry: "JP"}
		must(t, w.st.Talents().CreateTalent(ctx, &tal))
		e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: ids["ota-sdgs-2021"], TalentID: tal.ID, Choices: []int64{w.web.ID},
			Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: at} // entered as the 2021 program ran
		must(t, w.st.Entries().CreateEntry(ctx, &e))
		if i == 0 {
			first = e
		}
	}
	w.entrant(t, "今年の応募者1", ids["ota-sdgs-2026"], w.shop.ID)
	w.entrant(t, "今年の応募者2", ids["ota-sdgs-2026"], w.shop.ID)
	team := w.team(t, first, w.web.ID, false)
	for _, in := range []domain.Indicator{
		{EngagementID: team.engagement, Kind: domain.IndicatorSales, SDG: 8, Baseline: 1200000, Result: 1850000, Evidence: "決算書"},
		{EngagementID: team.engagement, Kind: domain.IndicatorCustomers, SDG: 8, Baseline: 0, Result: 5, Evidence: "顧客台帳"},
		{EngagementID: team.engagement, Kind: domain.IndicatorCO2, SDG: 13, Baseline: 400, Result: 320, Evidence: "電力明細"},
	} {
		must(t, w.st.Workspaces().SaveIndicator(ctx, &in))
	}
	must(t, w.st.Workspaces().CompleteEngagement(ctx, team.engagement))
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "大田区 産業経済部").ID)

	entriesFigure := regexp.MustCompile(`<span class="big">(\d+)</span>応募</li>`)
	links := regexp.MustCompile(`href="(/admin/131113/dashboard(?:\.csv|/report)[^"]*)"`)
	for _, c := range []struct {
		query   string
		entries string
		points  int // of the chart over time
	}{
		{"?program=ota-sdgs-2021", "3", 8}, // weeks of 6/28 to 8/16
		{"", "5", 22},                      // 2021 Q3 to 2026 Q4
	} {
		status, body, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/dashboard"+c.query, nil)
		m := entriesFigure.FindStringSubmatch(body)
		if status != http.StatusOK || m == nil || m[1] != c.entries {
			t.Fatalf("dashboard%s: %d, entries %v, want %s", c.query, status, m, c.entries)
		}
		timeChart := body[strings.Index(body, `id="dash-time`):]
		timeChart = timeChart[:strings.Index(timeChart, "</svg>")]
		if n := strings.Count(timeChart, `<g class="point">`); n != c.points {
			t.Errorf("dashboard%s: %d points over time, want %d", c.query, n, c.points)
		}
		var csvLinks, reports int
		for _, l := range links.FindAllStringSubmatch(body, -1) {
			href := html.UnescapeString(l[1])
			if c.query != "" && !strings.Contains(href, "program=ota-sdgs-2021") {
				t.Errorf("dashboard%s: a link drops the program: %s", c.query, href)
			}
			if strings.Contains(href, "/report") {
				reports++
				continue
			}
			csvLinks++
			status, b, h := send(t, staff, "GET", w.srv.URL+href, nil)
			if status != http.StatusOK {
				t.Fatalf("%s: %d", href, status)
			}
			if strings.Contains(h.Get("Content-Type"), "Shift_JIS") {
				d, err := japanese.ShiftJIS.NewDecoder().String(b)
				must(t, err)
				b = d
			}
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b, "\ufeff"))).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v\n%s", href, err, b)
			}
			checkDashboardCSV(t, href, rows, c.entries)
		}
		// 11 tables (time, origin, hometown, skills, sdgs, funnel, 3
		// outcome units, mobility, scouted alumni) in two encodings, and
		// the report.
		if csvLinks != 22 || reports != 1 {
			t.Errorf("dashboard%s: %d CSV links, %d report links", c.query, csvLinks, reports)
		}
	}

	// The council report: a summary with the key figures and charts, then
	// the appendix with every table.
	status, body, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/dashboard/report?program=ota-sdgs-2021", nil)
	summary, appendix := strings.Index(body, `<section class="report-summary" id="summary"`), strings.Index(body, `<section class="report-appendix" id="appendix"`)
	if status != http.StatusOK || summary < 0 || appendix < summary {
		t.Fatalf("report: %d, summary at %d, appendix at %d", status, summary, appendix)
	}
	sum, app := body[summary:appendix], body[appendix:]
	for _, want := range []string{`<h2 id="summary-h">概要</h2>`, `<span class="big">3</span>応募</li>`, `<span class="big">1</span>完了したチーム</li>`,
		`<figcaption id="s-time">応募の推移（週ごと・累計）`, `<figcaption id="s-funnel">応募から完了まで`,
		`<figcaption id="s-outcomes-count">成果：件数`, `<figcaption id="s-outcomes-yen">成果：売上（円）`,
		`<figcaption id="s-outcomes-kg-co2-year">成果：CO2削減（kg/年）`} {
		if !strings.Contains(sum, want) {
			t.Errorf("report summary: missing %q", want)
		}
	}
	for _, want := range []string{`<h2 id="appendix-h">付録：集計の詳細</h2>`, `<h3 id="t-hometown">`, `<h3 id="t-mobility">`,
		`<th scope="row">売上（円）</th><td>1</td><td>1,200,000</td><td>1,850,000</td><td>650,000</td>`} {
		if !strings.Contains(app, want) {
			t.Errorf("report appendix: missing %q", want)
		}
	}
	if strings.Contains(sum, "<table") || strings.Count(app, "<table") != 11 { // ten figures and the scouted alumni
		t.Errorf("report: tables in the summary, or %d in the appendix", strings.Count(app, "<table"))
	}
}

// checkDashboardCSV compares a downloaded table with the page's count of
// entries and the outcomes recorded.
func checkDashboardCSV(t *testing.T, href string, rows [][]string, entries string) {
	t.Helper()
	find := func(first string) []string {
		for _, r := range rows {
			if r[0] == first {
				return r
			}
		}
		return nil
	}
	table := href[strings.Index(href, "table=")+6:]
	table = table[:strings.Index(table, "&")]
	var got, want string
	switch table {
	case "time":
		got, want = rows[len(rows)-1][2], entries // the last running total
	case "funnel":
		got, want = strings.Join(find("応募"), "|"), "応募|"+entries+"|"
	case "origin":
		got, want = strings.Join(find("区内からの応募"), "|")+" "+strings.Join(find("区外からの応募"), "|"), "区内からの応募|0 区外からの応募|"+entries
	case "outcomes-yen":
		got, want = strings.Join(rows[1], "|"), "売上（円）|1|1,200,000|1,850,000|650,000"
	case "outcomes-count":
		got, want = strings.Join(rows[1], "|"), "新規顧客（件）|1|0|5|5"
	case "outcomes-kg-co2-year":
		got, want = strings.Join(rows[1], "|"), "CO2削減（kg/年）|1|400|320|-80"
	default:
		return
	}
	if got != want {
		t.Errorf("%s: %q, want %q", href, got, want)
	}
}
