package legal

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestParse(t *testing.T) {
	text := "前文です。\r\n\n## 1. 目的\n- [データ](/me/data)を見る\n- 二つ目\n本文 [窓口](mailto:a@example.jp) へ。\n- 別のリスト\n" +
		"[悪い](javascript:alert(1)) [外](//evil.example) [空]() [ok](https://city.example.jp/x) [a [b](/c)"
	want := []Block{
		{Kind: Paragraph, Spans: []Span{{Text: "前文です。"}}},
		{Kind: Heading, Spans: []Span{{Text: "1. 目的"}}},
		{Kind: List, Items: [][]Span{{{Text: "データ", Href: "/me/data"}, {Text: "を見る"}}, {{Text: "二つ目"}}}},
		{Kind: Paragraph, Spans: []Span{{Text: "本文 "}, {Text: "窓口", Href: "mailto:a@example.jp"}, {Text: " へ。"}}},
		{Kind: List, Items: [][]Span{{{Text: "別のリスト"}}}},
		{Kind: Paragraph, Spans: []Span{{Text: "[悪い](javascript:alert(1)) [外](//evil.example) [空]() "},
			{Text: "ok", Href: "https://city.example.jp/x"}, {Text: " [a "}, {Text: "b", Href: "/c"}}},
	}
	if got := Parse(text); !reflect.DeepEqual(got, want) {
		t.Errorf("Parse =\n%#v\nwant\n%#v", got, want)
	}
}

func TestSafeTarget(t *testing.T) {
	for target, want := range map[string]bool{
		"/me/data": true, "https://www.city.ota.tokyo.jp/": true, "http://example.jp": true, "mailto:x@example.jp": true,
		"//evil.example": false, "javascript:alert(1)": false, "JavaScript:alert(1)": false, "data:text/html,x": false,
		"me/data": false, "https://": false, "mailto:nobody": false, `/x"onmouseover="y`: false, "": false,
	} {
		if got := SafeTarget(target); got != want {
			t.Errorf("SafeTarget(%q) = %v, want %v", target, got, want)
		}
	}
}

// TestDefaults: every default loads in both languages, is filled for its
// publisher, and the privacy notice names purposes, sharing, retention,
// safety, rights with links to /me/data and /me/delete, and a contact.
func TestDefaults(t *testing.T) {
	d, err := LoadDefaults()
	if err != nil {
		t.Fatal(err)
	}
	ja := Fill{Operator: "大田区", Contact: "[ota@example.jp](mailto:ota@example.jp)",
		PrivacyPage: "/municipalities/131113/privacy", TermsPage: "/municipalities/131113/terms", ContactPage: "/municipalities/131113/contact"}
	en := ja
	en.Operator = "Ota City"
	for _, kind := range domain.DocumentKinds() {
		doc := d.Document(kind, ja, en)
		if doc.Kind != kind || doc.Version != 1 || !doc.EffectiveAt.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, domain.Japan())) {
			t.Errorf("%s: kind %s, version %d, effective %v", kind, doc.Kind, doc.Version, doc.EffectiveAt)
		}
		if err := doc.Validate(); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
		for lang, body := range map[string]string{"ja": doc.BodyJA, "en": doc.BodyEN} {
			if strings.Contains(body, "{{") || !strings.Contains(body, map[string]string{"ja": "大田区", "en": "Ota City"}[lang]) {
				t.Errorf("%s.%s is not filled:\n%s", kind, lang, body)
			}
			for _, b := range Parse(body) {
				for _, sp := range append(b.Spans, flatten(b.Items)...) {
					if strings.Contains(sp.Text, "](") {
						t.Errorf("%s.%s: a link did not parse: %q", kind, lang, sp.Text)
					}
				}
			}
		}
	}
	privacy := d.Document(domain.DocumentPrivacy, ja, en)
	for _, lang := range []struct {
		body string
		must []string
	}{
		{privacy.BodyJA, []string{"利用する目的", "共有する情報", "保存する期間", "安全を守るための取り組み", "(/me/data)", "(/me/delete)", "(/municipalities/131113/contact)"}},
		{privacy.BodyEN, []string{"Why we use it", "Who we share it with", "How long we keep it", "How we keep it safe", "(/me/data)", "(/me/delete)", "(/municipalities/131113/contact)"}},
	} {
		for _, s := range lang.must {
			if !strings.Contains(lang.body, s) {
				t.Errorf("the privacy notice lacks %q", s)
			}
		}
	}
	if c := d.Document(domain.DocumentContact, ja, en); !strings.Contains(c.BodyJA, "[ota@example.jp](mailto:ota@example.jp)") {
		t.Errorf("the contact page lacks the contact:\n%s", c.BodyJA)
	}
}

func flatten(items [][]Span) []Span {
	var out []Span
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}
