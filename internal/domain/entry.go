package domain

import (
	"strings"
	"time"
)

// MaxChoices is how many projects an entry may rank.
const MaxChoices = 5

// EntryStatus is the screening stage an entry stands in, or the exit it
// took. The stages run 応募 → 書類選考 → 面談 → 内定 → 合意; the exits are
// 見送り (the municipality declines, with a reason) and 辞退 (the talent
// withdraws).
type EntryStatus string

// Entry statuses.
const (
	EntrySubmitted EntryStatus = "submitted" // 応募
	EntryScreening EntryStatus = "screening" // 書類選考
	EntryInterview EntryStatus = "interview" // 面談
	EntryOffered   EntryStatus = "offered"   // 内定
	EntryAgreed    EntryStatus = "agreed"    // 合意
	EntryDeclined  EntryStatus = "declined"  // 見送り
	EntryWithdrawn EntryStatus = "withdrawn" // 辞退
)

// Valid reports whether s is a known status.
func (s EntryStatus) Valid() bool {
	switch s {
	case EntrySubmitted, EntryScreening, EntryInterview, EntryOffered, EntryAgreed, EntryDeclined, EntryWithdrawn:
		return true
	}
	return false
}

// Entry is a talent's application to a program with ranked project choices.
type Entry struct {
	ID             int64
	MunicipalityID int64
	ProgramID      int64
	TalentID       int64
	Choices        []int64 // project ids, best first; none for a pre-entry
	// Placement is the project an accepted allocation placed the entry in
	// (0 for none): the 内定 names it, and the terms are drafted from it.
	Placement int64
	// OfferAccepted records that the entrant accepted the 内定; the terms
	// (合意) are a separate step.
	OfferAccepted bool
	Motivation    string
	Status        EntryStatus
	SubmittedAt   time.Time
	// IdempotencyKey identifies one submission: sending it again returns
	// the same entry instead of a second one.
	IdempotencyKey string
	// RequestHash is a hash of the request that carried IdempotencyKey
	// (empty when the client sends none), so that the key sent again with
	// another request is refused rather than answered with this entry.
	RequestHash string
}

// CheckSameRequest is the rule for an idempotency key sent again: with
// the request it first came with it replays the first answer; with
// another request it is refused (422), since answering with the first
// entry would hide that the second was never made. An empty hash on
// either side (a form, or an entry made before hashes were kept) matches.
func CheckSameRequest(storedHash, sentHash string) error {
	if storedHash != "" && sentHash != "" && storedHash != sentHash {
		return Errorf(CodeUnprocessable, "error.idempotency_key_reused")
	}
	return nil
}

// Withdrawable reports whether the talent may still withdraw the entry.
func (s EntryStatus) Withdrawable() bool {
	return s == EntrySubmitted || s == EntryScreening || s == EntryInterview || s == EntryOffered
}

// Projects lists the projects the entry is about: the placement once an
// allocation made one, otherwise the ranked choices (none for a
// pre-entry not yet placed). Their businesses take part in selection.
func (e Entry) Projects() []int64 {
	if e.Placement != 0 {
		return []int64{e.Placement}
	}
	return e.Choices
}

// BeforeInterview reports whether s is a stage before 面談 (応募 or 書類選考),
// so that setting an interview moves the entry on; an entry with a 内定
// keeps it when the business interviews the person.
func (s EntryStatus) BeforeInterview() bool {
	return s == EntrySubmitted || s == EntryScreening
}

// Validate checks the entry.
func (e *Entry) Validate() error {
	var v ValidationErrors
	if e.MunicipalityID == 0 || e.ProgramID == 0 || e.TalentID == 0 {
		v.Add("entry", "error.required", "Field", "thing.entry")
	}
	if len(e.Choices) > MaxChoices {
		v.Add("choices", "error.choices_max", "Max", MaxChoices)
	}
	seen := map[int64]bool{}
	for _, id := range e.Choices {
		if seen[id] {
			v.Add("choices", "error.duplicate", "Value", id)
		}
		seen[id] = true
	}
	if strings.TrimSpace(e.Motivation) == "" {
		v.Add("motivation", "error.required", "Field", "entry.motivation")
	}
	if !e.Status.Valid() {
		v.Add("status", "error.choice", "Value", string(e.Status))
	}
	return v.Err()
}
