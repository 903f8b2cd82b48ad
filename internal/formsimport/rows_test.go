package formsimport

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

const rowsHeader = "タイムスタンプ,メールアドレス,氏名,第1希望,第2希望,志望動機"

// Every row problem comes from a crafted row after a valid first row.
func TestRowProblems(t *testing.T) {
	long := func(n int) string { return strings.Repeat("あ", n) }
	tests := []struct {
		name string
		row  string
		code string
		args map[string]any
	}{
		{"accepted", "2021/07/15 10:00:00,b@example.com,鈴木 花子,A,,", "", nil},
		{"empty", ",,,,,", CodeEmpty, nil},
		{"blank cells", " ,\u3000, , , , ", CodeEmpty, nil},
		{"too few cells", "2021/07/15 10:00:00,b@example.com,鈴木 花子", CodeFieldCount, map[string]any{"Got": 3, "Want": 6}},
		{"too many cells", "2021/07/15 10:00:00,b@example.com,鈴木 花子,A,,,x", CodeFieldCount, map[string]any{"Got": 7, "Want": 6}},
		{"invalid utf-8", "2021/07/15 10:00:00,b@example.com,鈴木\xff,A,,", CodeInvalidEncoding, map[string]any{"Column": "氏名"}},
		{"NUL", "2021/07/15 10:00:00,b@example.com,鈴木 花子,A,,町工場\x00の力に", CodeInvalidEncoding, map[string]any{"Column": "志望動機"}},
		{"motivation too long", ",b@example.com,鈴木 花子,A,," + long(4001), CodeTooLong,
			map[string]any{"Column": "志望動機", "Length": 4001, "Max": 4000}},
		{"motivation at limit", ",b@example.com,鈴木 花子,A,," + long(4000), "", nil},
		{"name too long", ",b@example.com," + long(201) + ",A,,", CodeTooLong,
			map[string]any{"Column": "氏名", "Length": 201, "Max": 200}},
		{"email missing", "2021/07/15 10:00:00, ,鈴木 花子,A,,", CodeEmailMissing, nil},
		{"email no domain dot", ",b@example,鈴木 花子,A,,", CodeEmailInvalid, map[string]any{"Email": "b@example"}},
		{"email no at", ",b.example.com,鈴木 花子,A,,", CodeEmailInvalid, map[string]any{"Email": "b.example.com"}},
		{"email two at", `,"""a@b""@example.com",鈴木 花子,A,,`, CodeEmailInvalid, map[string]any{"Email": `"a@b"@example.com`}},
		{"email with name", ",Hanako <b@example.com>,鈴木 花子,A,,", CodeEmailInvalid, map[string]any{"Email": "hanako <b@example.com>"}},
		{"email two addresses", `,"b@example.com, c@example.com",鈴木 花子,A,,`, CodeEmailInvalid,
			map[string]any{"Email": "b@example.com, c@example.com"}},
		{"email dot domain", ",b@.example.com,鈴木 花子,A,,", CodeEmailInvalid, map[string]any{"Email": "b@.example.com"}},
		{"email double dot", ",b@example..com,鈴木 花子,A,,", CodeEmailInvalid, map[string]any{"Email": "b@example..com"}},
		{"email not ascii", ",鈴木@example.com,鈴木 花子,A,,", CodeEmailInvalid, map[string]any{"Email": "鈴木@example.com"}},
		{"email full-width", ",ｂ＠ｅｘａｍｐｌｅ．ｃｏｍ,鈴木 花子,A,,", "", nil},
		{"name missing", ",b@example.com,\u3000,A,,", CodeNameMissing, nil},
		{"choice missing", ",b@example.com,鈴木 花子, ,,", CodeChoiceMissing, nil},
		{"second choice only", ",b@example.com,鈴木 花子,,B,", "", nil},
		{"timestamp words", "昨日,b@example.com,鈴木 花子,A,,", CodeTimestampInvalid, map[string]any{"Value": "昨日"}},
		{"timestamp month 13", "2021/13/01 10:00:00,b@example.com,鈴木 花子,A,,", CodeTimestampInvalid,
			map[string]any{"Value": "2021/13/01 10:00:00"}},
		{"timestamp feb 30", "2021/02/30 10:00,b@example.com,鈴木 花子,A,,", CodeTimestampInvalid,
			map[string]any{"Value": "2021/02/30 10:00"}},
		{"duplicate email", ",A@Example.com,鈴木 花子,A,,", CodeDuplicateEmail, map[string]any{"FirstRow": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := csvText(rowsHeader, "2021/07/15 09:00:00,a@example.com,山田 太郎,A,B,よろしく", tt.row)
			_, got := readAll(t, data, nil)
			if len(got) != 2 || got[0].prob != nil {
				t.Fatalf("got %+v", got)
			}
			g := got[1]
			if tt.code == "" {
				if g.prob != nil {
					t.Fatalf("problem %v, want a record", g.prob)
				}
				if g.rec.Row != 3 || g.rec.Line != 3 {
					t.Errorf("record row %d line %d", g.rec.Row, g.rec.Line)
				}
				return
			}
			want := &Problem{Row: 3, Line: 3, Code: tt.code, Args: tt.args}
			if !reflect.DeepEqual(g.prob, want) {
				t.Errorf("got %v, want %v", g.prob, want)
			}
		})
	}
}

