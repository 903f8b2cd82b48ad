package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"golang.org/x/text/encoding/japanese"
)

// rowCounts counts every table's rows except the sessions (touched on
// every signed-in request) and the job queue's own tables.
func (w *world) rowCounts(t *testing.T) map[string]int {
	t.Helper()
	ctx := context.Background()
	tables, err := w.st.Personal().Tables(ctx)
	must(t, err)
	out := map[string]int{}
	for _, table := range tables {
		if table == "sessions" || strings.HasPrefix(table, "river_") || strings.HasPrefix(table, "goose_") {
			continue
		}
		rows, err := w.st.Personal().Dump(ctx, table)
		must(t, err)
		out[table] = len(rows)
		for _, row := range rows {
			for col, v := range row {
				if text, _ := v.(string); strings.Contains(text, "不正な入力") {
					t.Errorf("%s.%s holds the refused text: %q", table, col, text)
				}
			}
		}
	}
	return out
}

func sameCounts(t *testing.T, before, after map[string]int) {
	t.Helper()
	var changed []string
	for table, n := range after {
		if before[table] != n {
			changed = append(changed, fmt.Sprintf("%s %d→%d", table, before[table], n))
		}
	}
	sort.Strings(changed)
	if len(changed) > 0 {
		t.Errorf("refused requests changed the database: %s", strings.Join(changed, ", "))
	}
}

// multipartBody encodes fields as multipart/form-data, with an optional file.
func multipartBody(t *testing.T, fields url.Values, fileField, fileName string, file []byte) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for name, vals := range fields {
		for _, v := range vals {
			must(t, mw.WriteField(name, v))
		}
	}
	if fileField != "" {
		fw, err := mw.CreateFormFile(fileField, fileName)
		must(t, err)
		fw.Write(file)
	}
	must(t, mw.Close())
	return mw.FormDataContentType(), b.Bytes()
}

