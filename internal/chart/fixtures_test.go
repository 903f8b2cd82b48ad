package chart

import (
	"fmt"
	"html/template"
)

// Fixtures shared by the golden and structure tests.

func prefectureBar() Bar {
	return Bar{
		ID:     "entries-by-prefecture",
		Title:  "都道府県別の応募数と内定数",
		Desc:   "応募は東京都が最多の 128 件、内定は 12 件。",
		Labels: []string{"東京都", "神奈川県", "埼玉県", "千葉県", "北海道", "大阪府"},
		Series: []Series{
			{Name: "応募 Entries", Values: []float64{128, 64, 41, 37, 9, 1204}},
			{Name: "内定 Offers", Values: []float64{12, 7, 3, 0, 1, 25}},
		},
		Unit: "件",
	}
}

func projectStack() Bar {
	return Bar{
		ID:    "Status by project",
		Title: "案件別の選考状況",
		Desc:  "5 案件の選考段階ごとの人数。",
		Labels: []string{
			"商店街のECサイト立ち上げと販路開拓を一緒に進めてくれる副業人材の募集",
			"町工場の広報支援",
			"羽田空港周辺の観光PR & SNS運用 <script>alert(\"x\")</script>",
			"Website renewal for a local sentō (public bath)",
			"子ども食堂の会計",
		},
		Series: []Series{
			{Name: "書類選考", Values: []float64{14, 3, 22, 5, 0}},
			{Name: "面談", Values: []float64{6, 2, 9, 1, 0}},
			{Name: "内定", Values: []float64{2, 1, 3, 0, 0}},
		},
		Unit:       "人",
		Horizontal: true,
		Stacked:    true,
	}
}

func changeBar() Bar {
	return Bar{
		ID:         "change",
		Title:      "前年比の増減",
		Labels:     []string{"大田区", "品川区", "目黒区"},
		Series:     []Series{{Name: "増減", Values: []float64{12.5, -3.25, 0}}},
		Unit:       "ポイント",
		Horizontal: true,
	}
}

func entriesLine() Line {
	var labels []string
	var entries, offers []float64
	for day := 1; day <= 30; day++ {
		labels = append(labels, fmt.Sprintf("4月%d日", day))
		entries = append(entries, float64((day*7)%5+day%3))
		offers = append(offers, float64(day%4/3))
	}
	return Line{
		ID:         "entries-over-time",
		Title:      "4月の応募数の累計",
		Desc:       "4月末までの応募と内定の累計。",
		Labels:     labels,
		Series:     []Series{{Name: "応募", Values: entries}, {Name: "内定", Values: offers}},
		Unit:       "件",
		Cumulative: true,
	}
}

func weeklyLine() Line {
	return Line{
		ID:     "weekly",
		Title:  "Weekly entries",
		Labels: []string{"2026-04-06", "2026-04-13", "2026-04-20", "2026-04-27", "2026-05-04"},
		Series: []Series{{Values: []float64{3, 8, 5, 0, 11}}},
	}
}

func selectionFunnel() Funnel {
	return Funnel{
		ID:     "selection",
		Title:  "2026年度の選考ファネル",
		Desc:   "応募 412 件のうち完了は 18 件。",
		Steps:  []string{"応募 Entry", "書類選考 Screening", "内定 Offer", "協定締結 Agreement", "完了 Completion"},
		Values: []float64{412, 160, 41, 33, 18},
		RateLabel: func(from, to string, rate float64) string {
			return fmt.Sprintf("%.0f%%", rate*100)
		},
	}
}

// goldens are the charts kept in testdata, by file name.
func goldens() map[string]func() (template.HTML, error) {
	zero := prefectureBar()
	zero.ID, zero.Series = "zero", []Series{{Name: "応募", Values: make([]float64, 6)}}
	single := weeklyLine()
	single.ID, single.Labels, single.Series = "single", single.Labels[:1], []Series{{Values: []float64{7}}}
	vstack := projectStack()
	vstack.ID, vstack.Horizontal = "vstack", false
	hgroup := prefectureBar()
	hgroup.ID, hgroup.Horizontal = "hgroup", true
	emptyFunnel := selectionFunnel()
	emptyFunnel.ID, emptyFunnel.Values, emptyFunnel.RateLabel = "empty-funnel", []float64{4, 0, 0, 0, 0}, nil
	return map[string]func() (template.HTML, error){
		"bar_vertical_grouped.svg":   prefectureBar().SVG,
		"bar_horizontal_grouped.svg": hgroup.SVG,
		"bar_horizontal_stacked.svg": projectStack().SVG,
		"bar_vertical_stacked.svg":   vstack.SVG,
		"bar_negative.svg":           changeBar().SVG,
		"bar_all_zero.svg":           zero.SVG,
		"line_cumulative.svg":        entriesLine().SVG,
		"line_weekly.svg":            weeklyLine().SVG,
		"line_single_point.svg":      single.SVG,
		"funnel.svg":                 selectionFunnel().SVG,
		"funnel_mostly_zero.svg":     emptyFunnel.SVG,
	}
}
