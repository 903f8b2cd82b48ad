package domain

import (
	"regexp"
	"strings"
)

// Municipality is a tenant of the hub, identified by its lgcode.
type Municipality struct {
	ID          int64
	LGCode      string
	Slug        string
	Name        string // e.g. 大田区
	NameEN      string // e.g. Ota City
	PrefCode    int
	AccentColor string // #rrggbb
}

var (
	slugPattern  = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// Validate checks the municipality's fields.
func (m *Municipality) Validate() error {
	var v ValidationErrors
	if err := ValidateLGCode(m.LGCode); err != nil {
		e := err.(*Error)
		v.Add("lgcode", e.Key, "Value", m.LGCode)
	}
	if !slugPattern.MatchString(m.Slug) {
		v.Add("slug", "error.slug", "Value", m.Slug)
	}
	if strings.TrimSpace(m.Name) == "" {
		v.Add("name", "error.required", "Field", "field.municipality_name")
	}
	if m.PrefCode < 1 || m.PrefCode > 47 {
		v.Add("pref_code", "error.pref_code", "Value", m.PrefCode)
	}
	if m.AccentColor != "" && !colorPattern.MatchString(m.AccentColor) {
		v.Add("accent_color", "error.color", "Value", m.AccentColor)
	}
	return v.Err()
}
