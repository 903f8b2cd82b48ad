package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestImportAsksForAMissingColumn: a form export whose choice column has
// a title the import does not know still reaches the mapping step, which
// names the missing field in words; choosing the column there imports
// the rows, and importing without it keeps the step and the choices.
func TestImportAsksForAMissingColumn(t *testing.T) { eachEngine(t, missingColumnScenario) }

func missingColumnScenario(t *testing.T, w *world) {
	ctx := context.Background()
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "大田区 産業経済部").ID)
	export := "タイムスタンプ,メールアドレス,氏名,フリガナ,行きたいところ,志望動機\r\n" +
		"2026/11/20 10:00,hanako@example.jp,応募 花子,オウボ ハナコ,商店街のSNS発信,商店街を盛り上げたい\r\n"
	imp := w.srv.URL + "/admin/131113/programs/ota-sdgs-2026/import"
	ct, data := multipartBody(t, url.Values{"step": {"map"}}, "file", "form.csv", []byte(export))
	status, body, _ := request(t, staff, "POST", imp, ct, data, nil)
	if status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "必要な列が見つかりません: 第1希望。ファイルの見出し: タイムスタンプ、メールアドレス、氏名、フリガナ、行きたいところ、志望動機。") {
		t.Fatalf("upload: %d\n%s", status, body)
	}
	selects := regexp.MustCompile(`<select id="map-(\d)" name="map_\d">.*?<option value="([a-z_0-9]+)" selected>`).FindAllStringSubmatch(body, -1)
	if len(selects) != 6 || selects[4][2] != "extra" {
		t.Fatalf("the mapping step's columns: %q", selects)
	}
	step := url.Values{"csv": {html.UnescapeString(regexp.MustCompile(`name="csv" value="([^"]+)"`).FindStringSubmatch(body)[1])},
		"action": {"import"}}
	for i, m := range selects {
		step.Set("map_"+string(rune('0'+i)), m[2])
	}
	// Importing with the column still unchosen shows the step again.
	status, body, _ = send(t, staff, "POST", imp, step)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "必要な列が見つかりません: 第1希望") ||
		!strings.Contains(body, `name="map_4"`) {
		t.Fatalf("import without the column: %d\n%s", status, body)
	}
	if n, _ := w.st.Entries().EntriesOfProgram(ctx, w.shop.ProgramID); len(n) != 0 {
		t.Fatalf("%d entries imported without choices", len(n))
	}
	step.Set("map_4", "choice1")
	status, body, _ = send(t, staff, "POST", imp, step)
	if status != http.StatusOK || !strings.Contains(body, "1行を読み、1件を新しく取り込みました") {
		t.Fatalf("import with the column chosen: %d\n%s", status, body)
	}
	entries, err := w.st.Entries().EntriesOfProgram(ctx, w.shop.ProgramID)
	must(t, err)
	if len(entries) != 1 || len(entries[0].Choices) != 1 || entries[0].Choices[0] != w.shop.ID {
		t.Errorf("entries: %+v", entries)
	}
}
