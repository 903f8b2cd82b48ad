package domain

import (
	"testing"
	"time"
)

func TestInvitationAcceptableByOnlyTheInvitedConfirmedAddress(t *testing.T) {
	inv := Invitation{Email: "admin@city.example.jp"}
	cases := []struct {
		email    string
		verified bool
		want     string // the error's catalog key, "" when acceptable
	}{
		{"admin@city.example.jp", true, ""},
		{"  Admin@City.Example.JP ", true, ""},
		{"staff@city.example.jp", true, "error.invitation_other_address"},
		{"admin@city.example.jp.evil.example", true, "error.invitation_other_address"},
		{"", true, "error.invitation_other_address"},
		{"admin@city.example.jp", false, "error.invitation_unverified"},
		{"staff@city.example.jp", false, "error.invitation_other_address"},
	}
	for _, tc := range cases {
		err := inv.AcceptableBy(tc.email, tc.verified)
		key := keyOf(err)
		if key != tc.want || (err != nil && ErrorCode(err) != CodeForbidden) {
			t.Errorf("AcceptableBy(%q, %v) = %v, want %q (forbidden)", tc.email, tc.verified, err, tc.want)
		}
	}
}

func TestInvitationState(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	open := Invitation{ExpiresAt: now.Add(time.Hour)}
	cases := []struct {
		name   string
		inv    Invitation
		state  InvitationState
		code   Code
		key    string
		revoke bool
	}{
		{"open", open, InvitationOpen, "", "", true},
		{"expired", Invitation{ExpiresAt: now}, InvitationExpired, CodeNotFound, "error.invitation_expired", false},
		{"revoked", Invitation{ExpiresAt: now.Add(time.Hour), RevokedAt: now}, InvitationRevoked, CodeNotFound, "error.invitation_revoked", false},
		{"accepted", Invitation{ExpiresAt: now.Add(-time.Hour), AcceptedAt: now.Add(-2 * time.Hour)}, InvitationAccepted, CodeConflict, "error.invitation_used", false},
	}
	for _, tc := range cases {
		err := tc.inv.Usable(now)
		key := keyOf(err)
		if got := tc.inv.State(now); got != tc.state || key != tc.key || (err != nil && ErrorCode(err) != tc.code) ||
			tc.inv.CanRevoke(now) != tc.revoke {
			t.Errorf("%s: state %s, usable %v, can revoke %v; want %s, %s %s, %v", tc.name, got, err,
				tc.inv.CanRevoke(now), tc.state, tc.code, tc.key, tc.revoke)
		}
	}
}

// keyOf is an error's catalog key, "" for no error.
func keyOf(err error) string {
	if err == nil {
		return ""
	}
	key, _ := ErrorKey(err)
	return key
}
