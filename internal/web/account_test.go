package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// browser is an HTTP client with cookies that does not follow redirects,
// so each step can be checked.
func (w *world) browser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	must(t, err)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func send(t *testing.T, c *http.Client, method, u string, form url.Values) (int, string, http.Header) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	must(t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// eachEngine runs a web scenario on SQLite and, when configured, PostgreSQL.
func eachEngine(t *testing.T, scenario func(t *testing.T, w *world)) {
	t.Run("sqlite", func(t *testing.T) { scenario(t, newWorld(t)) })
	t.Run("postgres", func(t *testing.T) { scenario(t, newWorldOn(t, storetest.PostgresURL(t))) })
}

func TestSignupVerifyLoginLogout(t *testing.T) { eachEngine(t, signupScenario) }

func signupScenario(t *testing.T, w *world) {
	c := w.browser(t)
	base := w.srv.URL
	// A bad form keeps what was typed and says what is wrong, field by field.
	status, body, _ := send(t, c, "POST", base+"/signup", url.Values{"email": {"hanako@example"}, "name": {"山田 花子"},
		"name_kana": {"yamada"}, "password": {"short"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `value="山田 花子"`) || !strings.Contains(body, "フリガナは全角カタカナで") ||
		!strings.Contains(body, "12文字以上") || !strings.Contains(body, "形式が正しくありません") {
		t.Fatalf("bad signup: %d\n%s", status, body)
	}
	if strings.Contains(body, `value="short"`) {
		t.Error("the password was echoed back")
	}
	form := url.Values{"email": {"Hanako@Example.jp"}, "name": {"山田 花子"}, "name_kana": {"ﾔﾏﾀﾞ ﾊﾅｺ"},
		"password": {"kamata sakura 2026"}, "agree": {"yes"}}
	status, _, h := send(t, c, "POST", base+"/signup", form)
	if status != http.StatusSeeOther || h.Get("Location") != "/signup/sent" {
		t.Fatalf("signup: %d %s", status, h.Get("Location"))
	}
	mails, err := w.st.Messaging().Outbox(context.Background(), 10, true)
	must(t, err)
	if len(mails) != 1 || mails[0].To != "hanako@example.jp" || !strings.Contains(mails[0].Subject, "メールアドレスの確認") {
		t.Fatalf("outbox: %+v", mails)
	}
	link := regexp.MustCompile(`http://tsunagu\.test(/verify\?token=[A-Za-z0-9_%-]+)`).FindStringSubmatch(mails[0].Body)
	if link == nil {
		t.Fatalf("no link in:\n%s", mails[0].Body)
	}
	// Logging in before confirming says so.
	status, body, _ = send(t, c, "POST", base+"/login", url.Values{"email": {"hanako@example.jp"}, "password": {"kamata sakura 2026"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "メールアドレスの確認がまだ") {
		t.Errorf("unverified login: %d", status)
	}
	// Signing up again with the same address looks the same but mails a notice.
	status, _, _ = send(t, c, "POST", base+"/signup", form)
	mails, _ = w.st.Messaging().Outbox(context.Background(), 10, true)
	if status != http.StatusSeeOther || len(mails) != 2 || !strings.Contains(mails[0].Subject, "登録済み") {
		t.Errorf("second signup: %d, %d mails", status, len(mails))
	}
	status, _, h = send(t, c, "GET", base+link[1], nil)
	if status != http.StatusSeeOther || h.Get("Location") != "/me?welcome=1" {
		t.Fatalf("verify: %d %s", status, h.Get("Location"))
	}
	status, body, _ = send(t, c, "GET", base+"/me?welcome=1", nil)
	if status != 200 || !strings.Contains(body, "山田 花子（ヤマダ ハナコ）") || !strings.Contains(body, "ようこそ") {
		t.Fatalf("me: %d\n%s", status, body)
	}
	// The link works once.
	status, body, _ = send(t, c, "GET", base+link[1], nil)
	if status != 400 || !strings.Contains(body, "すでに使われています") {
		t.Errorf("second verify: %d", status)
	}
	// Signed-in pages are not served from the anonymous cache.
	_, body, _ = send(t, c, "GET", base+"/projects", nil)
	if !strings.Contains(body, `href="/me"`) {
		t.Error("the header does not show my page when signed in")
	}
	status, _, h = send(t, c, "POST", base+"/logout", url.Values{})
	if status != http.StatusSeeOther || h.Get("Location") != "/?flash=signed_out" {
		t.Fatalf("logout: %d %s", status, h.Get("Location"))
	}
	status, _, h = send(t, c, "GET", base+"/me", nil)
	if status != http.StatusSeeOther || h.Get("Location") != "/login?next=/me" {
		t.Errorf("me after logout: %d %s", status, h.Get("Location"))
	}
	// The trail so far, newest first.
	events, err := w.st.Compliance().AuditLog(context.Background(), 0, 20)
	must(t, err)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); !strings.HasPrefix(got, "user.logout user.verify_email user.signup") {
		t.Errorf("audit trail: %s", got)
	}
	// Wrong password, then the right one; the next page is kept.
	status, body, _ = send(t, c, "POST", base+"/login", url.Values{"email": {"hanako@example.jp"}, "password": {"wrong password!"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "メールアドレスまたはパスワードが違います") {
		t.Errorf("wrong password: %d", status)
	}
	status, _, h = send(t, c, "POST", base+"/login", url.Values{"email": {"HANAKO@example.jp"},
		"password": {"ｋａｍａｔａ sakura 2026"}, "next": {"/projects?sdg=9"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/projects?sdg=9&flash=signed_in" {
		t.Errorf("login: %d %s", status, h.Get("Location"))
	}
}

func TestLoginThrottleAndSafety(t *testing.T) {
	w := newWorld(t)
	c := w.browser(t)
	for i := 0; i < 6; i++ {
		if status, _, _ := send(t, c, "POST", w.srv.URL+"/login", url.Values{"email": {"nobody@example.jp"},
			"password": {"guess guess " + string(rune('a'+i))}}); status != http.StatusUnprocessableEntity {
			t.Errorf("attempt %d: %d", i+1, status)
		}
	}
	// Six failures of one account from one address: the seventh waits 2 s
	// (the server's clock stands still in tests).
	status, body, h := send(t, c, "POST", w.srv.URL+"/login", url.Values{"email": {"nobody@example.jp"}, "password": {"again"}})
	if status != http.StatusTooManyRequests || !strings.Contains(body, "2秒後にもう一度") || h.Get("Retry-After") != "2" {
		t.Errorf("seventh attempt: %d %q", status, h.Get("Retry-After"))
	}
	// A cross-site form post is refused before it reaches the handler.
	req, _ := http.NewRequest("POST", w.srv.URL+"/logout", strings.NewReader(""))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "別のサイトから送られた") {
		t.Errorf("cross-site post: %d", resp.StatusCode)
	}
	for next, want := range map[string]string{"/projects": "/projects", "https://evil.example/": "/me",
		"//evil.example": "/me", "/\\evil.example": "/me", "": "/me"} {
		if got := safeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
}

func TestPasswordReset(t *testing.T) {
	w := newWorld(t)
	c := w.browser(t)
	base := w.srv.URL
	ctx := context.Background()
	send(t, c, "POST", base+"/signup", url.Values{"email": {"taro@example.jp"}, "name": {"大森 太郎"},
		"name_kana": {"オオモリ タロウ"}, "password": {"first password 1"}, "agree": {"yes"}})
	// An unknown address gets the same answer and no mail.
	before, _ := w.st.Messaging().Outbox(ctx, 50, false)
	status, unknownBody, _ := send(t, c, "POST", base+"/password/forgot", url.Values{"email": {"nobody@example.jp"}})
	after, _ := w.st.Messaging().Outbox(ctx, 50, false)
	if status != 200 || len(after) != len(before) {
		t.Fatalf("unknown address: %d, mails %d → %d", status, len(before), len(after))
	}
	status, knownBody, _ := send(t, c, "POST", base+"/password/forgot", url.Values{"email": {"Taro@example.jp"}})
	if status != 200 || knownBody != unknownBody {
		t.Error("the page differs for a known address")
	}
	mails, _ := w.st.Messaging().Outbox(ctx, 1, false)
	link := regexp.MustCompile(`/password/reset\?token=([A-Za-z0-9_%-]+)`).FindStringSubmatch(mails[0].Body)
	if link == nil || !strings.Contains(mails[0].Subject, "パスワード") {
		t.Fatalf("reset mail: %+v", mails[0])
	}
	token, _ := url.QueryUnescape(link[1])
	status, body, _ := send(t, c, "POST", base+"/password/reset", url.Values{"token": {token}, "password": {"short"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "12文字以上") {
		t.Errorf("short new password: %d", status)
	}
	status, _, h := send(t, c, "POST", base+"/password/reset", url.Values{"token": {token}, "password": {"second password 2"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/me?flash=password_changed" {
		t.Fatalf("reset: %d", status)
	}
	status, _, _ = send(t, c, "POST", base+"/password/reset", url.Values{"token": {token}, "password": {"third password 3"}})
	if status != 400 {
		t.Errorf("the reset link worked twice: %d", status)
	}
	send(t, c, "POST", base+"/logout", url.Values{})
	if status, _, _ := send(t, c, "POST", base+"/login", url.Values{"email": {"taro@example.jp"}, "password": {"first password 1"}}); status != http.StatusUnprocessableEntity {
		t.Errorf("old password still works: %d", status)
	}
	if status, _, _ := send(t, c, "POST", base+"/login", url.Values{"email": {"taro@example.jp"}, "password": {"second password 2"}}); status != http.StatusSeeOther {
		t.Errorf("new password: %d", status)
	}
}
