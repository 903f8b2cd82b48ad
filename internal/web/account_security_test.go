package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSignupRefusesTheNameAsPassword: the rule holds at sign-up too, with
// the message under the password field.
func TestSignupRefusesTheNameAsPassword(t *testing.T) {
	w := newWorld(t)
	status, body, _ := send(t, w.browser(t), "POST", w.srv.URL+"/signup", url.Values{"email": {"sato@example.jp"},
		"name": {"Sato Ichiro Jiro"}, "name_kana": {"サトウ イチロウ"}, "password": {"satoichirojiro"}})
	if status != http.StatusBadRequest || !strings.Contains(body, "お名前と同じパスワードは使えません") {
		t.Errorf("the name as the password: %d", status)
	}
	status, body, _ = send(t, w.browser(t), "POST", w.srv.URL+"/signup?lang=en", url.Values{"email": {"sato@example.jp"},
		"name": {"Sato Ichiro Jiro"}, "name_kana": {"サトウ イチロウ"}, "password": {"SATO ICHIRO JIRO"}})
	if status != http.StatusBadRequest || !strings.Contains(body, "Your password cannot be your name") {
		t.Errorf("in English: %d", status)
	}
}
