package web

import (
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

type projectsResponse struct {
	Total    int          `json:"total"`
	Page     int          `json:"page"`
	Projects []apiProject `json:"projects"`
}

type errorResponse struct {
	Error publicError `json:"error"`
}

func TestAPIProjectsFilterBySDG(t *testing.T) {
	w := newWorld(t)
	var all, nine projectsResponse
	if st := w.getJSON(t, "/api/v1/projects?closed=1", "", &all); st != 200 || all.Total != 4 {
		t.Fatalf("all: status %d total %d", st, all.Total)
	}
	if st := w.getJSON(t, "/api/v1/projects?sdg=9&closed=1", "", &nine); st != 200 {
		t.Fatalf("status %d", st)
	}
	want := 0
	for _, p := range all.Projects {
		for _, g := range p.SDGs {
			if g == 9 {
				want++
			}
		}
	}
	if nine.Total != want || len(nine.Projects) != want || want == 0 {
		t.Fatalf("sdg=9 gave %d projects, want %d", nine.Total, want)
	}
	for _, p := range nine.Projects {
		found := false
		for _, g := range p.SDGs {
			found = found || g == 9
		}
		if !found {
			t.Errorf("project %d (%s) is not tagged 9: %v", p.ID, p.Title, p.SDGs)
		}
	}
}

func TestAPIProjectShape(t *testing.T) {
	w := newWorld(t)
	var p apiProject
	if st := w.getJSON(t, fmt.Sprintf("/api/v1/projects/%d", w.green.ID), "", &p); st != 200 {
		t.Fatalf("status %d", st)
	}
	if p.Title != "工場のCO2を見える化" || p.Program != "ota-sdgs-2021" || p.Municipality.LGCode != "131113" ||
		p.Host.Name != "有限会社森田製作所" || p.WorkStyle != "hybrid" || p.Reward.YenPerMonth != 50000 ||
		p.Reward.Type != "paid" || len(p.SDGs) != 2 || p.Status != "closed" {
		t.Errorf("unexpected project: %+v", p)
	}
}

func TestAPIErrors(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		path, accept string
		status       int
		code, field  string
		message      string
	}{
		{"/api/v1/projects?sdg=0", "", 400, "invalid", "sdg", "SDGsの目標「0」は1〜17の数字で指定してください。"},
		{"/api/v1/projects?sdg=x", "en", 400, "invalid", "sdg", "SDGs goal “x” must be a number from 1 to 17."},
		{"/api/v1/municipalities/13111X", "en", 400, "invalid", "lgcode", "The municipality code “13111X” must be 6 digits (Ota City is 131113)."},
		{"/api/v1/municipalities/131114?lang=ja", "en", 400, "invalid", "lgcode", "自治体コード「131114」の検査数字（6桁目）が正しくありません。コードをご確認ください。"},
		{"/api/v1/municipalities/999997", "", 404, "not_found", "", "お探しの自治体は見つかりませんでした。URLをご確認ください。"},
		{"/api/v1/projects/424242", "en", 404, "not_found", "", "We could not find that project. Please check the address."},
		{"/api/v1/programs/nope", "", 404, "not_found", "", "お探しの募集プログラムは見つかりませんでした。URLをご確認ください。"},
		{"/api/v1/nothing", "en", 404, "not_found", "", "We could not find that API endpoint. Please check the address."},
	}
	for _, c := range cases {
		var e errorResponse
		st := w.getJSON(t, c.path, c.accept, &e)
		if st != c.status || e.Error.Code != c.code || e.Error.Field != c.field || e.Error.Message != c.message {
			t.Errorf("%s: %d %+v", c.path, st, e.Error)
		}
	}
}

