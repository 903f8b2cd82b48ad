package refdata

import (
	"math"
	"testing"
)

func TestContrastRatioFormula(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#FFFFFF", "#000000", 21},
		{"#000000", "#FFFFFF", 21}, // order does not matter
		{"#E5243B", "#E5243B", 1},
		{"#777777", "#FFFFFF", 4.48}, // the classic "just fails AA" grey
		{"#767676", "#FFFFFF", 4.54}, // the lightest grey that passes AA on white
		{"#FF0000", "#FFFFFF", 4.00},
	}
	for _, tt := range tests {
		got, err := contrastRatio(tt.a, tt.b)
		if err != nil || math.Abs(got-tt.want) > 0.005 {
			t.Errorf("contrastRatio(%s, %s) = %.3f, %v; want %.2f", tt.a, tt.b, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "FFFFFF", "#FFF", "#GGGGGG", "#FFFFFFF"} {
		if _, err := contrastRatio(bad, "#000000"); err == nil {
			t.Errorf("contrastRatio(%q, ...) accepted a malformed colour", bad)
		}
	}
}

func TestSDGTextContrast(t *testing.T) {
	d := mustLoad(t)
	for _, s := range d.SDGs() {
		ratio, err := contrastRatio(s.TextColor, s.Color)
		if err != nil {
			t.Errorf("goal %d: %v", s.Goal, err)
			continue
		}
		if ratio < 4.5 {
			t.Errorf("goal %d: %s on %s has contrast %.2f:1, want >= 4.5:1", s.Goal, s.TextColor, s.Color, ratio)
		}
	}
}

func TestSDGs(t *testing.T) {
	d := mustLoad(t)
	colours := []string{"#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2",
		"#FCC30B", "#A21942", "#FD6925", "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44",
		"#0A97D9", "#56C02B", "#00689D", "#19486A"}
	for i, s := range d.SDGs() {
		if s.Goal != i+1 || s.Color != colours[i] {
			t.Errorf("SDGs()[%d] = goal %d colour %s; want goal %d colour %s", i, s.Goal, s.Color, i+1, colours[i])
		}
	}
	want := map[int][2]string{
		1:  {"貧困をなくそう", "No Poverty"},
		7:  {"エネルギーをみんなに そしてクリーンに", "Affordable and Clean Energy"},
		9:  {"産業と技術革新の基盤をつくろう", "Industry, Innovation and Infrastructure"},
		12: {"つくる責任 つかう責任", "Responsible Consumption and Production"},
		16: {"平和と公正をすべての人に", "Peace, Justice and Strong Institutions"},
		17: {"パートナーシップで目標を達成しよう", "Partnerships for the Goals"},
	}
	for goal, names := range want {
		s, ok := d.SDG(goal)
		if !ok || s.NameJA != names[0] || s.NameEN != names[1] {
			t.Errorf("SDG(%d) = %+v, %v; want %s / %s", goal, s, ok, names[0], names[1])
		}
	}
	for _, goal := range []int{0, 18, -1} {
		if _, ok := d.SDG(goal); ok {
			t.Errorf("SDG(%d) found, want not found", goal)
		}
	}
}
