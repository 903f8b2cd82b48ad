package mail

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"text/template"
	"time"
)

// templateFiles holds templates/<lang>/<name>.tmpl, each defining "subject"
// and "text", and templates/<lang>/_shared.tmpl with the pieces they share.
//
//go:embed templates/*/*.tmpl
var templateFiles embed.FS

// Templates renders the account mails in the recipient's language. It is
// parsed and checked once by LoadTemplates and safe for concurrent use.
type Templates struct {
	sets  map[string]*template.Template // by lang + "/" + name
	types map[string]reflect.Type       // data type by template name
}

// LoadTemplates parses the embedded templates. It fails if a template is
// missing in either language, lacks a "subject" or "text" part, or refers
// to a field its data type does not have: every template is executed once
// here with empty and with filled sample data.
func LoadTemplates() (*Templates, error) {
	return loadTemplates(templateFiles)
}

func loadTemplates(fsys fs.FS) (*Templates, error) {
	t := &Templates{sets: map[string]*template.Template{}, types: templateTypes()}
	names := slices.Sorted(maps.Keys(t.types))
	for _, lang := range languages() {
		dir := path.Join("templates", lang)
		files, err := fs.Glob(fsys, path.Join(dir, "*.tmpl"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			name := strings.TrimSuffix(path.Base(f), ".tmpl")
			if _, known := t.types[name]; !known && !strings.HasPrefix(name, "_") {
				return nil, fmt.Errorf("mail: template %s has no data type in templateTypes", f)
			}
		}
		for _, name := range names {
			file := path.Join(dir, name+".tmpl")
			if _, err := fs.Stat(fsys, file); err != nil {
				return nil, fmt.Errorf("mail: template %q missing in language %q (%s)", name, lang, file)
			}
			set, err := template.New(name).
				Option("missingkey=error").
				Funcs(templateFuncs(lang)).
				ParseFS(fsys, path.Join(dir, "_shared.tmpl"), file)
			if err != nil {
				return nil, fmt.Errorf("mail: template %s: %w", file, err)
			}
			for _, part := range []string{"subject", "text"} {
				if set.Lookup(part) == nil {
					return nil, fmt.Errorf("mail: template %s defines no %q", file, part)
				}
			}
			t.sets[lang+"/"+name] = set
			for _, filled := range []bool{false, true} {
				if _, _, err := t.Render(name, lang, sampleData(t.types[name], filled)); err != nil {
					return nil, err
				}
			}
		}
	}
	return t, nil
}

// Render executes template name in lang ("ja" or "en") with data, which
// must be the template's data type (or a pointer to it), and returns the
// subject on one line and the plain text body ending in a newline.
func (t *Templates) Render(name, lang string, data any) (subject, text string, err error) {
	want, ok := t.types[name]
	if !ok {
		return "", "", fmt.Errorf("mail: unknown template %q", name)
	}
	set, ok := t.sets[lang+"/"+name]
	if !ok {
		return "", "", fmt.Errorf("mail: template %q has no language %q (have %q)", name, lang, languages())
	}
	if got := reflect.TypeOf(data); got != want && got != reflect.PointerTo(want) {
		return "", "", fmt.Errorf("mail: template %q takes mail.%s, got %v", name, want.Name(), got)
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, "subject", data); err != nil {
		return "", "", fmt.Errorf("mail: template %s/%s: %w", lang, name, err)
	}
	subject = cleanSubject(buf.String())
	if subject == "" {
		return "", "", fmt.Errorf("mail: template %s/%s rendered an empty subject", lang, name)
	}
	buf.Reset()
	if err := set.ExecuteTemplate(&buf, "text", data); err != nil {
		return "", "", fmt.Errorf("mail: template %s/%s: %w", lang, name, err)
	}
	return subject, tidyText(buf.String()), nil
}

// Message renders template name for one recipient and returns the message,
// ready for a Sender.
func (t *Templates) Message(name, lang, to string, data any) (Message, error) {
	subject, text, err := t.Render(name, lang, data)
	if err != nil {
		return Message{}, err
	}
	return Message{To: to, Lang: lang, Subject: subject, Text: text,
		OneTimeLink: oneTimeLinkTemplates()[name] || CarriesToken(text)}, nil
}

// tidyText removes trailing spaces, keeps at most one blank line between
// paragraphs (conditional template parts leave more) and ends with one
// newline.
func tidyText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s = strings.Join(lines, "\n")
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return strings.Trim(s, "\n") + "\n"
}

// jst is Japan Standard Time; Japan has no daylight saving time, so a fixed
// zone is exact and needs no time zone database.
func jst() *time.Location { return time.FixedZone("JST", 9*60*60) }

// templateFuncs returns the functions templates in lang may call.
func templateFuncs(lang string) template.FuncMap {
	datetime := func(t time.Time) string {
		return t.In(jst()).Format("2006年1月2日 15:04（日本時間）")
	}
	if lang == LangEN {
		datetime = func(t time.Time) string {
			return t.In(jst()).Format("2 January 2006, 15:04 (Japan time, UTC+9)")
		}
	}
	return template.FuncMap{
		"datetime": datetime,
		"inc":      func(i int) int { return i + 1 },
	}
}
