package web

import (
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestStaffAddABusinessThatShowsEverywhere(t *testing.T) { eachEngine(t, orgScenario) }

func orgScenario(t *testing.T, w *world) {
	base := w.srv.URL + "/admin/131113/organizations"
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "大田区 産業経済部").ID)
	if status, body, _ := send(t, staff, "GET", base, nil); status != 200 || !strings.Contains(body, "有限会社森田製作所") ||
		!strings.Contains(body, "鉄鋼業") {
		t.Fatalf("the list: %d", status)
	}
	// A bad form names each field and keeps what was typed.
	status, body, _ := send(t, staff, "POST", base, url.Values{"kind": {"business"}, "name": {" "}, "jsic": {"99"},
		"website": {"ftp://files.example.jp"}, "story": {"祖父が始めた\r\n鋳物の工場"}})
	for _, want := range []string{"団体名を入力してください", "「99」は選べる値ではありません", "https:// で始まるリンクを入力してください",
		`value="ftp://files.example.jp"`, "祖父が始めた\n鋳物の工場"} {
		if !strings.Contains(html.UnescapeString(body), want) && !strings.Contains(body, want) {
			t.Errorf("the bad form (%d) does not show %q", status, want)
		}
	}
	if status != 422 {
		t.Errorf("bad form: %d", status)
	}
	// A business without its industry class yet, completed afterwards.
	status, _, h := send(t, staff, "POST", base, url.Values{"kind": {"business"}, "name": {"株式会社テスト鋳造"},
		"area": {"雑色"}, "description": {"鋳物の工場"}})
	loc := h.Get("Location")
	if status != 303 || !strings.HasPrefix(loc, "/admin/131113/organizations/") || !strings.HasSuffix(loc, "?saved=1") {
		t.Fatalf("add: %d %q", status, loc)
	}
	edit := strings.TrimSuffix(loc, "?saved=1")
	if status, body, _ := send(t, staff, "GET", w.srv.URL+loc, nil); status != 200 || !strings.Contains(body, "保存しました") ||
		!strings.Contains(body, `<option value="">あとで指定する</option>`) {
		t.Errorf("the new business: %d", status)
	}
	status, _, _ = send(t, staff, "POST", w.srv.URL+edit, url.Values{"name": {"株式会社テスト鋳造"}, "jsic": {"22"},
		"area": {"雑色"}, "address": {"東京都大田区仲六郷"}, "description": {"鋳物の工場"},
		"story": {"砂型で鉄を流して六十年。"}, "website": {"https://chuzo.example.jp"}})
	if status != 303 {
		t.Fatalf("edit: %d", status)
	}
	var id int64
	for _, o := range orgsOf(t, w) {
		if o.Name == "株式会社テスト鋳造" {
			id = o.ID
		}
	}
	// The municipality's page and the API list it with its profile.
	if status, body, _ := w.get(t, "/municipalities/131113", "ja"); status != 200 ||
		!strings.Contains(body, "事業者・団体（3）") || !strings.Contains(body, `<a href="/organizations/`+id64(id)+`">株式会社テスト鋳造</a>`) ||
		!strings.Contains(body, "製造業 › 鉄鋼業") {
		t.Errorf("the municipality's page: %d", status)
	}
	var m struct {
		LGCode        string            `json:"lgcode"`
		OnHub         bool              `json:"on_hub"`
		Organizations []apiOrganization `json:"organizations"`
	}
	if status := w.getJSON(t, "/api/v1/municipalities/131113", "", &m); status != 200 {
		t.Fatalf("API: %d", status)
	}
	mill, cafe := w.orgNamed(t, "有限会社森田製作所"), w.orgNamed(t, "喫茶まるや")
	// By name, in code point order on both engines; the office is not one.
	want := []apiOrganization{
		{ID: cafe.ID, Kind: "business", Name: "喫茶まるや", JSICMajor: "M", JSICMiddle: "76", Area: "蒲田"},
		{ID: mill.ID, Kind: "business", Name: "有限会社森田製作所", JSICMajor: "E", JSICMiddle: "24", Area: "糀谷"},
		{ID: id, Kind: "business", Name: "株式会社テスト鋳造", JSICMajor: "E", JSICMiddle: "22", Area: "雑色",
			Address: "東京都大田区仲六郷", Description: "鋳物の工場", Story: "砂型で鉄を流して六十年。", Website: "https://chuzo.example.jp"},
	}
	if m.LGCode != "131113" || !m.OnHub || len(m.Organizations) != len(want) {
		t.Fatalf("API: %+v", m)
	}
	for i := range want {
		if m.Organizations[i] != want[i] {
			t.Errorf("API organization %d:\n got %+v\nwant %+v", i, m.Organizations[i], want[i])
		}
	}
	// A municipality not on the hub has none.
	var other struct {
		OnHub         bool              `json:"on_hub"`
		Organizations []apiOrganization `json:"organizations"`
	}
	if status := w.getJSON(t, "/api/v1/municipalities/011002", "", &other); status != 200 || other.OnHub || other.Organizations == nil ||
		len(other.Organizations) != 0 {
		t.Errorf("Sapporo: %d %+v", status, other)
	}
	// The cafe tells its story; its project's page shows it in its own block.
	status, _, _ = send(t, staff, "POST", w.srv.URL+"/admin/131113/organizations/"+id64(cafe.ID), url.Values{"name": {"喫茶まるや"},
		"jsic": {"76"}, "area": {"蒲田"}, "address": {"東京都大田区蒲田"}, "story": {"ナポリタンの店として親子で続けています。"}})
	if status != 303 {
		t.Fatalf("the cafe's story: %d", status)
	}
	for lang, about := range map[string]string{"ja": "この事業者について", "en": "About the business"} {
		status, body, _ := w.get(t, "/projects/"+id64(w.shop.ID), lang)
		block := body[strings.Index(body, `aria-labelledby="p-about"`)+1:]
		if status != 200 || !strings.Contains(block, about) || !strings.Contains(block, "ナポリタンの店として親子で続けています。") ||
			!strings.Contains(block, "東京都大田区蒲田") {
			t.Errorf("%s project page: %d, about block %v", lang, status, strings.Contains(body, about))
		}
	}
	if status, body, _ := w.get(t, "/organizations/"+id64(cafe.ID), "en"); status != 200 || !strings.Contains(body, "商店街のSNS発信") ||
		!strings.Contains(body, "Accommodations, eating and drinking services") {
		t.Errorf("the cafe's page: %d", status)
	}
	// Staff invite the owner into the business through the invitation.
	status, _, _ = send(t, staff, "POST", w.srv.URL+"/admin/131113/members", url.Values{"email": {"owner@chuzo.example.jp"},
		"organization": {id64(id)}, "role": {"business_owner"}, "lang": {"ja"}})
	if mail, found := w.mailTo(t, "owner@chuzo.example.jp", "招待"); status != 303 || !found || !strings.Contains(mail, "株式会社テスト鋳造") {
		t.Errorf("inviting the owner: %d, mail %v", status, found)
	}
}

func orgsOf(t *testing.T, w *world) []domain.Organization {
	t.Helper()
	orgs, err := w.st.Directory().Organizations(t.Context(), w.ota.ID)
	must(t, err)
	return orgs
}

func id64(n int64) string { return id(n) }
