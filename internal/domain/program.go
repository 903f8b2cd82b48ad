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
	// Stages are the screening stages the program uses, in order; nil
	// means the default (see StageList).
	Stages []EntryStatus
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
