package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestProjectListOpenFirst: the list shows open projects only unless
// closed ones are asked for, then after the open ones with a badge; a
// search ranks open above closed; the home page links accordingly.
func TestProjectListOpenFirst(t *testing.T) { eachEngine(t, projectListOpenScenario) }

func projectListOpenScenario(t *testing.T, w *world) {
	cards := regexp.MustCompile(`<article class="card project( closed)?">\s*(<p class="phase phase-closed">([^<]+)</p>)?\s*<h3><a href="/projects/(\d+)">`)
	list := func(path string) string {
		t.Helper()
		status, body, _ := w.get(t, path, "")
		if status != http.StatusOK {
			t.Fatalf("%s: status %d", path, status)
		}
		var out []string
		for _, m := range cards.FindAllStringSubmatch(body, -1) {
			out = append(out, m[4]+m[3]) // the id, then the badge if any
		}
		return strings.Join(out, " ")
	}
	id := func(p domain.Project, badge string) string { return fmt.Sprint(p.ID) + badge }
	cases := []struct{ path, want string }{
		// Newest first; the fixture's two closed projects are older.
		{"/projects", id(w.ts1, "") + " " + id(w.shop, "")},
		{"/projects?closed=1", id(w.ts1, "") + " " + id(w.shop, "") + " " + id(w.green, "募集終了") + " " + id(w.web, "募集終了")},
		{"/projects?closed=1&lang=en", id(w.ts1, "") + " " + id(w.shop, "") + " " + id(w.green, "Closed") + " " + id(w.web, "Closed")},
		// ホームページ matches the closed project twice, 洋食器 the open one
		// once: by relevance alone the closed one would come first.
		{"/projects?closed=1&q=" + url.QueryEscape("ホームページ OR 洋食器"), id(w.ts1, "") + " " + id(w.web, "募集終了")},
		{"/projects?q=" + url.QueryEscape("ホームページ OR 洋食器"), id(w.ts1, "")},
		{"/projects?closed=1&q=" + url.QueryEscape("販路"), id(w.ts1, "") + " " + id(w.web, "募集終了")},
		{"/projects?closed=1&program=ota-sdgs-2021", id(w.green, "募集終了") + " " + id(w.web, "募集終了")},
	}
	for _, c := range cases {
		if got := list(c.path); got != c.want {
			t.Errorf("%s: %q, want %q", c.path, got, c.want)
		}
	}
	// The choice shows back in the form and the pager keeps it.
	_, body, _ := w.get(t, "/projects", "")
	if !strings.Contains(body, `name="closed" value="1" aria-describedby`) || !strings.Contains(body, "募集終了も表示") {
		t.Error("the include-closed choice is missing or ticked by default")
	}
	_, body, _ = w.get(t, "/projects?closed=1", "")
	if !strings.Contains(body, `name="closed" value="1" checked`) || !strings.Contains(body, "4件のプロジェクト") {
		t.Error("closed=1 is not shown back, or the count is not 4")
	}
	// The home page: 募集中のプロジェクトを見る leads to open projects,
	// すべてのプロジェクト to all of them.
	_, body, _ = w.get(t, "/", "")
	if !strings.Contains(body, `<a class="button" href="/projects">募集中のプロジェクトを見る</a>`) {
		t.Error("the home page's open-projects link changed")
	}
	if strings.Contains(body, `すべてのプロジェクト`) && !strings.Contains(body, `<a href="/projects?closed=1">すべてのプロジェクト</a>`) {
		t.Error("the all-projects link does not include closed projects")
	}
}

// TestProjectPageApply: an open project shows what the team will do, the
// schedule and 応募する leading to its program's entry form with the
// project chosen; a visitor signs in first; a closed project says it is
// closed.
func TestProjectPageApply(t *testing.T) { eachEngine(t, projectApplyScenario) }

func projectApplyScenario(t *testing.T, w *world) {
	ctx := context.Background()
	apply := fmt.Sprintf(`<a class="button" href="/programs/ota-sdgs-2026/entry?project=%d">このプロジェクトに応募する</a>`, w.shop.ID)
	status, body, _ := w.get(t, fmt.Sprintf("/projects/%d", w.shop.ID), "")
	for _, want := range []string{apply, "応募の締切は2026年12月23日です。", "応募にはログインが必要です。",
		`<h2 id="plan-heading">チームで取り組むこと</h2>`, `<h2 id="schedule-heading">スケジュール</h2>`,
		"<dt>応募受付</dt><dd>2026年10月23日〜2026年12月23日</dd>", "<dd>月20時間程度（週あたり約5時間）</dd>"} {
		if status != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("open project page (%d) lacks %q", status, want)
		}
	}
	if n := strings.Count(body, apply); n != 2 {
		t.Errorf("apply button shown %d times, want 2 (top and bottom)", n)
	}
	_, body, _ = w.get(t, fmt.Sprintf("/projects/%d?lang=en", w.shop.ID), "")
	if !strings.Contains(body, "Apply to this project</a>") || !strings.Contains(body, "What the team will do") ||
		!strings.Contains(body, "(about 5 hours a week)") {
		t.Error("the English project page lacks the apply button or the plan")
	}
	_, body, _ = w.get(t, fmt.Sprintf("/projects/%d", w.web.ID), "")
	if strings.Contains(body, "このプロジェクトに応募する") || !strings.Contains(body, "このプロジェクトの募集は終了しました。") {
		t.Error("a closed project offers to apply or does not say it is closed")
	}

	// A visitor is sent to sign in and comes back to the form.
	entry := fmt.Sprintf("/programs/ota-sdgs-2026/entry?project=%d", w.shop.ID)
	status, _, h := send(t, w.browser(t), "GET", w.srv.URL+entry, nil)
	if status != http.StatusSeeOther || h.Get("Location") != "/login?next="+entry {
		t.Fatalf("visitor: %d %s", status, h.Get("Location"))
	}
	c := w.signedIn(t, "kamata@example.jp", "蒲田 五郎")
	u, err := w.st.Accounts().Credentials(ctx, "kamata@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: u.User.ID, Name: "蒲田 五郎", NameKana: "カマタ ゴロウ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	status, body, _ = send(t, c, "GET", w.srv.URL+entry, nil)
	first := regexp.MustCompile(`(?s)<select id="c-0".*?</select>`).FindString(body)
	if status != http.StatusOK || !strings.Contains(first, fmt.Sprintf(`<option value="%d" selected>商店街のSNS発信</option>`, w.shop.ID)) {
		t.Errorf("entry form (%d): the project is not the first choice:\n%s", status, first)
	}
	// A project the program does not offer is simply not chosen.
	status, body, _ = send(t, c, "GET", fmt.Sprintf("%s/programs/ota-sdgs-2026/entry?project=%d", w.srv.URL, w.ts1.ID), nil)
	if status != http.StatusOK || strings.Contains(body, " selected>") {
		t.Errorf("another program's project was chosen (%d)", status)
	}
}
