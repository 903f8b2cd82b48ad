package web

import (
	"net/http"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
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

// allowLegal opens a municipality's document pages to its admins only.
func (s *Server) allowLegal(r *http.Request) (domain.Municipality, policy.Actor, error) {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return mu, policy.Actor{}, err
	}
	a, err := s.allow(r, policy.EditLegal, policy.Resource{MunicipalityID: mu.ID})
	return mu, a, err
}

// pathDocumentKind reads {kind}; an unknown kind is not found.
func pathDocumentKind(r *http.Request) (domain.DocumentKind, error) {
	kind := domain.DocumentKind(r.PathValue("kind"))
	if !kind.Valid() {
		return kind, notFound("legal_document")
	}
	return kind, nil
}

// legalAdminPage lists the municipality's privacy notice, terms of use and
// contact page, each with its version and whether it is its own.
func (s *Server) legalAdminPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, _, err := s.allowLegal(r)
	if err != nil {
		return err
	}
	d := legalAdminData{Municipality: mu, Saved: r.URL.Query().Get("saved")}
	for _, kind := range domain.DocumentKinds() {
		doc, isDefault, err := s.document(r.Context(), mu, kind)
		if err != nil {
			return err
		}
		d.Documents = append(d.Documents, legalRow{Kind: kind, Document: doc, Default: isDefault})
	}
	return s.render(w, r, lang, http.StatusOK, "admin_legal", s.cat.T(lang, "legal.admin_title", nil), d)
}

// legalEditPage shows one document in a form, starting from the text in
// force (the default, filled for the municipality, until it has its own).
func (s *Server) legalEditPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, _, err := s.allowLegal(r)
	if err != nil {
		return err
	}
	kind, err := pathDocumentKind(r)
	if err != nil {
		return err
	}
	doc, isDefault, err := s.document(r.Context(), mu, kind)
	if err != nil {
		return err
	}
	f := newForm()
	f.Values["body_ja"], f.Values["body_en"] = doc.BodyJA, doc.BodyEN
	f.Values["effective"] = s.now().In(domain.Japan()).Format("2006-01-02")
	d := legalEditData{Municipality: mu, Row: legalRow{Kind: kind, Document: doc, Default: isDefault}, Form: f}
	return s.render(w, r, lang, http.StatusOK, "admin_legal_form", s.cat.T(lang, "legal."+string(kind), nil), d)
}

// saveLegalDocument stores the form as the document's next version, in
// force from the date given; the change is recorded.
func (s *Server) saveLegalDocument(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, a, err := s.allowLegal(r)
	if err != nil {
		return err
	}
	kind, err := pathDocumentKind(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "body_ja", "body_en", "effective")
	if err != nil {
		return err
	}
	// Text areas keep their lines: read them untrimmed, line ends and all.
	f.Values["body_ja"], f.Values["body_en"] = r.PostForm.Get("body_ja"), r.PostForm.Get("body_en")
	doc := domain.LegalDocument{MunicipalityID: mu.ID, Kind: kind, BodyJA: f.Values["body_ja"], BodyEN: f.Values["body_en"],
		CreatedBy: a.UserID}
	if t, err := time.ParseInLocation("2006-01-02", f.Values["effective"], domain.Japan()); err == nil {
		doc.EffectiveAt = t
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.SaveLegalDocument(r.Context(), &doc); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "legal.edit", "legal_document", doc.ID, mu.ID)
	})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		current, isDefault, derr := s.document(r.Context(), mu, kind)
		if derr != nil {
			return derr
		}
		d := legalEditData{Municipality: mu, Row: legalRow{Kind: kind, Document: current, Default: isDefault}, Form: f}
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "admin_legal_form", s.cat.T(lang, "legal."+string(kind), nil), d)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/legal?saved="+string(kind), http.StatusSeeOther)
	return nil
}
