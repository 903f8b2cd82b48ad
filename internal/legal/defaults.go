package legal

import (
	"embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// defaultFiles holds defaults/<kind>.<lang>.txt and defaults/versions.json,
// which gives each default its version and effective date.
//
//go:embed defaults/*.txt defaults/versions.json
var defaultFiles embed.FS

// Fill is what a default leaves open, in one language: who publishes the
// document, how to reach them, and where the other documents are.
type Fill struct {
	Operator string // e.g. 大田区, or the hub's operator
	Contact  string // how to reach them, in the text format (e.g. a mailto link)
	// Pages are the paths of the three documents, e.g. /privacy.
	PrivacyPage, TermsPage, ContactPage string
}

func (f Fill) replacer() *strings.Replacer {
	return strings.NewReplacer("{{operator}}", f.Operator, "{{contact}}", f.Contact,
		"{{privacy_page}}", f.PrivacyPage, "{{terms_page}}", f.TermsPage, "{{contact_page}}", f.ContactPage)
}

// Defaults are the embedded default documents, parsed and checked once.
type Defaults struct {
	docs map[domain.DocumentKind]defaultDoc
}

type defaultDoc struct {
	version   int
	effective time.Time
	ja, en    string
}

type versionEntry struct {
	Version   int    `json:"version"`
	Effective string `json:"effective"` // 2006-01-02, in Japan time
}

var placeholder = regexp.MustCompile(`\{\{[^}]*\}\}`)

// LoadDefaults reads the embedded defaults. It fails if a kind lacks a
// language, a version or a date, or uses a placeholder Fill does not fill.
func LoadDefaults() (*Defaults, error) {
	raw, err := defaultFiles.ReadFile("defaults/versions.json")
	if err != nil {
		return nil, err
	}
	var versions map[domain.DocumentKind]versionEntry
	if err := json.Unmarshal(raw, &versions); err != nil {
		return nil, fmt.Errorf("legal: defaults/versions.json: %w", err)
	}
	d := &Defaults{docs: map[domain.DocumentKind]defaultDoc{}}
	for _, kind := range domain.DocumentKinds() {
		doc, err := loadDefault(kind, versions[kind])
		if err != nil {
			return nil, err
		}
		d.docs[kind] = doc
	}
	return d, nil
}

func loadDefault(kind domain.DocumentKind, v versionEntry) (defaultDoc, error) {
	effective, err := time.ParseInLocation("2006-01-02", v.Effective, domain.Japan())
	if err != nil || v.Version < 1 {
		return defaultDoc{}, fmt.Errorf("legal: defaults/versions.json: %s needs a version and an effective date", kind)
	}
	doc := defaultDoc{version: v.Version, effective: effective}
	for _, lang := range []string{"ja", "en"} {
		name := "defaults/" + string(kind) + "." + lang + ".txt"
		b, err := defaultFiles.ReadFile(name)
		if err != nil {
			return defaultDoc{}, fmt.Errorf("legal: %s is missing", name)
		}
		filled := Fill{}.replacer().Replace(string(b))
		if left := placeholder.FindString(filled); left != "" {
			return defaultDoc{}, fmt.Errorf("legal: %s: unknown placeholder %s", name, left)
		}
		if len(Parse(filled)) == 0 {
			return defaultDoc{}, fmt.Errorf("legal: %s is empty", name)
		}
		if lang == "ja" {
			doc.ja = string(b)
		} else {
			doc.en = string(b)
		}
	}
	return doc, nil
}

// Document is the default of a kind, filled for its publisher.
func (d *Defaults) Document(kind domain.DocumentKind, ja, en Fill) domain.LegalDocument {
	doc := d.docs[kind]
	return domain.LegalDocument{Kind: kind, Version: doc.version, EffectiveAt: doc.effective,
		BodyJA: strings.TrimSpace(ja.replacer().Replace(doc.ja)), BodyEN: strings.TrimSpace(en.replacer().Replace(doc.en))}
}
