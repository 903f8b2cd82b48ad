package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

func TestSearchPage(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		q       string
		results int
		want    []string
	}{
		{"ホームページ", 1, []string{"<mark>ホームページ</mark>を刷新したい", "技術を伝える<mark>ホームページ</mark>を"}},
		{"ﾎｰﾑﾍﾟｰｼﾞ", 1, []string{"<mark>ホームページ</mark>を刷新したい"}},
		{"販路開拓", 1, []string{"<mark>販路開拓</mark>にも"}},
		{"-ホームページ", 3, nil},
		{"ﾃﾞｰﾀ活用", 1, []string{"<mark>データ活用</mark>"}},
		{"ホームページ OR 洋食器", 2, []string{"<mark>洋食器</mark>の海外販路"}},
		{"の", 4, nil},    // only a particle: lists everything
		{"\"販路", 2, nil}, // unclosed quote: a note, and the search still runs
		{"<script>alert(1)</script>", 0, nil},
	}
	for _, c := range cases {
		status, body, _ := w.get(t, "/projects?closed=1&q="+url.QueryEscape(c.q), "")
		if status != 200 {
			t.Errorf("%q: status %d", c.q, status)
			continue
		}
		if got := strings.Count(body, `<article class="card project`); got != c.results {
			t.Errorf("%q: %d results, want %d", c.q, got, c.results)
		}
		for _, want := range c.want {
			if !strings.Contains(body, want) {
				t.Errorf("%q: page lacks %q", c.q, want)
			}
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%q: user text is not escaped", c.q)
		}
	}
	_, body, _ := w.get(t, "/projects?q="+url.QueryEscape("\"販路"), "")
	if !strings.Contains(body, `class="note"`) {
		t.Error("an unclosed quote is not explained")
	}
}

func TestSearchAPIAndFacetsAddUp(t *testing.T) {
	w := newWorld(t)
	var res struct {
		Total    int
		Order    string
		Facets   apiFacets
		Projects []apiProject
	}
	w.getJSON(t, "/api/v1/projects?closed=1&q="+url.QueryEscape("販路開拓"), "", &res)
	if res.Total != 1 || res.Projects[0].ID != w.web.ID || res.Projects[0].Highlight == nil || res.Order != "relevance" {
		t.Fatalf("search: %+v", res)
	}
	marked := ""
	for _, s := range res.Projects[0].Highlight.Snippet {
		if s.Match {
			marked += s.Text
		}
	}
	if marked != "販路開拓" {
		t.Errorf("highlighted %q", marked)
	}
	for _, query := range []string{"", "?sdg=9", "?q=" + url.QueryEscape("-ホームページ"), "?style=remote&sdg=9",
		"?closed=1", "?closed=1&sdg=9", "?closed=1&style=remote&sdg=9"} {
		res.Facets = apiFacets{} // decoding merges into existing maps
		w.getJSON(t, "/api/v1/projects"+query, "", &res)
		for name, counts := range map[string]map[string]int{"style": res.Facets.Style, "reward": res.Facets.Reward,
			"hours": res.Facets.Hours, "municipality": res.Facets.Municipality} {
			sum := 0
			for _, n := range counts {
				sum += n
			}
			// A facet's own filter is left out of its counts, so the sum equals
			// the total only when that filter is not set.
			if !strings.Contains(query, name) && sum != res.Total {
				t.Errorf("%s: %s facet sums to %d, total %d", query, name, sum, res.Total)
			}
		}
	}
	// The page shows the counts next to the choices, of open projects
	// unless closed ones are asked for: of the goal 9 projects, 洋食器の
	// 海外販路 is open and ホームページを刷新したい closed, both remote.
	for query, want := range map[string]string{"?sdg=9": "リモート (1)", "?sdg=9&closed=1": "リモート (2)"} {
		_, body, _ := w.get(t, "/projects"+query, "")
		if !strings.Contains(body, `<option value="remote">`+want+`</option>`) {
			t.Errorf("%s: facet count %q missing from the form", query, want)
		}
	}
}

// TestCachedListShowsChangesWithinASecond publishes a draft through the
// same store (seen at once) and through a second connection to the same
// database, as another server process would (seen within a second).
func TestCachedListShowsChangesWithinASecond(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	count := func() int {
		_, body, _ := w.get(t, "/projects?closed=1", "")
		return strings.Count(body, `<article class="card project`)
	}
	if n := count(); n != 4 {
		t.Fatalf("start: %d", n)
	}
	must(t, w.st.Projects().SetProjectStatus(ctx, w.draft.ID, domain.ProjectPublished))
	if n := count(); n != 5 {
		t.Errorf("published project not shown at once: %d", n)
	}
	other, err := store.Open(ctx, "", w.dir)
	must(t, err)
	defer other.Close()
	must(t, other.Projects().SetProjectStatus(ctx, w.draft.ID, domain.ProjectDraft))
	deadline := time.Now().Add(1200 * time.Millisecond)
	for count() != 4 {
		if time.Now().After(deadline) {
			t.Fatal("a change by another process did not show within a second")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestCachedAPIShowsChangesAtOnce checks that the projects API, kept while
// the catalogue is unchanged, answers a write at once, here and from
// another process within a second, and keeps answers per language.
func TestCachedAPIShowsChangesAtOnce(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	total := func(lang string) int {
		_, body, _ := w.get(t, "/api/v1/projects?closed=1&lang="+lang, "")
		var v struct {
			Total int `json:"total"`
		}
		must(t, json.Unmarshal([]byte(body), &v))
		return v.Total
	}
	if n := total("ja"); n != 4 {
		t.Fatalf("start: %d", n)
	}
	must(t, w.st.Projects().SetProjectStatus(ctx, w.draft.ID, domain.ProjectPublished))
	if n, en := total("ja"), total("en"); n != 5 || en != 5 {
		t.Errorf("published project not counted at once: %d (ja), %d (en)", n, en)
	}
	other, err := store.Open(ctx, "", w.dir)
	must(t, err)
	defer other.Close()
	must(t, other.Projects().SetProjectStatus(ctx, w.draft.ID, domain.ProjectDraft))
	deadline := time.Now().Add(time.Second)
	for total("ja") != 4 {
		if time.Now().After(deadline) {
			t.Fatal("a change by another process did not show within a second")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestHometown(t *testing.T) {
	w := newWorld(t)
	status, body, _ := w.get(t, "/hometown?municipality=152137", "")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	tsubame, ota := strings.Index(body, `id="g-152137"`), strings.Index(body, `id="g-131113"`)
	if tsubame < 0 || ota < 0 || tsubame > ota {
		t.Errorf("groups not nearest first: Tsubame at %d, Ota at %d", tsubame, ota)
	}
	if !strings.Contains(body, "このまち") || !strings.Contains(body, "洋食器の海外販路") {
		t.Error("the chosen town's projects are missing")
	}
	if !strings.Contains(body, "約2") { // Tsubame to Ota is about 230 km
		t.Error("distance missing")
	}
	_, body, _ = w.get(t, "/hometown?pref=15", "en")
	if !strings.Contains(body, `<option value="152137">燕市</option>`) {
		t.Error("the second step does not list Niigata's municipalities")
	}
	for _, bad := range []string{"/hometown?municipality=131114", "/hometown?pref=48"} {
		if status, _, _ := w.get(t, bad, ""); status != 400 {
			t.Errorf("%s: status %d", bad, status)
		}
	}
}
