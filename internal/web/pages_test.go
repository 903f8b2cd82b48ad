package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestPagesRenderInBothLanguages(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		path   string
		accept string
		lang   string
		want   []string
	}{
		{"/", "", "ja", []string{"募集中・募集予定のプログラム", "大田区SDGs副業 2026", "これまでのプログラム", "商店街のSNS発信"}},
		{"/", "en-US,en;q=0.9", "en", []string{"Open and upcoming programs", "Ota City SDGs Side Jobs 2021"}},
		{"/programs/ota-sdgs-2021", "", "ja", []string{"大田区SDGs副業 2021", "喫茶まるや", "ホームページを刷新したい", "2021年7月1日〜2021年9月1日", "募集終了"}},
		{"/programs/ota-sdgs-2021?lang=en", "", "en", []string{"Ota City SDGs Side Jobs 2021", "1 Jul 2021 – 1 Sep 2021", "Closed"}},
		{"/projects", "", "ja", []string{"プロジェクトを探す", "2件のプロジェクト", "洋食器の海外販路"}},
		{fmt.Sprintf("/projects/%d", w.green.ID), "", "ja", []string{"工場のCO2を見える化", "リモート＋現地", "大田区糀谷", "月50,000円", "脱炭素・CO2算定"}},
		{fmt.Sprintf("/projects/%d?lang=en", w.green.ID), "", "en", []string{"Hybrid", "¥50,000 a month", "2 people"}},
	}
	for _, c := range cases {
		status, body, h := w.get(t, c.path, c.accept)
		if status != http.StatusOK {
			t.Errorf("%s: status %d", c.path, status)
			continue
		}
		if !strings.Contains(body, `<html lang="`+c.lang+`">`) {
			t.Errorf("%s: page does not declare lang %s", c.path, c.lang)
		}
		if h.Get("Content-Language") != c.lang {
			t.Errorf("%s: Content-Language %q", c.path, h.Get("Content-Language"))
		}
		for _, want := range c.want {
			if !strings.Contains(body, want) {
				t.Errorf("%s (%s): missing %q", c.path, c.lang, want)
			}
		}
		if strings.Contains(body, "error.") || strings.Contains(body, "home.") || strings.Contains(body, "list.") {
			t.Errorf("%s: an untranslated catalog key leaked into the page", c.path)
		}
	}
}

func TestLanguageSwitchIsRemembered(t *testing.T) {
	w := newWorld(t)
	resp, err := http.Get(w.srv.URL + "/projects?sdg=9&lang=en")
	must(t, err)
	resp.Body.Close()
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "lang" {
			cookie = c
		}
	}
	if cookie == nil || cookie.Value != "en" {
		t.Fatalf("no lang cookie: %v", resp.Cookies())
	}
	req, _ := http.NewRequest("GET", w.srv.URL+"/", nil)
	req.AddCookie(cookie)
	req.Header.Set("Accept-Language", "ja")
	resp, err = http.DefaultClient.Do(req)
	must(t, err)
	resp.Body.Close()
	if resp.Header.Get("Content-Language") != "en" {
		t.Errorf("cookie did not win over Accept-Language: %s", resp.Header.Get("Content-Language"))
	}
	_, body, _ := w.get(t, "/projects?sdg=9", "")
	if !strings.Contains(body, `href="/projects?lang=en&amp;sdg=9"`) {
		t.Errorf("the switch does not keep the filters")
	}
}

func TestProjectListFilters(t *testing.T) {
	w := newWorld(t)
	ids := func(body string) []string {
		return regexp.MustCompile(`<h3><a href="/projects/(\d+)">`).FindAllString(body, -1)
	}
	// open counts the default list (open projects only), all the list
	// with closed=1: the fixture has two open and two closed projects.
	cases := []struct {
		query     string
		open, all int
	}{
		{"", 2, 4},
		{"?sdg=9", 1, 2},
		{"?sdg=９", 1, 2}, // full-width digits are normalised
		{"?sdg=13", 0, 1},
		{"?program=ota-sdgs-2021", 0, 2},
		{"?style=hybrid", 0, 1},
		{"?reward=pro_bono", 1, 1},
		{"?municipality=152137", 1, 1},
		{"?municipality=011002", 0, 0}, // Sapporo exists but has not joined
		{"?skill=green", 0, 1},
		{"?sdg=9&municipality=131113", 0, 1},
	}
	for _, c := range cases {
		query := c.query
		for _, want := range []int{c.open, c.all} {
			status, body, _ := w.get(t, "/projects"+query, "")
			if status != 200 {
				t.Errorf("%s: status %d", query, status)
			}
			if got := len(ids(body)); got != want {
				t.Errorf("%s: %d results, want %d", query, got, want)
			}
			if strings.Contains(body, "下書きの案件") {
				t.Errorf("%s: a draft project is public", query)
			}
			if query == "" {
				query = "?closed=1"
			} else {
				query += "&closed=1"
			}
		}
	}
}

