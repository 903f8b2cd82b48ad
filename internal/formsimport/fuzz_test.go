package formsimport

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// FuzzReader reads arbitrary bytes as an export: it must not panic, and
// every call to Next gives exactly one of a record, a problem or an error,
// with spreadsheet rows numbered 2, 3, 4… and lines increasing.
func FuzzReader(f *testing.F) {
	sample, err := os.ReadFile("testdata/entries_ja.csv")
	if err != nil {
		f.Fatal(err)
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes(sample)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add(append([]byte("\uFEFF"), sample...))
	f.Add(bytes.ReplaceAll(sample, []byte("\r\n"), []byte("\n")))
	f.Add(sjis)
	f.Add([]byte("Timestamp,Email Address,Name,1st choice\n7/15/2021 10:23:45,a@example.com,A B,X\n"))
	f.Add([]byte("メールアドレス,氏名,第1希望\r\n\r\na@example.com,\"山田\n太郎\",A\r\n,,\r\nb@example,B,\r\n"))
	f.Add([]byte("メールアドレス,氏名,第1希望\na@example.com,A,X\na@example.com,A,Y\nc@example.com,\"C\"D,Z\n"))
	f.Add([]byte("メールアドレス,氏名,第1希望,志望動機\n\"a@example.com\",A,X,\"unterminated\n"))
	f.Add([]byte("メールアドレス,氏名,第1希望\na@example.com,\xff,X\na,b\n"))
	f.Add([]byte("\xff\xfeu\x00t\x00f\x00"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data), nil)
		if err != nil {
			if r != nil {
				t.Fatal("reader and error")
			}
			return
		}
		prevRow, prevLine := 1, 0
		for range len(data) + 2 { // at most one row per byte, then EOF
			rec, p, err := r.Next()
			if err != nil {
				if p != nil || rec.Row != 0 {
					t.Fatalf("error %v with a row", err)
				}
				if _, _, again := r.Next(); again != err {
					t.Fatalf("error not sticky: %v then %v", err, again)
				}
				if errors.Is(err, io.EOF) && r.BytesRead() != int64(len(data)) {
					t.Fatalf("BytesRead = %d at EOF, want %d", r.BytesRead(), len(data))
				}
				return
			}
			row, line := rec.Row, rec.Line
			if p != nil {
				if rec.Row != 0 || rec.Email != "" || rec.Extra != nil {
					t.Fatalf("problem %v with a record %+v", p, rec)
				}
				row, line = p.Row, p.Line
				if p.Code == "" {
					t.Fatal("problem without a code")
				}
			} else {
				checkRecord(t, rec)
			}
			if row != prevRow+1 || line <= prevLine || row > line {
				t.Fatalf("row %d line %d after row %d line %d", row, line, prevRow, prevLine)
			}
			prevRow, prevLine = row, line
		}
		t.Fatal("Next never ended")
	})
}

// checkRecord checks what every accepted record promises.
func checkRecord(t *testing.T, rec Record) {
	t.Helper()
	if rec.Row < 2 || !validEmail(rec.Email) || rec.Name == "" || strings.TrimSpace(rec.Name) != rec.Name {
		t.Fatalf("bad record %+v", rec)
	}
	if len(rec.Choices) == 0 || len(rec.Choices) > maxChoices {
		t.Fatalf("choices %q", rec.Choices)
	}
	seen := map[string]bool{}
	for _, c := range rec.Choices {
		if c == "" || seen[c] {
			t.Fatalf("choices %q", rec.Choices)
		}
		seen[c] = true
	}
}

// FuzzWriterRoundTrip writes arbitrary cells and reads them back: in UTF-8
// they come back equal apart from the formula guard, line breaks as LF and
// invalid UTF-8 as "?"; in Shift_JIS each character comes back, or as its
// Windows-31J form, or as a counted "?".
func FuzzWriterRoundTrip(f *testing.F) {
	f.Add("山田 太郎", "髙橋①ｱ😀", "一行目\r\n二行目")
	f.Add("=1+2", "-3", "@SUM(A1)")
	f.Add("", "", "")
	f.Add(`"quoted", text`, " lead", "trail ")
	f.Add("\r", "\n", "\r\n\r")
	f.Add("\uFEFF先頭", "10時〜12時", "\xff\xfe")
	f.Add("\t=cmd", "＋81", "−¥")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		rows := [][]string{{a, b, c}, {c}, {b, a}}
		for _, cell := range []string{a, b, c} {
			checkGuard(t, cell)
		}

		var buf bytes.Buffer
		w := NewWriter(&buf, UTF8)
		for _, row := range rows {
			if err := w.Write(row); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		out, ok := bytes.CutPrefix(buf.Bytes(), []byte("\uFEFF"))
		if !ok || !utf8.Valid(out) {
			t.Fatalf("not UTF-8 with a BOM: %q", buf.Bytes())
		}
		got := readCSV(t, out)
		invalid := 0
		want := make([][]string, len(rows))
		for i, row := range rows {
			for _, cell := range row {
				s, n := sanitize(cell)
				invalid += n
				want[i] = append(want[i], s)
			}
		}
		if !equalRows(got, want) {
			t.Fatalf("read back %q, want %q", got, want)
		}
		if w.Replaced() != invalid {
			t.Fatalf("Replaced = %d, want %d", w.Replaced(), invalid)
		}

		buf.Reset()
		sw := NewWriter(&buf, ShiftJIS)
		for _, row := range rows {
			if err := sw.Write(row); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		text, err := japanese.ShiftJIS.NewDecoder().Bytes(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		got = readCSV(t, text)
		if len(got) != len(want) {
			t.Fatalf("Shift_JIS: %d rows, want %d", len(got), len(want))
		}
		replaced := invalid
		for i := range want {
			for j := range want[i] {
				n, ok := sameInShiftJIS(got[i][j], want[i][j])
				if !ok {
					t.Fatalf("Shift_JIS: read back %q, want %q", got[i][j], want[i][j])
				}
				replaced += n
			}
		}
		if sw.Replaced() != replaced {
			t.Fatalf("Shift_JIS: Replaced = %d, want %d", sw.Replaced(), replaced)
		}
	})
}

// checkGuard checks that the guard adds one apostrophe exactly to cells
// that start like a formula and are not plain numbers.
func checkGuard(t *testing.T, cell string) {
	t.Helper()
	r, _ := utf8.DecodeRuneInString(cell)
	risky := cell != "" && strings.ContainsRune("=+-@\t\r＝＋－＠", r) && !isPlainNumber(cell)
	g := guardFormula(cell)
	if (risky && g != "'"+cell) || (!risky && g != cell) {
		t.Fatalf("guardFormula(%q) = %q", cell, g)
	}
}

// sanitize returns what a cell should read back as from UTF-8 output, and
// how many invalid bytes became "?".
func sanitize(cell string) (string, int) {
	s := guardFormula(cell)
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	n := 0
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteByte('?')
			n++
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String(), n
}

// sameInShiftJIS compares a cell read back from Shift_JIS with the UTF-8
// one, and counts the characters that became "?".
func sameInShiftJIS(got, want string) (int, bool) {
	g, w := []rune(got), []rune(want)
	if len(g) != len(w) {
		return 0, false
	}
	n := 0
	for i := range w {
		switch {
		case g[i] == w[i] || g[i] == windows31J(w[i]):
		case g[i] == '?':
			n++
		default:
			return 0, false
		}
	}
	return n, true
}

// equalRows compares rows, reading a lone empty cell as a row of one.
func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") || len(a[i]) != len(b[i]) {
			return false
		}
	}
	return true
}
