package domain

import (
	"strings"
	"time"
)

// Program is a recruitment round (募集プログラム), co-hosted by several
// organizations, with an entry window.
type Program struct {
	ID             int64
	MunicipalityID int64
	Slug           string
	Title          string
	TitleEN        string
	Summary        string
	SummaryEN      string
	EntryOpensAt   time.Time
	EntryClosesAt  time.Time
	HostIDs        []int64 // co-host organizations, lead host first
	// Delegate is the partner co-host the municipality delegated the
	// program's day-to-day operations to (publishing projects, imports and
	// exports, stage moves, interviews, agreement drafts); 0 for none.
	// Decisions (内定, 合意, 見送り) stay with the municipality's staff.
	Delegate int64
	// Stages are the screening stages the program uses, in order; nil
	// means the default (see StageList).
	Stages []EntryStatus
	// ChoiceMode is how entrants choose projects; "" means required.
	ChoiceMode ChoiceMode
	// Timeline is the days of the steps after the entry window, each
	// optional.
	Timeline Timeline
}

// StageList is the program's screening stages: its own, or the default.
func (p *Program) StageList() []EntryStatus {
	if len(p.Stages) == 0 {
		return Stages()
	}
	return p.Stages
}

// UsesStage reports whether s is one of the program's stages or an exit.
func (p *Program) UsesStage(s EntryStatus) bool {
	if s == EntryDeclined || s == EntryWithdrawn {
		return true
	}
	for _, st := range p.StageList() {
		if st == s {
			return true
		}
	}
	return false
}

// ProgramPhase is where a program stands at a moment.
type ProgramPhase string

// Program phases.
const (
	PhaseUpcoming ProgramPhase = "upcoming"
	PhaseOpen     ProgramPhase = "open"
	PhaseClosed   ProgramPhase = "closed"
)

// Phase says whether entries are not yet open, open or closed at now.
func (p *Program) Phase(now time.Time) ProgramPhase {
	switch {
	case now.Before(p.EntryOpensAt):
		return PhaseUpcoming
	case now.Before(p.EntryClosesAt):
		return PhaseOpen
	}
	return PhaseClosed
}

// Validate checks the program's fields.
func (p *Program) Validate() error {
	var v ValidationErrors
	if p.MunicipalityID == 0 {
		v.Add("municipality", "error.required_choice", "Field", "thing.municipality")
	}
	if !slugPattern.MatchString(p.Slug) {
		v.Add("slug", "error.slug", "Value", p.Slug)
	}
	if strings.TrimSpace(p.Title) == "" {
		v.Add("title", "error.required", "Field", "progform.name")
	}
	if p.EntryOpensAt.IsZero() || p.EntryClosesAt.IsZero() {
		v.Add("entry_period", "error.required", "Field", "field.entry_period")
	} else if !p.EntryClosesAt.After(p.EntryOpensAt) {
		v.Add("entry_period", "error.period_order")
	}
	if p.ChoiceMode != "" && !p.ChoiceMode.Valid() {
		v.Add("choice_mode", "error.choice", "Value", string(p.ChoiceMode))
	}
	p.validateTimeline(&v)
	if len(p.HostIDs) == 0 {
		v.Add("hosts", "error.hosts_required")
	}
	seen := map[int64]bool{}
	for _, id := range p.HostIDs {
		if seen[id] {
			v.Add("hosts", "error.duplicate", "Value", id)
		}
		seen[id] = true
	}
	return v.Err()
}

// ChoiceMode is how a program's entrants choose projects.
type ChoiceMode string

// Choice modes.
const (
	// ChoicesRequired: every entry ranks 1 to MaxChoices projects.
	ChoicesRequired ChoiceMode = "required"
	// ChoicesOptional: an entry may rank projects, or none.
	ChoicesOptional ChoiceMode = "optional"
	// ChoicesNone: a pre-entry (先行エントリー); the municipality places
	// people later, and every open project is a candidate.
	ChoicesNone ChoiceMode = "none"
)

// ChoiceModes lists the modes in the order a form offers them.
func ChoiceModes() []ChoiceMode { return []ChoiceMode{ChoicesRequired, ChoicesOptional, ChoicesNone} }

// Valid reports whether m is a known mode.
func (m ChoiceMode) Valid() bool {
	return m == ChoicesRequired || m == ChoicesOptional || m == ChoicesNone
}

// Choices returns the program's choice mode, required when unset.
func (p Program) Choices() ChoiceMode {
	if p.ChoiceMode == "" {
		return ChoicesRequired
	}
	return p.ChoiceMode
}

// CheckChoices checks an entry's choices against the mode: required needs
// at least one, none takes none.
func (m ChoiceMode) CheckChoices(choices []int64) error {
	var v ValidationErrors
	switch {
	case m == ChoicesNone && len(choices) > 0:
		v.Add("choices", "error.choices_none")
	case m != ChoicesNone && m != ChoicesOptional && len(choices) == 0:
		v.Add("choices", "error.choices_required")
	}
	return v.Err()
}

// Allocable reports whether an entry in status s may be placed by an
// allocation: it has passed the program's document screening (書類選考:
// it stands in a later stage, before 内定) and is still open. In a
// program without 書類選考 every open entry before 内定 may be placed.
// Entries already decided (内定, 合意, 見送り) or withdrawn (辞退) are not.
func (p *Program) Allocable(s EntryStatus) bool {
	if s.Closed() || s == EntryOffered || StageIndex(s) < 0 {
		return false
	}
	for _, st := range p.StageList() {
		if st == EntryScreening {
			return StageIndex(s) > StageIndex(EntryScreening)
		}
	}
	return true
}
