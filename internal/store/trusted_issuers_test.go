package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestTrustedIssuersRegistry(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		at := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
		s.now = func() time.Time { return at }
		tsubame := TrustedIssuer{Origin: "https://tsunagu.tsubame.example.jp", Name: "燕市つなぐ"}
		if err := s.Issuance().AddTrustedIssuer(ctx, &tsubame); err != nil || tsubame.ID == 0 {
			t.Fatalf("add: %v %+v", err, tsubame)
		}
		other := TrustedIssuer{Origin: "https://hub.example.org:8443", Name: "hub.example.org:8443"}
		if err := s.Issuance().AddTrustedIssuer(ctx, &other); err != nil {
			t.Fatal(err)
		}
		dup := TrustedIssuer{Origin: "https://tsunagu.tsubame.example.jp", Name: "again"}
		if err := s.Issuance().AddTrustedIssuer(ctx, &dup); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("a second registration of one origin: %v, want conflict", err)
		}
		got, err := s.Issuance().TrustedIssuers(ctx)
		want := []TrustedIssuer{
			{ID: other.ID, Origin: "https://hub.example.org:8443", Name: "hub.example.org:8443", AddedAt: at},
			{ID: tsubame.ID, Origin: "https://tsunagu.tsubame.example.jp", Name: "燕市つなぐ", AddedAt: at},
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("list = %+v, %v\nwant %+v", got, err, want)
		}
		if one, err := s.Issuance().TrustedIssuerByOrigin(ctx, tsubame.Origin); err != nil || one != want[1] {
			t.Errorf("by origin = %+v, %v", one, err)
		}
		removed, err := s.Issuance().RemoveTrustedIssuer(ctx, tsubame.Origin)
		if err != nil || removed != want[1] {
			t.Fatalf("remove = %+v, %v", removed, err)
		}
		if _, err := s.Issuance().TrustedIssuerByOrigin(ctx, tsubame.Origin); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("a removed origin: %v, want not found", err)
		}
		if _, err := s.Issuance().RemoveTrustedIssuer(ctx, tsubame.Origin); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("removing twice: %v, want not found", err)
		}
		// Ids are never reused, so audit rows keep naming the right row.
		again := TrustedIssuer{Origin: tsubame.Origin, Name: "燕市"}
		if err := s.Issuance().AddTrustedIssuer(ctx, &again); err != nil || again.ID <= other.ID {
			t.Errorf("re-added with id %d after %d: %v", again.ID, other.ID, err)
		}
	})
}
