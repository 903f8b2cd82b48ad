package domain

import (
	"strings"
	"unicode"
)

// AffinityKind is how a talent is tied to a municipality.
type AffinityKind string

// Affinity kinds, strongest tie first.
const (
	AffinityLives     AffinityKind = "lives"     // 在住
	AffinityWorks     AffinityKind = "works"     // 在勤
	AffinityBorn      AffinityKind = "born"      // 出身
	AffinitySupporter AffinityKind = "supporter" // 応援
)

// Valid reports whether k is a known kind.
func (k AffinityKind) Valid() bool {
	switch k {
	case AffinityLives, AffinityWorks, AffinityBorn, AffinitySupporter:
		return true
	}
	return false
}

// Affinity ties a talent to a municipality by its lgcode.
type Affinity struct {
	LGCode string
	Kind   AffinityKind
}

// TalentSkill is a skill code with a level: 1 some experience, 2 practical,
// 3 can lead others.
type TalentSkill struct {
	Code  string
	Level int
}

// Talent is a side-job professional's profile.
type Talent struct {
	ID               int64
	UserID           int64 // 0 for a profile imported without an account
	Name             string
	NameKana         string
	Skills           []TalentSkill
	Background       string
	HoursPerMonth    int
	WorkStyle        WorkStyle // preferred
	SDGs             []int
	Affinities       []Affinity
	ResidenceCountry string // ISO 3166-1 alpha-2, "JP" for Japan
	// ResidencePref is the prefecture lived in (1..47, 0 unknown) and
	// ResidenceLGCode the municipality ("" unknown), for people in Japan.
	ResidencePref   int
	ResidenceLGCode string
	TimeZone        string // IANA, e.g. Asia/Tokyo
	Leader          bool   // an experienced side-jobber who screens and leads
}

// IsKatakanaReading reports whether s is made of katakana, the long-vowel
// mark and spaces only, as フリガナ should be.
func IsKatakanaReading(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Katakana, r) && r != 'ー' && r != ' ' && r != '　' && r != '・' {
			return false
		}
	}
	return true
}

// Normalize applies NFKC to the free-text fields and turns a reading typed
// in hiragana into katakana.
func (t *Talent) Normalize() {
	t.Name = NormalizeText(t.Name)
	t.NameKana = NormalizeKana(t.NameKana)
	t.Background = NormalizeText(t.Background)
}

// Validate checks the profile.
func (t *Talent) Validate() error {
	var v ValidationErrors
	if t.Name == "" {
		v.Add("name", "error.required", "Field", "signup.name")
	}
	if !IsKatakanaReading(t.NameKana) {
		v.Add("name_kana", "error.katakana")
	}
	seen := map[string]bool{}
	for _, s := range t.Skills {
		if s.Level < 1 || s.Level > 3 {
			v.Add("skills", "error.skill_level", "Value", s.Level)
		}
		if seen[s.Code] {
			v.Add("skills", "error.duplicate", "Value", s.Code)
		}
		seen[s.Code] = true
	}
	if t.HoursPerMonth < 0 || t.HoursPerMonth > 200 {
		v.Add("hours", "error.range", "Min", 0, "Max", 200)
	}
	if t.WorkStyle != "" && !t.WorkStyle.Valid() {
		v.Add("work_style", "error.choice", "Value", string(t.WorkStyle))
	}
	for _, g := range t.SDGs {
		if g < 1 || g > 17 {
			v.Add("sdgs", "error.sdg_range", "Value", g)
		}
	}
	for _, a := range t.Affinities {
		if err := ValidateLGCode(a.LGCode); err != nil {
			v.Add("affinities", err.(*Error).Key, "Value", a.LGCode)
		}
		if !a.Kind.Valid() {
			v.Add("affinities", "error.choice", "Value", string(a.Kind))
		}
	}
	if t.ResidencePref < 0 || t.ResidencePref > 47 {
		v.Add("residence", "error.range", "Min", 1, "Max", 47)
	}
	if t.ResidenceLGCode != "" {
		if err := ValidateLGCode(t.ResidenceLGCode); err != nil {
			v.Add("residence", err.(*Error).Key, "Value", t.ResidenceLGCode)
		}
	}
	if len(t.ResidenceCountry) != 2 {
		v.Add("residence_country", "error.country", "Value", t.ResidenceCountry)
	}
	return v.Err()
}
