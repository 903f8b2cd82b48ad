package web

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// testPassword is the password signedIn gives every user.
const testPassword = "correct horse battery"

// login signs c in and fails the test unless it works.
func (w *world) login(t *testing.T, c *http.Client, email, password string) {
	t.Helper()
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/login", url.Values{"email": {email}, "password": {password}}); status != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", email, status)
	}
}

// signedOut checks that c is anonymous: my page sends it to log in.
func (w *world) signedOut(t *testing.T, c *http.Client, who string) {
	t.Helper()
	for _, path := range []string{"/me", "/me/data"} {
		if status, _, h := send(t, c, "GET", w.srv.URL+path, nil); status != http.StatusSeeOther ||
			!strings.HasPrefix(h.Get("Location"), "/login?next=") {
			t.Errorf("%s: GET %s = %d %s, want a redirect to log in", who, path, status, h.Get("Location"))
		}
	}
}

// stillSignedIn checks that c still reaches my page.
func (w *world) stillSignedIn(t *testing.T, c *http.Client, who string) {
	t.Helper()
	if status, _, _ := send(t, c, "GET", w.srv.URL+"/me", nil); status != http.StatusOK {
		t.Errorf("%s: GET /me = %d, want 200", who, status)
	}
}

func TestDeletedAccountCannotBeTakenOver(t *testing.T) { eachEngine(t, takeoverScenario) }

// takeoverScenario is the reviewed attack: the newest account is deleted
// in one browser while it is open in another; the next sign-up must get a
// new id, and the other browser must be anonymous.
func takeoverScenario(t *testing.T, w *world) {
	ctx := context.Background()
	w.signedIn(t, "older@example.jp", "古株 一郎")
	laptop := w.signedIn(t, "leaving@example.jp", "退会 花子")
	phone := w.browser(t)
	w.login(t, phone, "leaving@example.jp", testPassword)
	leaving, err := w.st.Accounts().Credentials(ctx, "leaving@example.jp")
	must(t, err)
	if status, body, _ := send(t, laptop, "POST", w.srv.URL+"/me/delete", url.Values{"password": {testPassword}}); status != http.StatusOK ||
		!strings.Contains(body, "アカウントを削除しました") {
		t.Fatalf("delete: %d", status)
	}
	w.signedOut(t, phone, "the deleted person's other browser")

	newcomer := w.browser(t)
	status, _, _ := send(t, newcomer, "POST", w.srv.URL+"/signup", url.Values{"email": {"newcomer@example.jp"},
		"name": {"新規 太郎"}, "name_kana": {"シンキ タロウ"}, "password": {"kamata sakura 2026"}, "agree": {"yes"}})
	if status != http.StatusSeeOther {
		t.Fatalf("signup: %d", status)
	}
	body, _ := w.mailTo(t, "newcomer@example.jp", "メールアドレスの確認")
	link := regexp.MustCompile(`http://tsunagu\.test(/verify\?token=[A-Za-z0-9_%-]+)`).FindStringSubmatch(body)
	if link == nil {
		t.Fatal("no confirmation link")
	}
	if status, _, _ := send(t, newcomer, "GET", w.srv.URL+link[1], nil); status != http.StatusSeeOther {
		t.Fatalf("verify: %d", status)
	}
	fresh, err := w.st.Accounts().Credentials(ctx, "newcomer@example.jp")
	must(t, err)
	if fresh.User.ID <= leaving.User.ID {
		t.Errorf("the new account got id %d; the deleted one had %d", fresh.User.ID, leaving.User.ID)
	}
	w.signedOut(t, phone, "the deleted person's other browser, after a new sign-up")
	if _, body, _ := send(t, newcomer, "GET", w.srv.URL+"/me", nil); !strings.Contains(body, "新規 太郎") || strings.Contains(body, "退会 花子") {
		t.Error("the newcomer does not see their own page")
	}
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) { eachEngine(t, passwordChangeScenario) }

