package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// inviteByMail has inviter invite email to the office with role and returns
// the token from the mail, as only the recipient (or the operator) sees it.
func (w *world) inviteByMail(t *testing.T, inviter *http.Client, email string, role domain.Role) string {
	t.Helper()
	office := w.orgNamed(t, "大田区 産業経済部")
	if status, _, _ := send(t, inviter, "POST", w.srv.URL+"/admin/131113/members", url.Values{"email": {email},
		"organization": {strconv.FormatInt(office.ID, 10)}, "role": {string(role)}}); status != 303 {
		t.Fatalf("invite %s: %d", email, status)
	}
	body, ok := w.mailTo(t, email, "招待")
	if !ok {
		t.Fatalf("no invitation mail to %s", email)
	}
	link := strings.Fields(body[strings.Index(body, "/invite?token="):])[0]
	token, err := url.QueryUnescape(strings.TrimPrefix(link, "/invite?token="))
	must(t, err)
	return token
}

// auditActions lists the actions recorded for one subject, oldest first.
func (w *world) auditActions(t *testing.T, subjectType string, subjectID int64) []string {
	t.Helper()
	events, err := w.st.Compliance().AuditLog(context.Background(), 0, 500)
	must(t, err)
	var out []string
	for i := len(events) - 1; i >= 0; i-- {
		if e := events[i]; e.SubjectType == subjectType && e.SubjectID == subjectID {
			out = append(out, e.Action)
		}
	}
	return out
}

func TestInvitationOnlyForTheInvitedAddress(t *testing.T) { eachEngine(t, invitedAddressScenario) }

// invitedAddressScenario is the review's attack: staff hold an admin
// invitation's token and post it while signed in as themselves.
func invitedAddressScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	_, admin := w.member(t, "admin@city.example.jp", "区 管理者", domain.RoleMunicipalityAdmin, office.ID)
	staffID, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	token := w.inviteByMail(t, admin, "new-admin@city.example.jp", domain.RoleMunicipalityAdmin)
	inv, err := w.st.Accounts().InvitationByToken(ctx, auth.HashToken(token))
	must(t, err)

	status, body, _ := send(t, staff, "GET", w.srv.URL+"/invite?token="+url.QueryEscape(token), nil)
	if status != 200 || !strings.Contains(body, "別のメールアドレス宛てに送られたもの") ||
		!strings.Contains(body, "いまは staff@city.example.jp でログインしています") || strings.Contains(body, `name="token"`) {
		t.Errorf("staff opening another's invitation: %d\n%s", status, body)
	}
	status, body, _ = send(t, staff, "POST", w.srv.URL+"/invite", url.Values{"token": {token}})
	if status != 403 || !strings.Contains(body, "別のメールアドレス宛てに送られたもの") {
		t.Errorf("staff accepting another's invitation: %d\n%s", status, body)
	}
	ms, err := w.st.Accounts().Memberships(ctx, staffID)
	must(t, err)
	if want := (domain.Membership{UserID: staffID, OrganizationID: office.ID, MunicipalityID: w.ota.ID,
		Role: domain.RoleMunicipalityStaff}); len(ms) != 1 || ms[0] != want {
		t.Errorf("staff memberships = %+v, want only %+v", ms, want)
	}
	if got := w.auditActions(t, "invitation", inv.ID); strings.Join(got, " ") != "members.invite members.join_refused" {
		t.Errorf("audit = %v, want the invitation and the refusal", got)
	}
	if status, _, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/audit", nil); status != 403 {
		t.Errorf("staff reach the audit log: %d", status) // still not an admin
	}

	// The invited person, without an account, makes one on the way; an
	// address slipped into the form changes nothing.
	c := w.browser(t)
	status, _, h := send(t, c, "POST", w.srv.URL+"/invite", url.Values{"token": {token}, "name": {"新任 管理者"},
		"email": {"attacker@evil.example.jp"}, "password": {"ota city admin 2026"}, "agree": {"yes"}})
	if status != 303 || h.Get("Location") != "/admin?flash=invite_accepted" {
		t.Fatalf("invitee accepting: %d %s", status, h.Get("Location"))
	}
	if _, err := w.st.Accounts().Credentials(ctx, "attacker@evil.example.jp"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("an account was made for the slipped address: %v", err)
	}
	creds, err := w.st.Accounts().Credentials(ctx, "new-admin@city.example.jp")
	must(t, err)
	ms, err = w.st.Accounts().Memberships(ctx, creds.User.ID)
	must(t, err)
	if want := (domain.Membership{UserID: creds.User.ID, OrganizationID: office.ID, MunicipalityID: w.ota.ID,
		Role: domain.RoleMunicipalityAdmin}); !creds.Verified || len(ms) != 1 || ms[0] != want {
		t.Errorf("invitee: verified %v, memberships %+v, want %+v", creds.Verified, ms, want)
	}
	if status, _, _ := send(t, c, "GET", w.srv.URL+"/admin/131113/audit", nil); status != 200 {
		t.Errorf("the new admin cannot read the audit log: %d", status)
	}
}

func TestInvitationRevokedOrExpired(t *testing.T) { eachEngine(t, revokedInvitationScenario) }

