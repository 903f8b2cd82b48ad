package store

import (
	"context"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestUsersAndMemberships(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		u := domain.User{Email: " Staff@City.Ota.example ", Name: "大田 一郎", NameKana: "ｵｵﾀ ｲﾁﾛｳ"}
		mustNil(t, s.CreateUser(ctx, &u))
		if u.Email != "staff@city.ota.example" || u.NameKana != "オオタ イチロウ" {
			t.Errorf("not normalised: %+v", u)
		}
		dup := domain.User{Email: "STAFF@city.ota.example", Name: "別人"}
		if err := s.CreateUser(ctx, &dup); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("duplicate email: %v", err)
		}
		bad := domain.User{Email: "not an address", Name: "x"}
		if key, _ := domain.ErrorKey(s.CreateUser(ctx, &bad)); key != "error.email" {
			t.Errorf("bad email: %s", key)
		}
		got, err := s.UserByEmail(ctx, "staff@CITY.ota.example")
		mustNil(t, err)
		if got.ID != u.ID {
			t.Errorf("found %+v", got)
		}
		if _, err := s.UserByEmail(ctx, "nobody@example.com"); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("unknown email: %v", err)
		}
		m := domain.Membership{UserID: u.ID, OrganizationID: f.office.ID, Role: domain.RoleMunicipalityAdmin}
		mustNil(t, s.AddMembership(ctx, &m))
		m2 := domain.Membership{UserID: u.ID, OrganizationID: f.other.ID, Role: domain.RoleMunicipalityStaff}
		mustNil(t, s.AddMembership(ctx, &m2))
		again := m
		if err := s.AddMembership(ctx, &again); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("same membership twice: %v", err)
		}
		wrongRole := domain.Membership{UserID: u.ID, OrganizationID: f.shop.ID, Role: "mayor"}
		if err := s.AddMembership(ctx, &wrongRole); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("unknown role: %v", err)
		}
		ms, err := s.Memberships(ctx, u.ID)
		mustNil(t, err)
		if len(ms) != 2 || ms[0].MunicipalityID != f.ota.ID || ms[1].MunicipalityID != f.tsubame.ID {
			t.Errorf("memberships = %+v", ms)
		}
	})
}
