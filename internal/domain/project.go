package domain

import (
	"strings"
	"time"
)

// WorkStyle says where the work happens.
type WorkStyle string

// Work styles.
const (
	WorkRemote WorkStyle = "remote"
	WorkOnSite WorkStyle = "onsite"
	WorkHybrid WorkStyle = "hybrid"
)

// WorkStyles lists the work styles in display order.
func WorkStyles() []WorkStyle { return []WorkStyle{WorkRemote, WorkHybrid, WorkOnSite} }

// Valid reports whether w is a known work style.
func (w WorkStyle) Valid() bool {
	return w == WorkRemote || w == WorkOnSite || w == WorkHybrid
}

// RewardType says how a project pays.
type RewardType string

// Reward types.
const (
	RewardPaid    RewardType = "paid"     // yen per month
	RewardProBono RewardType = "pro_bono" // プロボノ
	RewardInKind  RewardType = "in_kind"  // 現物・体験
)

// RewardTypes lists the reward types in display order.
func RewardTypes() []RewardType { return []RewardType{RewardPaid, RewardProBono, RewardInKind} }

// Valid reports whether r is a known reward type.
func (r RewardType) Valid() bool {
	return r == RewardPaid || r == RewardProBono || r == RewardInKind
}

// ProjectStatus is where a project stands in its life.
type ProjectStatus string

// Project statuses.
const (
	ProjectDraft     ProjectStatus = "draft"
	ProjectReview    ProjectStatus = "review"
	ProjectPublished ProjectStatus = "published"
	ProjectClosed    ProjectStatus = "closed"
)

// Valid reports whether s is a known status.
func (s ProjectStatus) Valid() bool {
	switch s {
	case ProjectDraft, ProjectReview, ProjectPublished, ProjectClosed:
		return true
	}
	return false
}

// CanMoveTo says whether a review step leads from s to to: a draft is
// submitted, a submitted project is published or returned to draft, a
// published one is closed.
func (s ProjectStatus) CanMoveTo(to ProjectStatus) bool {
	switch s {
	case ProjectDraft:
		return to == ProjectReview
	case ProjectReview:
		return to == ProjectPublished || to == ProjectDraft
	case ProjectPublished:
		return to == ProjectClosed
	}
	return false
}

// Public reports whether anonymous visitors may see a project in this status.
func (s ProjectStatus) Public() bool {
	return s == ProjectPublished || s == ProjectClosed
}

// Project is a challenge posted by a host inside a program.
type Project struct {
	ID              int64
	MunicipalityID  int64
	ProgramID       int64
	HostID          int64 // the host organization, usually a business
	Title           string
	Description     string
	SDGs            []int
	RequiredSkills  []string // skill codes
	PreferredSkills []string
	TeamSize        int
	HoursPerMonth   int
	WorkStyle       WorkStyle
	Place           string // where on-site work happens, e.g. 大田区蒲田
	RewardType      RewardType
	RewardYen       int // per month, when paid
	StartsOn        time.Time
	EndsOn          time.Time
	Status          ProjectStatus
}

// Validate checks the project's fields.
func (p *Project) Validate() error {
	var v ValidationErrors
	if p.MunicipalityID == 0 || p.ProgramID == 0 || p.HostID == 0 {
		v.Add("host", "error.required_choice", "Field", "projform.host")
	}
	if strings.TrimSpace(p.Title) == "" {
		v.Add("title", "error.required", "Field", "projform.title")
	}
	if len([]rune(p.Title)) > 120 {
		v.Add("title", "error.too_long", "Max", 120)
	}
	if len(p.SDGs) == 0 {
		v.Add("sdgs", "error.sdgs_required")
	}
	seen := map[int]bool{}
	for _, g := range p.SDGs {
		if g < 1 || g > 17 {
			v.Add("sdgs", "error.sdg_range", "Value", g)
		} else if seen[g] {
			v.Add("sdgs", "error.duplicate", "Value", g)
		}
		seen[g] = true
	}
	if p.TeamSize < 1 || p.TeamSize > 20 {
		v.Add("team_size", "error.range", "Min", 1, "Max", 20)
	}
	if p.HoursPerMonth < 1 || p.HoursPerMonth > 200 {
		v.Add("hours", "error.range", "Min", 1, "Max", 200)
	}
	if !p.WorkStyle.Valid() {
		v.Add("work_style", "error.choice", "Value", string(p.WorkStyle))
	} else if p.WorkStyle != WorkRemote && strings.TrimSpace(p.Place) == "" {
		v.Add("place", "error.place_required")
	}
	if !p.RewardType.Valid() {
		v.Add("reward_type", "error.choice", "Value", string(p.RewardType))
	} else if p.RewardType == RewardPaid && p.RewardYen <= 0 {
		v.Add("reward_yen", "error.reward_required")
	} else if p.RewardType != RewardPaid && p.RewardYen != 0 {
		v.Add("reward_yen", "error.reward_unpaid")
	}
	if !p.StartsOn.IsZero() && !p.EndsOn.IsZero() && p.EndsOn.Before(p.StartsOn) {
		v.Add("period", "error.period_order")
	}
	if !p.Status.Valid() {
		v.Add("status", "error.choice", "Value", string(p.Status))
	}
	return v.Err()
}

// SkillCategoryOf returns the category of a skill code. Skill codes start
// with their category code and a hyphen ("web-homepage" is in "web"); the
// reference data checks this when it loads.
func SkillCategoryOf(code string) string {
	if i := strings.IndexByte(code, '-'); i > 0 {
		return code[:i]
	}
	return ""
}

// HoursBand groups hours per month for the list's filter: 1 up to 10 hours,
// 2 up to 20, 3 up to 30, 4 more.
func HoursBand(hours int) int {
	switch {
	case hours <= 10:
		return 1
	case hours <= 20:
		return 2
	case hours <= 30:
		return 3
	}
	return 4
}
