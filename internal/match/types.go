package match

import (
	"errors"
	"fmt"
)

// WorkStyle says where a project's work happens.
type WorkStyle uint8

// Work styles. The zero value is not a valid style.
const (
	Remote WorkStyle = iota + 1 // all work can be done remotely
	OnSite                      // the work happens at the project's place
	Hybrid                      // mostly remote with some on-site days
)

// String returns the style's code.
func (s WorkStyle) String() string {
	switch s {
	case Remote:
		return "remote"
	case OnSite:
		return "onsite"
	case Hybrid:
		return "hybrid"
	}
	return fmt.Sprintf("WorkStyle(%d)", uint8(s))
}

// AffinityKind is how a talent is tied to a municipality, strongest first.
type AffinityKind uint8

// Affinity kinds. The zero value is not a valid kind.
const (
	Lives     AffinityKind = iota + 1 // 在住
	Works                             // 在勤
	Born                              // 出身
	Supporter                         // 応援
)

// Location is a point on the earth in degrees. Valid is false when the
// place is unknown; Lat and Lng are then ignored.
type Location struct {
	Lat, Lng float64
	Valid    bool
}

// Skill is a skill code with a level: 1 some experience, 2 practical,
// 3 can lead others. In a project it is the level asked for.
type Skill struct {
	Code  string
	Level int
}

// Affinity ties a talent to a municipality by its lgcode.
type Affinity struct {
	LGCode string
	Kind   AffinityKind
}

// Project is what the engine needs to know about a project.
type Project struct {
	ID              string
	RequiredSkills  []Skill
	PreferredSkills []Skill
	SDGs            []int // goals 1..17
	HoursPerMonth   int   // asked of a talent; 0 when not stated
	WorkStyle       WorkStyle
	Place           Location
	LGCode          string // the municipality the project belongs to
}

// Talent is what the engine needs to know about a talent's profile.
type Talent struct {
	ID            string
	Skills        []Skill
	SDGs          []int // goals 1..17
	HoursPerMonth int   // available; 0 when not stated
	RemoteOnly    bool  // will not travel for on-site work
	Home          Location
	Affinities    []Affinity
}

// Weights set how much each part of the fit counts. They are relative:
// only their ratios matter. See the package documentation for the defaults.
type Weights struct {
	Skills   int
	SDGs     int
	Hours    int
	Place    int // work style and distance
	Affinity int // tie to the project's municipality
}

// DefaultWeights returns the weights used when a program sets none.
func DefaultWeights() Weights {
	return Weights{Skills: 45, SDGs: 10, Hours: 15, Place: 20, Affinity: 10}
}

// Validate reports whether the weights can be used: none negative, and
// not all zero.
func (w Weights) Validate() error {
	for _, v := range []int{w.Skills, w.SDGs, w.Hours, w.Place, w.Affinity} {
		if v < 0 {
			return errors.New("match: weights must not be negative")
		}
		if v > 1_000_000 {
			return errors.New("match: weights must be at most 1000000")
		}
	}
	if w.Skills+w.SDGs+w.Hours+w.Place+w.Affinity == 0 {
		return errors.New("match: at least one weight must be positive")
	}
	return nil
}

func validSkill(s Skill) error {
	if s.Code == "" {
		return errors.New("empty skill code")
	}
	if s.Level < 1 || s.Level > 3 {
		return fmt.Errorf("skill %q: level %d outside 1..3", s.Code, s.Level)
	}
	return nil
}

func validLocation(l Location) error {
	if !l.Valid {
		return nil
	}
	if !(l.Lat >= -90 && l.Lat <= 90) || !(l.Lng >= -180 && l.Lng <= 180) {
		return fmt.Errorf("location %v,%v out of range", l.Lat, l.Lng)
	}
	return nil
}

// sdgMask turns goal numbers into a bit set (goal g is bit g-1).
func sdgMask(goals []int) (uint32, error) {
	var m uint32
	for _, g := range goals {
		if g < 1 || g > 17 {
			return 0, fmt.Errorf("SDG %d outside 1..17", g)
		}
		m |= 1 << (g - 1)
	}
	return m, nil
}

// validateProject checks a project before it is scored.
func validateProject(p Project) error {
	for _, s := range p.RequiredSkills {
		if err := validSkill(s); err != nil {
			return fmt.Errorf("match: project %q: required %v", p.ID, err)
		}
	}
	for _, s := range p.PreferredSkills {
		if err := validSkill(s); err != nil {
			return fmt.Errorf("match: project %q: preferred %v", p.ID, err)
		}
	}
	if _, err := sdgMask(p.SDGs); err != nil {
		return fmt.Errorf("match: project %q: %v", p.ID, err)
	}
	if p.HoursPerMonth < 0 {
		return fmt.Errorf("match: project %q: negative hours", p.ID)
	}
	if p.WorkStyle < Remote || p.WorkStyle > Hybrid {
		return fmt.Errorf("match: project %q: unknown work style %d", p.ID, p.WorkStyle)
	}
	if err := validLocation(p.Place); err != nil {
		return fmt.Errorf("match: project %q: %v", p.ID, err)
	}
	return nil
}

// validateTalent checks a talent before it joins a pool.
func validateTalent(t Talent) error {
	if t.ID == "" {
		return errors.New("match: talent with empty ID")
	}
	for _, s := range t.Skills {
		if err := validSkill(s); err != nil {
			return fmt.Errorf("match: talent %q: %v", t.ID, err)
		}
	}
	if _, err := sdgMask(t.SDGs); err != nil {
		return fmt.Errorf("match: talent %q: %v", t.ID, err)
	}
	if t.HoursPerMonth < 0 {
		return fmt.Errorf("match: talent %q: negative hours", t.ID)
	}
	if err := validLocation(t.Home); err != nil {
		return fmt.Errorf("match: talent %q: %v", t.ID, err)
	}
	for _, a := range t.Affinities {
		if a.LGCode == "" {
			return fmt.Errorf("match: talent %q: affinity without lgcode", t.ID)
		}
		if a.Kind < Lives || a.Kind > Supporter {
			return fmt.Errorf("match: talent %q: unknown affinity kind %d", t.ID, a.Kind)
		}
	}
	return nil
}
