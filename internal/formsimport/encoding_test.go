package formsimport

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestDecodeCSV(t *testing.T) {
	text := "氏名,メール\r\n山田 太郎,a@example.com\r\n"
	sjis := toShiftJIS(t, []byte(text))
	longASCII := strings.Repeat("a,b\r\n", 3000) // more than the 4 KiB looked at past the first non-ASCII byte
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf8 bom", append([]byte("\uFEFF"), text...), text, UTF8},
		{"utf8", []byte(text), text, UTF8},
		{"ascii", []byte("a,b\n"), "a,b\n", UTF8},
		{"empty", nil, "", UTF8},
		{"shift_jis", sjis, text, ShiftJIS},
		{"shift_jis after ascii", append([]byte(longASCII), sjis...), longASCII + text, ShiftJIS},
		{"utf8 cut at the end of the window", []byte(longASCII + strings.Repeat("あ", 3000)), longASCII + strings.Repeat("あ", 3000), UTF8},
		{"shift_jis cut at the end of the window", bytes.Repeat(sjis, 500), strings.Repeat(text, 500), ShiftJIS},
		{"mostly utf8", []byte("氏名,メール\r\n\xff,x\r\n"), "氏名,メール\r\n\xff,x\r\n", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// One byte at a time, to exercise the sniffing loop.
			r, enc, err := DecodeCSV(iotest.OneByteReader(bytes.NewReader(tt.in)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.enc || string(got) != tt.want {
				t.Errorf("got %q (%d bytes) %s, want %s", got[:min(len(got), 40)], len(got), enc, tt.enc)
			}
		})
	}
}

func TestDecodeCSVReadError(t *testing.T) {
	_, _, err := DecodeCSV(iotest.ErrReader(io.ErrUnexpectedEOF))
	if err != io.ErrUnexpectedEOF {
		t.Errorf("err = %v", err)
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{"utf8": UTF8, "UTF-8": UTF8, "sjis": ShiftJIS, "Shift_JIS": ShiftJIS, " cp932 ": ShiftJIS, "windows-31j": ShiftJIS} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "euc-jp", "utf16"} {
		if _, err := ParseEncoding(in); err == nil {
			t.Errorf("ParseEncoding(%q) accepted", in)
		}
	}
}

// Excel's "CSV (Macintosh)" ends lines with CR only.
func TestClassicMacLineEndings(t *testing.T) {
	data := []byte("メールアドレス,氏名,第1希望,志望動機\ra@example.com,山田 太郎,A,\"一行目\r二行目\"\rb@example.com,鈴木 花子,B,\r")
	_, got := readAll(t, data, nil)
	if len(got) != 2 || got[0].prob != nil || got[1].prob != nil {
		t.Fatalf("got %+v", got)
	}
	if got[0].rec.Motivation != "一行目\n二行目" || got[1].rec.Row != 3 || got[1].rec.Line != 4 {
		t.Errorf("got %+v", got)
	}
}
