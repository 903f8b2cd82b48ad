package domain

import (
	"regexp"
	"strings"
	"time"
)

// EngagementStatus says whether a team is still at work.
type EngagementStatus string

// Engagement statuses.
const (
	EngagementActive    EngagementStatus = "active"
	EngagementCompleted EngagementStatus = "completed"
	// EngagementPaused is an active team while amended terms of one of
	// its members await acceptance: it is never stored, but worked out
	// when the team is read, and work waits until every side accepted.
	EngagementPaused EngagementStatus = "paused"
)

// Engagement is the workspace of one project team: the talents whose
// agreements all sides accepted, the business and the program's staff.
type Engagement struct {
	ID             int64
	ProjectID      int64
	MunicipalityID int64
	Goal           string // the kickoff goal, for about three months
	Status         EngagementStatus
	StartedOn      time.Time
	CompletedAt    time.Time
	// StoryConsent is the business's consent to a public story of the
	// outcome; each talent's comes from their own consent record.
	StoryConsent bool
	// EndedEarlyReason is why staff ended the work before its agreed end
	// (中途終了); empty for a team that completed or is at work.
	EndedEarlyReason string
	// CredentialWithheld says staff ended the team early without issuing
	// credentials.
	CredentialWithheld bool
}

// WorkedPeriod is the period a member actually worked, for their
// credential: from the agreed start, or, when the team finished before
// that day, from the day the terms were accepted by all (or the day it
// finished, if that came first), to the moment it finished; it never ends
// before it starts. Days are in Japan.
func WorkedPeriod(agreedStart, acceptedAt, completedAt time.Time) (start, end time.Time) {
	end = completedAt
	if start = DateInJapan(agreedStart); !start.After(end) {
		return start, end
	}
	if !acceptedAt.IsZero() {
		if start = DateInJapan(acceptedAt); !start.After(end) {
			return start, end
		}
	}
	return DateInJapan(completedAt), end
}

// AcceptedOn is when the last party accepted the current version of the
// terms; zero while one has not.
func (a *Agreement) AcceptedOn() time.Time {
	var last time.Time
	for _, x := range a.Accepted {
		if x.At.After(last) {
			last = x.At
		}
	}
	return last
}

// Milestone is a step towards the goal.
type Milestone struct {
	ID           int64
	EngagementID int64
	Title        string
	DueOn        time.Time
	DoneAt       time.Time
}

// Validate checks the milestone.
func (m *Milestone) Validate() error {
	var v ValidationErrors
	if strings.TrimSpace(m.Title) == "" {
		v.Add("title", "error.required", "Field", "work.milestone_title")
	} else if len([]rune(m.Title)) > 200 {
		v.Add("title", "error.too_long", "Max", 200)
	}
	return v.Err()
}

// MeetingKind is a team meeting or a one-to-one.
type MeetingKind string

// Meeting kinds.
const (
	MeetingTeam     MeetingKind = "team"       // 全体ミーティング
	MeetingOneToOne MeetingKind = "one_to_one" // 1on1
)

// Meeting is one entry of the meeting log.
type Meeting struct {
	ID           int64
	EngagementID int64
	Kind         MeetingKind
	HeldOn       time.Time
	Minutes      int // how long
	Notes        string
	AuthorID     int64
	TalentID     int64 // the team member a one-to-one was held with; 0 for a team meeting
}

// Validate checks the meeting.
func (m *Meeting) Validate() error {
	var v ValidationErrors
	if m.Kind != MeetingTeam && m.Kind != MeetingOneToOne {
		v.Add("kind", "error.choice", "Value", string(m.Kind))
	}
	if m.Kind == MeetingOneToOne && m.TalentID == 0 {
		v.Add("talent", "error.meeting_talent")
	}
	if m.Kind == MeetingTeam && m.TalentID != 0 {
		v.Add("talent", "error.meeting_team_talent")
	}
	if m.HeldOn.IsZero() {
		v.Add("held_on", "error.date")
	}
	if m.Minutes < 5 || m.Minutes > 600 {
		v.Add("minutes", "error.range", "Min", 5, "Max", 600)
	}
	if strings.TrimSpace(m.Notes) == "" {
		v.Add("notes", "error.required", "Field", "work.notes")
	} else if len([]rune(m.Notes)) > 8000 {
		v.Add("notes", "error.too_long", "Max", 8000)
	}
	return v.Err()
}

// validMonth reports whether s is a month written YYYY-MM.
func validMonth(s string) bool {
	ok, _ := regexp.MatchString(`^20[0-9]{2}-(0[1-9]|1[0-2])$`, s)
	return ok
}

// Report is a talent's monthly report.
type Report struct {
	ID           int64
	EngagementID int64
	TalentID     int64
	Month        string // YYYY-MM
	Hours        int
	Done         string
	Next         string
	Blockers     string
	SubmittedAt  time.Time
}

// Validate checks the report.
func (r *Report) Validate() error {
	var v ValidationErrors
	if !validMonth(r.Month) {
		v.Add("month", "error.month")
	}
	if r.Hours < 0 || r.Hours > 300 {
		v.Add("hours", "error.range", "Min", 0, "Max", 300)
	}
	if strings.TrimSpace(r.Done) == "" {
		v.Add("done", "error.required", "Field", "work.done")
	}
	for name, text := range map[string]string{"done": r.Done, "next": r.Next, "blockers": r.Blockers} {
		if len([]rune(text)) > 4000 {
			v.Add(name, "error.too_long", "Max", 4000)
		}
	}
	return v.Err()
}

// Message is a note posted in the workspace.
type Message struct {
	ID           int64
	EngagementID int64
	AuthorID     int64
	Body         string
	At           time.Time
}

// Validate checks the message.
func (m *Message) Validate() error {
	var v ValidationErrors
	if strings.TrimSpace(m.Body) == "" {
		v.Add("body", "error.required", "Field", "work.message")
	} else if len([]rune(m.Body)) > 4000 {
		v.Add("body", "error.too_long", "Max", 4000)
	}
	return v.Err()
}
