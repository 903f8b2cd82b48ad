package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/importer"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// ImportTarget is the program whose entries are imported or exported, and
// its municipality.
type ImportTarget struct {
	Municipality domain.Municipality
	Program      domain.Program
}

// Target finds the program of the municipality whose entries the person
// may import and export; a program of another municipality is not found.
func (s *Imports) Target(ctx context.Context, lgcode, slug string) (ImportTarget, error) {
	var t ImportTarget
	mu, err := s.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return t, err
	}
	who, err := s.app.AuthorizeSome(ctx, policy.ImportEntries, mu.ID)
	if err != nil {
		return t, err
	}
	p, err := s.app.st.Directory().ProgramBySlug(ctx, slug)
	if err != nil {
		return t, err
	}
	if p.MunicipalityID != mu.ID {
		return t, domain.NotFound("program")
	}
	if err := s.app.authorizeProgram(ctx, who, policy.ImportEntries, p); err != nil {
		return t, err
	}
	return ImportTarget{Municipality: mu, Program: p}, nil
}

// Upload is a form export sent to be imported.
type Upload struct {
	File    io.Reader // nil when no file was sent
	Size    int64     // the file's size, 0 if unknown
	Mapping string    // the column mapping as JSON, or "" to only recognise the columns
	// Rules is a mapping already read (the command line's --mapping
	// file), used when Mapping is empty.
	Rules formsimport.Mapping
	// ByColumn is the field chosen for each column by its position (the
	// web import's mapping step), used when Mapping is empty; the file's
	// header gives the titles.
	ByColumn map[int]string
	// Progress, if not nil, hears how far the import has come.
	Progress func(importer.Progress)
}

// ErrNoFile is an import without a file.
var ErrNoFile = errors.New("import: no file")

// UploadError is a problem with one field of an upload ("file" or
// "mapping"), to show on the form: ErrNoFile, a *formsimport.FileError, or
// the mapping's own error.
type UploadError struct {
	Field string
	Err   error
}

func (e *UploadError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *UploadError) Unwrap() error { return e.Err }

// ImportResult is what an import did to the program.
type ImportResult struct {
	ImportTarget
	Report importer.Report
}

// Import imports a form export into the program, row by row (see
// importer.Import: importing the same file again changes nothing), and
// records the import. A problem with the upload itself is an
// *UploadError; the result then still names the program.
func (s *Imports) Import(ctx context.Context, lgcode, slug string, up Upload) (ImportResult, error) {
	var res ImportResult
	t, err := s.Target(ctx, lgcode, slug)
	if err != nil {
		return res, err
	}
	res.ImportTarget = t
	if up.File == nil {
		return res, &UploadError{Field: "file", Err: ErrNoFile}
	}
	mapping := up.Rules
	if raw := strings.TrimSpace(up.Mapping); raw != "" {
		if mapping, err = formsimport.LoadMapping(strings.NewReader(raw)); err != nil {
			return res, &UploadError{Field: "mapping", Err: err}
		}
	} else if len(up.ByColumn) > 0 {
		text, err := io.ReadAll(up.File)
		if err != nil {
			return res, err
		}
		if mapping, err = columnMapping(text, up.ByColumn); err != nil {
			return res, &UploadError{Field: "mapping", Err: err}
		}
		up.File = bytes.NewReader(text)
	}
	res.Report, err = importer.Import(ctx, s.app.st, t.Program, up.File,
		importer.Options{Mapping: mapping, Size: up.Size, Now: s.app.now, Progress: up.Progress, Ref: s.app.ref})
	var fe *formsimport.FileError
	if errors.As(err, &fe) {
		return res, &UploadError{Field: "file", Err: err}
	}
	if err != nil {
		return res, err
	}
	return res, s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "entries.import", SubjectType: "program", SubjectID: t.Program.ID,
			MunicipalityID: t.Municipality.ID})
	})
}

// Download is where an export is written. Start is called once, when the
// checks have passed and before the first byte, with the file's base name
// and its encoding.
type Download interface {
	io.Writer
	Start(name string, enc formsimport.Encoding)
}

// Export writes the program's entries to w as CSV for Excel in the
// encoding named ("" for UTF-8 with a byte order mark, or Shift_JIS for
// older Excel), with the labels label gives (see importer.Export), and
// records the export first. An unknown encoding is a *BadParam; nothing is
// written before the checks pass. It returns how many characters Shift_JIS
// could not hold and were written as "?".
func (s *Imports) Export(ctx context.Context, lgcode, slug, encoding string, w Download,
	label func(key string) string) (replaced int, err error) {
	t, err := s.Target(ctx, lgcode, slug)
	if err != nil {
		return 0, err
	}
	if encoding == "" {
		encoding = string(formsimport.UTF8)
	}
	enc, err := formsimport.ParseEncoding(encoding)
	if err != nil {
		return 0, badChoice("encoding", encoding)
	}
	if err := s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "entries.export", SubjectType: "program", SubjectID: t.Program.ID,
			MunicipalityID: t.Municipality.ID})
	}); err != nil {
		return 0, err
	}
	w.Start("entries-"+t.Program.Slug, enc)
	return importer.Export(ctx, s.app.st, s.app.ref, t.Program, w, enc, label)
}
