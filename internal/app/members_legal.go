package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Document is the version in force of one of a municipality's documents
// (privacy notice, terms of use, contact page), its own; own is false
// while it has written none, and the hub's default text stands for it.
func (m *Members) Document(ctx context.Context, municipalityID int64, kind domain.DocumentKind) (
	doc domain.LegalDocument, own bool, err error) {
	doc, err = m.app.st.Compliance().LegalDocument(ctx, municipalityID, kind)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return domain.LegalDocument{}, false, nil
	}
	return doc, err == nil, err
}

// DocumentPublisher is the municipality whose documents a page under
// /municipalities/{lgcode} or /admin/{lgcode} links in its footer.
func (m *Members) DocumentPublisher(ctx context.Context, lgcode string) (domain.Municipality, error) {
	return m.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
}

// DocumentsToEdit are a municipality's own documents in force, by kind,
// for its admins; a kind it has not written is missing.
func (m *Members) DocumentsToEdit(ctx context.Context, mu domain.Municipality) (map[domain.DocumentKind]domain.LegalDocument, error) {
	if _, err := m.app.Authorize(ctx, policy.EditLegal, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return nil, err
	}
	out := map[domain.DocumentKind]domain.LegalDocument{}
	for _, kind := range domain.DocumentKinds() {
		doc, own, err := m.Document(ctx, mu.ID, kind)
		if err != nil {
			return nil, err
		}
		if own {
			out[kind] = doc
		}
	}
	return out, nil
}

// DocumentToEdit is one of a municipality's own documents in force, for
// its admins (own false while it has none); an unknown kind is not found.
func (m *Members) DocumentToEdit(ctx context.Context, mu domain.Municipality, kind domain.DocumentKind) (
	domain.LegalDocument, bool, error) {
	if _, err := m.app.Authorize(ctx, policy.EditLegal, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return domain.LegalDocument{}, false, err
	}
	if !kind.Valid() {
		return domain.LegalDocument{}, false, domain.NotFound("legal_document")
	}
	return m.Document(ctx, mu.ID, kind)
}

// SaveDocument stores doc as the next version of one of the municipality's
// documents, in force from its effective date, by one of its admins; the
// change is recorded. It returns the municipality's own version in force
// afterwards (own false while it has none), so that a form with problems
// (a validation error, field by field) can be shown again beside it.
func (m *Members) SaveDocument(ctx context.Context, mu domain.Municipality, doc domain.LegalDocument) (
	domain.LegalDocument, bool, error) {
	a, err := m.app.Authorize(ctx, policy.EditLegal, policy.Resource{MunicipalityID: mu.ID})
	if err != nil {
		return domain.LegalDocument{}, false, err
	}
	if !doc.Kind.Valid() {
		return domain.LegalDocument{}, false, domain.NotFound("legal_document")
	}
	doc.MunicipalityID, doc.CreatedBy = mu.ID, a.UserID
	err = m.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Compliance().SaveLegalDocument(ctx, &doc); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "legal.edit", SubjectType: "legal_document", SubjectID: doc.ID,
			MunicipalityID: mu.ID})
	})
	if err != nil && domain.ErrorCode(err) != domain.CodeInvalid {
		return domain.LegalDocument{}, false, err
	}
	current, own, derr := m.Document(ctx, mu.ID, doc.Kind)
	if derr != nil {
		return current, own, derr
	}
	return current, own, err
}
