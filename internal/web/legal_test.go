package web

import (
	"context"
	"encoding/json"
	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// TestHubDocuments: the hub's privacy notice, terms and contact, in both
// languages, with what the law asks the notice to say.
func TestHubDocuments(t *testing.T) {
	w := newWorld(t)
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/privacy?lang=ja", []string{"<h1>個人情報の取扱い</h1>", "第1版（2026年4月1日 施行）", "つなぐの運営者（以下「私たち」）",
			"<h2>2. 利用する目的</h2>", "<h2>3. ほかの方と共有する情報</h2>", "<h2>4. 保存する期間</h2>", "<h2>5. 安全を守るための取り組み</h2>",
			`<a href="/me/data">自分のデータのダウンロード</a>`, `<a href="/me/delete">アカウントの削除</a>`, `<a href="/contact">お問い合わせ</a>`}},
		{"/privacy?lang=en", []string{"<h1>Privacy notice</h1>", "Version 1, effective 1 Apr 2026", "<h2>2. Why we use it</h2>",
			`<a href="/me/data">Download my data</a>`, `<a href="/me/delete">Delete my account</a>`}},
		{"/terms?lang=ja", []string{"<h1>利用規約</h1>", "<h2>3. してはいけないこと</h2>", `<a href="/privacy">個人情報の取扱い</a>`}},
		{"/terms?lang=en", []string{"<h1>Terms of use</h1>", "Governing law"}},
		{"/contact?lang=ja", []string{"<h1>お問い合わせ</h1>", `<a href="mailto:privacy@tsunagu.test">privacy@tsunagu.test</a>`}},
		{"/contact?lang=en", []string{"<h1>Contact</h1>", `<a href="mailto:privacy@tsunagu.test">privacy@tsunagu.test</a>`}},
	} {
		status, body, _ := w.get(t, tc.path, "")
		if status != 200 {
			t.Errorf("%s: %d", tc.path, status)
		}
		for _, s := range tc.want {
			if !strings.Contains(body, s) {
				t.Errorf("%s lacks %q", tc.path, s)
			}
		}
		// The hub's pages link the hub's documents in the footer.
		if !strings.Contains(body, `<li><a href="/privacy">`) || strings.Contains(body, "/municipalities/131113/privacy") {
			t.Errorf("%s: the footer does not link the hub's documents", tc.path)
		}
	}
}

// TestFootersLinkTheirPublishersDocuments: the hub's pages link the hub's
// documents; a municipality's program, project, public and admin pages
// link that municipality's.
func TestFootersLinkTheirPublishersDocuments(t *testing.T) {
	w := newWorld(t)
	office := w.orgNamed(t, "大田区 産業経済部")
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	for path, base := range map[string]string{
		"/": "", "/projects": "", "/signup": "", "/nothing-here": "", "/admin/999997/audit": "",
		"/programs/ota-sdgs-2026":                       "/municipalities/131113",
		"/projects/" + strconv.FormatInt(w.shop.ID, 10): "/municipalities/131113",
		"/projects/" + strconv.FormatInt(w.ts1.ID, 10):  "/municipalities/152137",
		"/municipalities/131113":                        "/municipalities/131113",
		"/municipalities/152137/terms":                  "/municipalities/152137",
		"/admin/131113/members":                         "/municipalities/131113",
	} {
		_, body, _ := send(t, staff, "GET", w.srv.URL+path+"?lang=ja", nil)
		footer := body[strings.Index(body, `<footer class="site">`):]
		for _, kind := range []string{"privacy", "terms", "contact"} {
			if !strings.Contains(footer, `<a href="`+base+`/`+kind+`">`) {
				t.Errorf("%s: the footer does not link %s/%s:\n%s", path, base, kind, footer)
			}
		}
		if base != "" && !strings.Contains(footer, map[string]string{"/municipalities/131113": "<li>大田区</li>",
			"/municipalities/152137": "<li>燕市</li>"}[base]) {
			t.Errorf("%s: the footer does not name the municipality", path)
		}
	}
}

func TestMunicipalityWritesItsDocuments(t *testing.T) { eachEngine(t, municipalityDocumentsScenario) }

