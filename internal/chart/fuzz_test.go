package chart

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"testing"
)

// FuzzBar renders bars from arbitrary labels and values: it must not
// panic, and must give either well-formed, accessible SVG or ErrInvalid.
//
// labels is split on "|" (one category each); raw gives the values, two
// bytes (an int16, divided by 4) per value, filling nSeries series in
// turn; special, if not zero, replaces the first value.
func FuzzBar(f *testing.F) {
	f.Add("東京都|神奈川県|埼玉県", []byte{1, 0, 2, 0, 3, 0}, 0.0, uint8(1), false, false, "id", "件")
	f.Add("商店街のECサイト立ち上げと販路開拓を一緒に進めてくれる副業人材の募集|b", []byte{0, 1, 0, 2, 9, 9, 0, 0}, 0.0, uint8(2), true, true, "x", "人")
	f.Add(`<script>alert("&")</script>|'q'`, []byte{255, 255, 0, 0}, 0.0, uint8(1), true, false, "<ID>", `"&`)
	f.Add("a|b", []byte{0, 0, 0, 0}, math.NaN(), uint8(1), false, true, "z", "")
	f.Add("a", []byte{0, 0}, math.Inf(1), uint8(1), false, false, "z", "")
	f.Add("a", []byte{0, 0}, 1e16, uint8(1), true, false, "z", "")
	f.Add("a", []byte{0, 0}, 1e15, uint8(1), true, false, "z", "")
	f.Add("a", []byte{0, 0}, 5e-324, uint8(1), false, false, "z", "")
	f.Add("a|b", []byte{0, 128, 0, 0}, 0.0, uint8(1), false, true, "neg", "")
	f.Add("\xff\x00\ufffe|\u202e|", []byte{7, 0, 7, 0, 7, 0}, 0.0, uint8(1), true, false, "ctl", "\x01")
	f.Add("", []byte{}, 0.0, uint8(1), false, false, "empty", "")
	f.Add("a|b|c", []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 0.0, uint8(7), false, false, "many", "")
	f.Fuzz(func(t *testing.T, labels string, raw []byte, special float64, nSeries uint8, horizontal, stacked bool, id, unit string) {
		var ls []string
		if labels != "" {
			ls = strings.Split(labels, "|")
		}
		if len(ls) > 200 {
			t.Skip("too many categories to be interesting")
		}
		var series []Series
		for s := range int(nSeries % 8) {
			ser := Series{Name: strings.Repeat("系", s+1)}
			for i := range ls {
				k := 2 * (s*len(ls) + i)
				if k+2 > len(raw) {
					break // short series: ErrInvalid
				}
				ser.Values = append(ser.Values, float64(int16(binary.LittleEndian.Uint16(raw[k:])))/4)
			}
			series = append(series, ser)
		}
		if special != 0 && len(series) > 0 && len(series[0].Values) > 0 {
			series[0].Values[0] = special
		}
		b := Bar{ID: id, Title: labels + "のグラフ", Labels: ls, Series: series, Unit: unit,
			Horizontal: horizontal, Stacked: stacked}
		out, err := b.SVG()
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			if out != "" {
				t.Fatal("output with an error")
			}
			return
		}
		root, perr := parse(out)
		if perr != nil {
			t.Fatalf("not well-formed: %v\n%s", perr, out)
		}
		if root.attrs["role"] != "img" || root.child("title") == nil {
			t.Fatal("not an accessible image")
		}
		if err := badGeometry(root); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(out), "<script") {
			t.Fatal("output contains <script")
		}
		if items := root.all(is("g", "item")); len(items) != len(ls) {
			t.Fatalf("%d items for %d labels", len(items), len(ls))
		}
	})
}
