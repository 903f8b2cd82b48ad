package web

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

var reasonsRE = regexp.MustCompile(`(?s)<ul class="reasons"[^>]*>(.*?)</ul>`)

// firstRecommendation is the title of the first project recommended on
// /me and its reasons.
func firstRecommendation(body string) (string, []string) {
	i := strings.Index(body, `<div class="recommendation">`)
	if i < 0 {
		return "", nil
	}
	card := body[i:]
	title := regexp.MustCompile(`(?s)<h3[^>]*>(.*?)</h3>`).FindStringSubmatch(card)
	var reasons []string
	if m := reasonsRE.FindStringSubmatch(card); m != nil {
		for _, li := range liRE.FindAllStringSubmatch(m[1], -1) {
			reasons = append(reasons, li[1])
		}
	}
	if title == nil {
		return "", reasons
	}
	return strings.TrimSpace(tagRE.ReplaceAllString(title[1], "")), reasons
}

// TestRecommendationsFollowTheSavedProfile: a skill just added to the
// profile brings, on the very next page, the project that needs it to the
// top, with only the reasons it fits.
func TestRecommendationsFollowTheSavedProfile(t *testing.T) { eachEngine(t, recommendScenario) }

func recommendScenario(t *testing.T, w *world) {
	ctx := context.Background()
	c := w.signedIn(t, "haneda@example.jp", "羽田 空")
	creds, err := w.st.Accounts().Credentials(ctx, "haneda@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: creds.User.ID, Name: "羽田 空", NameKana: "ハネダ ソラ", ResidenceCountry: "JP",
		HoursPerMonth: 20, WorkStyle: domain.WorkRemote}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	green := w.shop
	green.ID, green.Title, green.RequiredSkills, green.SDGs, green.HoursPerMonth = 0, "町工場の脱炭素診断", []string{"green-carbon"}, []int{13}, 10
	must(t, w.st.Projects().CreateProject(ctx, &green))

	// The pool behind the scores is read now, before the skill is added.
	status, body, _ := send(t, c, "GET", w.srv.URL+"/me?lang=ja", nil)
	if _, reasons := firstRecommendation(body); status != http.StatusOK || strings.Contains(body, "必須スキル") {
		t.Fatalf("before: %d, a skill matches already: %q", status, reasons)
	}
	form := url.Values{"name": {"羽田 空"}, "name_kana": {"ハネダ ソラ"}, "hours": {"20"}, "style": {"remote"},
		"country": {"JP"}, "skill_green-carbon": {"3"}, "sdg": {"13"}}
	status, _, h := send(t, c, "POST", w.srv.URL+"/me/profile", form)
	if status != http.StatusSeeOther || h.Get("Location") != "/me/profile?flash=profile_saved" {
		t.Fatalf("saving the profile: %d %q", status, h.Get("Location"))
	}
	status, body, _ = send(t, c, "GET", w.srv.URL+"/me", nil)
	title, reasons := firstRecommendation(body)
	want := []string{"必須スキル1件中1件が一致", "SDGsの関心が1件一致", "希望時間が合う", "リモートで参加できる"}
	if status != http.StatusOK || title != green.Title || !reflect.DeepEqual(reasons, want) {
		t.Fatalf("after: %d, first %q with %q, want %q with %q", status, title, reasons, green.Title, want)
	}
	// No recommendation lists what falls short.
	for _, m := range reasonsRE.FindAllStringSubmatch(body, -1) {
		for _, bad := range []string{"未達", "未登録", "不明", "0件", "リモートのみ希望", "稼働可能時間が月"} {
			if strings.Contains(m[1], bad) {
				t.Errorf("a reason tells what falls short (%q): %s", bad, m[1])
			}
		}
	}
}
