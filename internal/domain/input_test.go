package domain

import (
	"testing"
	"time"
)

func TestNormalizeText(t *testing.T) {
	for in, want := range map[string]string{
		"１２３":        "123",
		"　ＡＢＣ　":      "ABC",
		"ﾔﾏﾀﾞ":       "ヤマダ",
		"山田　花子":      "山田 花子",
		" plain ":    "plain",
		"":           "",
		"①":          "1",
		"１，０００円":     "1,000円",
		"東京都千代田区１－１": "東京都千代田区1-1",
	} {
		if got := NormalizeText(in); got != want {
			t.Errorf("NormalizeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		"ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ":     "taro@example.jp",
		"ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＪＰ":     "taro@example.jp",
		"  Taro@Example.JP\t": "taro@example.jp",
		"taro@example.jp":     "taro@example.jp",
		"ｈａｎａｋｏ．ｓ＋ｔｓｕｎａｇｕ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ": "hanako.s+tsunagu@example.co.jp",
	} {
		if got := NormalizeEmail(in); got != want {
			t.Errorf("NormalizeEmail(%q) = %q, want %q", in, got, want)
		}
	}
	u := User{Email: NormalizeEmail("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"), Name: "山田 太郎"}
	if err := u.Validate(); err != nil {
		t.Errorf("a full-width address, normalised, is not valid: %v", err)
	}
}

func TestNormalizeKana(t *testing.T) {
	cases := []struct {
		in, want string
		reading  bool // IsKatakanaReading of the result
	}{
		{"やまだ はなこ", "ヤマダ ハナコ", true},
		{"やまだ　はなこ", "ヤマダ ハナコ", true},
		{"  やまだ   はなこ ", "ヤマダ ハナコ", true},
		{"ヤマダ ハナコ", "ヤマダ ハナコ", true},
		{"ﾔﾏﾀﾞ ﾊﾅｺ", "ヤマダ ハナコ", true},
		{"ゆうこ", "ユウコ", true},
		{"さとー", "サトー", true},
		{"ｻﾄｰ", "サトー", true},
		{"さと－", "サトー", true},   // full-width hyphen-minus after kana
		{"さと-", "サトー", true},   // ASCII hyphen after kana
		{"さと―", "サトー", true},   // horizontal bar after kana
		{"ゔぃーな", "ヴィーナ", true}, // ゔ is in the hiragana block too
		{"いすゞ", "イスヾ", true},
		{"やまだ・はなこ", "ヤマダ・ハナコ", true},
		{"山田 花子", "山田 花子", false},
		{"yamada", "yamada", false},
		{"-やまだ", "-ヤマダ", false}, // a dash not after kana is no long vowel
		{"", "", false},
	}
	for _, c := range cases {
		got := NormalizeKana(c.in)
		if got != c.want {
			t.Errorf("NormalizeKana(%q) = %q, want %q", c.in, got, c.want)
		}
		if IsKatakanaReading(got) != c.reading {
			t.Errorf("IsKatakanaReading(NormalizeKana(%q)) = %v, want %v", c.in, !c.reading, c.reading)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]int{
		"１２３":    123,
		"２０":     20,
		" 20 ":   20,
		"１，０００":  1000,
		"50,000": 50000,
		"０":      0,
		"-5":     -5,
	} {
		got, err := ParseNumber(in)
		if err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %d, %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "二十", "20時間", "1.5"} {
		if got, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %d, want an error", in, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2025, 4, 1, 0, 0, 0, 0, Japan())
	for _, in := range []string{"2025-04-01", "２０２５－０４－０１", "2025/04/01", "２０２５／０４／０１", " 2025-04-01 "} {
		got, err := ParseDate(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v, want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2025年4月1日", "2025-13-01"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q): want an error", in)
		}
	}
	at, err := ParseDateTime("２０２５－０４－０１", "１４：３０")
	if want := time.Date(2025, 4, 1, 14, 30, 0, 0, Japan()); err != nil || !at.Equal(want) {
		t.Errorf("ParseDateTime = %v, %v, want %v", at, err, want)
	}
}

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"090-1234-5678": "090-1234-5678",
		"09012345678":   "09012345678",
		"090ー1234ー5678": "090-1234-5678",
		"０９０－１２３４－５６７８":     "090-1234-5678",
		"０９０ー１２３４ー５６７８":     "090-1234-5678",
		"090‐1234‐5678":     "090-1234-5678",
		"090−1234−5678":     "090-1234-5678",
		"090 1234 5678":     "090-1234-5678",
		"(03) 1234-5678":    "03-1234-5678",
		"03-1234-5678":      "03-1234-5678",
		"0312345678":        "0312345678",
		"+81 90-1234-5678":  "090-1234-5678",
		"+819012345678":     "09012345678",
		"090--1234--5678":   "090-1234-5678",
		" -090-1234-5678- ": "090-1234-5678",
		"":                  "",
		"　":                 "",
	} {
		got, err := NormalizePhone(in)
		if err != nil || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{
		"090-123-456",    // 9 digits
		"090-1234-56789", // 12 digits
		"190-1234-5678",  // does not start with 0
		"090-1234-5678 内線12",
		"tel:09012345678",
		"090.1234.5678",
	} {
		_, err := NormalizePhone(in)
		var e *Error
		if err == nil {
			t.Errorf("NormalizePhone(%q): want an error", in)
			continue
		}
		if !asError(err, &e) || e.Code != CodeInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "phone" ||
			e.Fields[0].Key != "error.phone" {
			t.Errorf("NormalizePhone(%q) = %#v, want a validation error on phone", in, err)
		}
	}
}

func asError(err error, e **Error) bool {
	de, ok := err.(*Error)
	*e = de
	return ok
}

func TestTalentNormalizeReading(t *testing.T) {
	tl := Talent{Name: "　山田　花子　", NameKana: "やまだ　はなこ", Background: "ＧＯ歴５年", ResidenceCountry: "JP"}
	tl.Normalize()
	if tl.Name != "山田 花子" || tl.NameKana != "ヤマダ ハナコ" || tl.Background != "GO歴5年" {
		t.Fatalf("Normalize = %q %q %q", tl.Name, tl.NameKana, tl.Background)
	}
	if err := tl.Validate(); err != nil {
		t.Fatalf("a reading typed in hiragana is refused: %v", err)
	}
}
