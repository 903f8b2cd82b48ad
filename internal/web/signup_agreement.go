package web

import (
	"context"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/legal"
)

// agreement is what a person agrees to when making an account: the hub's
// terms of use and privacy notice in force, shown on the form itself.
type agreement struct {
	Terms, Privacy         domain.LegalDocument
	TermsText, PrivacyText []legal.Block
}

// answer is the agreement as the services record it: the versions shown,
// and whether the box was ticked.
func (a agreement) answer(ticked bool) app.Agreement {
	return app.Agreement{Agreed: ticked, TermsVersion: a.Terms.Version, PrivacyVersion: a.Privacy.Version}
}

// signupData is the sign-up form with what it asks to agree to.
type signupData struct {
	*form
	Agreement agreement
}

// agreementFor reads the hub's documents in force, in the reader's
// language.
func (s *kit) agreementFor(ctx context.Context, lang i18n.Lang) (agreement, error) {
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

// tickAgreement keeps the box as ticked or not, and says whether it was:
// an account is made only with the person's agreement.
func tickAgreement(r *http.Request, f *form) bool {
	f.Values["agree"] = r.PostForm.Get("agree")
	return f.Values["agree"] == "yes"
}