// municipalityDocumentsScenario: until Ota writes its own, its pages show
// the default with its name; its admin writes a version in Japanese only,
// then a second; every save is versioned, dated and recorded; Tsubame's
// stay the default; what the admin writes cannot become markup.
func municipalityDocumentsScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	adminID, admin := w.member(t, "admin@city.example.jp", "区 管理者", domain.RoleMunicipalityAdmin, office.ID)
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	page := func(path string) string {
		t.Helper()
		status, body, _ := w.get(t, path, "")
		if status != 200 {
			t.Fatalf("%s: %d", path, status)
		}
		return body
	}
	body := page("/municipalities/131113/privacy?lang=ja")
	for _, s := range []string{"<h1>大田区 個人情報の取扱い</h1>", "大田区（以下「私たち」）", "大田区はまだ独自の文書を掲載していない",
		`<a href="/municipalities/131113/contact">お問い合わせ</a>`} {
		if !strings.Contains(body, s) {
			t.Errorf("Ota's default privacy notice lacks %q", s)
		}
	}
	if body := page("/municipalities/131113/contact?lang=en"); !strings.Contains(body, "Operator: Ota City") ||
		!strings.Contains(body, `<a href="mailto:privacy@tsunagu.test">`) {
		t.Errorf("Ota's default contact page:\n%s", body)
	}

	if status, _, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/legal", nil); status != 403 {
		t.Errorf("staff open the documents: %d, want 403", status)
	}
	status, body, _ := send(t, admin, "GET", w.srv.URL+"/admin/131113/legal/privacy?lang=ja", nil)
	if status != 200 || !strings.Contains(body, "大田区（以下「私たち」）") || !strings.Contains(body, `value="2026-11-23"`) {
		t.Errorf("the form does not start from the text in force and today: %d", status)
	}
	post := func(kind string, form url.Values) (int, string, string) {
		status, body, h := send(t, admin, "POST", w.srv.URL+"/admin/131113/legal/"+kind+"?lang=ja", form)
		return status, body, h.Get("Location")
	}
	status, body, _ = post("privacy", url.Values{"body_ja": {"  \r\n"}, "body_en": {"Kept as typed"}, "effective": {"2027-04-31"}})
	if status != 422 || !strings.Contains(body, "本文（日本語）を入力してください。") || !strings.Contains(body, "施行日を、カレンダーから選ぶか") ||
		!strings.Contains(body, ">Kept as typed</textarea>") {
		t.Errorf("an empty document: %d\n%s", status, body)
	}
	text := "大田区は、次のとおり個人情報を取り扱います。\r\n## 目的\r\n- エントリーの受付\r\n<script>alert(1)</script> [危ない](javascript:alert(1)) [窓口](mailto:sangyo@city.ota.example.jp)"
	if status, _, loc := post("privacy", url.Values{"body_ja": {text}, "effective": {"2027-04-01"}}); status != 303 ||
		loc != "/admin/131113/legal?saved=privacy" {
		t.Fatalf("saving: %d %s", status, loc)
	}
	body = page("/municipalities/131113/privacy?lang=ja")
	for _, s := range []string{"第1版（2027年4月1日 施行）", "<h2>目的</h2>", "<li>エントリーの受付</li>", "&lt;script&gt;alert(1)&lt;/script&gt;",
		"[危ない](javascript:alert(1))", `<a href="mailto:sangyo@city.ota.example.jp">窓口</a>`} {
		if !strings.Contains(body, s) {
			t.Errorf("Ota's own privacy notice lacks %q", s)
		}
	}
	if strings.Contains(body, "<script>alert") || strings.Contains(body, `href="javascript`) || strings.Contains(body, "独自の文書を掲載していない") {
		t.Errorf("Ota's own privacy notice:\n%s", body)
	}
	body = page("/municipalities/131113/privacy?lang=en")
	if !strings.Contains(body, "This document is published in Japanese only.") || !strings.Contains(body, `<div class="card legal" lang="ja">`) ||
		!strings.Contains(body, "<h2>目的</h2>") || !strings.Contains(body, "Version 1, effective 1 Apr 2027") {
		t.Errorf("the English page of a Japanese-only document:\n%s", body)
	}
	if status, _, _ := post("privacy", url.Values{"body_ja": {"改訂版"}, "body_en": {"Revised"}, "effective": {"2027-10-01"}}); status != 303 {
		t.Fatalf("saving again: %d", status)
	}
	if body := page("/municipalities/131113/privacy?lang=en"); !strings.Contains(body, "Version 2, effective 1 Oct 2027") ||
		!strings.Contains(body, "<p>Revised</p>") {
		t.Errorf("the second version is not in force:\n%s", body)
	}
	_, body, _ = send(t, admin, "GET", w.srv.URL+"/admin/131113/legal?lang=ja&saved=privacy", nil)
	if !strings.Contains(body, "「個人情報の取扱い」の新しい版を保存し、公開しました。") || !strings.Contains(body, "第2版（2027年10月1日 施行）") ||
		strings.Count(body, "つなぐの標準の文書（まだ自治体の文書はありません）") != 2 {
		t.Errorf("the admin list after saving:\n%s", body)
	}
	doc, err := w.st.Compliance().LegalDocument(ctx, w.ota.ID, domain.DocumentPrivacy)
	must(t, err)
	if doc.Version != 2 || doc.CreatedBy != adminID || doc.BodyJA != "改訂版" {
		t.Errorf("stored = %+v", doc)
	}
	if got := w.auditActions(t, "legal_document", doc.ID); strings.Join(got, " ") != "legal.edit" {
		t.Errorf("audit of the save = %v", got)
	}
	var export struct {
		Data map[string][]map[string]any `json:"data"`
	}
	_, body, _ = send(t, admin, "GET", w.srv.URL+"/admin/131113/export", nil)
	must(t, json.Unmarshal([]byte(body), &export))
	if docs := export.Data["legal_documents"]; len(docs) != 2 || docs[0]["kind"] != "privacy" {
		t.Errorf("the municipality's export lacks its documents: %+v", docs)
	}
	if body := page("/municipalities/152137/privacy?lang=ja"); !strings.Contains(body, "燕市（以下「私たち」）") {
		t.Error("Tsubame's privacy notice changed with Ota's")
	}
	if status, _, _ := send(t, admin, "GET", w.srv.URL+"/admin/131113/legal/cookies", nil); status != 404 {
		t.Errorf("an unknown document: %d, want 404", status)
	}
}

// TestServerRefusesAContactThatIsNoAddress: the operator's contact must be
// an email address, checked at start.
func TestServerRefusesAContactThatIsNoAddress(t *testing.T) {
	w := newWorld(t)
	cat, err := i18n.Load()
	must(t, err)
	_, err = New(withServices(t, Config{Ref: w.app.ref, Catalog: cat, Search: analyzer(), Contact: "call us",
		Now: func() time.Time { return testNow }}, w.st, nil, credential.ResolverOptions{}))
	if err == nil || !strings.Contains(err.Error(), `the contact "call us" is not an email address`) {
		t.Errorf("New with a bad contact: %v", err)
	}
}
