package search

import (
	"strings"
	"testing"
)

// render shows segments with matches in [brackets].
func render(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Match {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	a := analyzer(t)
	tests := []struct{ text, query, want string }{
		{"町工場のホームページを刷新し、販路開拓につなげたい", "販路開拓 ホームページ",
			"町工場の[ホームページ]を刷新し、[販路開拓]につなげたい"},
		{"副業者を募集します。副業人材歓迎", "副業", "[副業]者を募集します。[副業]人材歓迎"},
		{"ﾎｰﾑﾍﾟｰｼﾞの制作", "ホームページ", "[ﾎｰﾑﾍﾟｰｼﾞ]の制作"},
		{"ＣＯ２排出量を見える化", "co2", "[ＣＯ２]排出量を見える化"},
		{"<b>DX</b> & SNS", "dx OR sns", "<b>[DX]</b> & [SNS]"},
		{"ホームページを作りたい", "作る", "ホームページを[作り]たい"},
		// Particles take no position, so the phrase matches across の.
		{"販路の開拓", "販路開拓", "[販路]の[開拓]"},
		{"何もない", "副業", "何もない"},
		{"副業", "", "副業"},
		{"東京の副業", "-東京", "東京の副業"},
	}
	for _, tt := range tests {
		segs := a.Highlight(tt.text, a.Parse(tt.query))
		if got := render(segs); got != tt.want {
			t.Errorf("Highlight(%q, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
		}
		var joined strings.Builder
		for _, s := range segs {
			joined.WriteString(s.Text)
		}
		if joined.String() != tt.text {
			t.Errorf("Highlight(%q, %q) joined = %q", tt.text, tt.query, joined.String())
		}
	}
}
