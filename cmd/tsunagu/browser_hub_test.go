package main

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// TestBrowserHubJourney is the hub on the demo in Chromium: a second
// municipality, the hometown of a talent who completed a 2021 Ota
// project, is onboarded and posts a project; the talent lets it find
// them, sees the project recommended, receives its offer, downloads the
// credential for the Ota work, and the verify page accepts it.
func TestBrowserHubJourney(t *testing.T) {
	dir, addr := t.TempDir(), freeAddr(t)
	s := startServe(t, "--data", dir, "--demo", "--addr", addr, "--base-url", "http://"+addr)
	do := steps{t, s.url}
	must, click, text, open := do.must, do.click, do.text, do.open
	ctx := context.Background()

	// A talent of a completed 2021 team, tied to a town not yet on the hub.
	st, err := store.Open(ctx, "", dir)
	must(err)
	defer st.Close()
	ota, err := st.Directory().MunicipalityByLGCode(ctx, "131113")
	must(err)
	creds, err := st.Issuance().IssuedCredentials(ctx, ota.ID, 0)
	must(err)
	var talent domain.Talent
	var hometown string
	for _, c := range creds {
		tl, err := st.Talents().Talent(ctx, c.TalentID)
		must(err)
		for _, a := range tl.Affinities {
			if _, err := st.Directory().MunicipalityByLGCode(ctx, a.LGCode); domain.ErrorCode(err) == domain.CodeNotFound && tl.UserID != 0 {
				talent, hometown = tl, a.LGCode
			}
		}
		if hometown != "" {
			break
		}
	}
	if hometown == "" {
		t.Fatal("no completed talent with an account and a hometown off the hub in the demo")
	}
	u, err := st.Accounts().UserByID(ctx, talent.UserID)
	must(err)
	hash, err := auth.HashPassword("hometown pride 2026", auth.DefaultParams())
	must(err)
	must(st.Accounts().SetPassword(ctx, u.ID, hash)) // the demo's team accounts have no password; this one signs in
	must(st.Accounts().MarkEmailVerified(ctx, u.ID))

	// The hometown joins the hub from the command line, inviting its admin.
	var out, errOut bytes.Buffer
	env := func(k string) string { return map[string]string{"TSUNAGU_DATA": dir}[k] }
	must(run(ctx, []string{"tsunagu", "municipality", "add", "--lgcode", hometown, "--admin", "admin@hometown.example.jp",
		"--base-url", s.url}, env, nil, &out, &errOut))
	invite := regexp.MustCompile(`/invite\?token=\S+`).FindString(out.String())
	if invite == "" {
		t.Fatalf("no invitation: %q", out.String())
	}

	// Its admin accepts, opens a program and posts a project.
	admin := browsertest.New(t, 4*time.Minute)
	open(admin, invite+"&lang=ja")
	must(chromedp.Do(admin, chromedp.SendKeys(chromedp.CSS(`#a-name`), "ふるさと 担当"),
		chromedp.SendKeys(chromedp.CSS(`#a-password`), "furusato office 2026"),
		chromedp.Click(chromedp.CSS(`#a-agree`))))
	click(admin, `form.account button[type=submit]`)
	open(admin, "/admin/"+hometown+"/programs/new")
	today := time.Now().In(time.FixedZone("JST", 9*3600))
	must(chromedp.Do(admin, chromedp.SendKeys(chromedp.CSS(`#pg-title`), "ふるさと副業 2026"),
		chromedp.SendKeys(chromedp.CSS(`#pg-slug`), "furusato-2026"),
		chromedp.SetValue(chromedp.CSS(`#pg-opens`), today.AddDate(0, 0, -1).Format("2006-01-02")),
		chromedp.SetValue(chromedp.CSS(`#pg-closes`), today.AddDate(0, 1, 0).Format("2006-01-02"))))
	click(admin, `form.account button[type=submit]`)
	program, err := st.Directory().ProgramBySlug(ctx, "furusato-2026")
	must(err)
	open(admin, "/admin/"+hometown+"/projects/new")
	must(chromedp.Do(admin, chromedp.SetValue(chromedp.CSS(`#f-program`), strconv.FormatInt(program.ID, 10)),
		chromedp.SendKeys(chromedp.CSS(`#f-title`), "ふるさとの特産品をネットで届けたい"),
		chromedp.SendKeys(chromedp.CSS(`#f-description`), "町の特産品の通販を一緒に立ち上げたい。"),
		chromedp.Click(chromedp.CSS(`input[name=sdg][value="8"]`))))
	click(admin, `form.project-form button[type=submit]`)
	click(admin, `input[name=action][value=submit] ~ button`)
	click(admin, `input[name=action][value=publish] ~ button`)

	// The talent lets the hometown find them and sees its project suggested.
	tb := browsertest.New(t, 4*time.Minute)
	open(tb, "/login?lang=ja")
	must(chromedp.Do(tb, chromedp.SendKeys(chromedp.CSS(`#a-email`), u.Email),
		chromedp.SendKeys(chromedp.CSS(`#a-password`), "hometown pride 2026")))
	click(tb, `form.account button[type=submit]`)
	newMu, err := st.Directory().MunicipalityByLGCode(ctx, hometown)
	must(err)
	open(tb, "/me/profile")
	must(chromedp.Do(tb, chromedp.Click(chromedp.CSS(`input[name=find_`+strconv.FormatInt(newMu.ID, 10)+`]`))))
	click(tb, `form.profile > .actions button[type=submit]`)
	open(tb, "/me")
	if home := text(tb, `#h-home + p + .grid`); !strings.Contains(home, "ふるさとの特産品をネットで届けたい") {
		t.Fatalf("hometown suggestion: %q", home)
	}

	// The hometown's admin finds the talent in its pool and sends an offer.
	open(admin, "/admin/"+hometown+"/talents")
	id := strconv.FormatInt(talent.ID, 10)
	must(chromedp.Do(admin, chromedp.SendKeys(chromedp.CSS(`#sm-`+id), "大田での経験を、ふるさとで生かしませんか。")))
	click(admin, `form[action$="/talents/`+id+`/scout"] button`)
	if note := text(admin, `.note-box`); !strings.Contains(note, "声をかけました") {
		t.Fatalf("offer: %q", note)
	}
	open(tb, "/me")
	if offers := text(tb, `#scouts`); !strings.Contains(offers, "大田での経験を、ふるさとで生かしませんか。") {
		t.Fatalf("the talent did not receive the offer: %q", offers)
	}

	// The talent downloads the credential for the Ota work; the verify page accepts it.
	click(tb, `#h-creds + ul a`)
	jwtURL, err := chromedp.Run(tb, chromedp.Evaluate[string](`document.querySelector('a[href$="/jwt"]').href`))
	must(err)
	token, err := chromedp.Run(tb, chromedp.Evaluate[string](`fetch("`+jwtURL+`").then(r => r.text())`, chromedp.EvalAwaitPromise))
	must(err)
	if strings.Count(token, ".") != 2 {
		t.Fatalf("downloaded %q", token)
	}
	anon := browsertest.New(t, 2*time.Minute)
	open(anon, "/credentials/verify?lang=ja")
	must(chromedp.Do(anon, chromedp.SetValue(chromedp.CSS(`#v-cred`), token)))
	click(anon, `form.account button[type=submit]`)
	if result := text(anon, `main`); !strings.Contains(result, "有効な証明書です") || !strings.Contains(result, "大田区") {
		t.Fatalf("verify page: %q", result)
	}
}
