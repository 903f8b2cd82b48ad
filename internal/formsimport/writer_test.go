package formsimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// exportRows has the characters that trouble CSV and Shift_JIS: 髙 and ①
// (Windows-31J extensions), half-width katakana, an emoji, 〜 as typed on a
// Mac, line breaks, commas, quotes and leading spaces.
func exportRows() [][]string {
	return [][]string{
		{"氏名", "フリガナ", "志望動機", "メモ"},
		{"髙橋 ① 花子", "ｱｲｳ ﾀｶﾊｼ", "よろしく😀お願いします", "10時〜12時"},
		{"山田, 太郎", `"引用"`, "一行目\n二行目\r\n三行目", " 前後に空白 "},
		{"", "", "", ""},
		{"-3", "-0.5", "=1+2", "@SUM(A1)"},
	}
}

func writeAll(t *testing.T, enc Encoding, rows [][]string) (*Writer, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, enc)
	for _, row := range rows {
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if w.Error() != nil {
		t.Fatal(w.Error())
	}
	return w, buf.Bytes()
}

// readCSV reads CSV text with encoding/csv.
func readCSV(t *testing.T, text []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read back: %v\n%q", err, text)
	}
	return rows
}

// expected is what a cell reads back as: guarded, with CR line breaks as LF.
func expected(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, c := range row {
			c = guardFormula(c)
			out[i][j] = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(c)
		}
	}
	return out
}

func TestWriterUTF8RoundTrip(t *testing.T) {
	w, out := writeAll(t, UTF8, exportRows())
	if !bytes.HasPrefix(out, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no BOM: % x", out[:3])
	}
	if w.Replaced() != 0 {
		t.Errorf("Replaced = %d, want 0", w.Replaced())
	}
	if !bytes.HasSuffix(out, []byte("\r\n")) || bytes.Count(out, []byte("\r\n")) != len(exportRows()) {
		t.Errorf("rows must end in CRLF and only rows: %q", out)
	}
	got := readCSV(t, out[3:])
	if want := expected(exportRows()); !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%q\nwant\n%q", got, want)
	}
	if got[1][0] != "髙橋 ① 花子" || got[1][1] != "ｱｲｳ ﾀｶﾊｼ" || got[1][2] != "よろしく😀お願いします" {
		t.Errorf("Japanese text changed: %q", got[1])
	}
}

func TestWriterShiftJISRoundTrip(t *testing.T) {
	w, out := writeAll(t, ShiftJIS, exportRows())
	if bytes.HasPrefix(out, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatal("Shift_JIS output starts with a UTF-8 BOM")
	}
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(out)
	if err != nil {
		t.Fatal(err)
	}
	got := readCSV(t, text)
	want := expected(exportRows())
	want[1][2] = "よろしく?お願いします" // the emoji has no Shift_JIS code
	want[1][3] = "10時～12時"     // WAVE DASH written as Windows' FULLWIDTH TILDE
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%q\nwant\n%q", got, want)
	}
	if w.Replaced() != 1 {
		t.Errorf("Replaced = %d, want 1", w.Replaced())
	}
}

func TestWriterReplacedCounts(t *testing.T) {
	tests := []struct {
		enc  Encoding
		cell string
		want string
		n    int
	}{
		{ShiftJIS, "😀a🍣", "?a?", 2},
		{ShiftJIS, "한국어", "???", 3},
		{ShiftJIS, "髙﨑①㈱ｱ", "髙﨑①㈱ｱ", 0},
		{ShiftJIS, "−¥", "－￥", 0},
		{ShiftJIS, "a\xffb", "a?b", 1},
		{UTF8, "a\xff\xfeb", "a??b", 2},
		{UTF8, "😀", "😀", 0},
	}
	for _, tt := range tests {
		w, out := writeAll(t, tt.enc, [][]string{{tt.cell}})
		if tt.enc == ShiftJIS {
			out, _ = japanese.ShiftJIS.NewDecoder().Bytes(out)
		} else {
			out = bytes.TrimPrefix(out, []byte("\uFEFF"))
		}
		if got := strings.TrimSuffix(string(out), "\r\n"); got != tt.want || w.Replaced() != tt.n {
			t.Errorf("%s %q: wrote %q, replaced %d; want %q, %d", tt.enc, tt.cell, got, w.Replaced(), tt.want, tt.n)
		}
	}
}

func TestFormulaGuard(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+2", "'=1+2"},
		{"+81-90-0000-0000", "'+81-90-0000-0000"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"＝1+2", "'＝1+2"},
		{"-", "'-"},
		{"-3", "-3"},
		{"-0.5", "-0.5"},
		{"42", "42"},
		{"-3.", "'-3."},
		{"-1e5", "'-1e5"},
		{"a=1", "a=1"},
		{" =1", " =1"},
		{"", ""},
		{"山田", "山田"},
	}
	for _, tt := range tests {
		if got := guardFormula(tt.in); got != tt.want {
			t.Errorf("guardFormula(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriterLoneEmptyCell(t *testing.T) {
	_, out := writeAll(t, UTF8, [][]string{{""}, {"a"}})
	if got := readCSV(t, out[3:]); !reflect.DeepEqual(got, [][]string{{""}, {"a"}}) {
		t.Errorf("got %q", got)
	}
}

func TestWriterEmptyFileHasBOM(t *testing.T) {
	_, out := writeAll(t, UTF8, nil)
	if string(out) != "\uFEFF" {
		t.Errorf("got %q", out)
	}
	_, out = writeAll(t, ShiftJIS, nil)
	if len(out) != 0 {
		t.Errorf("got %q", out)
	}
}

func TestWriterUnknownEncoding(t *testing.T) {
	w := NewWriter(&bytes.Buffer{}, "latin1")
	if w.Write([]string{"a"}) == nil || w.Flush() == nil || w.Error() == nil {
		t.Error("unknown encoding accepted")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterErrorIsSticky(t *testing.T) {
	w := NewWriter(failWriter{}, UTF8)
	_ = w.Write([]string{"a"})
	if err := w.Flush(); err == nil || w.Error() == nil || w.Write([]string{"b"}) == nil {
		t.Errorf("error not kept: %v", err)
	}
}
