package domain

import (
	"strings"
	"time"
)

// ConsentPurpose is what a person agrees their data may be used for.
type ConsentPurpose string

// Consent purposes.
const (
	// ConsentScout lets a municipality's staff find the profile and send an
	// offer (スカウト).
	ConsentScout ConsentPurpose = "scout"
	// ConsentStory lets a completed project's outcome name the person on
	// public pages.
	ConsentStory ConsentPurpose = "story"
	// ConsentNews lets the municipality send news of programs and events.
	ConsentNews ConsentPurpose = "news"
	// ConsentReviews lets the staff who may find the profile read what
	// businesses wrote of the person's completed work.
	ConsentReviews ConsentPurpose = "reviews"
	// ConsentTerms records agreement to a version of the terms of use.
	ConsentTerms ConsentPurpose = "terms"
	// ConsentPrivacy records agreement to a version of the privacy notice
	// (個人情報の取扱い).
	ConsentPrivacy ConsentPurpose = "privacy"
)

// ConsentPurposes lists the purposes in display order.
func ConsentPurposes() []ConsentPurpose {
	return []ConsentPurpose{ConsentScout, ConsentStory, ConsentNews, ConsentReviews}
}

// HubPurposes are the purposes answered once for the whole hub; being
// found (ConsentScout) is answered per municipality.
func HubPurposes() []ConsentPurpose {
	return []ConsentPurpose{ConsentStory, ConsentNews, ConsentReviews}
}

// DocumentPurposes are the purposes agreed to by accepting a document at
// sign-up; each answer carries the document's version.
func DocumentPurposes() []ConsentPurpose { return []ConsentPurpose{ConsentTerms, ConsentPrivacy} }

// Valid reports whether p is a known purpose.
func (p ConsentPurpose) Valid() bool {
	for _, k := range append(ConsentPurposes(), DocumentPurposes()...) {
		if k == p {
			return true
		}
	}
	return false
}

// Consent is one answer, given or withdrawn, with its time. Answers are
// never edited: the newest for a purpose is the current one.
type Consent struct {
	UserID         int64
	MunicipalityID int64 // 0 when the answer holds for every municipality
	Purpose        ConsentPurpose
	Granted        bool
	At             time.Time
	// DocumentVersion is the version of the terms or privacy notice agreed
	// to; 0 for purposes without a document.
	DocumentVersion int
}

// Validate checks the purpose and, for a document, that it was agreed to
// in a known version.
func (c *Consent) Validate() error {
	if !c.Purpose.Valid() {
		return Errorf(CodeInvalid, "error.choice", "Value", string(c.Purpose))
	}
	for _, p := range DocumentPurposes() {
		if p == c.Purpose && (c.DocumentVersion < 1 || !c.Granted) {
			return Errorf(CodeInvalid, "error.consent_version")
		}
	}
	return nil
}

// ScoutStatus is where an offer stands.
type ScoutStatus string

// Scout statuses.
const (
	ScoutSent     ScoutStatus = "sent"
	ScoutAccepted ScoutStatus = "accepted"
	ScoutDeclined ScoutStatus = "declined"
)

// ScoutOffer is an offer (スカウト) a municipality sends a talent who let
// its staff find them.
type ScoutOffer struct {
	ID             int64
	MunicipalityID int64
	TalentID       int64
	ProjectID      int64 // 0 when the offer is about the program in general
	SenderID       int64
	Message        string
	Status         ScoutStatus
	CreatedAt      time.Time
	AnsweredAt     time.Time
	// ShareContact is the talent's consent, given when answering with
	// interest, to show the scouting staff their contact details.
	ShareContact bool
}

// Validate checks the offer.
func (o *ScoutOffer) Validate() error {
	var v ValidationErrors
	if strings.TrimSpace(o.Message) == "" {
		v.Add("message", "error.required", "Field", "pool.message")
	} else if len([]rune(o.Message)) > 2000 {
		v.Add("message", "error.too_long", "Max", 2000)
	}
	return v.Err()
}
