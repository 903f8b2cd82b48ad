package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// What the request check reads before a handler does.
const (
	maxJSONBytes      = 1 << 20 // a credential to verify is the largest JSON body
	maxMultipartBytes = 1 << 20 // a credential file; the import form has its own limit
	multipartMemory   = 1 << 20 // files beyond this wait on disk until the response
)

// importPattern is the one route that takes a large upload.
const importPattern = "POST /admin/{lgcode}/programs/{slug}/import"

// checkText refuses, with a translated 400, a request that carries text no
// engine can store (a NUL, or bytes that are not UTF-8) in its decoded
// path, its query, the Idempotency-Key header, a form value or a JSON
// string. It is the one place this is checked, so nothing of the kind
// reaches a handler or the database. Uploaded files are not checked: a
// Shift_JIS CSV is legitimate and is decoded (and checked) by the importer.
//
// Form bodies are parsed here, within the limits the handlers use; the
// handlers' own parsing then reuses the parsed values.
func (s *Server) checkText(pattern string, next http.Handler) http.Handler {
	uploadLimit := int64(maxMultipartBytes)
	if pattern == importPattern {
		uploadLimit = maxImportBytes
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := readRequestText(w, r, uploadLimit)
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
		if err != nil {
			s.refuse(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// refuse answers a request the check turned away: the JSON error shape
// under /api/, a translated error page elsewhere.
func (s *kit) refuse(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		lang := s.cat.Negotiate([]string{r.URL.Query().Get("lang")}, r.Header.Get("Accept-Language"))
		pe := s.publicError(r, lang, err)
		writeJSON(w, pe.Status, map[string]any{"error": pe})
		return
	}
	s.renderError(w, r, s.language(w, r), err)
}

// readRequestText reads the request's text and returns an invalid error
// naming the first part that cannot be stored.
func readRequestText(w http.ResponseWriter, r *http.Request, uploadLimit int64) error {
	if !domain.StorableText(r.URL.Path) {
		return badURLText("path")
	}
	query, _ := url.ParseQuery(r.URL.RawQuery) // a malformed pair is the handler's to report
	if name, ok := unstorableValue(query); ok {
		return badURLText(name)
	}
	if !domain.StorableText(r.Header.Get("Idempotency-Key")) { // the one header a handler stores
		return badBodyText("Idempotency-Key")
	}
	if r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodPatch {
		return nil
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case mediaType == "application/x-www-form-urlencoded":
		return readFormText(w, r)
	case mediaType == "multipart/form-data":
		return readMultipartText(w, r, uploadLimit)
	case mediaType == "application/json", strings.HasSuffix(mediaType, "+json"), strings.HasPrefix(r.URL.Path, "/api/"):
		return readJSONText(r)
	}
	return nil
}

func readFormText(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return unreadableBody(err)
	}
	if name, ok := unstorableValue(r.PostForm); ok {
		return badBodyText(name)
	}
	return nil
}

func readMultipartText(w http.ResponseWriter, r *http.Request, limit int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseMultipartForm(multipartMemory); err != nil {
		return unreadableBody(err)
	}
	if name, ok := unstorableValue(r.MultipartForm.Value); ok {
		return badBodyText(name)
	}
	return nil
}

// readJSONText reads a JSON body and puts it back for the handler. A body
// that is not JSON is left for the handler to report.
func readJSONText(r *http.Request) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxJSONBytes+1))
	if err != nil {
		return unreadableBody(err)
	}
	if len(body) > maxJSONBytes {
		return domain.Errorf(domain.CodeInvalid, "error.form_too_large")
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !domain.StorableText(string(body)) || jsonHoldsNUL(body) {
		return badBodyText("body")
	}
	return nil
}

// jsonHoldsNUL reports whether a key or string of the JSON document holds a
// NUL written as \u0000 (a raw NUL is not valid UTF-8 text here anyway).
func jsonHoldsNUL(body []byte) bool {
	if !bytes.Contains(body, []byte(`\u0000`)) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if s, ok := tok.(string); ok && strings.IndexByte(s, 0) >= 0 {
			return true
		}
	}
}

// unstorableValue finds the first name or value that cannot be stored.
func unstorableValue(values url.Values) (string, bool) {
	for name, vals := range values {
		if !domain.StorableText(name) {
			return "name", true
		}
		for _, v := range vals {
			if !domain.StorableText(v) {
				return name, true
			}
		}
	}
	return "", false
}

func badURLText(field string) error { return invalidParam(field, "error.bad_text_url") }

func badBodyText(field string) error { return invalidParam(field, "error.bad_text_form") }

// unreadableBody says a body was too large, or could not be read as the
// form it claimed to be.
func unreadableBody(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || errors.Is(err, multipart.ErrMessageTooLarge) {
		return domain.Errorf(domain.CodeInvalid, "error.form_too_large")
	}
	return domain.Errorf(domain.CodeInvalid, "error.form_unreadable")
}