// revokedInvitationScenario: staff withdraw an invitation on the members
// page; its link then answers 404 with a translated page, and each step is
// recorded. Only an admin may withdraw an admin's invitation.
func revokedInvitationScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	_, admin := w.member(t, "admin@city.example.jp", "区 管理者", domain.RoleMunicipalityAdmin, office.ID)
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	_, tsubame := w.member(t, "staff@tsubame.example.jp", "燕 職員", domain.RoleMunicipalityStaff, w.orgNamed(t, "燕市 商工振興課").ID)
	leaderToken := w.inviteByMail(t, staff, "leader@example.jp", domain.RoleLeaderTalent)
	adminToken := w.inviteByMail(t, admin, "second-admin@city.example.jp", domain.RoleMunicipalityAdmin)
	leaderInv, err := w.st.Accounts().InvitationByToken(ctx, auth.HashToken(leaderToken))
	must(t, err)
	adminInv, err := w.st.Accounts().InvitationByToken(ctx, auth.HashToken(adminToken))
	must(t, err)
	revoke := func(c *http.Client, inv domain.Invitation) int {
		status, _, _ := send(t, c, "POST", w.srv.URL+"/admin/131113/invitations/"+strconv.FormatInt(inv.ID, 10)+"/revoke", url.Values{})
		return status
	}

	_, body, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/members", nil)
	leaderForm := `action="/admin/131113/invitations/` + strconv.FormatInt(leaderInv.ID, 10) + `/revoke"`
	adminForm := `action="/admin/131113/invitations/` + strconv.FormatInt(adminInv.ID, 10) + `/revoke"`
	if !strings.Contains(body, leaderForm) || strings.Contains(body, adminForm) {
		t.Errorf("staff see a withdraw button for the leader's invitation only:\n%s", body)
	}
	if got := revoke(staff, adminInv); got != 403 {
		t.Errorf("staff withdrawing an admin's invitation: %d, want 403", got)
	}
	if got := revoke(tsubame, leaderInv); got != 403 {
		t.Errorf("Tsubame's staff withdrawing Ota's invitation: %d, want 403", got)
	}
	if got := revoke(staff, leaderInv); got != 303 {
		t.Fatalf("staff withdrawing the leader's invitation: %d, want 303", got)
	}
	if got := revoke(staff, leaderInv); got != 409 {
		t.Errorf("withdrawing it twice: %d, want 409", got)
	}
	if got := revoke(admin, adminInv); got != 303 {
		t.Errorf("admin withdrawing an admin's invitation: %d, want 303", got)
	}
	_, body, _ = send(t, staff, "GET", w.srv.URL+"/admin/131113/members?revoked=1", nil)
	if !strings.Contains(body, "招待を取り消しました") || strings.Count(body, "に取り消し") != 2 || strings.Contains(body, leaderForm) {
		t.Errorf("members page after withdrawing:\n%s", body)
	}
	for _, lang := range []struct{ code, want string }{{"ja", "この招待は取り消されました"}, {"en", "This invitation has been withdrawn"}} {
		status, body, _ := send(t, w.browser(t), "GET", w.srv.URL+"/invite?lang="+lang.code+"&token="+url.QueryEscape(leaderToken), nil)
		if status != 404 || !strings.Contains(body, lang.want) {
			t.Errorf("withdrawn link (%s): %d\n%s", lang.code, status, body)
		}
	}
	status, _, _ := send(t, w.browser(t), "POST", w.srv.URL+"/invite", url.Values{"token": {leaderToken}, "name": {"先導 一郎"},
		"password": {"leader of the pack 26"}, "agree": {"yes"}})
	if status != 404 {
		t.Errorf("accepting a withdrawn invitation: %d, want 404", status)
	}
	if _, err := w.st.Accounts().Credentials(ctx, "leader@example.jp"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("a withdrawn invitation made an account: %v", err)
	}
	want := "members.invite members.revoke" + strings.Repeat(" members.invite_revoked", 3) // two pages, one post
	if got := strings.Join(w.auditActions(t, "invitation", leaderInv.ID), " "); got != want {
		t.Errorf("audit = %q, want %q", got, want)
	}

	// An expired link answers the same way, in both languages.
	expired := domain.Invitation{Email: "late@example.jp", MunicipalityID: w.ota.ID, OrganizationID: office.ID,
		Role: domain.RoleLeaderTalent, Lang: "ja"}
	plain, hash, err := auth.NewToken()
	must(t, err)
	must(t, w.st.Accounts().CreateInvitation(ctx, &expired, hash, -time.Hour))
	for _, lang := range []struct{ code, want string }{{"ja", "この招待の有効期限が切れています"}, {"en", "This invitation has expired"}} {
		status, body, _ := send(t, w.browser(t), "GET", w.srv.URL+"/invite?lang="+lang.code+"&token="+url.QueryEscape(plain), nil)
		if status != 404 || !strings.Contains(body, lang.want) {
			t.Errorf("expired link (%s): %d\n%s", lang.code, status, body)
		}
	}
	if got := strings.Join(w.auditActions(t, "invitation", expired.ID), " "); got != "members.invite_expired members.invite_expired" {
		t.Errorf("expired audit = %q", got)
	}
}
