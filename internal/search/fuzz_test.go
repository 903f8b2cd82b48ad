package search

import (
	"database/sql"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"副業", `"販路開拓" -東京 OR DX`, `"unclosed`, "- OR", `a""b`, `-"x y" OR "`,
		"NEAR(a b) * ^ : ( ) { } + & | ! < > \\ '", "ＯＲ ＥＣ －副業", "“副業”人材",
		"it's 'quoted' \"\"\"", "\xff\xfe", strings.Repeat("副業 OR ", 100),
	} {
		f.Add(s)
	}
	a := analyzer(f)
	// Every expression must also be valid FTS5 syntax.
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE VIRTUAL TABLE fts USING fts5(terms, tokenize='unicode61 remove_diacritics 0')`); err != nil {
		f.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO fts(terms) VALUES ('副業 販路 開拓')`); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, input string) {
		q := a.Parse(input)
		match, exclude := q.FTS5()
		ts := q.TSQuery()
		for _, s := range []string{match, exclude} {
			if strings.Count(s, `"`)%2 != 0 {
				t.Errorf("Parse(%q).FTS5() has an unbalanced quote: %q", input, s)
			}
			if !balancedParens(s, '"') {
				t.Errorf("Parse(%q).FTS5() has unbalanced parentheses: %q", input, s)
			}
			if s == "" {
				continue
			}
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM fts WHERE fts MATCH ?`, s).Scan(&n); err != nil {
				t.Errorf("Parse(%q).FTS5() = %q: SQLite: %v", input, s, err)
			}
		}
		if strings.Count(ts, "'")%2 != 0 {
			t.Errorf("Parse(%q).TSQuery() has an unbalanced quote: %q", input, ts)
		}
		if !balancedParens(ts, '\'') {
			t.Errorf("Parse(%q).TSQuery() has unbalanced parentheses: %q", input, ts)
		}
		if q.Empty() != (ts == "") || q.Empty() != (match == "" && exclude == "") {
			t.Errorf("Parse(%q): Empty %v, TSQuery %q, FTS5 %q %q", input, q.Empty(), ts, match, exclude)
		}
		for _, w := range q.Words() {
			for _, term := range w {
				if term == "" || strings.IndexFunc(term, func(r rune) bool { return !isTermRune(r) }) >= 0 {
					t.Errorf("Parse(%q).Words() has term %q", input, term)
				}
			}
		}
	})
}

// balancedParens reports whether the parentheses outside quote-delimited
// strings of s are balanced.
func balancedParens(s string, quote rune) bool {
	depth, quoted := 0, false
	for _, r := range s {
		switch {
		case r == quote:
			quoted = !quoted
		case quoted:
		case r == '(':
			depth++
		case r == ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0 && !quoted
}

func FuzzHighlight(f *testing.F) {
	f.Add("町工場のホームページを刷新し、販路開拓につなげたい", "販路開拓 ホームページ")
	f.Add("ﾎｰﾑﾍﾟｰｼﾞ ＣＯ２ ㍻ ｶﾞ", "ホームページ co2 平成 ガ")
	f.Add("副業者\xff\xfeです", "副業")
	a := analyzer(f)
	f.Fuzz(func(t *testing.T, text, query string) {
		segs := a.Highlight(text, a.Parse(query))
		var b strings.Builder
		for i, s := range segs {
			if s.Text == "" {
				t.Errorf("Highlight(%q, %q): empty segment %d", text, query, i)
			}
			if i > 0 && s.Match == segs[i-1].Match && s.Match {
				t.Errorf("Highlight(%q, %q): adjacent matches not merged", text, query)
			}
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Errorf("Highlight(%q, %q) joined = %q", text, query, b.String())
		}
		if utf8.ValidString(text) {
			for _, s := range segs {
				if !utf8.ValidString(s.Text) {
					t.Errorf("Highlight(%q, %q) split a character: %q", text, query, s.Text)
				}
			}
		}
	})
}
