package formsimport

import (
	"reflect"
	"strings"
	"testing"
)

func TestMappingOverrides(t *testing.T) {
	m, err := LoadMapping(strings.NewReader(`{
		"columns": {
			"ご連絡先": "email",
			"参加したいプロジェクト": "choice1",
			"次に参加したいプロジェクト": "choice2",
			"内部メモ": "ignore",
			"出身地": "extra"
		}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	data := csvText(
		"タイムスタンプ,メールアドレス,ご連絡先,お名前,参加したいプロジェクト,次に参加したいプロジェクト,内部メモ,出身地",
		"2021/07/15 10:00:00,old@example.com,new@example.com,山田 太郎,A,B,memo,群馬県",
	)
	r, got := readAll(t, data, m)
	var fields []Field
	var mapped []bool
	for _, c := range r.Columns() {
		fields = append(fields, c.Field)
		mapped = append(mapped, c.Mapped)
	}
	wantFields := []Field{FieldSubmittedAt, FieldExtra, FieldEmail, FieldName, FieldChoice1, FieldChoice2, FieldIgnore, FieldExtra}
	if !reflect.DeepEqual(fields, wantFields) {
		t.Errorf("fields = %v, want %v", fields, wantFields)
	}
	if want := []bool{false, false, true, false, true, true, true, true}; !reflect.DeepEqual(mapped, want) {
		t.Errorf("mapped = %v, want %v", mapped, want)
	}
	rec := got[0].rec
	if rec.Email != "new@example.com" || !reflect.DeepEqual(rec.Choices, []string{"A", "B"}) || rec.Hometown != "" {
		t.Errorf("record = %+v", rec)
	}
	if want := map[string]string{"メールアドレス": "old@example.com", "出身地": "群馬県"}; !reflect.DeepEqual(rec.Extra, want) {
		t.Errorf("extra = %v, want %v", rec.Extra, want)
	}
}

// A mapping key matches the header after NFKC, space and case folding.
func TestMappingKeyNormalised(t *testing.T) {
	data := csvText("ＭＡＩＬ　TO,Full  Name,Pick", "a@example.com,A B,X")
	_, got := readAll(t, data, Mapping{"mail to": FieldEmail, "full name": FieldName, "PICK": FieldChoice1})
	if got[0].prob != nil || got[0].rec.Email != "a@example.com" {
		t.Errorf("got %+v", got)
	}
}

func TestLoadMappingErrors(t *testing.T) {
	tests := []struct {
		name, json, code string
		args             map[string]any
	}{
		{"not json", `{"columns": `, CodeMappingInvalid, nil},
		{"array", `[]`, CodeMappingInvalid, nil},
		{"trailing", `{"columns": {}} {}`, CodeMappingInvalid, nil},
		{"unknown key", `{"colums": {}}`, CodeMappingInvalid, nil},
		{"no columns", `{}`, CodeMappingInvalid, nil},
		{"columns not object", `{"columns": ["a"]}`, CodeMappingInvalid, nil},
		{"value not string", `{"columns": {"a": 1}}`, CodeMappingInvalid, nil},
		{"empty title", `{"columns": {" ": "email"}}`, CodeMappingInvalid, nil},
		{"unknown field", `{"columns": {"連絡先": "mail"}}`, CodeMappingField,
			map[string]any{"Header": "連絡先", "Field": "mail"}},
		{"duplicate target", `{"columns": {"連絡先": "email", "メール": "email"}}`, CodeMappingDuplicate,
			map[string]any{"Field": "email", "Headers": "メール | 連絡先"}},
		{"duplicate title", `{"columns": {"連絡先": "email", "連絡先": "phone"}}`, CodeMappingDuplicate,
			map[string]any{"Field": "phone", "Headers": "連絡先 | 連絡先"}},
		{"duplicate title after NFKC", `{"columns": {"Ｅメール": "email", "eメール": "ignore"}}`, CodeMappingDuplicate,
			map[string]any{"Field": "ignore", "Headers": "Ｅメール | eメール"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadMapping(strings.NewReader(tt.json))
			fe := fileError(t, err)
			if fe.Code != tt.code {
				t.Errorf("code = %s, want %s (%v)", fe.Code, tt.code, fe)
			}
			if tt.args != nil && !reflect.DeepEqual(fe.Args, tt.args) {
				t.Errorf("args = %v, want %v", fe.Args, tt.args)
			}
			if tt.code == CodeMappingInvalid && fe.Args["Detail"] == "" {
				t.Errorf("no detail")
			}
		})
	}
}

func TestLoadMappingRepeatsAllowed(t *testing.T) {
	m, err := LoadMapping(strings.NewReader(`{"columns": {"a": "ignore", "b": "ignore", "c": "extra", "d": "extra", "e": "Choice1"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if m["e"] != FieldChoice1 || len(m) != 5 {
		t.Errorf("mapping = %v", m)
	}
}

func TestNewReaderRejectsBadMapping(t *testing.T) {
	_, err := NewReader(strings.NewReader("a,b\r\n"), Mapping{"a": "nope"})
	if fe := fileError(t, err); fe.Code != CodeMappingField {
		t.Errorf("code = %s", fe.Code)
	}
}

func TestParseField(t *testing.T) {
	for _, s := range []string{"submitted_at", "email", "name", "furigana", "choice1", "choice5", "motivation",
		"residence", "hometown", "skills", "hours", "phone", "ignore", "extra", " EMAIL "} {
		if _, err := ParseField(s); err != nil {
			t.Errorf("ParseField(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "choice0", "choice6", "mail", "e-mail"} {
		if _, err := ParseField(s); err == nil {
			t.Errorf("ParseField(%q) accepted", s)
		}
	}
}
