package formsimport

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// outcome is what one call to Next gave.
type outcome struct {
	rec  Record
	prob *Problem
}

// readAll reads every row of data, failing the test on an error other
// than io.EOF.
func readAll(t testing.TB, data []byte, m Mapping) (*Reader, []outcome) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data), m)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var out []outcome
	for {
		rec, p, err := r.Next()
		if errors.Is(err, io.EOF) {
			return r, out
		}
		if err != nil {
			t.Fatalf("Next after %d rows: %v", len(out), err)
		}
		out = append(out, outcome{rec, p})
	}
}

// csvText joins lines with CRLF and ends the last one too.
func csvText(lines ...string) []byte {
	return []byte(strings.Join(lines, "\r\n") + "\r\n")
}

// toShiftJIS encodes UTF-8 text as Shift_JIS.
func toShiftJIS(t testing.TB, b []byte) []byte {
	t.Helper()
	out, err := japanese.ShiftJIS.NewEncoder().Bytes(b)
	if err != nil {
		t.Fatalf("encode Shift_JIS: %v", err)
	}
	return out
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fileError returns err as a *FileError or fails the test.
func fileError(t testing.TB, err error) *FileError {
	t.Helper()
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T), want *FileError", err, err)
	}
	return fe
}
