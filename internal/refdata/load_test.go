package refdata

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// embeddedFS copies the embedded files into a map file system that a test
// may change.
func embeddedFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{prefecturesFile, municipalitiesFile, sdgsFile, skillsFile, jsicFile, countriesFile} {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

func TestLoadFromCopyOfEmbeddedFiles(t *testing.T) {
	if _, err := load(embeddedFS(t)); err != nil {
		t.Fatalf("load: %v", err)
	}
}

// TestLoadRejectsMalformedRows breaks one file at a time and checks that
// load fails with an error naming the file and, for CSV rows, the line.
func TestLoadRejectsMalformedRows(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		old     string // replaced once by new in file
		new     string
		wantErr string // substring of the error
	}{
		{"bad check digit", municipalitiesFile, ",131113\n", ",131114\n", "municipalities.csv line 670: bad lgcode"},
		{"duplicate lgcode", municipalitiesFile, ",011029\n", ",011002\n", `line 4: duplicate lgcode "011002"`},
		{"unknown prefecture", municipalitiesFile, "13,東京都,13111,", "48,東京都,13111,", `unknown prefecture code "48"`},
		{"wrong prefecture name", municipalitiesFile, "13,東京都,13111,", "13,大阪府,13111,", "does not belong to prefecture"},
		{"city id mismatch", municipalitiesFile, "13,東京都,13111,", "13,東京都,13112,", "city id"},
		{"latitude not a number", municipalitiesFile, "35.56138889", "north", "not in Japan"},
		{"missing field", municipalitiesFile, ",おおたく,", ",", "line 670"},
		{"empty name", municipalitiesFile, ",大田区,", ",,", "empty field"},
		{"bad url", municipalitiesFile, "https://www.city.ota.tokyo.jp/", "www.city.ota.tokyo.jp", "not an http(s) address"},
		{"bad header", municipalitiesFile, "pid,pref,cid", "pid,prefecture,cid", "header"},
		{"prefecture lgcode", prefecturesFile, ",10006,", ",10007,", `prefectures.csv line 2: bad lgcode "10007"`},
		{"prefecture duplicate", prefecturesFile, "2,青森県", "1,青森県", "duplicate prefecture code 1"},
		{"prefecture ISO", prefecturesFile, "JP-13", "JP-31", "ISO code"},
		{"SDG low contrast", sdgsFile, "#FCC30B,#000000", "#FCC30B,#FFFFFF", "sdgs.csv line 8: goal 7"},
		{"SDG bad colour", sdgsFile, "#E5243B,", "red,", "not #RRGGBB"},
		{"SDG out of order", sdgsFile, "\n2,", "\n3,", "want 2"},
		{"skill unknown category", skillsFile, `"category": "web", "name_ja": "SEO"`,
			`"category": "webx", "name_ja": "SEO"`, `unknown category "webx"`},
		{"skill duplicate", skillsFile, `"code": "web-seo"`, `"code": "web-homepage"`, `duplicate skill code "web-homepage"`},
		{"skill prefix", skillsFile, `"code": "web-seo"`, `"code": "seo"`, `must start with "web-"`},
		{"country code", countriesFile, "JP,日本", "jp,日本", `code "jp" is not two capital letters`},
		{"country twice", countriesFile, "\nJM,", "\nJP,", "code JP twice"},
		{"country reading", countriesFile, ",ニホン", ",にほん", `reading "にほん" is not in katakana`},
		{"skill not a slug", skillsFile, `"code": "web-seo"`, `"code": "web-SEO"`, "not a lower-case slug"},
		{"skill unknown field", skillsFile, `"name_en": "Web analytics"`, `"name_en": "Web analytics", "x": 1`, "unknown field"},
		{"JSIC unknown major", jsicFile, "24,E,", "24,Z,", "jsic.csv line 37: major class"},
		{"JSIC middle before major", jsicFile, "name_en\n", "name_en\n09,E,食料品製造業,Food\n", "line 2: middle class 09"},
		{"JSIC middle under wrong major", jsicFile, "09,E,", "09,F,", "line 23: middle class 10 of E"},
		{"JSIC bad code", jsicFile, "24,E,", "240,E,", "neither its major letter"},
		{"JSIC duplicate", jsicFile, "25,E,", "24,E,", "out of order"},
		{"JSIC major missing", jsicFile, "T,T,分類不能の産業,Industries unable to classify\n", "", "19 major classes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := embeddedFS(t)
			orig := string(fsys[tt.file].Data)
			if !strings.Contains(orig, tt.old) {
				t.Fatalf("%s does not contain %q", tt.file, tt.old)
			}
			fsys[tt.file].Data = []byte(strings.Replace(orig, tt.old, tt.new, 1))
			d, err := load(fsys)
			if err == nil {
				t.Fatalf("load succeeded, want an error containing %q", tt.wantErr)
			}
			if d != nil {
				t.Error("load returned data along with an error")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	for _, name := range []string{prefecturesFile, municipalitiesFile, sdgsFile, skillsFile, jsicFile, countriesFile} {
		fsys := embeddedFS(t)
		delete(fsys, name)
		if _, err := load(fsys); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("without %s: got error %v, want one naming the file", name, err)
		}
	}
}
