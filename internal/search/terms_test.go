package search

import (
	"slices"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	a := analyzer(t)
	tests := []struct {
		text string
		want string // terms joined by spaces
	}{
		{"町工場のホームページを刷新し、販路開拓につなげたい", "町 工場 ほーむぺーじ 刷新 販路 開拓 つなげる まち こうじょう さっしん はんろ かいたく"},
		{"副業人材と一緒にCO2排出量を見える化", "副業 人材 一緒 co2 排出 量 見える 化 ふくぎょう じんざい いっしょ はいしゅつ りょう"},
		{"ＥＣサイトの立ち上げ", "ec さいと 立ち 上げ たち あげ"},
		{"Instagramで発信", "instagram 発信 はっしん"},
		{"SNSとDXで3Dプリンタを活用", "sns dx 3d ぷりんた 活用 かつよう"},
		{"副業・兼業", "副業 兼業 ふくぎょう けんぎょう"},
		{"副業で", "副業 ふくぎょう"},
		{"副業人材", "副業 人材 ふくぎょう じんざい"},
		// 副業者 is analysed 副|業者: the sub-word 副業 is appended.
		{"副業者", "副 業者 ぎょうしゃ 副業"},
		{"リーダー副業者を募集します", "りーだー 副 業者 募集 ぎょうしゃ 副業 ぼしゅう"},
		// Inflected verbs and adjectives become their base form.
		{"ホームページを作りたい", "ほーむぺーじ 作る"},
		{"新しく作ります", "新しい 作る"},
		{"作った", "作る"},
		// Stop words only.
		{"これはそれです", ""},
		{"している", ""},
		{"、。「」！？", ""},
		// Search mode splits long compounds. Common nouns that start inside
		// a proper noun and cross out of it are sub-words: recall over
		// precision.
		{"関西国際空港から", "関西 国際 空港 かんさい こくさい くうこう 西国"},
		{"東京都庁と京都市", "東京 都庁 京都 市 とうきょう とちょう きょうと 都市"},
		// PostgreSQL's parser ends a word after 1e5, so the term is split too.
		{"1e5x", "1e5 x"},
		{"1,000円", "1 000 円 えん"},
		{"R&Dとe-commerce", "r d e commerce"},
		{"(株)山田製作所", "株 山田 製作 所 かぶ やまだ せいさく しょ 製作所"},
		{"café 한국어", "café 한국어"},
		{"", ""},
	}
	for _, tt := range tests {
		got := strings.Join(a.Terms(tt.text), " ")
		if got != tt.want {
			t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.want)
		}
		if idx := a.IndexText(tt.text); idx != got {
			t.Errorf("IndexText(%q) = %q, want %q", tt.text, idx, got)
		}
	}
}

func TestNormalisation(t *testing.T) {
	a := analyzer(t)
	tests := []struct{ a, b string }{
		{"ﾎｰﾑﾍﾟｰｼﾞ", "ホームページ"},
		{"ＥＣサイト", "ecサイト"},
		{"ＤＸ推進", "dx推進"},
		{"２０２１年", "2021年"},
		{"ＣＯ２", "co2"},
		{"ｶﾞｲﾄﾞﾌﾞｯｸ", "ガイドブック"},
	}
	for _, tt := range tests {
		x, y := a.Terms(tt.a), a.Terms(tt.b)
		if !slices.Equal(x, y) || len(x) == 0 {
			t.Errorf("Terms(%q) = %q, Terms(%q) = %q; want equal and non-empty", tt.a, x, tt.b, y)
		}
	}
}

// Sentences in which 副業 appears in many contexts: every one must yield the
// term 副業, so that a search for 副業 finds every document containing it.
var fukugyoSentences = []string{
	"副業者を募集します",
	"副業人材と一緒に町工場の課題を解決",
	"副業で地域に貢献したい",
	"「副業・兼業」人材の活用",
	"副業的な関わり方も歓迎",
	"副業解禁の流れを受けて",
	"副業先の企業と連携",
	"副業型の人材プール",
	"週末副業で経験を積む",
	"副業収入よりもやりがい",
	"副業しながら本業も頑張る",
	"副業として参加できます",
	"副業希望者向けの説明会",
	"副業経験のある方",
	"副業家としての実績",
	"副業プロ人材が伴走",
	"地方副業に挑戦しよう",
	"ふるさと副業プロジェクト",
	"副業中の方も歓迎します",
	"副業歴3年以上",
	"大田区SDGs副業2021",
	"リーダー副業者が選考します",
	"副業OKの案件",
	"オンライン副業でDX推進",
	"兼業副業どちらも可",
	"副業者向けガイド",
	"副業者数が増加",
	"副業は初めてです",
	"ｵﾝﾗｲﾝで副業",
	"安曇野副業プロジェクト",
	"品川副業交流会",
	"佐賀市川副業者会議",
	"本業と副業の両立",
	"副業人口は年々増えている",
}

func TestFukugyoIsAlwaysATerm(t *testing.T) {
	a := analyzer(t)
	for _, s := range fukugyoSentences {
		if terms := a.Terms(s); !slices.Contains(terms, "副業") {
			t.Errorf("Terms(%q) = %q, want 副業 among them", s, terms)
		}
	}
}

func TestTermsAreLettersAndDigits(t *testing.T) {
	a := analyzer(t)
	for _, s := range append(fukugyoSentences, testDocs...) {
		for _, term := range a.Terms(s) {
			for _, r := range term {
				if !isTermRune(r) {
					t.Errorf("Terms(%q) has %q with %q", s, term, r)
				}
			}
		}
	}
}

func TestNormalizeMappedMatchesNormalize(t *testing.T) {
	for _, s := range append([]string{"ﾎｰﾑﾍﾟｰｼﾞ ＡＢＣ ㍻ ｶﾞ İ \xff", "e\u0301", ""}, fukugyoSentences...) {
		m := normalizeMapped(s)
		if want := normalize(s); m.text != want {
			t.Errorf("normalizeMapped(%q) = %q, want %q", s, m.text, want)
		}
	}
}
