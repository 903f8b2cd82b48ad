package refdata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// SkillCategory groups skills, e.g. "web" (Web・EC).
type SkillCategory struct {
	Code   string // ASCII slug, e.g. "web"
	NameJA string
	NameEN string
}

// Skill is one entry of the skill taxonomy used on talent profiles and
// projects. Codes are stable: store them, never the names.
type Skill struct {
	Code     string // ASCII slug starting with the category code, e.g. "web-homepage"
	Category string // SkillCategory.Code
	NameJA   string
	NameEN   string
}

// skillsJSON is the layout of data/skills.json.
type skillsJSON struct {
	Categories []struct {
		Code   string `json:"code"`
		NameJA string `json:"name_ja"`
		NameEN string `json:"name_en"`
	} `json:"categories"`
	Skills []struct {
		Code     string `json:"code"`
		Category string `json:"category"`
		NameJA   string `json:"name_ja"`
		NameEN   string `json:"name_en"`
	} `json:"skills"`
}

func (d *Data) loadSkills(fsys fs.FS) error {
	const file = skillsFile
	raw, err := fs.ReadFile(fsys, file)
	if err != nil {
		return fmt.Errorf("refdata: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var in skillsJSON
	if err := dec.Decode(&in); err != nil {
		return fmt.Errorf("refdata: %s: %w", file, err)
	}

	cats := make(map[string]bool, len(in.Categories))
	for i, c := range in.Categories {
		if !isSlug(c.Code) || c.NameJA == "" || c.NameEN == "" || cats[c.Code] {
			return fmt.Errorf("refdata: %s: category #%d %q: code must be a unique lower-case slug and names non-empty",
				file, i+1, c.Code)
		}
		cats[c.Code] = true
		d.skillCats = append(d.skillCats, SkillCategory{Code: c.Code, NameJA: c.NameJA, NameEN: c.NameEN})
	}

	d.skillByCode = make(map[string]int, len(in.Skills))
	d.skillsByCat = make(map[string][]int, len(cats))
	for i, s := range in.Skills {
		switch {
		case !isSlug(s.Code):
			return fmt.Errorf("refdata: %s: skill #%d: code %q is not a lower-case slug", file, i+1, s.Code)
		case !cats[s.Category]:
			return fmt.Errorf("refdata: %s: skill %q: unknown category %q", file, s.Code, s.Category)
		case !strings.HasPrefix(s.Code, s.Category+"-"):
			return fmt.Errorf("refdata: %s: skill %q: code must start with %q", file, s.Code, s.Category+"-")
		case s.NameJA == "" || s.NameEN == "":
			return fmt.Errorf("refdata: %s: skill %q: empty name", file, s.Code)
		}
		if _, dup := d.skillByCode[s.Code]; dup {
			return fmt.Errorf("refdata: %s: duplicate skill code %q", file, s.Code)
		}
		d.skillByCode[s.Code] = len(d.skills)
		d.skillsByCat[s.Category] = append(d.skillsByCat[s.Category], len(d.skills))
		d.skills = append(d.skills, Skill{Code: s.Code, Category: s.Category, NameJA: s.NameJA, NameEN: s.NameEN})
	}
	return nil
}

// isSlug reports whether s is lower-case ASCII letters and digits in words
// joined by single hyphens, e.g. "web-homepage" or "mfg-3d-printing".
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// SkillCategories returns the skill categories in display order.
func (d *Data) SkillCategories() []SkillCategory {
	return slices.Clone(d.skillCats)
}

// Skills returns every skill in display order (grouped by category).
func (d *Data) Skills() []Skill {
	return slices.Clone(d.skills)
}

// SkillsIn returns the skills of a category in display order, or nil for an
// unknown category.
func (d *Data) SkillsIn(category string) []Skill {
	idx := d.skillsByCat[category]
	if len(idx) == 0 {
		return nil
	}
	out := make([]Skill, len(idx))
	for i, j := range idx {
		out[i] = d.skills[j]
	}
	return out
}

// Skill returns the skill with the given code.
func (d *Data) Skill(code string) (Skill, bool) {
	i, ok := d.skillByCode[code]
	if !ok {
		return Skill{}, false
	}
	return d.skills[i], true
}
