package domain

import "testing"

func TestStorableText(t *testing.T) {
	cases := map[string]bool{
		"":      true,
		"山田 花子": true,
		"ﾎｰﾑﾍﾟｰｼﾞ\n\t改行とタブ":      true,
		"\uFFFD (a replacement)": true, // valid UTF-8, stored as it is
		"a\x00b":                 false,
		"\x00":                   false,
		"a\xffb":                 false, // not UTF-8
		"\xe5\xb1":               false, // a character cut short
		"\xed\xa0\x80":           false, // a surrogate half encoded as UTF-8
		"\x82\xa0":               false, // Shift_JIS あ
	}
	for s, want := range cases {
		if got := StorableText(s); got != want {
			t.Errorf("StorableText(%q) = %v, want %v", s, got, want)
		}
	}
}