// An e-mail is remembered only from accepted rows, so a corrected
// resubmission after a rejected row is imported.
func TestDuplicateAfterRejectedRow(t *testing.T) {
	data := csvText(rowsHeader,
		",a@example.com,山田 太郎,,,",
		",a@example.com,山田 太郎,A,,",
		",A@EXAMPLE.COM,山田 太郎,B,,",
	)
	_, got := readAll(t, data, nil)
	codes := []string{got[0].prob.Code, "", got[2].prob.Code}
	if got[1].prob != nil || !reflect.DeepEqual(codes, []string{CodeChoiceMissing, "", CodeDuplicateEmail}) {
		t.Fatalf("got %+v", got)
	}
	if got[2].prob.Args["FirstRow"] != 3 {
		t.Errorf("FirstRow = %v, want 3", got[2].prob.Args["FirstRow"])
	}
}

// Blank lines are empty spreadsheet rows; multi-line answers are one row.
func TestRowAndLineNumbers(t *testing.T) {
	data := []byte(rowsHeader + "\n" +
		",a@example.com,A,X,,\"one\ntwo\r\nthree\"\n" + // row 2, lines 2-4
		"\n\r\n" + // rows 3 and 4, lines 5 and 6
		",b@example.com,B,X,,\"\n\"\n" + // row 5, lines 7-8
		",,,,,\n" + // row 6, line 9
		",c@example.com,C,X,,\n" + // row 7, line 10
		"\n\n") // trailing blank lines are not rows
	_, got := readAll(t, data, nil)
	type pos struct {
		row, line int
		code      string
	}
	var have []pos
	for _, g := range got {
		if g.prob != nil {
			have = append(have, pos{g.prob.Row, g.prob.Line, g.prob.Code})
		} else {
			have = append(have, pos{g.rec.Row, g.rec.Line, ""})
		}
	}
	want := []pos{{2, 2, ""}, {3, 5, CodeEmpty}, {4, 6, CodeEmpty}, {5, 7, ""}, {6, 9, CodeEmpty}, {7, 10, ""}}
	if !reflect.DeepEqual(have, want) {
		t.Errorf("got  %v\nwant %v", have, want)
	}
	if m := got[0].rec.Motivation; m != "one\ntwo\nthree" {
		t.Errorf("motivation = %q", m)
	}
}

// Broken quoting ends the import with the line, and stays ended.
func TestSyntaxErrorIsFatal(t *testing.T) {
	data := csvText(rowsHeader, ",a@example.com,A,X,,ok", `,b@example.com,B"C,X,,`, ",c@example.com,C,X,,")
	r, err := NewReader(bytes.NewReader(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, p, err := r.Next(); p != nil || err != nil {
		t.Fatalf("first row: %v %v", p, err)
	}
	for range 2 {
		_, _, err := r.Next()
		fe := fileError(t, err)
		if fe.Code != CodeFileSyntax || fe.Line != 3 || fe.Args["Line"] != 3 {
			t.Errorf("got %v", fe)
		}
	}
}

func TestEOFIsSticky(t *testing.T) {
	r, err := NewReader(bytes.NewReader(csvText(rowsHeader)), nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, _, err := r.Next(); !errors.Is(err, io.EOF) {
			t.Fatalf("err = %v, want io.EOF", err)
		}
	}
}

// In a Shift_JIS file, bytes with no character make the row invalid.
func TestShiftJISInvalidRow(t *testing.T) {
	data := toShiftJIS(t, csvText(rowsHeader, ",a@example.com,山田 太郎,X,,"))
	data = append(data, []byte(",b@example.com,\x85\x40,X,,\r\n")...)
	r, got := readAll(t, data, nil)
	if r.Encoding() != ShiftJIS || len(got) != 2 || got[0].rec.Name != "山田 太郎" {
		t.Fatalf("got %+v", got)
	}
	if p := got[1].prob; p == nil || p.Code != CodeInvalidEncoding || p.Args["Column"] != "氏名" {
		t.Errorf("got %v", p)
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{Row: 5, Line: 7, Code: CodeDuplicateEmail, Args: map[string]any{"FirstRow": 2}}
	if got, want := p.String(), "row 5 (line 7): import.skip.duplicate_email {FirstRow=2}"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}
