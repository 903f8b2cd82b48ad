package store

import (
	"context"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// invitedUser makes an account, confirmed or not.
func invitedUser(t *testing.T, s *Store, email string, verified bool) domain.User {
	t.Helper()
	u := domain.User{Email: email, Name: "招待 太郎"}
	mustNil(t, s.Accounts().CreateUser(context.Background(), &u))
	if verified {
		mustNil(t, s.Accounts().MarkEmailVerified(context.Background(), u.ID))
	}
	return u
}

// TestInvitationOnlyForTheInvitedAddress: holding the link is not enough;
// only the confirmed account of the invited address gets the membership.
func TestInvitationOnlyForTheInvitedAddress(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		inv := domain.Invitation{Email: "Admin@City.example.jp", MunicipalityID: f.ota.ID, OrganizationID: f.office.ID,
			Role: domain.RoleMunicipalityAdmin, Lang: "ja"}
		mustNil(t, s.Accounts().CreateInvitation(ctx, &inv, []byte("hash-admin"), 72*time.Hour))
		staff := invitedUser(t, s, "staff@city.example.jp", true)
		unconfirmed := invitedUser(t, s, "admin@city.example.jp", false)

		for _, tc := range []struct {
			user domain.User
			key  string
		}{{staff, "error.invitation_other_address"}, {unconfirmed, "error.invitation_unverified"}} {
			_, err := s.Accounts().AcceptInvitation(ctx, []byte("hash-admin"), tc.user.ID)
			if key, _ := domain.ErrorKey(err); domain.ErrorCode(err) != domain.CodeForbidden || key != tc.key {
				t.Errorf("%s accepting: %v, want forbidden %s", tc.user.Email, err, tc.key)
			}
			if ms, err := s.Accounts().Memberships(ctx, tc.user.ID); err != nil || len(ms) != 0 {
				t.Errorf("%s memberships = %+v, %v; want none", tc.user.Email, ms, err)
			}
		}
		// Still open: the refused attempts did not use it up.
		if _, err := s.Accounts().InvitationByToken(ctx, []byte("hash-admin")); err != nil {
			t.Fatalf("after refusals: %v", err)
		}
		mustNil(t, s.Accounts().MarkEmailVerified(ctx, unconfirmed.ID))
		got, err := s.Accounts().AcceptInvitation(ctx, []byte("hash-admin"), unconfirmed.ID)
		mustNil(t, err)
		if got.ID != inv.ID {
			t.Errorf("accepted invitation %d, want %d", got.ID, inv.ID)
		}
		ms, err := s.Accounts().Memberships(ctx, unconfirmed.ID)
		mustNil(t, err)
		want := []domain.Membership{{UserID: unconfirmed.ID, OrganizationID: f.office.ID, MunicipalityID: f.ota.ID,
			Role: domain.RoleMunicipalityAdmin}}
		if len(ms) != 1 || ms[0] != want[0] {
			t.Errorf("memberships = %+v, want %+v", ms, want)
		}
	})
}

// TestRevokedAndExpiredInvitations: a withdrawn or expired link is not
// found for its holder; an accepted one cannot be withdrawn.
func TestRevokedAndExpiredInvitations(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		invite := func(hash string, ttl time.Duration) domain.Invitation {
			inv := domain.Invitation{Email: "owner@maruya.example.jp", MunicipalityID: f.ota.ID, OrganizationID: f.shop.ID,
				Role: domain.RoleBusinessOwner, Lang: "ja"}
			mustNil(t, s.Accounts().CreateInvitation(ctx, &inv, []byte(hash), ttl))
			return inv
		}
		open, expired, accepted := invite("hash-open", time.Hour), invite("hash-expired", -time.Minute), invite("hash-used", time.Hour)
		owner := invitedUser(t, s, "owner@maruya.example.jp", true)

		// Another municipality's id is not found; then the staff withdraw it.
		if _, err := s.Accounts().RevokeInvitation(ctx, f.tsubame.ID, open.ID, 1); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("revoke from Tsubame: %v, want not found", err)
		}
		revoked, err := s.Accounts().RevokeInvitation(ctx, f.ota.ID, open.ID, 0)
		mustNil(t, err)
		if revoked.RevokedAt.IsZero() {
			t.Error("revoked invitation has no time")
		}
		stored, err := s.Accounts().Invitation(ctx, f.ota.ID, open.ID)
		mustNil(t, err)
		if stored.State(time.Now()) != domain.InvitationRevoked || stored.RevokedAt.IsZero() {
			t.Errorf("stored = %+v, want revoked", stored)
		}
		for hash, key := range map[string]string{"hash-open": "error.invitation_revoked", "hash-expired": "error.invitation_expired",
			"hash-nope": "error.invitation_invalid"} {
			inv, err := s.Accounts().InvitationByToken(ctx, []byte(hash))
			if k, _ := domain.ErrorKey(err); domain.ErrorCode(err) != domain.CodeNotFound || k != key {
				t.Errorf("%s: %v, want not found %s", hash, err, key)
			}
			if hash != "hash-nope" && inv.ID == 0 {
				t.Errorf("%s: the invitation is not returned with the error", hash)
			}
			if _, err := s.Accounts().AcceptInvitation(ctx, []byte(hash), owner.ID); domain.ErrorCode(err) != domain.CodeNotFound {
				t.Errorf("accept %s: %v, want not found", hash, err)
			}
		}
		if ms, _ := s.Accounts().Memberships(ctx, owner.ID); len(ms) != 0 {
			t.Errorf("memberships from dead links: %+v", ms)
		}
		_, err = s.Accounts().AcceptInvitation(ctx, []byte("hash-used"), owner.ID)
		mustNil(t, err)
		for id, what := range map[int64]string{revoked.ID: "revoked", expired.ID: "expired", accepted.ID: "accepted"} {
			if _, err := s.Accounts().RevokeInvitation(ctx, f.ota.ID, id, 0); domain.ErrorCode(err) != domain.CodeConflict {
				t.Errorf("revoke %s: %v, want conflict", what, err)
			}
		}
	})
}