// request sends a raw request and returns its status, body and headers.
func request(t *testing.T, c *http.Client, method, u, contentType string, body []byte, header http.Header) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	must(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestBadBytesAreRefusedBeforeTheStore(t *testing.T) { eachEngine(t, badBytesScenario) }

func badBytesScenario(t *testing.T, w *world) {
	ctx := context.Background()
	c := w.signedIn(t, "entrant@example.jp", "応募 する人")
	creds, err := w.st.Accounts().Credentials(ctx, "entrant@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: creds.User.ID, Name: "応募 する人", NameKana: "オウボ スルヒト", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	token, hash, err := auth.NewAPIToken()
	must(t, err)
	must(t, w.st.Accounts().CreateToken(ctx, creds.User.ID, domain.TokenAPI, hash, testNow.AddDate(0, 0, 90), "test"))
	bearer := http.Header{"Authorization": {"Bearer " + token}}
	const form = "application/x-www-form-urlencoded"
	entryJSON := func(motivation string) []byte {
		return fmt.Appendf(nil, `{"choices":[%d],"motivation":"%s"}`, w.shop.ID, motivation)
	}
	signup := func(name string) url.Values {
		return url.Values{"email": {"new@example.jp"}, "name": {name}, "name_kana": {"フセイ"}, "password": {"correct horse battery"}, "agree": {"yes"}}
	}
	mpType, mpBody := multipartBody(t, signup("不正な入力\x00"), "", "", nil)

	cases := []struct {
		name                    string
		client                  *http.Client
		method, path, mediaType string
		body                    []byte
		header                  http.Header
		field                   string // for the API's JSON error
	}{
		{"login NUL", w.browser(t), "POST", "/login", form,
			[]byte(url.Values{"email": {"不正な入力\x00@example.jp"}, "password": {"x"}}.Encode()), nil, ""},
		{"login not UTF-8", w.browser(t), "POST", "/login", form,
			[]byte(url.Values{"email": {"a@example.jp"}, "password": {"不正な入力\xff"}}.Encode()), nil, ""},
		{"signup NUL", w.browser(t), "POST", "/signup", form, []byte(signup("不正な入力\x00").Encode()), nil, ""},
		{"signup not UTF-8", w.browser(t), "POST", "/signup", form, []byte(signup("不正な入力\xe5\xb1").Encode()), nil, ""},
		{"signup multipart NUL", w.browser(t), "POST", "/signup", mpType, mpBody, nil, ""},
		{"signup NUL in a field name", w.browser(t), "POST", "/signup", form,
			[]byte(signup("不正な入力").Encode() + "&x%00=1"), nil, ""},
		{"forgot NUL", w.browser(t), "POST", "/password/forgot", form,
			[]byte(url.Values{"email": {"entrant@example.jp\x00不正な入力"}}.Encode()), nil, ""},
		{"forgot not UTF-8", w.browser(t), "POST", "/password/forgot", form,
			[]byte(url.Values{"email": {"entrant@example.jp\xff"}}.Encode()), nil, ""},
		{"entry form NUL", c, "POST", "/programs/ota-sdgs-2026/entry", form,
			[]byte(url.Values{"choice1": {fmt.Sprint(w.shop.ID)}, "motivation": {"不正な入力\x00"}}.Encode()), nil, ""},
		{"path NUL", w.browser(t), "GET", "/programs/a%00b", "", nil, nil, ""},
		{"path not UTF-8", w.browser(t), "GET", "/programs/a%FFb", "", nil, nil, ""},
		{"query NUL", w.browser(t), "GET", "/projects?q=%00", "", nil, nil, ""},
		{"query not UTF-8", w.browser(t), "GET", "/projects?q=%E5%B1", "", nil, nil, ""},
		{"API path not UTF-8", w.browser(t), "GET", "/api/v1/programs/a%FFb", "", nil, nil, "path"},
		{"API path NUL", w.browser(t), "GET", "/api/v1/programs/a%00b", "", nil, nil, "path"},
		{"API query", w.browser(t), "GET", "/api/v1/projects?q=%FF", "", nil, nil, "q"},
		{"API JSON \\u0000", w.browser(t), "POST", "/api/v1/programs/ota-sdgs-2026/entries", "application/json",
			entryJSON(`不正な入力\u0000`), bearer, "body"},
		{"API JSON key \\u0000", w.browser(t), "POST", "/api/v1/programs/ota-sdgs-2026/entries", "application/json",
			[]byte(`{"motivation\u0000":"不正な入力"}`), bearer, "body"},
		{"API JSON not UTF-8", w.browser(t), "POST", "/api/v1/programs/ota-sdgs-2026/entries", "application/json",
			entryJSON("不正な入力\xff"), bearer, "body"},
		{"API JSON without a type", w.browser(t), "POST", "/api/v1/programs/ota-sdgs-2026/entries", "",
			entryJSON(`不正な入力\u0000`), bearer, "body"},
		{"API Idempotency-Key", w.browser(t), "POST", "/api/v1/programs/ota-sdgs-2026/entries", "application/json",
			entryJSON("不正な入力"), http.Header{"Authorization": bearer["Authorization"], "Idempotency-Key": {"k\xff"}}, "Idempotency-Key"},
	}
	before := w.rowCounts(t)
	for _, tc := range cases {
		status, body, h := request(t, tc.client, tc.method, w.srv.URL+tc.path, tc.mediaType, tc.body, tc.header)
		if status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400\n%s", tc.name, status, body)
			continue
		}
		if strings.HasPrefix(tc.path, "/api/") {
			var e errorResponse
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code != "invalid" || e.Error.Field != tc.field ||
				!strings.Contains(e.Error.Message, "使えない文字") {
				t.Errorf("%s: JSON error %s", tc.name, body)
			}
			continue
		}
		if !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !strings.Contains(body, "使えない文字") ||
			!strings.Contains(body, `<html lang="ja"`) {
			t.Errorf("%s: not the translated page\n%s", tc.name, body)
		}
	}
	sameCounts(t, before, w.rowCounts(t))

	// In English, and the clean requests still go through.
	status, body, _ := request(t, w.browser(t), "GET", w.srv.URL+"/programs/a%00b", "", nil, http.Header{"Accept-Language": {"en"}})
	if status != 400 || !strings.Contains(body, "The address (URL) contains characters that cannot be used") {
		t.Errorf("English page: %d\n%s", status, body)
	}
	if status, _, _ := send(t, w.browser(t), "POST", w.srv.URL+"/signup", signup("正しい 入力")); status != http.StatusSeeOther {
		t.Errorf("a clean sign-up: %d", status)
	}
	if status, body, _ := request(t, w.browser(t), "POST", w.srv.URL+"/api/v1/programs/ota-sdgs-2026/entries", "application/json",
		entryJSON(`改行\n\u00e9\ud83d\ude00`), bearer); status != http.StatusCreated {
		t.Errorf("a clean entry: %d %s", status, body)
	}
}

// TestUploadedFilesAreNotCheckedAsText posts a Shift_JIS CSV: the file is
// the importer's to decode, while the form's own text is still checked.
func TestUploadedFilesAreNotCheckedAsText(t *testing.T) {
	w := newWorld(t)
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "大田区 産業経済部").ID)
	csv, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("氏名,フリガナ,メールアドレス,第1希望,志望動機\r\n山田 花子,ヤマダ ハナコ,hanako@example.jp,商店街のSNS発信,地元の力になりたい\r\n"))
	must(t, err)
	path := w.srv.URL + "/admin/131113/programs/ota-sdgs-2026/import"
	mediaType, body := multipartBody(t, nil, "file", "entries.csv", csv)
	status, page, _ := request(t, staff, "POST", path, mediaType, body, nil)
	if status != http.StatusOK || strings.Contains(page, "使えない文字") {
		t.Errorf("a Shift_JIS upload was refused as text: %d\n%s", status, page)
	}
	p, err := w.st.Directory().ProgramBySlug(context.Background(), "ota-sdgs-2026")
	must(t, err)
	if st, err := w.st.Insights().ProgramStats(context.Background(), p.ID); err != nil || st.Entries != 1 {
		t.Errorf("the Shift_JIS file's row was not imported: %+v %v", st, err)
	}
	mediaType, body = multipartBody(t, url.Values{"mapping": {"{\"columns\":{}}\x00"}}, "file", "entries.csv", csv)
	if status, page, _ := request(t, staff, "POST", path, mediaType, body, nil); status != http.StatusBadRequest ||
		!strings.Contains(page, "使えない文字") {
		t.Errorf("a NUL in the mapping field: %d", status)
	}
}
