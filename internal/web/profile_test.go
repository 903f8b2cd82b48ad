package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// signedIn makes a confirmed user and returns a client logged in as them.
func (w *world) signedIn(t *testing.T, email, name string) *http.Client {
	t.Helper()
	ctx := context.Background()
	u := domain.User{Email: email, Name: name}
	must(t, w.st.Accounts().CreateUser(ctx, &u))
	hash, err := auth.HashPassword("correct horse battery", auth.DefaultParams())
	must(t, err)
	must(t, w.st.Accounts().SetPassword(ctx, u.ID, hash))
	must(t, w.st.Accounts().MarkEmailVerified(ctx, u.ID))
	c := w.browser(t)
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/login", url.Values{"email": {email}, "password": {"correct horse battery"}}); status != http.StatusSeeOther {
		t.Fatalf("login: %d", status)
	}
	return c
}

func TestProfileForm(t *testing.T) {
	w := newWorld(t)
	anon := w.browser(t)
	if status, _, h := send(t, anon, "GET", w.srv.URL+"/me/profile", nil); status != http.StatusSeeOther ||
		h.Get("Location") != "/login?next=/me/profile" {
		t.Errorf("anonymous: %d %s", status, h.Get("Location"))
	}
	c := w.signedIn(t, "kojiya@example.jp", "糀谷 三郎")
	status, body, _ := send(t, c, "GET", w.srv.URL+"/me/profile", nil)
	if status != 200 || !strings.Contains(body, `value="糀谷 三郎"`) {
		t.Fatalf("new profile: %d", status)
	}
	bad := url.Values{"name": {"糀谷 三郎"}, "name_kana": {"糀谷"}, "hours": {"たくさん"}, "style": {"remote"},
		"country": {"JP"}, "skill_web-seo": {"2"}, "sdg": {"9"}, "aff_code_0": {"999997"}, "aff_kind_0": {"born"},
		"background": {"EC運営10年"}}
	status, body, _ = send(t, c, "POST", w.srv.URL+"/me/profile", bad)
	for _, want := range []string{"フリガナは全角カタカナで", "0〜200の範囲で", "「999997」に該当する自治体はありません", "EC運営10年"} {
		if !strings.Contains(body, want) {
			t.Errorf("bad profile: missing %q", want)
		}
	}
	if status != http.StatusUnprocessableEntity {
		t.Errorf("bad profile: status %d", status)
	}
	good := bad
	good.Set("name_kana", "ｺｳｼﾞﾔ ｻﾌﾞﾛｳ")
	good.Set("hours", "２０")
	good.Set("aff_pref_0", "15")
	good.Set("aff_code_0", "152137")
	status, _, h := send(t, c, "POST", w.srv.URL+"/me/profile", good)
	if status != http.StatusSeeOther || h.Get("Location") != "/me/profile?flash=profile_saved" {
		t.Fatalf("good profile: %d", status)
	}
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me/profile?flash=profile_saved", nil)
	for _, want := range []string{"プロフィールを保存しました", `value="コウジヤ サブロウ"`, `value="20"`, `<option value="152137" selected>燕市</option>`, `<option value="15" selected>新潟県</option>`,
		`<option value="2" selected>実務でできる</option>`, `name="sdg" value="9" checked`} {
		if !strings.Contains(body, want) {
			t.Errorf("saved profile: missing %q", want)
		}
	}
}

// TestHometownFromProfile shows a signed-in talent the projects near the
// towns on their profile without asking again.
func TestHometownFromProfile(t *testing.T) {
	w := newWorld(t)
	c := w.signedIn(t, "tsubame-born@example.jp", "燕 六郎")
	ctx := context.Background()
	creds, err := w.st.Accounts().Credentials(ctx, "tsubame-born@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: creds.User.ID, Name: "燕 六郎", NameKana: "ツバメ ロクロウ", ResidenceCountry: "JP",
		Affinities: []domain.Affinity{{LGCode: "152137", Kind: domain.AffinityBorn}, {LGCode: "131113", Kind: domain.AffinityLives}}}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	status, body, _ := send(t, c, "GET", w.srv.URL+"/hometown", nil)
	if status != 200 || !strings.Contains(body, `<strong aria-current="true">燕市</strong>`) ||
		!strings.Contains(body, `href="/hometown?municipality=131113"`) || !strings.Contains(body, "洋食器の海外販路") {
		t.Errorf("hometown for a talent: %d", status)
	}
	if strings.Index(body, `id="g-152137"`) > strings.Index(body, `id="g-131113"`) {
		t.Errorf("the hometown is not listed first: %d %d", strings.Index(body, `id="g-152137"`), strings.Index(body, `id="g-131113"`))
	}
}

