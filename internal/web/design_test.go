package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestFormPatterns checks the design system's form patterns on the sign-up
// form: a 必須 tag in each required field's label, and, after a bad
// submission, an error summary at the top with the count and a link to
// each field, before the form.
func TestFormPatterns(t *testing.T) {
	w := newWorld(t)
	c := w.browser(t)
	status, body, _ := send(t, c, "GET", w.srv.URL+"/signup?lang=ja", nil)
	if status != http.StatusOK {
		t.Fatalf("signup: %d", status)
	}
	for _, want := range []string{`<label for="a-email">メールアドレス<span class="req">必須</span></label>`,
		`<label for="a-name">氏名<span class="req">必須</span></label>`, `<legend>利用規約と個人情報の取扱い<span class="req">必須</span></legend>`} {
		if !strings.Contains(body, want) {
			t.Errorf("signup: missing %s", want)
		}
	}
	status, body, _ = send(t, c, "POST", w.srv.URL+"/signup", url.Values{"email": {"not-an-address"}, "name": {""}, "name_kana": {"やまだ"}, "password": {"x"}})
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("bad signup: %d", status)
	}
	summary := strings.Index(body, `<div class="alert error-summary" role="alert">`)
	form := strings.Index(body, `<form class="account" method="post" action="/signup"`)
	if summary < 0 || form < summary {
		t.Fatalf("summary at %d, form at %d", summary, form)
	}
	links := regexp.MustCompile(`<li><a href="#(a-[a-z_]+)">`).FindAllStringSubmatch(body[summary:form], -1)
	var targets []string
	for _, l := range links {
		targets = append(targets, l[1])
		if !strings.Contains(body[form:], `id="`+l[1]+`"`) {
			t.Errorf("the summary links to #%s, which is not on the page", l[1])
		}
	}
	if got := strings.Join(targets, " "); got != "a-agree a-email a-name a-password" {
		t.Errorf("summary links %q", got)
	}
	if !strings.Contains(body[summary:form], `<h2 class="error-summary-title">入力内容をご確認ください。（4件）</h2>`) {
		t.Errorf("summary heading: %s", body[summary:form])
	}
}
