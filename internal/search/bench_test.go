package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// benchDescription is a typical project description of about 300 characters.
var benchDescription = strings.Repeat("大田区の町工場で、創業60年の金属加工メーカーです。"+
	"ホームページを刷新し、ＥＣサイトとInstagramで新商品の魅力を発信して販路開拓につなげたい。"+
	"副業人材と一緒にCO2排出量を見える化し、3Dプリンタを活用した試作品づくりにも挑戦します。"+
	"月20時間程度、リモート中心、キックオフのみ現地。", 2)

func BenchmarkTerms(b *testing.B) {
	a := analyzer(b)
	text := string([]rune(benchDescription)[:300])
	if n := utf8.RuneCountInString(text); n != 300 {
		b.Fatalf("description has %d characters", n)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		a.Terms(text)
	}
}

func BenchmarkParse(b *testing.B) {
	a := analyzer(b)
	b.ReportAllocs()
	for b.Loop() {
		q := a.Parse(`販路開拓 "ホームページ 刷新" ＥＣ OR 通販 -東京`)
		q.FTS5()
		q.TSQuery()
	}
}

func BenchmarkHighlight(b *testing.B) {
	a := analyzer(b)
	q := a.Parse("販路開拓 副業 co2")
	text := string([]rune(benchDescription)[:300])
	b.ReportAllocs()
	for b.Loop() {
		a.Highlight(text, q)
	}
}
