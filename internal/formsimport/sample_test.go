package formsimport

import (
	"bytes"
	"reflect"
	"testing"
	"time"
)

// The sample file in every form the importer accepts gives the same rows.
func TestSampleFile(t *testing.T) {
	crlf := readTestdata(t, "entries_ja.csv")
	variants := []struct {
		name string
		data []byte
		enc  Encoding
	}{
		{"utf8 crlf", crlf, UTF8},
		{"utf8 bom", append([]byte("\uFEFF"), crlf...), UTF8},
		{"utf8 lf", bytes.ReplaceAll(crlf, []byte("\r\n"), []byte("\n")), UTF8},
		{"shift_jis", toShiftJIS(t, crlf), ShiftJIS},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			r, got := readAll(t, v.data, nil)
			if r.Encoding() != v.enc {
				t.Errorf("Encoding = %q, want %q", r.Encoding(), v.enc)
			}
			if r.BytesRead() != int64(len(v.data)) {
				t.Errorf("BytesRead = %d, want %d", r.BytesRead(), len(v.data))
			}
			checkSample(t, got)
		})
	}
}

func checkSample(t *testing.T, got []outcome) {
	t.Helper()
	jst := time.FixedZone("JST", 9*3600)
	type want struct {
		row, line int
		code      string
		args      map[string]any
	}
	wants := []want{
		{2, 2, "", nil},
		{3, 4, "", nil},
		{4, 5, CodeEmpty, nil},
		{5, 6, CodeDuplicateEmail, map[string]any{"FirstRow": 2}},
		{6, 7, CodeEmailInvalid, map[string]any{"Email": "jiro.sato@example"}},
		{7, 10, CodeChoiceMissing, nil},
		{8, 11, "", nil},
	}
	if len(got) != len(wants) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		switch {
		case w.code == "" && g.prob != nil:
			t.Errorf("row %d: problem %v, want a record", w.row, g.prob)
		case w.code == "" && (g.rec.Row != w.row || g.rec.Line != w.line):
			t.Errorf("record at row %d line %d, want row %d line %d", g.rec.Row, g.rec.Line, w.row, w.line)
		case w.code != "" && g.prob == nil:
			t.Errorf("row %d: record, want %s", w.row, w.code)
		case w.code != "":
			wp := Problem{Row: w.row, Line: w.line, Code: w.code, Args: w.args}
			if !reflect.DeepEqual(*g.prob, wp) {
				t.Errorf("problem %v, want %v", g.prob, wp)
			}
		}
	}
	taro := got[0].rec
	wantTaro := Record{
		Row: 2, Line: 2,
		SubmittedAt: time.Date(2021, 7, 15, 10, 23, 45, 0, jst),
		Email:       "taro.yamada@example.com",
		Name:        "山田 太郎",
		Furigana:    "ヤマダ タロウ",
		Choices:     []string{"町工場の技術を伝えるブランドづくり", "観光協会の Web リニューアル"},
		Motivation:  "地元のものづくりを応援したくて応募しました。\n週末を中心に関わりたいと考えています。",
		Residence:   "東京都世田谷区",
		Hometown:    "群馬県太田市",
		Skills:      "Web マーケティング、SNS 運用",
		Hours:       "20時間",
		Phone:       "090-0000-0001",
		Extra:       map[string]string{"本プログラムを知ったきっかけ": "X（旧Twitter）"},
	}
	if !taro.SubmittedAt.Equal(wantTaro.SubmittedAt) {
		t.Errorf("SubmittedAt = %v, want %v", taro.SubmittedAt, wantTaro.SubmittedAt)
	}
	taro.SubmittedAt = wantTaro.SubmittedAt
	if !reflect.DeepEqual(taro, wantTaro) {
		t.Errorf("row 2 =\n%+v\nwant\n%+v", taro, wantTaro)
	}
	hanako := got[1].rec
	if hanako.Email != "hanako.suzuki@example.org" || hanako.Name != "鈴木 花子" ||
		hanako.Furigana != "スズキ ハナコ" || hanako.Phone != "080-0000-0002" ||
		!hanako.SubmittedAt.Equal(time.Date(2021, 7, 5, 9, 3, 4, 0, jst)) {
		t.Errorf("row 3 = %+v", hanako)
	}
	if want := []string{"観光協会の Web リニューアル", "商店街の EC サイト立ち上げ"}; !reflect.DeepEqual(hanako.Choices, want) {
		t.Errorf("row 3 choices = %q, want %q", hanako.Choices, want)
	}
}

func TestSampleColumns(t *testing.T) {
	r, err := NewReader(bytes.NewReader(readTestdata(t, "entries_ja.csv")), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []Field
	for _, c := range r.Columns() {
		got = append(got, c.Field)
	}
	want := []Field{FieldSubmittedAt, FieldEmail, FieldName, FieldFurigana, FieldResidence, FieldHometown,
		FieldChoice1, FieldChoice2, FieldChoice3, FieldMotivation, FieldSkills, FieldHours, FieldPhone, FieldExtra}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields = %v, want %v", got, want)
	}
}
