package domain

import (
	"strings"
	"time"
)

// DocumentKind is one of the documents Japan's personal information law
// (個人情報保護法) and plain fairness ask a service to publish.
type DocumentKind string

// Document kinds.
const (
	DocumentPrivacy DocumentKind = "privacy" // 個人情報の取扱い
	DocumentTerms   DocumentKind = "terms"   // 利用規約
	DocumentContact DocumentKind = "contact" // お問い合わせ
)

// DocumentKinds lists the kinds in the order pages show them.
func DocumentKinds() []DocumentKind {
	return []DocumentKind{DocumentPrivacy, DocumentTerms, DocumentContact}
}

// Valid reports whether k is a known kind.
func (k DocumentKind) Valid() bool {
	for _, x := range DocumentKinds() {
		if x == k {
			return true
		}
	}
	return false
}

// MaxDocumentLength bounds each language's text, in characters.
const MaxDocumentLength = 20000

// LegalDocument is one version of a document, in Japanese and optionally
// in English. Versions are never edited: each change is a new version,
// and the highest is in force from its effective date.
type LegalDocument struct {
	ID             int64
	MunicipalityID int64 // 0 for the hub's own document
	Kind           DocumentKind
	Version        int
	BodyJA, BodyEN string
	EffectiveAt    time.Time
	CreatedBy      int64
	CreatedAt      time.Time
}

// Validate normalises line ends and checks the text: Japanese is
// required, English optional, both bounded; the effective date is set.
func (d *LegalDocument) Validate() error {
	d.BodyJA, d.BodyEN = tidyDocument(d.BodyJA), tidyDocument(d.BodyEN)
	var v ValidationErrors
	if !d.Kind.Valid() {
		v.Add("kind", "error.choice", "Value", string(d.Kind))
	}
	if d.BodyJA == "" {
		v.Add("body_ja", "error.legal_body_ja_required")
	} else if len([]rune(d.BodyJA)) > MaxDocumentLength {
		v.Add("body_ja", "error.legal_body_ja_too_long", "Max", MaxDocumentLength)
	}
	if len([]rune(d.BodyEN)) > MaxDocumentLength {
		v.Add("body_en", "error.legal_body_en_too_long", "Max", MaxDocumentLength)
	}
	if d.EffectiveAt.IsZero() {
		v.Add("effective", "error.legal_effective")
	}
	return v.Err()
}

// tidyDocument keeps the text's lines but not Windows line ends or the
// blank space around the whole.
func tidyDocument(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}
