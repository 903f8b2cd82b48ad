package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Kinds of body the fuzzer sends.
const (
	fuzzForm = iota
	fuzzMultipart
	fuzzJSON
	fuzzUntypedAPI
	fuzzKinds
)

// FuzzRequestText sends arbitrary paths, queries and bodies through the
// request text check. It must never panic; a refusal is always a 400; and
// whatever it lets through holds only storable text: the path, the query,
// every form value and every JSON string. A JSON document is let through
// exactly when it holds no such text (checked here by decoding it whole).
func FuzzRequestText(f *testing.F) {
	f.Add("/login", "", uint8(fuzzForm), []byte("email=a%40example.jp&password=x"))
	f.Add("/login", "lang=en", uint8(fuzzForm), []byte("email=a%00b&password=x"))
	f.Add("/signup", "", uint8(fuzzForm), []byte("name=%E5%B1&email=%zz"))
	f.Add("/programs/a\x00b", "", uint8(fuzzForm), []byte(""))
	f.Add("/projects", "q=%FF&sdg=9", uint8(fuzzForm), []byte(""))
	f.Add("/signup", "", uint8(fuzzMultipart),
		[]byte("--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n山田\x00\r\n--B--\r\n"))
	f.Add("/admin/131113/programs/p/import", "", uint8(fuzzMultipart),
		[]byte("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n\x8e\x81\x96\xbc\r\n--B--\r\n"))
	f.Add("/api/v1/programs/p/entries", "", uint8(fuzzJSON), []byte(`{"choices":[1],"motivation":"\u0000"}`))
	f.Add("/api/v1/programs/p/entries", "", uint8(fuzzJSON), []byte(`{"motivation":"\\u0000 is only text"}`))
	f.Add("/api/v1/programs/p/entries", "", uint8(fuzzJSON), []byte(`{"a\u0000":1}`))
	f.Add("/api/v1/programs/p/entries", "", uint8(fuzzJSON), []byte("{\"motivation\":\"\xff\"}"))
	f.Add("/api/v1/programs/p/entries", "", uint8(fuzzJSON), []byte(`["\ud800", "\u0000"`))
	f.Add("/api/v1/credentials/verify", "", uint8(fuzzUntypedAPI), []byte(`{"credential":"x"}`))
	w := newWorld(f)
	s := w.app
	f.Fuzz(func(t *testing.T, path, rawQuery string, kind uint8, body []byte) {
		kind %= fuzzKinds
		r := fuzzRequest(path, rawQuery, kind, body)
		if r == nil {
			return
		}
		passed := false
		next := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			passed = true
			mustBeStorable(t, r)
		})
		rec := httptest.NewRecorder()
		s.sessions.LoadAndSave(s.checkText("POST /fuzz", next)).ServeHTTP(rec, r)
		if !passed {
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("refused with %d, want 400", rec.Code)
			}
			if strings.Contains(rec.Body.String(), "error.") {
				t.Fatalf("untranslated refusal:\n%s", rec.Body.String())
			}
		}
		if kind == fuzzJSON && json.Valid(body) && len(body) <= maxJSONBytes && storableURL(path, rawQuery) {
			if want := utf8JSONStorable(body); passed != want {
				t.Fatalf("JSON %q: let through %v, want %v", body, passed, want)
			}
		}
	})
}

// fuzzRequest builds the request by hand, as the server would see it.
func fuzzRequest(path, rawQuery string, kind uint8, body []byte) *http.Request {
	if !strings.HasPrefix(path, "/") {
		return nil
	}
	if kind == fuzzUntypedAPI && !strings.HasPrefix(path, "/api/") {
		path = "/api" + path
	}
	r := httptest.NewRequest("POST", "/", bytes.NewReader(body))
	r.URL = &url.URL{Path: path, RawQuery: rawQuery}
	r.RequestURI = r.URL.RequestURI()
	switch kind {
	case fuzzForm:
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case fuzzMultipart:
		r.Header.Set("Content-Type", "multipart/form-data; boundary=B")
	case fuzzJSON:
		r.Header.Set("Content-Type", "application/json")
	}
	return r
}

func storableURL(path, rawQuery string) bool {
	q, _ := url.ParseQuery(rawQuery)
	_, bad := unstorableValue(q)
	return domain.StorableText(path) && !bad
}

// mustBeStorable checks what a handler would read from a request that was
// let through.
func mustBeStorable(t *testing.T, r *http.Request) {
	t.Helper()
	if !storableURL(r.URL.Path, r.URL.RawQuery) {
		t.Fatalf("let through %q?%q", r.URL.Path, r.URL.RawQuery)
	}
	for _, vals := range []url.Values{r.PostForm, formValues(r)} {
		if name, bad := unstorableValue(vals); bad {
			t.Fatalf("let through the form value %q: %q", name, vals[name])
		}
	}
	if ct := r.Header.Get("Content-Type"); ct == "application/json" || ct == "" {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		if json.Valid(body) && !utf8JSONStorable(body) {
			t.Fatalf("let through the JSON %q", body)
		}
	}
}

func formValues(r *http.Request) url.Values {
	if r.MultipartForm == nil {
		return nil
	}
	return r.MultipartForm.Value
}

// utf8JSONStorable reports whether a valid JSON document is storable
// text once decoded, without decoding it: valid UTF-8, and no \u0000
// escape (a "u0000" after an odd run of backslashes). Written apart from
// the check's own token walk, so the two can be compared.
func utf8JSONStorable(body []byte) bool {
	if !domain.StorableText(string(body)) {
		return false
	}
	for i := 0; ; {
		j := bytes.Index(body[i:], []byte("u0000"))
		if j < 0 {
			return true
		}
		j += i
		k := 0
		for k < j && body[j-1-k] == '\\' {
			k++
		}
		if k%2 == 1 {
			return false
		}
		i = j + 1
	}
}
