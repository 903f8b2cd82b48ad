package formsimport

import (
	"fmt"
	"sort"
	"strings"
)

// Codes of row problems: i18n catalog keys. A row with a problem is not
// imported; the caller reports it.
const (
	// CodeEmpty: every cell of the row is blank. No Args.
	CodeEmpty = "import.skip.empty"
	// CodeInvalidEncoding: a cell holds bytes that are not valid UTF-8 (or
	// not valid Shift_JIS in a Shift_JIS file). Args: Column.
	CodeInvalidEncoding = "import.skip.invalid_encoding"
	// CodeFieldCount: the row has another number of cells than the header.
	// Args: Got, Want.
	CodeFieldCount = "import.skip.field_count"
	// CodeTooLong: a cell is longer than its limit. Args: Column, Length, Max.
	CodeTooLong = "import.skip.too_long"
	// CodeEmailMissing: the e-mail cell is blank. No Args.
	CodeEmailMissing = "import.skip.email_missing"
	// CodeEmailInvalid: the e-mail cell is not one bare address. Args: Email.
	CodeEmailInvalid = "import.skip.email_invalid"
	// CodeNameMissing: the name cell is blank. No Args.
	CodeNameMissing = "import.skip.name_missing"
	// CodeChoiceMissing: every choice cell is blank. No Args.
	CodeChoiceMissing = "import.skip.choice_missing"
	// CodeTimestampInvalid: the timestamp cannot be read. Args: Value.
	CodeTimestampInvalid = "import.skip.timestamp_invalid"
	// CodeDuplicateEmail: an earlier accepted row has the same e-mail.
	// Args: FirstRow.
	CodeDuplicateEmail = "import.skip.duplicate_email"
)

// Codes of file problems (FileError.Code): i18n catalog keys. Nothing can be
// imported until they are fixed.
const (
	// CodeFileEmpty: the file has no header row. No Args.
	CodeFileEmpty = "import.file.empty"
	// CodeFileEncoding: the file is neither UTF-8 nor Shift_JIS (for
	// instance UTF-16), or its header is not valid text. No Args.
	CodeFileEncoding = "import.file.encoding"
	// CodeFileSyntax: broken CSV quoting. Args: Line.
	CodeFileSyntax = "import.file.syntax"
	// CodeHeaderMissing: required columns were not found. Args: Missing
	// (field names joined with ", "), Headers (the titles found, joined
	// with " | ").
	CodeHeaderMissing = "import.header.missing"
	// CodeHeaderDuplicate: several columns claim one field. Args: Field,
	// Headers (those columns, joined with " | ").
	CodeHeaderDuplicate = "import.header.duplicate"
	// CodeMappingInvalid: the mapping file is not valid. Args: Detail
	// (English, technical).
	CodeMappingInvalid = "import.mapping.invalid"
	// CodeMappingField: the mapping file names an unknown field. Args:
	// Header, Field.
	CodeMappingField = "import.mapping.unknown_field"
	// CodeMappingDuplicate: the mapping file maps several columns to one
	// field, or lists one column twice. Args: Field, Headers.
	CodeMappingDuplicate = "import.mapping.duplicate"
)

// Problem is why one row was not imported.
type Problem struct {
	Row  int // spreadsheet row number (the header is row 1)
	Line int // line of the file where the row starts
	Code string
	Args map[string]any
}

// String describes the problem in English, for logs.
func (p Problem) String() string {
	return fmt.Sprintf("row %d (line %d): %s%s", p.Row, p.Line, p.Code, formatArgs(p.Args))
}

// FileError is a problem with a whole file (the CSV export or a mapping
// file). Code and Args are for the i18n catalog; Error is English for logs.
type FileError struct {
	Code    string
	Line    int            // line of the file, when known
	Args    map[string]any // template data for Code
	Headers []string       // header errors: the column titles found
	Missing []Field        // CodeHeaderMissing: the fields not found
	// Columns are, for CodeHeaderMissing, the columns as recognised, so
	// that staff can choose the missing field's column in a mapping step.
	Columns []Column
	Err     error // the underlying error, if any
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString("formsimport: ")
	b.WriteString(e.Code)
	if e.Line > 0 {
		fmt.Fprintf(&b, " at line %d", e.Line)
	}
	b.WriteString(formatArgs(e.Args))
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *FileError) Unwrap() error { return e.Err }

// formatArgs renders Args as " {A=1, B=x}" in key order.
func formatArgs(args map[string]any) string {
	if len(args) == 0 {
		return ""
	}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, args[k])
	}
	return " {" + strings.Join(parts, ", ") + "}"
}

// joinHeaders renders column titles for a message.
func joinHeaders(h []string) string { return strings.Join(h, " | ") }