func TestAPIReference(t *testing.T) {
	w := newWorld(t)
	var m apiMunicipality
	if st := w.getJSON(t, "/api/v1/municipalities/131113", "", &m); st != 200 || !m.OnHub || m.Name != "大田区" || m.Slug != "ota" {
		t.Errorf("Ota: %d %+v", st, m)
	}
	if st := w.getJSON(t, "/api/v1/municipalities/%EF%BC%91%EF%BC%93%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%93", "", &m); st != 200 || m.LGCode != "131113" {
		t.Errorf("full-width code: %d %+v", st, m)
	}
	if st := w.getJSON(t, "/api/v1/municipalities/011002", "", &m); st != 200 || m.OnHub || m.Name != "札幌市" {
		t.Errorf("Sapporo: %d %+v", st, m)
	}
	var list struct{ Municipalities []apiMunicipality }
	w.getJSON(t, "/api/v1/municipalities", "", &list)
	if len(list.Municipalities) != 2 {
		t.Errorf("hub has %d municipalities", len(list.Municipalities))
	}
	var sdgs struct{ SDGs []apiSDG }
	w.getJSON(t, "/api/v1/sdgs", "", &sdgs)
	if len(sdgs.SDGs) != 17 || sdgs.SDGs[8].Goal != 9 || sdgs.SDGs[8].NameEN == "" {
		t.Errorf("sdgs: %+v", sdgs)
	}
	var skills struct{ Categories []apiSkillCategory }
	w.getJSON(t, "/api/v1/skills", "", &skills)
	n := 0
	for _, c := range skills.Categories {
		n += len(c.Skills)
	}
	if len(skills.Categories) < 8 || n < 60 {
		t.Errorf("skills: %d categories, %d skills", len(skills.Categories), n)
	}
	var health map[string]string
	if st := w.getJSON(t, "/healthz", "", &health); st != 200 || health["status"] != "ok" {
		t.Errorf("healthz: %d %v", st, health)
	}
}

// TestOpenAPIDocumentMatchesRoutes checks that every /api/v1 route in the
// route table is described, and nothing else.
func TestOpenAPIDocumentMatchesRoutes(t *testing.T) {
	w := newWorld(t)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if st := w.getJSON(t, "/api/v1/openapi.json", "", &doc); st != 200 || doc.OpenAPI != "3.1.0" {
		t.Fatalf("status %d version %q", st, doc.OpenAPI)
	}
	src, err := os.ReadFile("routes.go")
	must(t, err)
	var routes []string
	for _, m := range regexp.MustCompile(`"(GET|POST) (/api/v1/[^"]*)"`).FindAllStringSubmatch(string(src), -1) {
		routes = append(routes, strings.ToLower(m[1])+" "+m[2])
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, method+" "+path)
		}
	}
	sort.Strings(routes)
	sort.Strings(documented)
	if strings.Join(routes, " ") != strings.Join(documented, " ") {
		t.Errorf("routes %v\ndocumented %v", routes, documented)
	}
}

// TestTemplateKeysExist finds every catalog key a template or the Go code
// names and checks both catalogs have it.
func TestTemplateKeysExist(t *testing.T) {
	cat, err := i18n.Load()
	must(t, err)
	keyRe := regexp.MustCompile(`\.T "([a-z_]+\.[a-z0-9_.]+)"`)
	goKeyRe := regexp.MustCompile(`"((?:error|thing|search|auth)\.[a-z0-9_]+)"`)
	thingRe := regexp.MustCompile(`(?:mapError\(err, |[nN]otFound\()"([a-z_]+)"`)
	seen := map[string]bool{}
	must(t, fs.WalkDir(assets, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(path)
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			seen[m[1]] = true
		}
		return err
	}))
	for _, dir := range []string{".", "../domain", "../store", "../search", "../auth"} {
		files, err := os.ReadDir(dir)
		must(t, err)
		for _, f := range files {
			if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
				continue
			}
			b, err := os.ReadFile(dir + "/" + f.Name())
			must(t, err)
			for _, m := range goKeyRe.FindAllStringSubmatch(string(b), -1) {
				seen[m[1]] = true
			}
			for _, m := range thingRe.FindAllStringSubmatch(string(b), -1) {
				seen["thing."+m[1]] = true
			}
		}
	}
	if len(seen) < 40 {
		t.Fatalf("found only %d keys; the pattern is broken", len(seen))
	}
	for key := range seen {
		if !cat.Has(key) {
			t.Errorf("catalog lacks %q", key)
		}
	}
}
