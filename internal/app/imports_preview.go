package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"

	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/importer"
)

// previewRows is how many rows the mapping step shows.
const previewRows = 5

// ImportPreview is the mapping step of an import: the file as UTF-8 text
// (to send again with the chosen mapping), the field each column is
// given, and the first rows as they would be stored.
type ImportPreview struct {
	ImportTarget
	Text    []byte
	Columns []formsimport.Column
	Rows    []importer.PreviewRow
}

// Preview reads an upload with the mapping chosen per column (none: the
// columns recognised) and shows the first rows as an import would store
// them, changing nothing. A problem with the file or the mapping is an
// *UploadError; when a needed column was not recognised, the preview still
// has the columns, to choose it.
func (s *Imports) Preview(ctx context.Context, lgcode, slug string, up Upload) (ImportPreview, error) {
	var pv ImportPreview
	t, err := s.Target(ctx, lgcode, slug)
	if err != nil {
		return pv, err
	}
	pv.ImportTarget = t
	if up.File == nil {
		return pv, &UploadError{Field: "file", Err: ErrNoFile}
	}
	text, _, err := formsimport.DecodeCSV(up.File)
	if err != nil {
		return pv, &UploadError{Field: "file", Err: err}
	}
	if pv.Text, err = io.ReadAll(text); err != nil {
		return pv, err
	}
	mapping, err := columnMapping(pv.Text, up.ByColumn)
	if err != nil {
		return pv, &UploadError{Field: "mapping", Err: err}
	}
	pv.Columns, pv.Rows, err = importer.Preview(ctx, s.app.st, s.app.ref, t.Program, bytes.NewReader(pv.Text), mapping, previewRows)
	var fe *formsimport.FileError
	if errors.As(err, &fe) && fe.Code == formsimport.CodeHeaderMissing {
		// A column the program needs was not recognised: staff choose it
		// among the columns as recognised.
		pv.Columns = fe.Columns
		return pv, &UploadError{Field: "mapping", Err: err}
	}
	if errors.As(err, &fe) {
		return pv, &UploadError{Field: "file", Err: err}
	}
	return pv, err
}

// columnMapping turns fields chosen by column position into a mapping by
// the column titles of the file's header; nil without choices.
func columnMapping(text []byte, byColumn map[int]string) (formsimport.Mapping, error) {
	if len(byColumn) == 0 {
		return nil, nil
	}
	header, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(text, []byte("\uFEFF")))).Read()
	if err != nil {
		return nil, &formsimport.FileError{Code: formsimport.CodeFileEmpty, Err: err}
	}
	m := formsimport.Mapping{}
	for i, name := range byColumn {
		if i < 0 || i >= len(header) {
			continue
		}
		f, err := formsimport.ParseField(name)
		if err != nil {
			return nil, &formsimport.FileError{Code: formsimport.CodeMappingField,
				Args: map[string]any{"Header": header[i], "Field": name}, Err: err}
		}
		if _, dup := m[header[i]]; dup && f != formsimport.FieldIgnore {
			return nil, &formsimport.FileError{Code: formsimport.CodeMappingDuplicate,
				Args: map[string]any{"Field": name, "Headers": header[i]}}
		}
		m[header[i]] = f
	}
	if err := formsimport.CheckMapping(m); err != nil {
		return nil, err
	}
	return m, nil
}
