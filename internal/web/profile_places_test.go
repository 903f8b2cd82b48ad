package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestProfilePlacePickers fills the profile's places and country with
// pickers: prefecture, then municipality (a button fills the list without
// JavaScript), and country names in the reader's language; what is saved
// are the codes.
func TestProfilePlacePickers(t *testing.T) { eachEngine(t, profilePickersScenario) }

func profilePickersScenario(t *testing.T, w *world) {
	ctx := context.Background()
	c := w.signedIn(t, "picker@example.jp", "燕 花子")
	creds, err := w.st.Accounts().Credentials(ctx, "picker@example.jp")
	must(t, err)
	stored := func() domain.Talent {
		t.Helper()
		tal, err := w.st.Talents().TalentByUser(ctx, creds.User.ID)
		must(t, err)
		return tal
	}
	contains := func(what, body string, wants ...string) {
		t.Helper()
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("%s: missing %s", what, want)
			}
		}
	}

	status, body, _ := send(t, c, "GET", w.srv.URL+"/me/profile", nil)
	if status != http.StatusOK {
		t.Fatalf("profile: %d", status)
	}
	contains("new profile", body, `<select id="a-pref-0" name="aff_pref_0">`, `<option value="13">東京都</option>`,
		`<select id="a-code-0" name="aff_code_0">`, `<option value="">先に都道府県を選んでください</option>`,
		`<select id="f-country" name="country" autocomplete="country"`, `<option value="JP" selected>日本</option>`,
		`<option value="KR">韓国</option>`, `<option value="VN">ベトナム</option>`,
		`<label for="f-name">氏名<span class="req">必須</span></label>`)
	if strings.Contains(body, `maxlength="2"`) || strings.Contains(body, "131113") {
		t.Error("new profile: the form still asks for codes")
	}
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me/profile?lang=en", nil)
	contains("new profile in English", body, `<option value="13">Tokyo</option>`, `<option value="JP" selected>Japan</option>`,
		`<option value="KR">South Korea</option>`, `<span class="req">Required</span>`)
	send(t, c, "GET", w.srv.URL+"/me/profile?lang=ja", nil) // the language chosen sticks

	form := url.Values{"name": {"燕 花子"}, "name_kana": {"ツバメ ハナコ"}, "hours": {"10"}, "style": {"remote"},
		"country": {"KR"}, "aff_pref_0": {"15"}, "aff_code_0": {""}, "aff_kind_0": {"born"}, "background": {"洋食器の輸出"}}
	// Without JavaScript: choose Niigata, ask for its municipalities.
	form.Set("refresh", "1")
	status, body, _ = send(t, c, "POST", w.srv.URL+"/me/profile", form)
	if status != http.StatusOK {
		t.Fatalf("refresh: %d", status)
	}
	contains("refresh", body, "市区町村を選べるようになりました", `<option value="15" selected>新潟県</option>`,
		`<option value="152137">燕市</option>`, `value="ツバメ ハナコ"`, "洋食器の輸出", `<option value="KR" selected>韓国</option>`)
	if _, err := w.st.Talents().TalentByUser(ctx, creds.User.ID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("refreshing the lists saved the profile: %v", err)
	}
	form.Del("refresh")

	// Saving with a prefecture but no municipality asks for one.
	status, body, _ = send(t, c, "POST", w.srv.URL+"/me/profile", form)
	if status != http.StatusUnprocessableEntity {
		t.Errorf("no municipality: %d", status)
	}
	contains("no municipality", body, "まち 1：新潟県の市区町村を選んでください。", `<option value="152137">燕市</option>`)

	// Chosen from the lists: the codes are stored.
	form.Set("aff_code_0", "152137")
	if status, _, _ = send(t, c, "POST", w.srv.URL+"/me/profile", form); status != http.StatusSeeOther {
		t.Fatalf("save: %d", status)
	}
	if tal := stored(); tal.ResidenceCountry != "KR" || len(tal.Affinities) != 1 || tal.Affinities[0].LGCode != "152137" ||
		tal.Affinities[0].Kind != domain.AffinityBorn {
		t.Errorf("stored %s %+v", tal.ResidenceCountry, tal.Affinities)
	}
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me/profile", nil)
	contains("saved", body, `<option value="15" selected>新潟県</option>`, `<option value="152137" selected>燕市</option>`,
		`<option value="KR" selected>韓国</option>`)

	// The prefecture changed to Tokyo after 燕市 was chosen: choose again
	// from Tokyo's list; nothing is saved.
	form.Set("aff_pref_0", "13")
	status, body, _ = send(t, c, "POST", w.srv.URL+"/me/profile", form)
	if status != http.StatusUnprocessableEntity {
		t.Errorf("changed prefecture: %d", status)
	}
	contains("changed prefecture", body, "まち 1：東京都の市区町村を選んでください。", `<option value="131113">大田区</option>`)
	form.Set("aff_code_0", "131113")

	// A country typed by name, in either language or width, is stored as
	// its code; one that is not a country is refused in the form's words.
	for typed, code := range map[string]string{"ベトナム": "VN", "japan": "JP", "ＢＲ": "BR"} {
		form.Set("country", typed)
		if status, _, _ := send(t, c, "POST", w.srv.URL+"/me/profile", form); status != http.StatusSeeOther {
			t.Fatalf("country %s: %d", typed, status)
		}
		if tal := stored(); tal.ResidenceCountry != code || tal.Affinities[0].LGCode != "131113" {
			t.Errorf("country %s: stored %s, place %s", typed, tal.ResidenceCountry, tal.Affinities[0].LGCode)
		}
	}
	form.Set("country", "アトランティス")
	status, body, _ = send(t, c, "POST", w.srv.URL+"/me/profile", form)
	if status != http.StatusUnprocessableEntity {
		t.Errorf("unknown country: %d", status)
	}
	contains("unknown country", body, "お住まいの国「アトランティス」が見つかりません。一覧から選んでください。",
		`<option value="アトランティス" selected>アトランティス</option>`)
}
