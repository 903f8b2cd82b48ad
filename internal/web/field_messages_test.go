package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestEntryMessagesNameFieldsAsShown checks that the entry form's problems
// name the field by its label and a repeated choice by the project's
// title, in the reader's language, and say what to do.
func TestEntryMessagesNameFieldsAsShown(t *testing.T) { eachEngine(t, entryMessagesScenario) }

func entryMessagesScenario(t *testing.T, w *world) {
	ctx := context.Background()
	c := w.signedIn(t, "kamata@example.jp", "蒲田 五郎")
	u, err := w.st.Accounts().Credentials(ctx, "kamata@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: u.User.ID, Name: "蒲田 五郎", NameKana: "カマタ ゴロウ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	shop := strconv.FormatInt(w.shop.ID, 10)
	cases := []struct {
		query string
		want  []string
	}{
		{"", []string{
			"志望動機を入力してください。",
			"「" + w.shop.Title + "」を2回選んでいます。希望ごとに別のプロジェクトを選んでください。",
		}},
		{"?lang=en", []string{
			"Please fill in “Why you want to take part”.",
			"You chose “" + w.shop.Title + "” twice. Please choose a different project for each choice.",
		}},
	}
	for _, tc := range cases {
		entry := w.srv.URL + "/programs/ota-sdgs-2026/entry" + tc.query
		status, body, _ := send(t, c, "GET", entry, nil)
		key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(body)
		if status != http.StatusOK || key == nil {
			t.Fatalf("entry form%s: %d", tc.query, status)
		}
		status, body, _ = send(t, c, "POST", entry, url.Values{"key": {key[1]}, "choice_1": {shop}, "choice_2": {shop}, "motivation": {""}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("invalid entry%s: %d", tc.query, status)
		}
		for _, want := range tc.want {
			if !strings.Contains(body, want) {
				t.Errorf("invalid entry%s: the page lacks %q", tc.query, want)
			}
		}
		for _, internal := range []string{"（motivation）", "(motivation)", "必須項目", "「" + shop + "」", "“" + shop + "”"} {
			if strings.Contains(body, internal) {
				t.Errorf("invalid entry%s: the page shows %q", tc.query, internal)
			}
		}
	}
}
