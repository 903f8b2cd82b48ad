package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/tsunagu-hub/tsunagu/internal/seed"
)

// TestCSVDownloadsRoundTrip downloads every dashboard table and the entry
// list in both encodings, as Excel users would, and checks that the
// Japanese text survives: UTF-8 starts with a byte order mark, Shift_JIS
// decodes to the same rows.
func TestCSVDownloadsRoundTrip(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(s.url+"/login", url.Values{"email": {"ota-admin@demo.tsunagu.example"}, "password": {seed.DemoPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	get := func(path string) ([]byte, string) {
		t.Helper()
		resp, err := c.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		return body, resp.Header.Get("Content-Type")
	}
	parse := func(path string, b []byte) [][]string {
		t.Helper()
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return rows
	}
	downloads := map[string]string{ // path → a Japanese text the file must hold
		"/admin/131113/programs/ota-sdgs-2021/entries.csv?lang=ja": "氏名",
	}
	for _, table := range []string{"time", "origin", "hometown", "skills", "sdgs", "funnel", "outcomes-count", "outcomes-yen", "outcomes-per-month", "outcomes-kg-co2-year"} {
		downloads["/admin/131113/dashboard.csv?program=ota-sdgs-2021&lang=ja&table="+table] = map[string]string{
			"time": "週（月曜日）", "origin": "区内からの応募", "hometown": "東京都", "skills": "分野",
			"sdgs": "働きがいも", "funnel": "合意（三者承認）", "outcomes-count": "新規顧客", "outcomes-yen": "売上",
			"outcomes-per-month": "ウェブ訪問", "outcomes-kg-co2-year": "CO2削減"}[table]
	}
	for path, want := range downloads {
		u8, ct8 := get(path + "&encoding=utf8")
		sj, ctsj := get(path + "&encoding=sjis")
		if !bytes.HasPrefix(u8, []byte{0xEF, 0xBB, 0xBF}) || !strings.Contains(ct8, "utf-8") {
			t.Errorf("%s: UTF-8 without a byte order mark (%q)", path, ct8)
		}
		if bytes.HasPrefix(sj, []byte{0xEF, 0xBB, 0xBF}) || !strings.Contains(ctsj, "Shift_JIS") {
			t.Errorf("%s: Shift_JIS with a BOM or the wrong type (%q)", path, ctsj)
		}
		decoded, err := japanese.ShiftJIS.NewDecoder().Bytes(sj)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		a, b := parse(path, u8[3:]), parse(path, decoded)
		if len(a) < 2 || len(a) != len(b) {
			t.Fatalf("%s: %d rows in UTF-8, %d in Shift_JIS", path, len(a), len(b))
		}
		for i := range a {
			if strings.Join(a[i], "\t") != strings.Join(b[i], "\t") {
				t.Errorf("%s row %d: %q vs %q", path, i, a[i], b[i])
			}
		}
		if !strings.Contains(string(u8), want) {
			t.Errorf("%s lacks %q", path, want)
		}
	}
}
