package formsimport

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

// Writer writes CSV for Excel: UTF-8 with a BOM or Shift_JIS, rows ending
// in CRLF, line breaks inside a cell as LF, cells that could run as formulas
// prefixed with an apostrophe. It is not safe for concurrent use.
type Writer struct {
	w        *bufio.Writer
	enc      Encoding
	sjis     *encoding.Encoder
	started  bool
	replaced int
	err      error
	row      []byte  // the row being encoded
	scratch  [8]byte // one rune, as UTF-8 and as Shift_JIS
	sjisOut  [8]byte
}

// NewWriter returns a Writer to w in enc. An unknown enc makes every call
// fail.
func NewWriter(w io.Writer, enc Encoding) *Writer {
	wr := &Writer{w: bufio.NewWriter(w), enc: enc}
	switch enc {
	case UTF8:
	case ShiftJIS:
		wr.sjis = japanese.ShiftJIS.NewEncoder()
	default:
		wr.err = fmt.Errorf("formsimport: unknown encoding %q", enc)
	}
	return wr
}

// Write writes one row. Characters that cannot be written (not in
// Shift_JIS, or invalid UTF-8) become "?" and are counted by Replaced.
func (w *Writer) Write(record []string) error {
	if w.err != nil {
		return w.err
	}
	w.start()
	w.row = w.row[:0]
	for i, cell := range record {
		if i > 0 {
			w.row = append(w.row, ',')
		}
		cell = guardFormula(cell)
		cell = strings.ReplaceAll(cell, "\r\n", "\n")
		cell = strings.ReplaceAll(cell, "\r", "\n")
		quote := needsQuotes(cell) || (cell == "" && len(record) == 1)
		if quote {
			w.row = append(w.row, '"')
		}
		w.appendText(cell)
		if quote {
			w.row = append(w.row, '"')
		}
	}
	w.row = append(w.row, '\r', '\n')
	_, w.err = w.w.Write(w.row)
	return w.err
}

// Flush writes buffered data to the underlying writer. A UTF-8 file that
// got no rows still receives its BOM.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	w.start()
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return w.err
}

// Error returns the first error met by Write or Flush.
func (w *Writer) Error() error { return w.err }

// Replaced returns how many characters were written as "?" so far.
func (w *Writer) Replaced() int { return w.replaced }

// start writes the BOM of a UTF-8 file once.
func (w *Writer) start() {
	if w.started {
		return
	}
	w.started = true
	if w.enc == UTF8 {
		_, w.err = w.w.WriteString("\uFEFF")
	}
}

// appendText appends s to the row in the output encoding, doubling quotes.
func (w *Writer) appendText(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '"' {
				w.row = append(w.row, '"')
			}
			w.row = append(w.row, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			w.row = append(w.row, '?')
			w.replaced++
		case w.sjis == nil:
			w.row = utf8.AppendRune(w.row, r)
		default:
			w.appendShiftJIS(r)
		}
	}
}

// appendShiftJIS appends r in Shift_JIS, or "?" if it has no code there.
func (w *Writer) appendShiftJIS(r rune) {
	src := utf8.AppendRune(w.scratch[:0], windows31J(r))
	w.sjis.Reset()
	n, _, err := w.sjis.Transform(w.sjisOut[:], src, true)
	if err != nil {
		w.row = append(w.row, '?')
		w.replaced++
		return
	}
	w.row = append(w.row, w.sjisOut[:n]...)
}

// needsQuotes reports whether a cell must be quoted: it holds a comma, a
// quote or a line break, or starts or ends with a space or tab.
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if strings.ContainsAny(s, ",\"\n") {
		return true
	}
	first, last := s[0], s[len(s)-1]
	return first == ' ' || first == '\t' || last == ' ' || last == '\t'
}

// guardFormula prefixes an apostrophe to a cell a spreadsheet could run as
// a formula (OWASP, "CSV Injection"): one starting with =, +, -, @, tab or
// carriage return, or their full-width forms. Plain decimal numbers such as
// -3 or -12.5 are left as they are, since they cannot run anything.
func guardFormula(s string) string {
	if s == "" || isPlainNumber(s) {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}

// isPlainNumber reports whether s is an optional minus sign, digits and an
// optional decimal part: -3, 42, -0.5.
func isPlainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	return allDigits(whole) && (!hasFrac || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// windows31J returns the character Windows-31J uses for r where JIS and
// Windows map a symbol to different code points: text typed on a Mac or
// decoded as JIS has 〜 (U+301C) where Windows has ～ (U+FF5E). They look
// the same in Japanese fonts, so they are not counted as replaced.
func windows31J(r rune) rune {
	switch r {
	case '\u301C': // WAVE DASH 〜
		return '\uFF5E'
	case '\u2212': // MINUS SIGN −
		return '\uFF0D'
	case '\u2016': // DOUBLE VERTICAL LINE ‖
		return '\u2225'
	case '\u2014': // EM DASH —
		return '\u2015'
	case '\u00A2': // CENT SIGN ¢
		return '\uFFE0'
	case '\u00A3': // POUND SIGN £
		return '\uFFE1'
	case '\u00AC': // NOT SIGN ¬
		return '\uFFE2'
	case '\u00A5': // YEN SIGN ¥
		return '\uFFE5'
	case '\u203E': // OVERLINE ‾
		return '\uFFE3'
	}
	return r
}
