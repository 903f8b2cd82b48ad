package formsimport

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestRecognise(t *testing.T) {
	tests := []struct {
		header string
		want   Field
	}{
		{"タイムスタンプ", FieldSubmittedAt},
		{"Timestamp", FieldSubmittedAt},
		{"メールアドレス", FieldEmail},
		{"メール", FieldEmail},
		{"Email Address", FieldEmail},
		{"E-mail", FieldEmail},
		{"メールアドレス（確認用）", FieldExtra},
		{"メールアドレス（必須）", FieldEmail},
		{"氏名", FieldName},
		{"お名前（必須）", FieldName},
		{"名前 *", FieldName},
		{"Name (required)", FieldName},
		{"ｵ名前", FieldExtra},
		{"フリガナ", FieldFurigana},
		{"ふりがな", FieldFurigana},
		{"ﾌﾘｶﾞﾅ", FieldFurigana},
		{"氏名（フリガナ）", FieldFurigana},
		{"お名前 (フリガナ)（必須）", FieldFurigana},
		{"お名前（全角カタカナ）", FieldFurigana},
		{"第1希望", FieldChoice1},
		{"第１希望", FieldChoice1},
		{"第一希望", FieldChoice1},
		{"第二希望", FieldChoice2},
		{"第3希望のプロジェクト", FieldChoice3},
		{"希望プロジェクト（第1希望）", FieldChoice1},
		{"希望プロジェクト（第4希望）（任意）", FieldChoice4},
		{"希望プロジェクト [第5希望]", FieldChoice5},
		{"第1希望の理由", FieldExtra},
		{"第6希望", FieldExtra},
		{"1st choice", FieldChoice1},
		{"Second choice", FieldChoice2},
		{"Choice 3", FieldChoice3},
		{"Project [4th choice]", FieldChoice4},
		{"Reason for first choice", FieldExtra},
		{"志望動機", FieldMotivation},
		{"応募動機（400字程度）", FieldMotivation},
		{"動機", FieldMotivation},
		{"Motivation", FieldMotivation},
		{"居住地", FieldResidence},
		{"お住まい", FieldResidence},
		{"お住まいの市区町村", FieldResidence},
		{"出身地", FieldHometown},
		{"スキル", FieldSkills},
		{"得意分野", FieldSkills},
		{"スキル・得意分野", FieldSkills},
		{"稼働可能時間", FieldHours},
		{"月の稼働時間（目安）", FieldHours},
		{"電話番号", FieldPhone},
		{"Phone number", FieldPhone},
		{"本プログラムを知ったきっかけ", FieldExtra},
		{"", FieldExtra},
		{"(必須)", FieldExtra},
		{"\uFEFFタイムスタンプ", FieldSubmittedAt},
	}
	for _, tt := range tests {
		if got, _ := recognise(tt.header); got != tt.want {
			t.Errorf("recognise(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestEnglishHeaders(t *testing.T) {
	data := csvText(
		"Timestamp,Email Address,Name,Furigana,1st choice,2nd choice,Motivation,Hometown,Skills,Hours per month,Phone",
		`7/15/2021 10:23:45,alex@example.com,Alex Smith,アレックス スミス,Brand design,,"I like Ota.",Ota,Design,10,+81-90-0000-0000`,
	)
	_, got := readAll(t, data, nil)
	if len(got) != 1 || got[0].prob != nil {
		t.Fatalf("got %+v", got)
	}
	rec := got[0].rec
	if rec.Email != "alex@example.com" || rec.Name != "Alex Smith" || rec.Furigana != "アレックス スミス" ||
		!reflect.DeepEqual(rec.Choices, []string{"Brand design"}) || rec.Hours != "10" ||
		rec.SubmittedAt.Format("2006-01-02 15:04:05") != "2021-07-15 10:23:45" || rec.Extra != nil {
		t.Errorf("record = %+v", rec)
	}
}

func TestHeaderMissing(t *testing.T) {
	tests := []struct {
		header  string
		missing []Field
	}{
		{"タイムスタンプ,氏名,第1希望", []Field{FieldEmail}},
		{"タイムスタンプ,メールアドレス,第1希望", []Field{FieldName}},
		{"タイムスタンプ,メールアドレス,氏名,志望動機", []Field{FieldChoice1}},
		{"連絡先,おなまえ,行きたいところ", []Field{FieldEmail, FieldName, FieldChoice1}},
	}
	for _, tt := range tests {
		_, err := NewReader(bytes.NewReader(csvText(tt.header)), nil)
		fe := fileError(t, err)
		if fe.Code != CodeHeaderMissing || !reflect.DeepEqual(fe.Missing, tt.missing) {
			t.Errorf("%s: code %s missing %v, want %v", tt.header, fe.Code, fe.Missing, tt.missing)
		}
		headers := strings.Split(tt.header, ",")
		if !reflect.DeepEqual(fe.Headers, headers) || fe.Args["Headers"] != strings.Join(headers, " | ") {
			t.Errorf("%s: headers %q / %v", tt.header, fe.Headers, fe.Args["Headers"])
		}
		for _, h := range headers {
			if !strings.Contains(fe.Error(), h) {
				t.Errorf("message %q does not list %q", fe.Error(), h)
			}
		}
		for _, f := range tt.missing {
			if !strings.Contains(fe.Args["Missing"].(string), string(f)) || !strings.Contains(fe.Error(), string(f)) {
				t.Errorf("%s: %q does not name %s", tt.header, fe.Error(), f)
			}
		}
	}
}

func TestHeaderDuplicate(t *testing.T) {
	// Two titles found as written: ambiguous.
	_, err := NewReader(bytes.NewReader(csvText("メールアドレス,Email,氏名,第1希望")), nil)
	fe := fileError(t, err)
	if fe.Code != CodeHeaderDuplicate || fe.Args["Field"] != "email" || fe.Args["Headers"] != "メールアドレス | Email" {
		t.Errorf("got %v", fe)
	}
	// The title found as written wins over one found by dropping a note.
	r, err := NewReader(bytes.NewReader(csvText("お名前（ローマ字）,お名前,メールアドレス,第1希望")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c := r.Columns(); c[0].Field != FieldExtra || c[1].Field != FieldName {
		t.Errorf("columns = %+v", c)
	}
}

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		code string
		line int
	}{
		{"empty", nil, CodeFileEmpty, 0},
		{"bom only", []byte("\uFEFF"), CodeFileEmpty, 0},
		{"blank lines", []byte("\r\n\r\n"), CodeFileEmpty, 0},
		{"utf-16", []byte{0xFF, 0xFE, 'a', 0, ',', 0}, CodeFileEncoding, 0},
		{"binary", []byte{0x80, 0xFF, 0xFE, 0x00, 0xFD, 0xFF}, CodeFileEncoding, 0},
		{"bad quote in header", []byte("\"メールアドレス\"x,氏名,第1希望\r\n"), CodeFileSyntax, 1},
		{"shift_jis bytes with no character", []byte("\x85\x40,\x82\xa0\r\n"), CodeFileEncoding, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(bytes.NewReader(tt.data), nil)
			fe := fileError(t, err)
			if fe.Code != tt.code || fe.Line != tt.line {
				t.Errorf("got %s line %d, want %s line %d (%v)", fe.Code, fe.Line, tt.code, tt.line, fe)
			}
		})
	}
}

func TestExtraColumns(t *testing.T) {
	data := csvText(
		"メールアドレス,氏名,第2希望,第1希望,備考,備考,,職業",
		"a@example.com,山田 太郎,B,A,x,y,z,会社員",
	)
	_, got := readAll(t, data, Mapping{"職業": FieldIgnore})
	rec := got[0].rec
	if !reflect.DeepEqual(rec.Choices, []string{"A", "B"}) {
		t.Errorf("choices = %q, want rank order", rec.Choices)
	}
	want := map[string]string{"備考": "x", "備考 #6": "y", "#7": "z"}
	if !reflect.DeepEqual(rec.Extra, want) {
		t.Errorf("extra = %q, want %q", rec.Extra, want)
	}
}
