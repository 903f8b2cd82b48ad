package chart_test

import (
	"fmt"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/chart"
)

// A horizontal bar chart suits long Japanese project titles; Rows gives
// the cells of the table shown next to it.
func ExampleBar() {
	b := chart.Bar{
		ID:     "entries-by-project",
		Title:  "案件別の応募数",
		Desc:   "応募が最も多いのは「商店街の販路開拓」で 1,204 件。",
		Labels: []string{"商店街の販路開拓", "町工場の広報支援"},
		Series: []chart.Series{
			{Name: "応募", Values: []float64{1204, 17}},
			{Name: "内定", Values: []float64{12, 1.5}},
		},
		Unit:       "件",
		Horizontal: true,
	}
	svg, err := b.SVG() // template.HTML: write it into a page as is
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(string(svg), `aria-labelledby="entries-by-project-title entries-by-project-desc"`))
	for _, row := range b.Rows() {
		fmt.Println(strings.Join(row, " | "))
	}
	// Output:
	// true
	// 商店街の販路開拓 | 1,204 | 12
	// 町工場の広報支援 | 17 | 1.5
}

// The rate between steps can be worded by the caller.
func ExampleFunnel() {
	f := chart.Funnel{
		ID:     "selection",
		Title:  "選考の進み具合",
		Steps:  []string{"応募", "書類選考", "内定", "協定締結", "完了"},
		Values: []float64{412, 160, 41, 0, 0},
		RateLabel: func(from, to string, rate float64) string {
			return to + "率 " + chart.FormatPercent(rate)
		},
	}
	if _, err := f.SVG(); err != nil {
		fmt.Println(err)
	}
	for _, row := range f.Rows() {
		fmt.Println(strings.TrimSpace(strings.Join(row, " | ")))
	}
	// Output:
	// 応募 | 412 |
	// 書類選考 | 160 | 書類選考率 38.8%
	// 内定 | 41 | 内定率 25.6%
	// 協定締結 | 0 | 協定締結率 0%
	// 完了 | 0 | –
}
