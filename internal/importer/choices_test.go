package importer

import (
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestImportChoiceAnswers(t *testing.T) {
	c := newChoices([]domain.Project{
		{ID: 7, Title: "ECサイト"},
		{ID: 8, Title: "ECサイト 改善"},
		{ID: 9, Title: "プレス加工工場のCO2排出量を見える化する"},
		{ID: 100, Title: "商店街のSNS発信"},
		{ID: 11, Title: "100年企業のブランドづくり"},
		{ID: 12, Title: "動画制作"},
		{ID: 13, Title: "動画制作"},
	})
	for _, tc := range []struct {
		answer string
		id     int64
		code   string
	}{
		{"ECサイト", 7, ""},
		{"ＥＣサイト", 7, ""},
		{"ecサイト", 7, ""},
		{"  ECサイト　改善 ", 8, ""},
		{"ECサイト　　改善", 8, ""},
		{"ECサイト（株式会社ミナト）", 7, ""},
		{"ECサイト 改善（株式会社ミナト）", 8, ""},
		{"ECサイト改善（株式会社ミナト）", 0, CodeChoiceUnknown},
		{"ECサイト - 株式会社ミナト", 7, ""},
		{"ECサイトをつくる", 0, CodeChoiceUnknown},
		{"プレス加工工場のＣＯ２排出量を見える化する【丸三製作所】", 9, ""},
		{"#9", 9, ""},
		{"＃９ 何でも", 9, ""},
		{"#9: プレス加工", 9, ""},
		{"9", 9, ""},
		{"９", 9, ""},
		{"9 プレス加工工場のCO2排出量を見える化する（丸三）", 9, ""},
		{"9 ECサイト", 0, CodeChoiceUnknown},
		{"#99", 0, CodeChoiceUnknown},
		{"99", 0, CodeChoiceUnknown},
		{"100年企業のブランドづくり", 11, ""},
		{"100 商店街のSNS発信", 100, ""},
		{"動画制作", 0, CodeChoiceAmbiguous},
		{"動画制作（A社）", 0, CodeChoiceAmbiguous},
		{"#13 動画制作", 13, ""},
		{"", 0, CodeChoiceUnknown},
	} {
		id, code := c.resolve(tc.answer)
		if id != tc.id || code != tc.code {
			t.Errorf("resolve(%q) = %d %q, want %d %q", tc.answer, id, code, tc.id, tc.code)
		}
	}
}

func TestImportKatakanaReading(t *testing.T) {
	for in, want := range map[string]string{
		"ヤマダ タロウ":  "ヤマダ タロウ",
		"やまだ　たろう":  "ヤマダ タロウ",
		"ﾔﾏﾀﾞ ﾀﾛｳ": "ヤマダ タロウ",
		"ゔぁいおりん":   "ヴァイオリン",
		"すずき・まりー":  "スズキ・マリー",
		" サトウ ":    "サトウ",
		"山田 太郎":    "",
		"Yamada":   "",
		"やまだ taro": "",
		"":         "",
	} {
		if got := katakanaReading(in); got != want {
			t.Errorf("katakanaReading(%q) = %q, want %q", in, got, want)
		}
	}
}
