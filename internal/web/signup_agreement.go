package web

import (
	"context"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/legal"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// agreement is what a person agrees to when making an account: the hub's
// terms of use and privacy notice in force, shown on the form itself.
type agreement struct {
	Terms, Privacy         domain.LegalDocument
	TermsText, PrivacyText []legal.Block
}

// signupData is the sign-up form with what it asks to agree to.
type signupData struct {
	*form
	Agreement agreement
}

// agreementFor reads the hub's documents in force, in the reader's
// language.
func (s *Server) agreementFor(ctx context.Context, lang i18n.Lang) (agreement, error) {
	var a agreement
	var err error
	if a.Terms, _, err = s.document(ctx, domain.Municipality{}, domain.DocumentTerms); err != nil {
		return a, err
	}
	if a.Privacy, _, err = s.document(ctx, domain.Municipality{}, domain.DocumentPrivacy); err != nil {
		return a, err
	}
	a.TermsText, a.PrivacyText = legal.Parse(pick(lang, a.Terms.BodyJA, a.Terms.BodyEN)),
		legal.Parse(pick(lang, a.Privacy.BodyJA, a.Privacy.BodyEN))
	return a, nil
}

// checkAgreement keeps the box as ticked or not, and asks for it when not:
// an account is made only with the person's agreement.
func checkAgreement(r *http.Request, f *form, v *domain.ValidationErrors) {
	f.Values["agree"] = r.PostForm.Get("agree")
	if f.Values["agree"] != "yes" {
		v.Add("agree", "error.agree_required")
	}
}

// recordAgreement records, in the transaction that makes the account, the
// versions of the terms and the privacy notice agreed to, with the time.
func recordAgreement(ctx context.Context, tx *store.Store, userID int64, a agreement) error {
	for purpose, doc := range map[domain.ConsentPurpose]domain.LegalDocument{
		domain.ConsentTerms: a.Terms, domain.ConsentPrivacy: a.Privacy} {
		if err := tx.RecordConsent(ctx, &domain.Consent{UserID: userID, Purpose: purpose, Granted: true,
			DocumentVersion: doc.Version}); err != nil {
			return err
		}
	}
	return nil
}
