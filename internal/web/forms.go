package web

import (
	"net/http"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// maxFormBytes bounds a form body; account forms are small.
const maxFormBytes = 64 << 10

// form is what a form page shows back: the values typed (never a password)
// and a translated message per field, so nothing typed is lost.
type form struct {
	Values map[string]string
	Errors map[string]string
	Error  string // a problem with the form as a whole
	Next   string
}

func newForm() *form { return &form{Values: map[string]string{}, Errors: map[string]string{}} }

// readForm parses a posted form within the size limit and keeps its values.
func readForm(w http.ResponseWriter, r *http.Request, fields ...string) (*form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return nil, domain.Errorf(domain.CodeInvalid, "error.form_too_large")
	}
	f := newForm()
	for _, name := range fields {
		f.Values[name] = strings.TrimSpace(r.PostForm.Get(name))
	}
	return f, nil
}

// fieldErrors translates a validation error's field problems into the form.
func (s *kit) fieldErrors(lang i18n.Lang, f *form, err error) {
	var e *domain.Error
	if de, ok := err.(*domain.Error); ok {
		e = de
	}
	if e == nil || len(e.Fields) == 0 {
		key, args := domain.ErrorKey(err)
		f.Error = s.cat.T(lang, key, s.translateArgs(lang, args))
		return
	}
	for _, fe := range e.Fields {
		if _, seen := f.Errors[fe.Field]; !seen {
			f.Errors[fe.Field] = s.cat.T(lang, fe.Key, s.translateArgs(lang, fe.Args))
		}
	}
}

// Has reports whether the form has any problem, for templates.
func (f *form) Has() bool { return f.Error != "" || len(f.Errors) > 0 }
