package refdata

import "testing"

func TestCountries(t *testing.T) {
	d := mustLoad(t)
	ja, en := d.Countries(false), d.Countries(true)
	if len(ja) != 249 || len(en) != 249 {
		t.Fatalf("%d and %d countries, want the 249 of ISO 3166-1", len(ja), len(en))
	}
	// Japan first, then 五十音順 by reading; English by name.
	wantJA := []string{"JP", "IS", "IE", "AZ", "AF", "US"} // 日本, アイスランド, アイルランド, アゼルバイジャン, アフガニスタン, アメリカ合衆国
	for i, code := range wantJA {
		if ja[i].Code != code {
			t.Errorf("Japanese order %d: %s %s, want %s", i, ja[i].Code, ja[i].NameJA, code)
		}
	}
	wantEN := []string{"JP", "AF", "AX", "AL"} // Japan, Afghanistan, Åland Islands, Albania
	for i, code := range wantEN {
		if en[i].Code != code {
			t.Errorf("English order %d: %s %s, want %s", i, en[i].Code, en[i].NameEN, code)
		}
	}
	for _, c := range []struct{ typed, code string }{
		{"JP", "JP"}, {"jp", "JP"}, {"ＪＰ", "JP"}, {"日本", "JP"}, {"japan", "JP"}, {"ニホン", "JP"},
		{"韓国", "KR"}, {"South Korea", "KR"}, {"ベトナム", "VN"}, {"北マケドニア", "MK"}, {"Türkiye", "TR"}, {" ブラジル ", "BR"},
	} {
		if got, ok := d.CountryNamed(c.typed); !ok || got.Code != c.code {
			t.Errorf("CountryNamed(%q) = %s %v, want %s", c.typed, got.Code, ok, c.code)
		}
	}
	for _, typed := range []string{"", "XX", "ZZ", "日", "Japa"} {
		if got, ok := d.CountryNamed(typed); ok {
			t.Errorf("CountryNamed(%q) = %s, want none", typed, got.Code)
		}
	}
	// 韓国 is found under カ, not after every katakana name.
	pos := map[string]int{}
	for i, c := range ja {
		pos[c.Code] = i
	}
	if !(pos["GH"] < pos["KR"] && pos["KR"] < pos["KH"]) { // ガーナ < カンコク < カンボジア
		t.Errorf("韓国 at %d between ガーナ %d and カンボジア %d", pos["KR"], pos["GH"], pos["KH"])
	}
}
