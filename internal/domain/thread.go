package domain

import (
	"strings"
	"time"
)

// ThreadMessage is a message in a conversation before the match: about an
// entry (EntryID) or about a scout the talent answered with interest
// (ScoutID); exactly one of the two is set.
type ThreadMessage struct {
	ID       int64
	EntryID  int64
	ScoutID  int64
	AuthorID int64
	Body     string
	At       time.Time
}

// Validate checks the message.
func (m *ThreadMessage) Validate() error {
	var v ValidationErrors
	m.Body = strings.TrimSpace(NormalizeText(m.Body))
	if m.Body == "" {
		v.Add("body", "error.required", "Field", "thread.body")
	} else if len([]rune(m.Body)) > 4000 {
		v.Add("body", "error.too_long", "Max", 4000)
	}
	if (m.EntryID == 0) == (m.ScoutID == 0) {
		v.Add("body", "error.not_found", "What", "thread")
	}
	return v.Err()
}
