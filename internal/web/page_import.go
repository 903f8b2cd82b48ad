package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/importer"
)

// maxImportBytes bounds an uploaded form export; 440 entries take about
// 300 KB.
const maxImportBytes = 20 << 20

type skippedLine struct {
	Row, Line int
	Reason    string
}

type importData struct {
	Municipality domain.Municipality
	Program      domain.Program
	Form         *form
	Done         bool
	Report       importer.Report
	Skipped      []skippedLine
	// The mapping step: the file to send again, its columns with the
	// field of each, the fields to choose from, and the first rows as
	// they would be stored.
	Mapping *importMapping
}

type importMapping struct {
	Text    string // base64 of the file as UTF-8
	Columns []formsimport.Column
	Fields  []formsimport.Field
	Rows    []previewLine
}

type previewLine struct {
	importer.PreviewRow
	Problem string
}

// importPages are a program's entry import and export.
type importPages struct{ *kit }

// importPage is the upload form for a Google Forms export.
func (s importPages) importPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	t, err := s.app.Imports.Target(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"))
	if err != nil {
		return err
	}
	d := importData{Municipality: t.Municipality, Program: t.Program, Form: newForm()}
	return s.render(w, r, lang, http.StatusOK, "import", s.cat.T(lang, "import.title", nil), d)
}

// importEntries imports the uploaded file and shows what it did, with every
// row it did not import and why. Importing the same file again changes
// nothing. A missing file, a mapping or a file that cannot be read is
// shown on the form.
func (s importPages) importEntries(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return domain.Errorf(domain.CodeInvalid, "error.form_too_large")
	}
	up := app.Upload{Mapping: r.FormValue("mapping")}
	if file, header, err := r.FormFile("file"); err == nil {
		defer file.Close()
		up.File, up.Size = file, header.Size
	}
	var raw []byte // the file sent again from the mapping step
	if text := r.FormValue("csv"); text != "" {
		var err error
		if raw, err = base64.StdEncoding.DecodeString(text); err != nil {
			return invalidParam("csv", "import.file_required")
		}
		up.File, up.Size = bytes.NewReader(raw), int64(len(raw))
		up.ByColumn = map[int]string{}
		for key, vals := range r.PostForm {
			if n, ok := strings.CutPrefix(key, "map_"); ok && len(vals) > 0 {
				if i, err := strconv.Atoi(n); err == nil {
					up.ByColumn[i] = vals[0]
				}
			}
		}
		if r.FormValue("action") != "import" {
			return s.mappingStep(w, r, lang, up)
		}
	} else if r.FormValue("step") == "map" && up.File != nil {
		return s.mappingStep(w, r, lang, up)
	}
	res, err := s.app.Imports.Import(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), up)
	var ue *app.UploadError
	if err != nil && !errors.As(err, &ue) {
		return err
	}
	d := importData{Municipality: res.Municipality, Program: res.Program, Form: newForm()}
	if raw := strings.TrimSpace(up.Mapping); raw != "" && up.File != nil {
		d.Form.Values["mapping"] = raw
	}
	if ue != nil && raw != nil {
		// Imported from the mapping step: show it again, with the problem
		// and the mapping as chosen.
		up.File = bytes.NewReader(raw)
		return s.mappingStep(w, r, lang, up)
	}
	if ue != nil {
		d.Form.Errors[ue.Field] = s.importError(lang, ue.Err)
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "import", s.cat.T(lang, "import.title", nil), d)
	}
	d.Report = res.Report
	for _, sk := range d.Report.Skipped {
		d.Skipped = append(d.Skipped, skippedLine{Row: sk.Row, Line: sk.Line, Reason: s.cat.T(lang, sk.Code, sk.Args)})
	}
	d.Done = true
	return s.render(w, r, lang, http.StatusOK, "import", s.cat.T(lang, "import.title", nil), d)
}

