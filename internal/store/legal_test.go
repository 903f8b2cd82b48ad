package store

import (
	"context"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestLegalDocumentVersions: each save is a new version, numbered per
// municipality and kind; the newest is the one in force.
func TestLegalDocumentVersions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		if _, err := s.Compliance().LegalDocument(ctx, f.ota.ID, domain.DocumentPrivacy); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Fatalf("before any save: %v, want not found", err)
		}
		effective := time.Date(2026, 4, 1, 0, 0, 0, 0, domain.Japan())
		save := func(mu int64, kind domain.DocumentKind, ja, en string) domain.LegalDocument {
			d := domain.LegalDocument{MunicipalityID: mu, Kind: kind, BodyJA: ja, BodyEN: en, EffectiveAt: effective, CreatedBy: 0}
			mustNil(t, s.Compliance().SaveLegalDocument(ctx, &d))
			return d
		}
		first := save(f.ota.ID, domain.DocumentPrivacy, "大田区の個人情報の取扱い", "")
		second := save(f.ota.ID, domain.DocumentPrivacy, "  大田区の個人情報の取扱い（改訂）\r\n- 目的  ", "Ota's privacy notice")
		terms := save(f.ota.ID, domain.DocumentTerms, "大田区の利用規約", "")
		tsubame := save(f.tsubame.ID, domain.DocumentPrivacy, "燕市の個人情報の取扱い", "")
		for name, got := range map[string]int{"first": first.Version, "second": second.Version, "terms": terms.Version, "tsubame": tsubame.Version} {
			if want := map[string]int{"first": 1, "second": 2, "terms": 1, "tsubame": 1}[name]; got != want {
				t.Errorf("%s: version %d, want %d", name, got, want)
			}
		}
		got, err := s.Compliance().LegalDocument(ctx, f.ota.ID, domain.DocumentPrivacy)
		mustNil(t, err)
		want := domain.LegalDocument{ID: second.ID, MunicipalityID: f.ota.ID, Kind: domain.DocumentPrivacy, Version: 2,
			BodyJA: "大田区の個人情報の取扱い（改訂）\n- 目的", BodyEN: "Ota's privacy notice", EffectiveAt: effective.UTC(),
			CreatedAt: got.CreatedAt}
		if got != want || got.CreatedAt.IsZero() {
			t.Errorf("in force = %+v\nwant %+v", got, want)
		}
		if _, err := s.Compliance().LegalDocument(ctx, f.tsubame.ID, domain.DocumentContact); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("Tsubame's contact: %v, want not found", err)
		}
		bad := domain.LegalDocument{MunicipalityID: f.ota.ID, Kind: domain.DocumentTerms, BodyJA: " \n ", EffectiveAt: effective}
		err = s.Compliance().SaveLegalDocument(ctx, &bad)
		if key, _ := domain.ErrorKey(err); domain.ErrorCode(err) != domain.CodeInvalid || key != "error.legal_body_ja_required" {
			t.Errorf("empty Japanese text: %v", err)
		}
		if d, _ := s.Compliance().LegalDocument(ctx, f.ota.ID, domain.DocumentTerms); d.Version != 1 {
			t.Errorf("a refused save moved the version to %d", d.Version)
		}
	})
}
