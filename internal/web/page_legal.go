package web

import (
	"context"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/legal"
)

// documentPage is a privacy notice, terms of use or contact page, of the
// hub or of one municipality.
type documentPage struct {
	Kind         domain.DocumentKind
	Municipality domain.Municipality // zero on the hub's pages
	Base         string              // "" on the hub, /municipalities/{lgcode} for a municipality
	Document     domain.LegalDocument
	Blocks       []legal.Block
	// Default is set while the municipality shows the hub's default text;
	// JapaneseOnly when English was asked for but only Japanese is written.
	Default, JapaneseOnly bool
	Others                []domain.DocumentKind // the publisher's other documents
}

func (d documentPage) footerMunicipality() domain.Municipality { return d.Municipality }

// documentBase is where a publisher's documents live.
func documentBase(mu domain.Municipality) string {
	if mu.LGCode == "" {
		return ""
	}
	return "/municipalities/" + mu.LGCode
}

// contactLine is how to reach the operator, in the documents' format.
func (s *kit) contactLine(lang i18n.Lang) string {
	if s.contact == "" {
		return s.cat.T(lang, "legal.contact_unset", nil)
	}
	return "[" + s.contact + "](mailto:" + s.contact + ")"
}

// documentFill is what a default document leaves open, for the hub (a zero
// municipality) or a municipality that has not written its own.
func (s *kit) documentFill(lang i18n.Lang, mu domain.Municipality) legal.Fill {
	base := documentBase(mu)
	f := legal.Fill{Operator: s.cat.T(lang, "legal.hub_operator", nil), Contact: s.contactLine(lang),
		PrivacyPage: base + "/privacy", TermsPage: base + "/terms", ContactPage: base + "/contact"}
	if mu.LGCode != "" {
		f.Operator = pick(lang, mu.Name, mu.NameEN)
		f.Contact = s.cat.T(lang, "legal.municipality_contact_unset", map[string]any{"Contact": f.Contact})
	}
	return f
}

// document is the version of a document in force: the municipality's own,
// or else the default filled for its publisher (isDefault).
func (s *kit) document(ctx context.Context, mu domain.Municipality, kind domain.DocumentKind) (
	doc domain.LegalDocument, isDefault bool, err error) {
	var own bool
	if mu.ID != 0 {
		if doc, own, err = s.app.Members.Document(ctx, mu.ID, kind); err != nil {
			return doc, false, err
		}
	}
	doc, isDefault = s.inForce(mu, kind, doc, own)
	return doc, isDefault, nil
}

// inForce is the publisher's own document when it has one (own), or else
// the default filled for it (isDefault).
func (s *kit) inForce(mu domain.Municipality, kind domain.DocumentKind, doc domain.LegalDocument, own bool) (
	domain.LegalDocument, bool) {
	if own {
		return doc, false
	}
	doc = s.legal.Document(kind, s.documentFill(i18n.Japanese, mu), s.documentFill(i18n.English, mu))
	doc.MunicipalityID = mu.ID
	return doc, true
}

// hubDocument serves one of the hub's documents (/privacy, /terms, /contact).
func (p memberPages) hubDocument(kind domain.DocumentKind) htmlHandler {
	return func(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
		return p.renderDocument(w, r, lang, domain.Municipality{}, kind)
	}
}

// municipalityDocument serves one of a municipality's documents.
func (p memberPages) municipalityDocument(kind domain.DocumentKind) htmlHandler {
	return func(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
		mu, err := p.pathMunicipality(r)
		if err != nil {
			return err
		}
		return p.renderDocument(w, r, lang, mu, kind)
	}
}

func (p memberPages) renderDocument(w http.ResponseWriter, r *http.Request, lang i18n.Lang, mu domain.Municipality,
	kind domain.DocumentKind) error {
	doc, isDefault, err := p.document(r.Context(), mu, kind)
	if err != nil {
		return err
	}
	d := documentPage{Kind: kind, Municipality: mu, Base: documentBase(mu), Document: doc, Default: isDefault && mu.ID != 0}
	for _, k := range domain.DocumentKinds() {
		if k != kind {
			d.Others = append(d.Others, k)
		}
	}
	body := doc.BodyJA
	if lang == i18n.English {
		if doc.BodyEN != "" {
			body = doc.BodyEN
		} else {
			d.JapaneseOnly = true
		}
	}
	d.Blocks = legal.Parse(body)
	title := p.cat.T(lang, "legal."+string(kind), nil)
	if mu.ID != 0 {
		title = pick(lang, mu.Name, mu.NameEN) + " " + title
	}
	return p.render(w, r, lang, http.StatusOK, "legal", title, d)
}

// footerLinks says whose documents a page's footer links: the hub's
// (Base "") or one municipality's.
type footerLinks struct {
	Base, Name string
}

// footerOwner is page data that belongs to one municipality, such as its
// program, project or public page.
type footerOwner interface {
	footerMunicipality() domain.Municipality
}

// footerFor finds the municipality a page belongs to, from its data or
// from the {lgcode} in its path (a municipality's admin pages); any other
// page is the hub's.
func (s *kit) footerFor(r *http.Request, lang i18n.Lang, data any) footerLinks {
	var mu domain.Municipality
	if o, ok := data.(footerOwner); ok {
		mu = o.footerMunicipality()
	} else if code := r.PathValue("lgcode"); code != "" {
		mu, _ = s.app.Members.DocumentPublisher(r.Context(), code) // an unknown code is the hub's 404 page
	}
	if mu.LGCode == "" {
		return footerLinks{}
	}
	return footerLinks{Base: documentBase(mu), Name: pick(lang, mu.Name, mu.NameEN)}
}