// mappingStep shows how the file's columns are understood, with one
// choice of field per column, and the first rows as they would be stored;
// nothing is imported until staff confirm.
func (s importPages) mappingStep(w http.ResponseWriter, r *http.Request, lang i18n.Lang, up app.Upload) error {
	pv, err := s.app.Imports.Preview(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), up)
	var ue *app.UploadError
	if err != nil && !errors.As(err, &ue) {
		return err
	}
	d := importData{Municipality: pv.Municipality, Program: pv.Program, Form: newForm()}
	if ue != nil {
		d.Form.Errors[ue.Field] = s.importError(lang, ue.Err)
		if ue.Field == "file" || pv.Text == nil {
			return s.render(w, r, lang, http.StatusUnprocessableEntity, "import", s.cat.T(lang, "import.title", nil), d)
		}
	}
	m := &importMapping{Text: base64.StdEncoding.EncodeToString(pv.Text), Columns: pv.Columns, Fields: formsimport.Fields()}
	if ue != nil {
		// The mapping chosen could not be used: show the columns with the
		// fields as chosen, and the rows as recognised.
		again, err := s.app.Imports.Preview(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"),
			app.Upload{File: bytes.NewReader(pv.Text)})
		if err != nil && !errors.As(err, new(*app.UploadError)) {
			return err
		}
		m.Columns, pv.Rows = again.Columns, again.Rows
		for i := range m.Columns {
			if f, ok := up.ByColumn[i]; ok {
				m.Columns[i].Field = formsimport.Field(f)
			}
		}
	}
	if len(m.Columns) == 0 {
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "import", s.cat.T(lang, "import.title", nil), d)
	}
	for _, row := range pv.Rows {
		line := previewLine{PreviewRow: row}
		if row.Code != "" {
			line.Problem = s.cat.T(lang, row.Code, row.Args)
		}
		m.Rows = append(m.Rows, line)
	}
	d.Mapping = m
	status := http.StatusOK
	if ue != nil {
		status = http.StatusUnprocessableEntity
	}
	return s.render(w, r, lang, status, "import", s.cat.T(lang, "import.title", nil), d)
}

// importError translates a problem with the file or the mapping for the
// form.
func (s importPages) importError(lang i18n.Lang, err error) string {
	if errors.Is(err, app.ErrNoFile) {
		return s.cat.T(lang, "import.file_required", nil)
	}
	var fe *formsimport.FileError
	if errors.As(err, &fe) {
		args := map[string]any{}
		for k, v := range fe.Args {
			args[k] = v
		}
		if len(fe.Headers) > 0 {
			args["Headers"] = strings.Join(fe.Headers, "、")
		}
		if len(fe.Missing) > 0 {
			names := make([]string, len(fe.Missing))
			for i, f := range fe.Missing {
				names[i] = s.cat.T(lang, "import.field_"+string(f), nil)
			}
			args["Missing"] = strings.Join(names, "、")
		}
		return s.cat.T(lang, fe.Code, args)
	}
	return err.Error()
}

// exportEntries downloads a program's entries as CSV for Excel: UTF-8 with
// a byte order mark, or Shift_JIS for older Excel.
func (s importPages) exportEntries(w http.ResponseWriter, r *http.Request) {
	lang := s.language(w, r)
	_, err := s.app.Imports.Export(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), r.URL.Query().Get("encoding"),
		csvDownload{w}, func(key string) string { return s.cat.T(lang, key, nil) })
	if err != nil {
		s.renderError(w, r, lang, badParam(err))
	}
}

// csvDownload is a CSV file as the answer to a request: its headers are
// set when the export starts.
type csvDownload struct{ http.ResponseWriter }

func (d csvDownload) Start(name string, enc formsimport.Encoding) {
	startCSV(d.ResponseWriter, enc, name)
}

// csvEncoding reads the ?encoding= of a CSV download: utf8 (the default,
// with a byte order mark) or sjis.
func csvEncoding(r *http.Request) (formsimport.Encoding, error) {
	name := r.URL.Query().Get("encoding")
	if name == "" {
		name = string(formsimport.UTF8)
	}
	enc, err := formsimport.ParseEncoding(name)
	if err != nil {
		return enc, invalidParam("encoding", "error.choice", "Value", name)
	}
	return enc, nil
}

// startCSV sets the headers of a CSV download named base.
func startCSV(w http.ResponseWriter, enc formsimport.Encoding, base string) {
	charset := "utf-8"
	if enc == formsimport.ShiftJIS {
		charset = "Shift_JIS"
	}
	w.Header().Set("Content-Type", "text/csv; charset="+charset)
	w.Header().Set("Content-Disposition", `attachment; filename="`+base+`-`+string(enc)+`.csv"`)
}
