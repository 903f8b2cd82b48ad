package formsimport

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Reader reads the rows of a Google Forms export one at a time. It is not
// safe for concurrent use.
type Reader struct {
	in       *countingReader
	csv      *csv.Reader
	enc      Encoding
	cols     []Column
	extra    []string       // Extra key per column, "" if none
	emails   map[string]int // accepted e-mail → its row
	row      int            // row number last given out
	nextLine int            // where the next row starts if no blank line comes first
	pending  []string       // a row read but not given out yet (blank lines came first)
	pendLine int
	err      error // sticky: io.EOF or the error that ended reading
	// choices says whether a row needs a choice (see Choices).
	choices ChoiceRule
}

// ChoiceRule is whether the program the export is read for needs ranked
// project choices.
type ChoiceRule int

// Choice rules.
const (
	// ChoicesRequired: a choice column must exist and each row must fill
	// one (the default).
	ChoicesRequired ChoiceRule = iota
	// ChoicesOptional: choice columns may be missing or blank.
	ChoicesOptional
	// ChoicesIgnored: a pre-entry; choice columns are kept in Extra.
	ChoicesIgnored
)

// NewReader reads the header of a CSV export (UTF-8 or Shift_JIS, see
// DecodeCSV) and resolves its columns with m (nil to only recognise). The
// error is a *FileError for an empty file, an unknown encoding, broken
// quoting, an invalid mapping or an unusable header.
func NewReader(r io.Reader, m Mapping) (*Reader, error) {
	return NewReaderFor(r, m, ChoicesRequired)
}

// NewReaderFor is NewReader for a program whose entries need choices as
// rule says: without ChoicesRequired a file needs no choice column and a
// row no choice answer.
func NewReaderFor(r io.Reader, m Mapping, rule ChoiceRule) (*Reader, error) {
	idx, err := m.index()
	if err != nil {
		return nil, err
	}
	in := &countingReader{r: r}
	text, enc, err := DecodeCSV(in)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(text)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &FileError{Code: CodeFileEmpty}
	}
	if err != nil {
		return nil, readError(err)
	}
	line, _ := cr.FieldPos(0)
	for _, h := range header {
		if !validText(h, enc) {
			return nil, &FileError{Code: CodeFileEncoding, Line: line, Err: errors.New("the header is not valid text")}
		}
	}
	cols, err := resolveColumns(header, idx, rule)
	if err != nil {
		if fe, ok := err.(*FileError); ok {
			fe.Line = line
		}
		return nil, err
	}
	return &Reader{
		in:       in,
		csv:      cr,
		enc:      enc,
		cols:     cols,
		extra:    extraKeys(cols),
		emails:   map[string]int{},
		row:      1,
		nextLine: line + 1 + newlines(header),
		choices:  rule,
	}, nil
}

// Next returns the next row: a Record, or a Problem saying why the row is
// skipped. At the end it returns io.EOF; a *FileError (broken quoting) or a
// read error ends reading too. After an error Next returns it again.
func (r *Reader) Next() (Record, *Problem, error) {
	if r.err != nil {
		return Record{}, nil, r.err
	}
	if r.pending == nil {
		fields, err := r.csv.Read()
		if err != nil {
			r.err = readError(err)
			return Record{}, nil, r.err
		}
		r.pending = fields
		r.pendLine, _ = r.csv.FieldPos(0)
	}
	r.row++
	if r.pendLine > r.nextLine {
		// encoding/csv skips blank lines; a spreadsheet shows them as rows.
		r.nextLine++
		return Record{}, &Problem{Row: r.row, Line: r.nextLine - 1, Code: CodeEmpty}, nil
	}
	fields, line := r.pending, r.pendLine
	r.pending = nil
	r.nextLine = line + 1 + newlines(fields)
	rec, p := r.build(fields, r.row, line)
	return rec, p, nil
}

// Columns returns the columns of the header and their fields.
func (r *Reader) Columns() []Column { return append([]Column(nil), r.cols...) }

// Encoding returns the encoding the file was read in.
func (r *Reader) Encoding() Encoding { return r.enc }

// BytesRead returns how many bytes have been read from the input, to show
// progress through a file of known size. It runs ahead of the rows given out
// by what is buffered (up to about 1 MiB at the start, a few KiB later).
func (r *Reader) BytesRead() int64 { return r.in.n }

// readError turns an encoding/csv error into the error Next returns.
func readError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FileError{Code: CodeFileSyntax, Line: pe.Line, Args: map[string]any{"Line": pe.Line}, Err: err}
	}
	return err
}

// validText reports whether a cell decoded from enc is valid: UTF-8
// without NUL (no database can store it as text), and without U+FFFD when
// it came from Shift_JIS (the decoder writes U+FFFD for bytes it cannot
// read).
func validText(s string, enc Encoding) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 &&
		(enc != ShiftJIS || !strings.ContainsRune(s, utf8.RuneError))
}

// newlines counts the line breaks inside the cells of a row.
func newlines(fields []string) int {
	n := 0
	for _, f := range fields {
		n += strings.Count(f, "\n")
	}
	return n
}

// header returns the title of column i for a message.
func (r *Reader) header(i int) string {
	if i < len(r.cols) {
		return r.cols[i].Header
	}
	return fmt.Sprintf("#%d", i+1)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
