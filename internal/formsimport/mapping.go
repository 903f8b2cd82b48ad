package formsimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Mapping gives the field of columns by their title as written in the
// export. Titles are compared after NFKC normalisation, collapsing spaces
// and ignoring case, but notes in brackets are not dropped. A mapping wins
// over recognition: a recognised column that claims a field the mapping
// gives to another column is kept in Extra. Titles that are not in the
// file are ignored, so one mapping file can serve several years of a form.
// A nil Mapping only recognises.
type Mapping map[string]Field

// maxMappingBytes is the largest mapping file read.
const maxMappingBytes = 1 << 20

// LoadMapping reads a mapping file:
//
//	{"columns": {"ご連絡先": "email", "参加したいプロジェクト": "choice1", "備考": "ignore"}}
//
// Errors are *FileError with CodeMappingInvalid (not JSON, wrong shape),
// CodeMappingField (unknown field name) or CodeMappingDuplicate (a column
// listed twice, or two columns mapped to one field other than ignore and
// extra).
func LoadMapping(r io.Reader) (Mapping, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxMappingBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxMappingBytes {
		return nil, mappingInvalid("the file is larger than 1 MiB")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var top map[string]json.RawMessage
	if err := dec.Decode(&top); err != nil {
		return nil, mappingInvalid("not a JSON object: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, mappingInvalid("unexpected data after the JSON object")
	}
	for k := range top {
		if k != "columns" {
			return nil, mappingInvalid("unknown key %q: only \"columns\" is allowed", k)
		}
	}
	raw, ok := top["columns"]
	if !ok {
		return nil, mappingInvalid(`missing "columns"`)
	}
	m, err := decodeColumns(raw)
	if err != nil {
		return nil, err
	}
	if _, err := m.index(); err != nil {
		return nil, err
	}
	return m, nil
}

// decodeColumns reads the "columns" object, keeping its keys in order so
// that a column listed twice is an error rather than the last one winning.
func decodeColumns(raw json.RawMessage) (Mapping, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, mappingInvalid(`"columns" must be an object of column title to field name`)
	}
	m := Mapping{}
	seen := map[string]string{} // header key → title as written
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, mappingInvalid("%v", err)
		}
		header, _ := tok.(string)
		var name string
		if err := dec.Decode(&name); err != nil {
			return nil, mappingInvalid("the field for %q must be a string", header)
		}
		key := headerKey(header)
		if key == "" {
			return nil, mappingInvalid("a column title is empty")
		}
		f, err := ParseField(name)
		if err != nil {
			return nil, &FileError{Code: CodeMappingField, Args: map[string]any{"Header": header, "Field": name}, Err: err}
		}
		if prev, dup := seen[key]; dup {
			return nil, &FileError{Code: CodeMappingDuplicate,
				Args: map[string]any{"Field": string(f), "Headers": joinHeaders([]string{prev, header})}}
		}
		seen[key] = header
		m[header] = f
	}
	return m, nil
}

// index validates the mapping and returns it keyed by header key.
func (m Mapping) index() (map[string]Field, error) {
	titles := make([]string, 0, len(m))
	for h := range m {
		titles = append(titles, h)
	}
	sort.Strings(titles)
	idx := make(map[string]Field, len(m))
	byKey := make(map[string]string, len(m))
	target := map[Field]string{}
	for _, h := range titles {
		f, err := ParseField(string(m[h]))
		if err != nil {
			return nil, &FileError{Code: CodeMappingField, Args: map[string]any{"Header": h, "Field": string(m[h])}, Err: err}
		}
		key := headerKey(h)
		prev, dupKey := byKey[key]
		if !dupKey {
			prev, dupKey = target[f]
			dupKey = dupKey && f != FieldIgnore && f != FieldExtra
		}
		if dupKey {
			return nil, &FileError{Code: CodeMappingDuplicate,
				Args: map[string]any{"Field": string(f), "Headers": joinHeaders([]string{prev, h})}}
		}
		byKey[key] = h
		target[f] = h
		idx[key] = f
	}
	return idx, nil
}

func mappingInvalid(format string, args ...any) *FileError {
	return &FileError{Code: CodeMappingInvalid, Args: map[string]any{"Detail": fmt.Sprintf(format, args...)}}
}

// CheckMapping validates a mapping built in code (as the web import's
// mapping step builds one): known fields, no field given to two columns
// other than ignore and extra.
func CheckMapping(m Mapping) error {
	_, err := m.index()
	return err
}