func passwordChangeScenario(t *testing.T, w *world) {
	ctx := context.Background()
	here := w.signedIn(t, "yamada@example.jp", "Yamada Hanako Sakura")
	there := w.browser(t)
	w.login(t, there, "yamada@example.jp", testPassword)
	// A reset link asked for earlier stops working once the password changes.
	send(t, w.browser(t), "POST", w.srv.URL+"/password/forgot", url.Values{"email": {"yamada@example.jp"}})
	resetMail, _ := w.mailTo(t, "yamada@example.jp", "パスワード再設定")
	resetToken := regexp.MustCompile(`token=([A-Za-z0-9_%-]+)`).FindStringSubmatch(resetMail)
	if resetToken == nil {
		t.Fatal("no reset link")
	}
	if status, body, _ := send(t, here, "GET", w.srv.URL+"/me", nil); status != 200 || !strings.Contains(body, `href="/me/password"`) {
		t.Errorf("my page does not link the password form: %d", status)
	}
	if status, body, _ := send(t, here, "GET", w.srv.URL+"/me/password", nil); status != 200 || !strings.Contains(body, "いまのパスワード") {
		t.Errorf("form: %d", status)
	}
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"current_password": {"not my password"}, "password": {"kamata sakura 2026"}, "password_confirm": {"kamata sakura 2026"}},
			"いまのパスワードが違います"},
		{url.Values{"current_password": {testPassword}, "password": {"yamada hanako sakura"}, "password_confirm": {"yamada hanako sakura"}},
			"お名前と同じパスワードは使えません"},
		{url.Values{"current_password": {testPassword}, "password": {"Yamada@Example.jp"}, "password_confirm": {"Yamada@Example.jp"}},
			"メールアドレスと同じパスワードは使えません"},
		{url.Values{"current_password": {testPassword}, "password": {"kamata sakura 2026"}, "password_confirm": {"kamata sakura 2027"}},
			"新しいパスワード（確認）が一致しません"},
	} {
		status, body, _ := send(t, here, "POST", w.srv.URL+"/me/password", tc.form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
			t.Errorf("%v: %d, want 422 saying %q", tc.form, status, tc.want)
		}
		if strings.Contains(body, "kamata sakura") {
			t.Error("a password was echoed back")
		}
	}
	before := sessionCookie(t, here, w.srv.URL)
	status, _, h := send(t, here, "POST", w.srv.URL+"/me/password", url.Values{"current_password": {testPassword},
		"password": {"kamata sakura 2026"}, "password_confirm": {"kamata sakura 2026"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/me?flash=password_changed" {
		t.Fatalf("change: %d %s", status, h.Get("Location"))
	}
	if after := sessionCookie(t, here, w.srv.URL); after == "" || after == before {
		t.Error("the session kept its token through the password change")
	}
	if status, body, _ := send(t, here, "GET", w.srv.URL+"/me?flash=password_changed", nil); status != 200 || !strings.Contains(body, "パスワードを変更しました") {
		t.Errorf("this browser after the change: %d", status)
	}
	w.signedOut(t, there, "the other browser")
	if notice, found := w.mailTo(t, "yamada@example.jp", "パスワードが変更されました"); !found || !strings.Contains(notice, "/password/forgot") {
		t.Errorf("no notice mail: %q", notice)
	}
	token, _ := url.QueryUnescape(resetToken[1])
	if status, body, _ := send(t, w.browser(t), "POST", w.srv.URL+"/password/reset", url.Values{"token": {token},
		"password": {"another password 3"}}); status != 400 || !strings.Contains(body, "すでに使われています") {
		t.Errorf("a reset link from before the change: %d", status)
	}
	c := w.browser(t)
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/login", url.Values{"email": {"yamada@example.jp"}, "password": {testPassword}}); status != http.StatusUnprocessableEntity {
		t.Errorf("the old password: %d", status)
	}
	w.login(t, c, "yamada@example.jp", "kamata sakura 2026")
	events, err := w.st.Compliance().AuditLog(ctx, 0, 30)
	must(t, err)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); !strings.Contains(got, "password.change ") || !strings.Contains(got, "password.change_failed") {
		t.Errorf("audit trail: %s", got)
	}
}

// sessionCookie is the session token c holds for the site.
func sessionCookie(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	must(t, err)
	for _, k := range c.Jar.Cookies(u) {
		if k.Name == "tsunagu_session" {
			return k.Value
		}
	}
	return ""
}

