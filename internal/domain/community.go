package domain

import (
	"strings"
	"time"
)

// Event is a community gathering, online or in person.
type Event struct {
	ID             int64
	MunicipalityID int64
	Title          string
	Description    string
	StartsAt       time.Time
	EndsAt         time.Time
	Online         bool
	Place          string // in person: where
	URL            string // online: the link, given to those who RSVP
	Capacity       int    // 0 for no limit
	CreatedBy      int64
}

// Validate checks the event.
func (e *Event) Validate() error {
	var v ValidationErrors
	if strings.TrimSpace(e.Title) == "" {
		v.Add("title", "error.required", "Field", "event.name")
	} else if len([]rune(e.Title)) > 120 {
		v.Add("title", "error.too_long", "Max", 120)
	}
	if len([]rune(e.Description)) > 4000 {
		v.Add("description", "error.too_long", "Max", 4000)
	}
	if e.StartsAt.IsZero() {
		v.Add("date", "error.date")
	} else if !e.EndsAt.After(e.StartsAt) || e.EndsAt.Sub(e.StartsAt) > 24*time.Hour {
		v.Add("minutes", "error.range", "Min", 15, "Max", 1440)
	}
	if e.Online && !strings.HasPrefix(e.URL, "https://") {
		v.Add("url", "error.https_url")
	}
	if !e.Online && strings.TrimSpace(e.Place) == "" {
		v.Add("place", "error.place_required")
	}
	if e.Capacity < 0 || e.Capacity > 10000 {
		v.Add("capacity", "error.range", "Min", 0, "Max", 10000)
	}
	return v.Err()
}

// IdeaStatus is the municipality's answer to an idea.
type IdeaStatus string

// Idea statuses.
const (
	IdeaReceived    IdeaStatus = "received"    // 受付
	IdeaConsidering IdeaStatus = "considering" // 検討中
	IdeaAdopted     IdeaStatus = "adopted"     // 採用
	IdeaDeclined    IdeaStatus = "declined"    // 見送り
)

// IdeaStatuses lists the statuses in order.
func IdeaStatuses() []IdeaStatus {
	return []IdeaStatus{IdeaReceived, IdeaConsidering, IdeaAdopted, IdeaDeclined}
}

// Valid reports whether s is a known status.
func (s IdeaStatus) Valid() bool {
	for _, x := range IdeaStatuses() {
		if x == s {
			return true
		}
	}
	return false
}

// Idea is a proposal a talent makes to a municipality.
type Idea struct {
	ID             int64
	MunicipalityID int64
	AuthorID       int64
	Title          string
	Body           string
	Status         IdeaStatus
	Answer         string
	CreatedAt      time.Time
	AnsweredAt     time.Time
	Supporters     int
}

// Validate checks the idea.
func (i *Idea) Validate() error {
	var v ValidationErrors
	if strings.TrimSpace(i.Title) == "" {
		v.Add("title", "error.required", "Field", "idea.name")
	} else if len([]rune(i.Title)) > 120 {
		v.Add("title", "error.too_long", "Max", 120)
	}
	if strings.TrimSpace(i.Body) == "" {
		v.Add("body", "error.required", "Field", "idea.body")
	} else if len([]rune(i.Body)) > 4000 {
		v.Add("body", "error.too_long", "Max", 4000)
	}
	if i.MunicipalityID == 0 {
		v.Add("municipality", "error.required_choice", "Field", "idea.to")
	}
	return v.Err()
}