func TestBadInputGivesTranslated4xx(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		path, accept string
		status       int
		want         string
	}{
		{"/projects?sdg=18", "", 400, "SDGsの目標「18」は1〜17の数字で指定してください。"},
		{"/projects?sdg=abc", "en", 400, "SDGs goal “abc” must be a number from 1 to 17."},
		{"/projects?municipality=131114", "", 400, "検査数字"},
		{"/projects?municipality=13111", "en", 400, "must be 6 digits"},
		{"/projects?municipality=999997", "", 400, "該当する自治体はありません"},
		{"/projects?style=anywhere", "", 400, "remote・hybrid・onsite"},
		{"/projects?page=0", "", 400, "ページ番号"},
		{"/projects?program=nope", "en", 400, "There is no program “nope”."},
		{"/projects/999999", "", 404, "お探しのプロジェクトは見つかりませんでした"},
		{"/projects/abc", "en", 404, "We could not find that project."},
		{fmt.Sprintf("/projects/%d", w.draft.ID), "", 404, "見つかりませんでした"},
		{"/programs/none", "en", 404, "We could not find that program."},
		{"/no/such/page", "", 404, "ページが見つかりません"},
	}
	for _, c := range cases {
		status, body, _ := w.get(t, c.path, c.accept)
		if status != c.status {
			t.Errorf("%s: status %d, want %d", c.path, status, c.status)
		}
		if !strings.Contains(body, c.want) {
			t.Errorf("%s: body lacks %q", c.path, c.want)
		}
		if !strings.Contains(body, "<html lang=") {
			t.Errorf("%s: not a full translated page", c.path)
		}
	}
	// The filter form keeps what the person chose, so nothing is lost.
	_, body, _ := w.get(t, "/projects?sdg=18&style=hybrid", "")
	if !strings.Contains(body, `<option value="hybrid" selected>`) {
		t.Error("the form forgot the other filters after a bad value")
	}
}

func TestSecurityHeaders(t *testing.T) {
	w := newWorld(t)
	_, _, h := w.get(t, "/", "")
	for header, want := range map[string]string{
		"Content-Security-Policy": "frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	} {
		if !strings.Contains(h.Get(header), want) {
			t.Errorf("%s = %q, want it to contain %q", header, h.Get(header), want)
		}
	}
}

func TestSDGStylesComeFromReferenceData(t *testing.T) {
	w := newWorld(t)
	status, body, h := w.get(t, "/assets/sdgs.css", "")
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
		t.Fatalf("status %d, type %s", status, h.Get("Content-Type"))
	}
	if strings.Count(body, ".sdg-") != 17 || !strings.Contains(body, ".sdg-9{background:#FD6925") {
		t.Errorf("unexpected SDG styles:\n%s", body)
	}
	// A badge carries its number and name, not colour alone.
	_, page, _ := w.get(t, fmt.Sprintf("/projects/%d", w.web.ID), "")
	if !strings.Contains(page, `<li class="sdg sdg-9"><span class="num">9</span> <span lang="ja">産業と技術革新の基盤をつくろう</span></li>`) {
		t.Error("SDG 9 badge is not labelled")
	}
}

// TestInternalErrorPage closes the database under the server: pages answer
// with a translated 500 that reveals nothing internal, and /healthz says so.
func TestInternalErrorPage(t *testing.T) {
	w := newWorld(t)
	w.st.Close()
	status, body, _ := w.get(t, "/projects", "en")
	if status != 500 || !strings.Contains(body, "Sorry, something went wrong on our side.") {
		t.Errorf("status %d:\n%s", status, body)
	}
	if strings.Contains(body, "sql") || strings.Contains(body, "closed") {
		t.Error("the error page leaks internal detail")
	}
	var e errorResponse
	if st := w.getJSON(t, "/api/v1/projects", "", &e); st != 500 || e.Error.Code != "internal" ||
		e.Error.Message != "申し訳ありません。サーバーで問題が発生しました。時間をおいてもう一度お試しください。" {
		t.Errorf("API: %d %+v", st, e)
	}
	var health map[string]string
	if st := w.getJSON(t, "/healthz", "", &health); st != 503 {
		t.Errorf("healthz with a closed database: %d", st)
	}
}
