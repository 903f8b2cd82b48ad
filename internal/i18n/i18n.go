// Package i18n translates the interface: Japanese first, English second.
// Messages live in embedded JSON catalogs, one per language, read with
// go-i18n; placeholders use Go template syntax ({{.Name}}).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.json
var locales embed.FS

// Lang is a supported interface language.
type Lang string

// Supported languages; Japanese is the default.
const (
	Japanese Lang = "ja"
	English  Lang = "en"
)

// Langs lists the supported languages in the order the switch shows them.
func Langs() []Lang { return []Lang{Japanese, English} }

// Catalog holds the parsed message catalogs.
type Catalog struct {
	localizers map[Lang]*goi18n.Localizer
	keys       map[Lang]map[string]bool
	matcher    language.Matcher
}

// Load parses the embedded catalogs and checks that every language has the
// same keys, so a missing translation fails at start, not in front of a user.
func Load() (*Catalog, error) {
	bundle := goi18n.NewBundle(language.Japanese)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	c := &Catalog{
		localizers: map[Lang]*goi18n.Localizer{},
		keys:       map[Lang]map[string]bool{},
		matcher:    language.NewMatcher([]language.Tag{language.Japanese, language.English}),
	}
	for _, lang := range Langs() {
		name := "locales/" + string(lang) + ".json"
		data, err := locales.ReadFile(name)
		if err != nil {
			return nil, err
		}
		mf, err := bundle.ParseMessageFileBytes(data, name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		c.keys[lang] = map[string]bool{}
		for _, m := range mf.Messages {
			c.keys[lang][m.ID] = true
		}
		c.localizers[lang] = goi18n.NewLocalizer(bundle, string(lang))
	}
	if missing := c.diff(Japanese, English); len(missing) > 0 {
		return nil, fmt.Errorf("catalogs differ: %s", strings.Join(missing, ", "))
	}
	return c, nil
}

func (c *Catalog) diff(a, b Lang) []string {
	var out []string
	for k := range c.keys[a] {
		if !c.keys[b][k] {
			out = append(out, string(b)+" lacks "+k)
		}
	}
	for k := range c.keys[b] {
		if !c.keys[a][k] {
			out = append(out, string(a)+" lacks "+k)
		}
	}
	sort.Strings(out)
	return out
}

// Has reports whether key exists (in every language).
func (c *Catalog) Has(key string) bool { return c.keys[Japanese][key] }

// Parse returns the supported language named by s, if any.
func Parse(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ja", "ja-jp", "jp":
		return Japanese, true
	case "en", "en-us", "en-gb":
		return English, true
	}
	return "", false
}

// Negotiate picks the language from an explicit choice (a query parameter or
// a cookie) or else the Accept-Language header; Japanese by default.
func (c *Catalog) Negotiate(explicit []string, acceptLanguage string) Lang {
	for _, s := range explicit {
		if l, ok := Parse(s); ok {
			return l
		}
	}
	if acceptLanguage == "" {
		return Japanese
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Japanese
	}
	_, idx, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return Japanese
	}
	return Langs()[idx]
}

// T translates key into lang with placeholder values. An unknown key shows
// as itself, which tests catch.
func (c *Catalog) T(lang Lang, key string, args map[string]any) string {
	l, ok := c.localizers[lang]
	if !ok {
		l = c.localizers[Japanese]
	}
	cfg := &goi18n.LocalizeConfig{MessageID: key, TemplateData: args}
	if n, ok := args["Count"]; ok {
		cfg.PluralCount = n
	}
	s, err := l.Localize(cfg)
	if err != nil {
		return key
	}
	return s
}
