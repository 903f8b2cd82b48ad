package search

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// testDocs are the documents of the engine tests; document i has id i+1.
var testDocs = []string{
	"町工場のホームページを刷新し、販路開拓につなげたい",            // 1
	"副業人材と一緒にCO2排出量を見える化",                  // 2
	"ＥＣサイトの立ち上げと通販の強化",                     // 3
	"Instagramで新商品の魅力を発信",                  // 4
	"副業者を募集します。リーダー副業者が選考",                 // 5
	"「副業・兼業」で地域の商店街を元気に",                   // 6
	"3Dプリンタを活用した試作品づくり",                    // 7
	"ﾎｰﾑﾍﾟｰｼﾞの多言語化とSNS運用",                  // 8
	"東京都大田区の製造業のDX推進",                      // 9
	"京都の伝統工芸を海外に販売",                        // 10
	"販路の開拓と営業資料の作成",                        // 11
	"工場の省エネで脱炭素、CO2削減",                     // 12
	"安曇野副業プロジェクトで観光PR",                     // 13
	"新しい業務システムを作りたい",                       // 14
	"人材育成の仕組みづくり、副業で参加可能",                  // 15
	"型番1e5xの部品の在庫管理、it's \"quoted\" & (x)", // 16
}

// engineQueries are queries and the ids they must find on both engines.
var engineQueries = []struct {
	query string
	want  []int
}{
	{"副業", []int{2, 5, 6, 13, 15}},
	{"副業者", []int{5}},
	{"業者", []int{5}},
	// Kana folding: hiragana finds katakana; synonyms: HP finds
	// ホームページ, but not サイト alone (doc 3's ＥＣサイト).
	{"ホームページ", []int{1, 8}},
	{"ﾎｰﾑﾍﾟｰｼﾞ", []int{1, 8}},
	{`"ホームページ"`, []int{1, 8}},
	{"ほーむぺーじ", []int{1, 8}},
	{"HP", []int{1, 8}},
	{"ec", []int{3}},
	{"いんすた", []int{4}},
	{"かいたく", []int{1, 11}},
	{"販路開拓", []int{1, 11}},
	{`"販路開拓"`, []int{1, 11}},
	{"co2", []int{2, 12}},
	{"ＣＯ２", []int{2, 12}},
	{"co2削減", []int{12}},
	{"京都", []int{10}},
	{"東京", []int{9}},
	{"副業 -CO2", []int{5, 6, 13, 15}},
	{"-副業", []int{1, 3, 4, 7, 8, 9, 10, 11, 12, 14, 16}},
	{"-副業 -工場", []int{3, 4, 7, 8, 9, 10, 11, 14, 16}},
	{"SNS OR Instagram", []int{4, 8}},
	{"製造業 DX", []int{9}},
	{"副業 SNS OR 排出量", []int{2}},
	{"ホームページ OR Instagram 販路開拓 OR 魅力", []int{1, 4}},
	{"ホームページ OR Instagram 販路開拓 OR 魅力 -町工場", []int{4}},
	{"副業 DX", nil},
	{"作る", []int{14}},
	{"新しい", []int{14}},
	{"3d", []int{7}},
	{"３Ｄプリンタ", []int{7}},
	{"1e5x", []int{16}},
	{"ec OR 通販", []int{3}},
	{"見える化", []int{2}},
	{"商店街", []int{6}},
	{"副業 OR 販路開拓 -CO2", []int{1, 5, 6, 11, 13, 15}},
	{`"副業 人材"`, []int{2}},
	{"人材 副業", []int{2, 15}},
	{"の", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}},
	{`it's "quoted" & (x) * ^`, []int{16}},
	{`"unclosed 副業`, nil},
	{"OR -", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}},
}

func TestSQLiteFTS5(t *testing.T) {
	a := analyzer(t)
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	mustExec(t, db, `CREATE VIRTUAL TABLE fts USING fts5(terms, tokenize='unicode61 remove_diacritics 0')`)
	mustExec(t, db, `CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, instance)`)
	for i, d := range testDocs {
		mustExec(t, db, `INSERT INTO fts(rowid, terms) VALUES (?, ?)`, i+1, a.IndexText(d))
	}
	// FTS5's tokenizer must see exactly our terms, in order.
	for i, d := range testDocs {
		got := queryStrings(t, db, `SELECT term FROM vocab WHERE doc = ? ORDER BY "offset"`, i+1)
		if want := a.Terms(d); !slices.Equal(got, want) {
			t.Errorf("FTS5 tokens of doc %d = %q, want %q", i+1, got, want)
		}
	}
	sqliteSearch(t, db, hostile) // must not be a syntax error
	for _, tt := range engineQueries {
		got := sqliteSearch(t, db, a.Parse(tt.query))
		if !slices.Equal(got, tt.want) {
			m, x := a.Parse(tt.query).FTS5()
			t.Errorf("SQLite %q (%q, %q) = %v, want %v", tt.query, m, x, got, tt.want)
		}
	}
}