// TestSignupRefusesTheNameAsPassword: the rule holds at sign-up too, with
// the message under the password field.
func TestSignupRefusesTheNameAsPassword(t *testing.T) {
	w := newWorld(t)
	status, body, _ := send(t, w.browser(t), "POST", w.srv.URL+"/signup", url.Values{"email": {"sato@example.jp"},
		"name": {"Sato Ichiro Jiro"}, "name_kana": {"サトウ イチロウ"}, "password": {"satoichirojiro"}, "agree": {"yes"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "お名前と同じパスワードは使えません") {
		t.Errorf("the name as the password: %d", status)
	}
	status, body, _ = send(t, w.browser(t), "POST", w.srv.URL+"/signup?lang=en", url.Values{"email": {"sato@example.jp"},
		"name": {"Sato Ichiro Jiro"}, "name_kana": {"サトウ イチロウ"}, "password": {"SATO ICHIRO JIRO"}, "agree": {"yes"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Your password cannot be your name") {
		t.Errorf("in English: %d", status)
	}
}

func TestResetEndsEverySession(t *testing.T) { eachEngine(t, resetScenario) }

// resetScenario: only the newest reset link works, a new password may not
// be the name, and setting it signs out every browser.
func resetScenario(t *testing.T, w *world) {
	open := w.signedIn(t, "omori@example.jp", "Omori Taro Jiro")
	visitor := w.browser(t)
	links := make([]string, 0, 2)
	for range 2 {
		send(t, visitor, "POST", w.srv.URL+"/password/forgot", url.Values{"email": {"omori@example.jp"}})
		mails, err := w.st.Messaging().Outbox(context.Background(), 1, false)
		must(t, err)
		m := regexp.MustCompile(`token=([A-Za-z0-9_%-]+)`).FindStringSubmatch(mails[0].Body)
		if m == nil {
			t.Fatal("no reset link")
		}
		token, _ := url.QueryUnescape(m[1])
		links = append(links, token)
	}
	if status, body, _ := send(t, visitor, "POST", w.srv.URL+"/password/reset", url.Values{"token": {links[0]},
		"password": {"new password 1234"}}); status != 400 || !strings.Contains(body, "すでに使われています") {
		t.Errorf("the first of two links: %d", status)
	}
	if status, body, _ := send(t, visitor, "POST", w.srv.URL+"/password/reset", url.Values{"token": {links[1]},
		"password": {"omori taro jiro"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "お名前と同じパスワードは使えません") {
		t.Errorf("the name as the new password: %d", status)
	}
	if status, _, h := send(t, visitor, "POST", w.srv.URL+"/password/reset", url.Values{"token": {links[1]},
		"password": {"new password 1234"}}); status != http.StatusSeeOther || h.Get("Location") != "/me?flash=password_changed" {
		t.Fatalf("reset: %d %s", status, h.Get("Location"))
	}
	w.stillSignedIn(t, visitor, "the browser that reset")
	w.signedOut(t, open, "a browser signed in before the reset")
	if _, found := w.mailTo(t, "omori@example.jp", "パスワードが変更されました"); !found {
		t.Error("no notice mail after the reset")
	}
}

func TestLogoutEverywhere(t *testing.T) { eachEngine(t, logoutEverywhereScenario) }

func logoutEverywhereScenario(t *testing.T, w *world) {
	laptop := w.signedIn(t, "kojiya@example.jp", "糀谷 三郎")
	phone := w.browser(t)
	w.login(t, phone, "kojiya@example.jp", testPassword)
	other := w.signedIn(t, "someone@example.jp", "別の 人")
	if _, body, _ := send(t, laptop, "GET", w.srv.URL+"/me", nil); !strings.Contains(body, `action="/me/sessions/end"`) ||
		!strings.Contains(body, "すべての端末からログアウト") {
		t.Error("my page has no button to log out everywhere")
	}
	status, body, _ := send(t, laptop, "POST", w.srv.URL+"/me/sessions/end", url.Values{})
	if status != http.StatusOK || !strings.Contains(body, "すべての端末からログアウトしました") {
		t.Fatalf("log out everywhere: %d", status)
	}
	w.signedOut(t, laptop, "the browser that asked")
	w.signedOut(t, phone, "the other browser")
	w.stillSignedIn(t, other, "another person")
	if status, body, _ := send(t, w.browser(t), "POST", w.srv.URL+"/me/sessions/end?lang=en", url.Values{}); status != http.StatusSeeOther {
		t.Errorf("anonymous: %d %s", status, body)
	}
	w.login(t, phone, "kojiya@example.jp", testPassword)
	w.stillSignedIn(t, phone, "a new sign-in afterwards")
	events, err := w.st.Compliance().AuditLog(context.Background(), 0, 5)
	must(t, err)
	found := false
	for _, e := range events {
		found = found || e.Action == "user.logout_everywhere"
	}
	if !found {
		t.Error("not in the audit log")
	}
}

// TestSessionsOfAStaffMemberEndToo: ending sessions is not only for
// talents; a member of a municipality is signed out of the admin pages.
func TestSessionsOfAStaffMemberEndToo(t *testing.T) {
	w := newWorld(t)
	office := w.orgNamed(t, "大田区 産業経済部")
	_, admin := w.member(t, "admin@city.example.jp", "区 管理者", domain.RoleMunicipalityAdmin, office.ID)
	second := w.browser(t)
	w.login(t, second, "admin@city.example.jp", testPassword)
	if status, _, _ := send(t, second, "GET", w.srv.URL+"/admin/131113/audit", nil); status != 200 {
		t.Fatalf("admin page: %d", status)
	}
	send(t, admin, "POST", w.srv.URL+"/me/sessions/end", url.Values{})
	if status, _, _ := send(t, second, "GET", w.srv.URL+"/admin/131113/audit", nil); status != http.StatusSeeOther {
		t.Errorf("the admin page after logging out everywhere: %d", status)
	}
}

func TestSessionsFromBeforeTheUpgrade(t *testing.T) { eachEngine(t, legacySessionScenario) }

// legacySessionScenario: sessions saved before sessions named their owner
// (as migration 17 finds them) keep working for people who still exist,
// and are gone for a deleted account and for someone who logged out
// everywhere since.
func legacySessionScenario(t *testing.T, w *world) {
	ctx := context.Background()
	ids := map[string]int64{}
	for _, email := range []string{"stays@example.jp", "ended@example.jp", "deleted@example.jp"} {
		c := w.signedIn(t, email, "以前 から")
		creds, err := w.st.Accounts().Credentials(ctx, email)
		must(t, err)
		ids[email] = creds.User.ID
		if email != "stays@example.jp" {
			send(t, c, "POST", w.srv.URL+map[string]string{"ended@example.jp": "/me/sessions/end",
				"deleted@example.jp": "/me/delete"}[email], url.Values{"password": {testPassword}})
		}
	}
	db, insert := w.rawDB(t)
	browsers := map[string]*http.Client{}
	for email, id := range ids {
		token := "legacy-" + strings.Split(email, "@")[0]
		data, err := scs.GobCodec{}.Encode(time.Now().Add(time.Hour), map[string]any{sessionUserKey: id})
		must(t, err)
		hashed := sha256.Sum256([]byte(token))
		_, err = db.ExecContext(ctx, insert, base64.RawURLEncoding.EncodeToString(hashed[:]), data, time.Now().Add(time.Hour).UTC())
		must(t, err)
		c := w.browser(t)
		u, _ := url.Parse(w.srv.URL)
		c.Jar.SetCookies(u, []*http.Cookie{{Name: "tsunagu_session", Value: token, Path: "/"}})
		browsers[email] = c
	}
	w.stillSignedIn(t, browsers["stays@example.jp"], "a session from before the upgrade")
	w.stillSignedIn(t, browsers["stays@example.jp"], "the same session, adopted")
	w.signedOut(t, browsers["ended@example.jp"], "an old session of someone who logged out everywhere")
	w.signedOut(t, browsers["deleted@example.jp"], "an old session of a deleted account")
	// Once adopted, the old session ends with the others.
	again := w.browser(t)
	w.login(t, again, "stays@example.jp", testPassword)
	send(t, again, "POST", w.srv.URL+"/me/sessions/end", url.Values{})
	w.signedOut(t, browsers["stays@example.jp"], "an adopted session after logging out everywhere")
}

// rawDB opens the world's database directly, with the statement that
// writes a session row the way version 16 of the schema did.
func (w *world) rawDB(t *testing.T) (*sql.DB, string) {
	t.Helper()
	driver, dsn, insert := "sqlite", filepath.Join(w.dir, "tsunagu.db"), `INSERT INTO sessions (token, data, expiry) VALUES (?1, ?2, ?3)`
	if w.dbURL != "" {
		driver, dsn, insert = "pgx", w.dbURL, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)`
	}
	db, err := sql.Open(driver, dsn)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	return db, insert
}
