package formsimport

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// Encoding is the character encoding of a CSV file.
type Encoding string

// Encodings.
const (
	UTF8     Encoding = "utf8" // written with a byte order mark
	ShiftJIS Encoding = "sjis" // Windows-31J, as Japanese Excel uses
)

// ParseEncoding accepts "utf8", "utf-8", "sjis", "shift_jis", "shift-jis",
// "cp932" and "windows-31j", in any case.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "utf8", "utf-8":
		return UTF8, nil
	case "sjis", "shift_jis", "shift-jis", "shiftjis", "cp932", "windows-31j":
		return ShiftJIS, nil
	}
	return "", fmt.Errorf("formsimport: unknown encoding %q (want utf8 or sjis)", s)
}

const (
	// sniffLimit is the most DecodeCSV buffers to decide the encoding.
	sniffLimit = 1 << 20
	// sniffAfter is how much DecodeCSV reads past the first non-ASCII byte.
	sniffAfter = 4 << 10
)

// DecodeCSV returns r as UTF-8 text without a byte order mark, and the
// encoding it found. A UTF-8 BOM means UTF-8. Otherwise it reads until it
// has seen 4 KiB past the first non-ASCII byte (at most 1 MiB, then it
// assumes UTF-8): valid UTF-8 there means UTF-8, else valid Shift_JIS means
// Shift_JIS, else mostly valid UTF-8 (more multi-byte characters than bad
// bytes) means UTF-8 with a few broken rows. A UTF-16 BOM, or bytes that fit
// neither, give a *FileError with CodeFileEncoding. When the start of the
// file has carriage returns but no line feeds (classic Mac line endings),
// every CR is read as LF.
func DecodeCSV(r io.Reader) (io.Reader, Encoding, error) {
	head, atEOF, err := sniff(r)
	if err != nil {
		return nil, "", err
	}
	rest := io.MultiReader(bytes.NewReader(head), r)
	if bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0 {
		rest = crToLF{rest} // "CSV (Macintosh)" from Excel: CR line endings
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = io.ReadFull(rest, make([]byte, 3))
		return rest, UTF8, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, "", &FileError{Code: CodeFileEncoding, Err: errors.New("UTF-16 is not supported; save the file as CSV UTF-8")}
	case validUTF8Prefix(head, atEOF):
		return rest, UTF8, nil
	case validShiftJIS(head, atEOF):
		return japanese.ShiftJIS.NewDecoder().Reader(rest), ShiftJIS, nil
	case mostlyUTF8(head):
		return rest, UTF8, nil // the rows with bad bytes are reported
	}
	return nil, "", &FileError{Code: CodeFileEncoding, Err: errors.New("the file is neither UTF-8 nor Shift_JIS")}
}

// sniff reads the start of r: up to sniffAfter bytes past the first
// non-ASCII byte, at most sniffLimit bytes in all.
func sniff(r io.Reader) (head []byte, atEOF bool, err error) {
	buf := make([]byte, 0, 4<<10)
	firstHigh := -1
	for len(buf) < sniffLimit {
		if firstHigh >= 0 && len(buf)-firstHigh >= sniffAfter {
			break
		}
		if len(buf) == cap(buf) {
			buf = append(buf, make([]byte, len(buf))...)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), sniffLimit)])
		if firstHigh < 0 {
			for i, c := range buf[len(buf) : len(buf)+n] {
				if c >= utf8.RuneSelf {
					firstHigh = len(buf) + i
					break
				}
			}
		}
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, true, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
	return buf, false, nil
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a rune cut off
// at the end when more input follows.
func validUTF8Prefix(b []byte, atEOF bool) bool {
	if !atEOF {
		for i := 0; i < utf8.UTFMax && i < len(b); i++ {
			if utf8.RuneStart(b[len(b)-1-i]) {
				if !utf8.FullRune(b[len(b)-1-i:]) {
					b = b[:len(b)-1-i]
				}
				break
			}
		}
	}
	return utf8.Valid(b)
}

// mostlyUTF8 reports whether b has more valid multi-byte UTF-8 characters
// than bytes that are not UTF-8.
func mostlyUTF8(b []byte) bool {
	good, bad := 0, 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			good++
		}
		b = b[size:]
	}
	return good > bad
}

// validShiftJIS reports whether b is well-formed Shift_JIS (Windows-31J),
// allowing a character cut off at the end when more input follows.
func validShiftJIS(b []byte, atEOF bool) bool {
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c < 0x80 || (0xA1 <= c && c <= 0xDF):
			i++
		case (0x81 <= c && c <= 0x9F) || (0xE0 <= c && c <= 0xFC):
			if i+1 == len(b) {
				return !atEOF
			}
			if t := b[i+1]; t < 0x40 || t == 0x7F || t > 0xFC {
				return false
			}
			i += 2
		default:
			return false
		}
	}
	return true
}

// crToLF reads every carriage return as a line feed. CR never occurs inside
// a multi-byte character in UTF-8 or Shift_JIS.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}
