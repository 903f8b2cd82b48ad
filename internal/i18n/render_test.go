package i18n

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// placeholderRE finds the template fields a message uses ({{.Name}}).
var placeholderRE = regexp.MustCompile(`{{-?\s*\.(\w+)`)

// catalogTexts reads one embedded catalog as key → every text of the
// message (the plain text, or each plural form).
func catalogTexts(t *testing.T, lang Lang) map[string][]string {
	t.Helper()
	data, err := locales.ReadFile("locales/" + string(lang) + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]string, len(raw))
	for key, msg := range raw {
		var s string
		if err := json.Unmarshal(msg, &s); err == nil {
			out[key] = []string{s}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(msg, &forms); err != nil {
			t.Fatalf("%s %s: neither a text nor plural forms: %v", lang, key, err)
		}
		for _, f := range forms {
			out[key] = append(out[key], f)
		}
	}
	return out
}

// TestEveryMessageRenders renders every catalog message in both languages
// with a value for every placeholder it uses, and with the counts 0, 1 and
// 2 when it takes a count, and fails on the raw key (a missing plural form
// makes go-i18n fail, and T then shows the key), on a missing value or on
// an unexpanded placeholder.
func TestEveryMessageRenders(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	texts := map[Lang]map[string][]string{}
	for _, lang := range Langs() {
		texts[lang] = catalogTexts(t, lang)
	}
	keys := make([]string, 0, len(texts[Japanese]))
	for key := range texts[Japanese] {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	if len(keys) < 100 {
		t.Fatalf("only %d keys read from the catalog", len(keys))
	}
	for _, key := range keys {
		// The placeholders of every language and form: a caller gives the
		// same data whatever the language.
		names := map[string]bool{}
		for _, lang := range Langs() {
			for _, text := range texts[lang][key] {
				for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
					names[m[1]] = true
				}
			}
		}
		counts := []any{nil}
		if names["Count"] {
			counts = []any{0, 1, 2}
		}
		for _, count := range counts {
			var args map[string]any
			for name := range names {
				if args == nil {
					args = map[string]any{}
				}
				args[name] = "x" + strings.ToLower(name)
			}
			if count != nil {
				args["Count"] = count
			}
			for _, lang := range Langs() {
				got := c.T(lang, key, args)
				switch {
				case got == key:
					t.Errorf("%s %s (Count %v): shows the raw key", lang, key, count)
				case strings.Contains(got, "<no value>"):
					t.Errorf("%s %s (Count %v): a placeholder has no value: %q", lang, key, count, got)
				case strings.Contains(got, "{{"):
					t.Errorf("%s %s (Count %v): a placeholder is not expanded: %q", lang, key, count, got)
				case strings.TrimSpace(got) == "" && strings.Join(texts[lang][key], "") != "":
					t.Errorf("%s %s (Count %v): renders empty", lang, key, count)
				}
			}
		}
	}
}
