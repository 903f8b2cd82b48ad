package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// legalRow is one of a municipality's documents as its admins see it.
type legalRow struct {
	Kind     domain.DocumentKind
	Document domain.LegalDocument
	Default  bool // the municipality shows the hub's default text
}

type legalAdminData struct {
	Municipality domain.Municipality
	Documents    []legalRow
	Saved        string // the kind just saved
}

type legalEditData struct {
	Municipality domain.Municipality
	Row          legalRow
	Form         *form
}

// legalRow is the document of a kind in force for the municipality: its
// own version (own), or the default filled for it.
func (p memberPages) legalRow(mu domain.Municipality, kind domain.DocumentKind, doc domain.LegalDocument, own bool) legalRow {
	doc, isDefault := p.inForce(mu, kind, doc, own)
	return legalRow{Kind: kind, Document: doc, Default: isDefault}
}

// legalAdminPage lists the municipality's privacy notice, terms of use and
// contact page, each with its version and whether it is its own; for its
// admins only (app.Members.DocumentsToEdit).
func (p memberPages) legalAdminPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := p.pathMunicipality(r)
	if err != nil {
		return err
	}
	docs, err := p.app.Members.DocumentsToEdit(r.Context(), mu)
	if err != nil {
		return err
	}
	d := legalAdminData{Municipality: mu, Saved: r.URL.Query().Get("saved")}
	for _, kind := range domain.DocumentKinds() {
		doc, own := docs[kind]
		d.Documents = append(d.Documents, p.legalRow(mu, kind, doc, own))
	}
	return p.render(w, r, lang, http.StatusOK, "admin_legal", p.cat.T(lang, "legal.admin_title", nil), d)
}

// legalEditPage shows one document in a form, starting from the text in
// force (the default, filled for the municipality, until it has its own).
func (p memberPages) legalEditPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := p.pathMunicipality(r)
	if err != nil {
		return err
	}
	kind := domain.DocumentKind(r.PathValue("kind"))
	doc, own, err := p.app.Members.DocumentToEdit(r.Context(), mu, kind)
	if err != nil {
		return err
	}
	row := p.legalRow(mu, kind, doc, own)
	f := newForm()
	f.Values["body_ja"], f.Values["body_en"] = row.Document.BodyJA, row.Document.BodyEN
	f.Values["effective"] = p.now().In(domain.Japan()).Format("2006-01-02")
	d := legalEditData{Municipality: mu, Row: row, Form: f}
	return p.render(w, r, lang, http.StatusOK, "admin_legal_form", p.cat.T(lang, "legal."+string(kind), nil), d)
}

// saveLegalDocument stores the form as the document's next version, in
// force from the date given (app.Members.SaveDocument); a form with
// problems is shown again (422).
func (p memberPages) saveLegalDocument(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := p.pathMunicipality(r)
	if err != nil {
		return err
	}
	kind := domain.DocumentKind(r.PathValue("kind"))
	f, err := readForm(w, r, "body_ja", "body_en", "effective")
	if err != nil {
		return err
	}
	// Text areas keep their lines: read them untrimmed, line ends and all.
	f.Values["body_ja"], f.Values["body_en"] = r.PostForm.Get("body_ja"), r.PostForm.Get("body_en")
	doc := domain.LegalDocument{Kind: kind, BodyJA: f.Values["body_ja"], BodyEN: f.Values["body_en"]}
	if t, err := domain.ParseDate(f.Values["effective"]); err == nil {
		doc.EffectiveAt = t
	}
	current, own, err := p.app.Members.SaveDocument(r.Context(), mu, doc)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		p.fieldErrors(lang, f, err)
		d := legalEditData{Municipality: mu, Row: p.legalRow(mu, kind, current, own), Form: f}
		return p.render(w, r, lang, http.StatusUnprocessableEntity, "admin_legal_form", p.cat.T(lang, "legal."+string(kind), nil), d)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/legal?saved="+string(kind), http.StatusSeeOther)
	return nil
}
