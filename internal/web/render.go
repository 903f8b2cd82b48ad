package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

//go:embed templates static
var assets embed.FS

// pages holds every page template, each parsed once with the layout and the
// partials at start-up.
type pages struct {
	byName map[string]*template.Template
}

func parsePages() (*pages, error) {
	funcs := template.FuncMap{
		"add":     func(a, b int) int { return a + b },
		"pair":    func(v, p any) map[string]any { return map[string]any{"V": v, "P": p} },
		"dict":    func(kv ...any) map[string]any { return domain.Args(kv...) },
		"join":    strings.Join,
		"list5":   func() []int { return []int{1, 2, 3, 4, 5} },
		"parties": domain.Parties,
		"acceptance": func(a domain.Agreement, p domain.Party) *domain.Acceptance {
			for _, x := range a.Accepted {
				if x.Party == p {
					return &x
				}
			}
			return nil
		},
	}
	shared := []string{"templates/layout.html", "templates/partials.html", "templates/part_timeline.html"}
	names, err := fs.Glob(assets, "templates/page_*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, file := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "templates/page_"), ".html")
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, append(shared, file)...)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.byName[name] = t
	}
	if len(p.byName) == 0 {
		return nil, fmt.Errorf("no page templates embedded")
	}
	return p, nil
}

// view is what every page template receives.
type view struct {
	Lang    i18n.Lang
	Title   string
	Path    string
	Query   url.Values
	Data    any
	Version string
	// SignedIn switches the header between log in and my page.
	SignedIn bool
	// Unread counts the signed-in person's unread notices.
	Unread int
	// Legal is whose privacy notice, terms and contact the footer links.
	Legal footerLinks
	// Flash is the catalog key of the message answering the action just
	// done (flash.go), or "".
	Flash string
	cat   *i18n.Catalog
}

// T translates a key with placeholders given as name, value pairs.
func (v *view) T(key string, kv ...any) string {
	return v.cat.T(v.Lang, key, domain.Args(kv...))
}

// JA reports whether the page is in Japanese, for choosing a name field.
func (v *view) JA() bool { return v.Lang == i18n.Japanese }

// Pick returns the Japanese or English text, falling back to Japanese.
func (v *view) Pick(ja, en string) string {
	if v.Lang == i18n.English && en != "" {
		return en
	}
	return ja
}

// LangURL is the current page in another language.
func (v *view) LangURL(lang i18n.Lang) string {
	q := url.Values{}
	for k, vals := range v.Query {
		q[k] = vals
	}
	q.Set("lang", string(lang))
	return v.Path + "?" + q.Encode()
}

// Langs lists the languages for the switch.
func (v *view) Langs() []i18n.Lang { return i18n.Langs() }

// Date formats a time as a date in Japan's time zone.
func (v *view) Date(t any) string { return formatDate(v.Lang, t) }

// DateTime formats a time with the hour in Japan's time zone.
func (v *view) DateTime(t any) string { return formatDateTime(v.Lang, t) }

// Num0 formats a measured value: whole numbers with separators, others
// with one decimal.
func (v *view) Num0(x float64) string { return formatFloat(x) }

// Yen formats an amount of yen.
func (v *view) Yen(n int) string { return formatYen(v.Lang, n) }

// Num formats a count with separators.
func (v *view) Num(n int) string { return formatInt(n) }

func (s *kit) render(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, name, title string, data any) error {
	t, ok := s.pages.byName[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	v := &view{Lang: lang, Title: title, Path: r.URL.Path, Query: r.URL.Query(), Data: data,
		Version: s.version, Legal: s.footerFor(r, lang, data), Flash: s.flashKey(r), cat: s.cat}
	if id := s.userID(r); id != 0 {
		v.SignedIn = true
		n, err := s.app.Talents.Unread(r.Context(), id)
		if err != nil {
			return err
		}
		v.Unread = n
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", string(lang))
	w.Header().Add("Vary", "Accept-Language, Cookie")
	w.WriteHeader(status)
	w.Write(buf.Bytes()) // a client that has gone away is not an error of ours
	return nil
}

// renderError shows a translated error page with the status of the error.
// A refusal is recorded in the audit log first.
func (s *kit) renderError(w http.ResponseWriter, r *http.Request, lang i18n.Lang, err error) {
	var to *redirectError
	switch {
	case errors.As(err, &to):
		http.Redirect(w, r, to.url, http.StatusSeeOther)
		return
	case app.SignInRequired(err):
		http.Redirect(w, r, "/login?next="+r.URL.RequestURI(), http.StatusSeeOther)
		return
	}
	s.recordDenial(r, err)
	pe := s.publicError(r, lang, err)
	pe.writeHeaders(w)
	title := s.cat.T(lang, fmt.Sprintf("error.title_%d", pe.Status), nil)
	if rerr := s.render(w, r, lang, pe.Status, "error", title, pe); rerr != nil {
		s.log.ErrorContext(r.Context(), "render error page", "err", rerr)
		http.Error(w, pe.Message, pe.Status)
	}
}

// redirectError answers a page with a redirect instead of its content,
// such as the entry form sending someone without a profile to make one.
type redirectError struct{ url string }

func (e *redirectError) Error() string { return "see other: " + e.url }

// seeOther is the error that redirects to a local URL.
func seeOther(url string) error { return &redirectError{url: url} }

func (s *Server) notFoundPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return notFound("page")
}

// static serves the embedded files; a directory is not listed but answers
// with the translated 404 page.
func (s *Server) static() http.Handler {
	sub, _ := fs.Sub(assets, "static")
	files := http.FileServerFS(sub)
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.Trim(r.URL.Path, "/")
		if name == "" {
			name = "."
		}
		if info, err := fs.Stat(sub, name); err != nil || info.IsDir() {
			s.renderError(w, r, s.language(w, r), notFound("page"))
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	}))
}
