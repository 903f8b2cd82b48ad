package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestSignupAsksForAgreement(t *testing.T) { eachEngine(t, signupAgreementScenario) }

// signupAgreementScenario: the sign-up form shows the terms and privacy
// notice with a box to tick; without it no account is made and what was
// typed stays; with it the versions agreed to are recorded with the time.
func signupAgreementScenario(t *testing.T, w *world) {
	ctx := context.Background()
	c := w.browser(t)
	for lang, want := range map[string][]string{
		"ja": {"利用規約を読む（第1版）", "個人情報の取扱いを読む（第1版）", "<h2>2. 利用する目的</h2>", `name="agree" type="checkbox" value="yes" required> 利用規約と個人情報の取扱いに同意します`},
		"en": {"Read the terms of use (version 1)", "Read the privacy notice (version 1)", "<h2>2. Why we use it</h2>", "I agree to the terms of use and the privacy notice"},
	} {
		status, body, _ := send(t, c, "GET", w.srv.URL+"/signup?lang="+lang, nil)
		for _, s := range want {
			if status != 200 || !strings.Contains(body, s) {
				t.Errorf("sign-up page (%s): %d, lacks %q", lang, status, s)
			}
		}
	}
	form := url.Values{"email": {"kamata@example.jp"}, "name": {"蒲田 花子"}, "name_kana": {"カマタ ハナコ"},
		"password": {"ume yashiki garden 7"}}
	status, body, _ := send(t, c, "POST", w.srv.URL+"/signup?lang=ja", form)
	if status != 422 || !strings.Contains(body, "「利用規約と個人情報の取扱いに同意します」にチェックを入れてください。") ||
		!strings.Contains(body, `value="kamata@example.jp"`) || !strings.Contains(body, `value="蒲田 花子"`) ||
		!strings.Contains(body, `value="カマタ ハナコ"`) || !strings.Contains(body, `aria-invalid="true" aria-describedby="a-agree-error"`) {
		t.Errorf("sign-up without agreeing: %d\n%s", status, body)
	}
	if _, err := w.st.Accounts().Credentials(ctx, "kamata@example.jp"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("an account was made without agreement: %v", err)
	}
	form.Set("agree", "yes")
	if status, _, h := send(t, c, "POST", w.srv.URL+"/signup", form); status != 303 || h.Get("Location") != "/signup/sent" {
		t.Fatalf("sign-up: %d %s", status, h.Get("Location"))
	}
	creds, err := w.st.Accounts().Credentials(ctx, "kamata@example.jp")
	must(t, err)
	assertAgreed(t, w, creds.User.ID)
}

// assertAgreed checks that the hub's terms and privacy notice, version 1,
// were agreed to and recorded with the time.
func assertAgreed(t *testing.T, w *world, userID int64) {
	t.Helper()
	hist, err := w.st.Compliance().ConsentHistory(context.Background(), userID)
	must(t, err)
	got := map[domain.ConsentPurpose]domain.Consent{}
	for _, c := range hist {
		if c.At.IsZero() {
			t.Errorf("consent without a time: %+v", c)
		}
		c.At = testNow
		got[c.Purpose] = c
	}
	want := map[domain.ConsentPurpose]domain.Consent{
		domain.ConsentTerms:   {UserID: userID, Purpose: domain.ConsentTerms, Granted: true, At: testNow, DocumentVersion: 1},
		domain.ConsentPrivacy: {UserID: userID, Purpose: domain.ConsentPrivacy, Granted: true, At: testNow, DocumentVersion: 1},
	}
	if len(hist) != 2 || got[domain.ConsentTerms] != want[domain.ConsentTerms] || got[domain.ConsentPrivacy] != want[domain.ConsentPrivacy] {
		t.Errorf("consents = %+v, want %+v", hist, want)
	}
}

func TestInvitedAccountAsksForAgreement(t *testing.T) { eachEngine(t, invitedAgreementScenario) }

// invitedAgreementScenario: an account made on the way from an invitation
// asks for the same agreement and records it.
func invitedAgreementScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	token := w.inviteByMail(t, staff, "leader@example.jp", domain.RoleLeaderTalent)
	c := w.browser(t)
	_, body, _ := send(t, c, "GET", w.srv.URL+"/invite?lang=ja&token="+url.QueryEscape(token), nil)
	if !strings.Contains(body, "利用規約と個人情報の取扱いに同意します") {
		t.Error("the invitation's account form does not ask for agreement")
	}
	form := url.Values{"token": {token}, "name": {"先導 一郎"}, "password": {"leader of the pack 26"}}
	status, body, _ := send(t, c, "POST", w.srv.URL+"/invite", form)
	if status != 422 || !strings.Contains(body, "「利用規約と個人情報の取扱いに同意します」にチェックを入れてください。") ||
		!strings.Contains(body, `value="先導 一郎"`) {
		t.Errorf("accepting without agreeing: %d\n%s", status, body)
	}
	if _, err := w.st.Accounts().Credentials(ctx, "leader@example.jp"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("an account was made without agreement: %v", err)
	}
	form.Set("agree", "yes")
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/invite", form); status != 303 {
		t.Fatalf("accepting: %d", status)
	}
	creds, err := w.st.Accounts().Credentials(ctx, "leader@example.jp")
	must(t, err)
	assertAgreed(t, w, creds.User.ID)
}