// hostile is a query with terms that Parse never makes, to show that the
// quoting holds even so.
var hostile = Query{
	groups:   [][]phrase{{{`it's`, `back\slash`, `"q"`}, {`a:*`, `!|&<->`}}, {{`)`, `NEAR`}}},
	excluded: []phrase{{`'`, `"`}, {`\`}},
}

func TestHostileTermsStayQuoted(t *testing.T) {
	match, exclude := hostile.FTS5()
	if want := `("it's back\slash ""q""" OR "a:* !|&<->") AND ") NEAR"`; match != want {
		t.Errorf("FTS5 match = %s, want %s", match, want)
	}
	if want := `"' """ OR "\"`; exclude != want {
		t.Errorf("FTS5 exclude = %s, want %s", exclude, want)
	}
	want := `('it''s' <-> 'back\\slash' <-> '"q"' | 'a:*' <-> '!|&<->') & ')' <-> 'NEAR' & !('''' <-> '"' | '\\')`
	if ts := hostile.TSQuery(); ts != want {
		t.Errorf("TSQuery = %s, want %s", ts, want)
	}
}

// sqliteSearch runs q the way the store does and returns the ids found.
func sqliteSearch(t *testing.T, db *sql.DB, q Query) []int {
	t.Helper()
	if q.Empty() {
		return allIDs()
	}
	match, exclude := q.FTS5()
	var where []string
	var args []any
	if match != "" {
		where = append(where, "fts MATCH ?")
		args = append(args, match)
	}
	if exclude != "" {
		where = append(where, "rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
		args = append(args, exclude)
	}
	return queryInts(t, db, "SELECT rowid FROM fts WHERE "+strings.Join(where, " AND ")+" ORDER BY rowid", args...)
}

func TestPostgresTSQuery(t *testing.T) {
	url := os.Getenv("TSUNAGU_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("TSUNAGU_REQUIRE_POSTGRES") == "1" {
			t.Fatal("TSUNAGU_REQUIRE_POSTGRES=1 but TSUNAGU_TEST_POSTGRES is empty")
		}
		t.Skip("PostgreSQL not configured: set TSUNAGU_TEST_POSTGRES")
	}
	a := analyzer(t)
	pool, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	// A TEMP table lives in one session: pin one connection.
	pool.SetMaxOpenConns(1)
	db := pool
	mustExec(t, db, `CREATE TEMP TABLE docs (id int PRIMARY KEY, terms text NOT NULL)`)
	defer mustExec(t, db, `DROP TABLE docs`)
	for i, d := range testDocs {
		mustExec(t, db, `INSERT INTO docs VALUES ($1, $2)`, i+1, a.IndexText(d))
	}
	// PostgreSQL's 'simple' parser must see exactly our terms, in order.
	for _, d := range slices.Concat(testDocs, fukugyoSentences, alignmentTexts) {
		if got, want := pgTokens(t, db, a.IndexText(d)), a.Terms(d); !slices.Equal(got, want) {
			t.Errorf("to_tsvector of %q = %q, want %q", d, got, want)
		}
	}
	queryInts(t, db, `SELECT id FROM docs WHERE to_tsvector('simple', terms) @@ to_tsquery('simple', $1)`,
		hostile.TSQuery()) // must not be a syntax error
	for _, tt := range engineQueries {
		q := a.Parse(tt.query)
		var got []int
		if q.Empty() {
			got = allIDs()
		} else {
			got = queryInts(t, db, `SELECT id FROM docs
				WHERE to_tsvector('simple', terms) @@ to_tsquery('simple', $1) ORDER BY id`, q.TSQuery())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("PostgreSQL %q (%q) = %v, want %v", tt.query, q.TSQuery(), got, tt.want)
		}
	}
}

// alignmentTexts hold words that PostgreSQL's parser might split otherwise.
var alignmentTexts = []string{
	"co2 3d 1e5 1e5x 2e10e5 x1e5 0x1f a1b2 ホームページ 販路 人々 様々 𠮷野家",
	"ＣＯ２ ｘ² ½ ① ㍻ ｶﾞ café naïve straße ΣΊΣΥΦΟΣ x٣y",
	"e-mail foo@example.com https://example.com/a_b?c=1 1.5 -3 +4 3.14e5",
	"<b>tag</b> &amp; R&D 50% C++ C# .NET Node.js",
}

// pgTokens returns the lexemes of to_tsvector('simple', text) in position
// order.
func pgTokens(t *testing.T, db *sql.DB, text string) []string {
	t.Helper()
	return queryStrings(t, db, `SELECT lexeme FROM unnest(to_tsvector('simple', $1)),
		unnest(positions) AS p ORDER BY p`, text)
}

func allIDs() []int {
	ids := make([]int, len(testDocs))
	for i := range ids {
		ids[i] = i + 1
	}
	return ids
}

func mustExec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func queryInts(t *testing.T, db *sql.DB, query string, args ...any) []int {
	t.Helper()
	var out []int
	for _, s := range queryStrings(t, db, query, args...) {
		var n int
		fmt.Sscan(s, &n)
		out = append(out, n)
	}
	return out
}

func queryStrings(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s %q: %v", query, args, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s %q: %v", query, args, err)
	}
	return out
}