// TestRecommendationsWithReasons shows a talent open projects that fit
// their profile, best first, each with readable reasons in their language.
func TestRecommendationsWithReasons(t *testing.T) {
	w := newWorld(t)
	c := w.signedIn(t, "kamata@example.jp", "蒲田 七郎")
	ctx := context.Background()
	creds, err := w.st.Accounts().Credentials(ctx, "kamata@example.jp")
	must(t, err)
	_, body, _ := send(t, c, "GET", w.srv.URL+"/me", nil)
	if !strings.Contains(body, "プロフィールを入力すると、あなたに合うプロジェクトを") {
		t.Error("no nudge to fill in the profile")
	}
	tal := domain.Talent{UserID: creds.User.ID, Name: "蒲田 七郎", NameKana: "カマタ シチロウ", ResidenceCountry: "JP",
		HoursPerMonth: 20, WorkStyle: domain.WorkRemote,
		Skills:     []domain.TalentSkill{{Code: "dx-kintone", Level: 3}},
		SDGs:       []int{11},
		Affinities: []domain.Affinity{{LGCode: "131113", Kind: domain.AffinityBorn}}}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me", nil)
	shop, tsubame := strings.Index(body, "商店街のSNS発信"), strings.Index(body, "洋食器の海外販路")
	if !strings.Contains(body, "おすすめのプロジェクト") || shop < 0 || tsubame < 0 || shop > tsubame {
		t.Fatalf("recommendations missing or out of order (shop %d, tsubame %d)", shop, tsubame)
	}
	for _, want := range []string{"出身地のプロジェクト", "必須スキル"} {
		if !strings.Contains(body, want) {
			t.Errorf("reason %q missing", want)
		}
	}
	if strings.Contains(body, "ホームページを刷新したい") {
		t.Error("a project of a closed program is recommended")
	}
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me?lang=en", nil)
	if !strings.Contains(body, "Recommended for you") || !strings.Contains(body, "hometown") {
		t.Error("English reasons missing")
	}
}

func TestBookmarkAProject(t *testing.T) {
	w := newWorld(t)
	anon := w.browser(t)
	_, body, _ := send(t, anon, "GET", w.srv.URL+"/projects/"+strconv.FormatInt(w.shop.ID, 10), nil)
	if !strings.Contains(body, "/login?next=/projects/") {
		t.Error("anonymous visitors are not offered to log in to bookmark")
	}
	c := w.signedIn(t, "omori@example.jp", "大森 十郎")
	path := "/projects/" + strconv.FormatInt(w.shop.ID, 10)
	status, _, h := send(t, c, "POST", w.srv.URL+path+"/bookmark", url.Values{"on": {"1"}})
	if status != http.StatusSeeOther || h.Get("Location") != path+"?flash=bookmark_added" {
		t.Fatalf("bookmark: %d %s", status, h.Get("Location"))
	}
	_, body, _ = send(t, c, "GET", w.srv.URL+path, nil)
	if !strings.Contains(body, `aria-pressed="true"`) {
		t.Error("the project page does not show the bookmark")
	}
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me", nil)
	if !strings.Contains(body, "気になるプロジェクト") || !strings.Contains(body, "商店街のSNS発信") {
		t.Error("my page does not list the bookmark")
	}
	send(t, c, "POST", w.srv.URL+path+"/bookmark", url.Values{"on": {"0"}})
	_, body, _ = send(t, c, "GET", w.srv.URL+"/me", nil)
	if strings.Contains(body, "気になるプロジェクト") {
		t.Error("the bookmark was not removed")
	}
	if status, _, _ := send(t, c, "POST", w.srv.URL+"/projects/"+strconv.FormatInt(w.draft.ID, 10)+"/bookmark",
		url.Values{"on": {"1"}}); status != 404 {
		t.Errorf("bookmarking a draft: %d", status)
	}
}
