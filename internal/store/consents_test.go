package store

import (
	"context"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestDocumentConsentsKeepTheirVersion: agreeing to the terms or the
// privacy notice is recorded with the version agreed to; one without a
// version is refused.
func TestDocumentConsentsKeepTheirVersion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := domain.User{Email: "kamata@example.jp", Name: "蒲田 花子"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		for _, c := range []domain.Consent{
			{UserID: u.ID, Purpose: domain.ConsentTerms, Granted: true},
			{UserID: u.ID, Purpose: domain.ConsentPrivacy, Granted: false, DocumentVersion: 1},
		} {
			if err := s.Compliance().RecordConsent(ctx, &c); domain.ErrorCode(err) != domain.CodeInvalid {
				t.Errorf("%+v: %v, want invalid", c, err)
			}
		}
		mustNil(t, s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, Purpose: domain.ConsentTerms, Granted: true, DocumentVersion: 3}))
		mustNil(t, s.Compliance().RecordConsent(ctx, &domain.Consent{UserID: u.ID, Purpose: domain.ConsentNews, Granted: true}))
		hist, err := s.Compliance().ConsentHistory(ctx, u.ID)
		mustNil(t, err)
		if len(hist) != 2 || hist[0].Purpose != domain.ConsentNews || hist[0].DocumentVersion != 0 ||
			hist[1].Purpose != domain.ConsentTerms || hist[1].DocumentVersion != 3 || !hist[1].Granted || hist[1].At.IsZero() {
			t.Errorf("history = %+v", hist)
		}
		data, err := s.Personal().PersonalData(ctx, u.ID)
		mustNil(t, err)
		found := false
		for _, row := range data["consents"] {
			found = found || (row["purpose"] == "terms" && row["document_version"] == int64(3))
		}
		if !found {
			t.Errorf("the personal data export lacks the version agreed to: %+v", data["consents"])
		}
	})
}
