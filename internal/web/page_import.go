package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/importer"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
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
}

// importPage is the upload form for a Google Forms export.
func (s *Server) importPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	_, mu, p, err := s.programFor(r, policy.ImportEntries)
	if err != nil {
		return err
	}
	d := importData{Municipality: mu, Program: p, Form: newForm()}
	return s.render(w, r, lang, http.StatusOK, "import", s.cat.T(lang, "import.title", nil), d)
}

// importEntries imports the uploaded file and shows what it did, with every
// row it did not import and why. Importing the same file again changes
// nothing.
func (s *Server) importEntries(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	_, mu, p, err := s.programFor(r, policy.ImportEntries)
	if err != nil {
		return err
	}
	d := importData{Municipality: mu, Program: p, Form: newForm()}
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return domain.Errorf(domain.CodeInvalid, "error.form_too_large")
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		d.Form.Errors["file"] = s.cat.T(lang, "import.file_required", nil)
		return s.render(w, r, lang, http.StatusBadRequest, "import", s.cat.T(lang, "import.title", nil), d)
	}
	defer file.Close()
	var mapping formsimport.Mapping
	if raw := strings.TrimSpace(r.FormValue("mapping")); raw != "" {
		d.Form.Values["mapping"] = raw
		if mapping, err = formsimport.LoadMapping(strings.NewReader(raw)); err != nil {
			d.Form.Errors["mapping"] = s.importError(lang, err)
			return s.render(w, r, lang, http.StatusUnprocessableEntity, "import", s.cat.T(lang, "import.title", nil), d)
		}
	}
	d.Report, err = importer.Import(r.Context(), s.store, p, file, importer.Options{Mapping: mapping, Size: header.Size, Now: s.now})
	var fe *formsimport.FileError
	if errors.As(err, &fe) {
		d.Form.Errors["file"] = s.importError(lang, err)
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "import", s.cat.T(lang, "import.title", nil), d)
	}
	if err != nil {
		return err
	}
	for _, sk := range d.Report.Skipped {
		d.Skipped = append(d.Skipped, skippedLine{Row: sk.Row, Line: sk.Line, Reason: s.cat.T(lang, sk.Code, sk.Args)})
	}
	d.Done = true
	if err := s.audit(r.Context(), nil, r, "entries.import", "program", p.ID, mu.ID); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "import", s.cat.T(lang, "import.title", nil), d)
}

// importError translates a file or mapping error for the form.
func (s *Server) importError(lang i18n.Lang, err error) string {
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
				names[i] = string(f)
			}
			args["Missing"] = strings.Join(names, "、")
		}
		return s.cat.T(lang, fe.Code, args)
	}
	return err.Error()
}

// exportEntries downloads a program's entries as CSV for Excel: UTF-8 with
// a byte order mark, or Shift_JIS for older Excel.
func (s *Server) exportEntries(w http.ResponseWriter, r *http.Request) {
	lang := s.language(w, r)
	err := func() error {
		_, mu, p, err := s.programFor(r, policy.ImportEntries)
		if err != nil {
			return err
		}
		enc, err := csvEncoding(r)
		if err != nil {
			return err
		}
		if err := s.audit(r.Context(), nil, r, "entries.export", "program", p.ID, mu.ID); err != nil {
			return err
		}
		startCSV(w, enc, "entries-"+p.Slug)
		_, err = importer.Export(r.Context(), s.store, p, w, enc, func(key string) string { return s.cat.T(lang, key, nil) })
		return err
	}()
	if err != nil {
		s.renderError(w, r, lang, err)
	}
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
