package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
)

// TestBrowserSelectionOnAPhone: on a 390px-wide phone, the selection
// pages staff work on (the import with its mapping step, the allocation
// and its confirmation, an entry's conversation) and the entrant's side
// of that conversation fit the screen and meet WCAG 2.1 AA, in Japanese
// and English.
func TestBrowserSelectionOnAPhone(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	axe, err := os.ReadFile(checkerPath(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	form := filepath.Join(t.TempDir(), "form.csv")
	if err := os.WriteFile(form, []byte("タイムスタンプ,メールアドレス,氏名,フリガナ,お住まいの都道府県,大田区との関わり,スキル,志望動機\r\n"+
		"2021/07/15 10:23:45,kamata@example.jp,蒲田 一郎,カマタ イチロウ,東京都,在住,HP制作、茶道,町工場を応援したい\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st := steps{t: t, base: s.url}
	staff := browsertest.New(t, 3*time.Minute)
	st.must(chromedp.Do(staff, chromedp.EmulateViewport(390, 844)))
	browserLogin(t, staff, s.url, "ota-staff@demo.tsunagu.example")
	talent := browsertest.New(t, 3*time.Minute)
	st.must(chromedp.Do(talent, chromedp.EmulateViewport(390, 844)))
	browserLogin(t, talent, s.url, "alumnus@demo.tsunagu.example")
	st.open(talent, "/me")
	thread, err := chromedp.Run(talent, chromedp.Evaluate[string](`document.querySelector("a[href^='/entries/'][href$='/messages']").getAttribute("href")`))
	st.must(err)
	allocation := "/admin/131113/programs/ota-sdgs-2021/allocation"
	for _, lang := range []string{"ja", "en"} {
		for _, page := range []string{allocation + "?lang=" + lang, allocation + "/confirm?method=optimal&lang=" + lang, thread + "?lang=" + lang} {
			st.open(staff, page)
			fitsThePhone(t, staff, page)
			runAxe(t, staff, axe, page)
		}
		imp := "/admin/131113/programs/" + programSlug() + "/import?lang=" + lang
		st.open(staff, imp)
		st.must(chromedp.Do(staff, chromedp.SetUploadFiles(chromedp.CSS(`#imp-file`), []string{form})))
		st.click(staff, `form.account button[type=submit]`)
		if n, err := chromedp.Run(staff, chromedp.Evaluate[int](`document.querySelectorAll("select[name^=map_]").length`)); err != nil || n != 8 {
			body, _ := chromedp.Run(staff, chromedp.Evaluate[string](`location.href + " " + document.querySelector("main").innerText`))
			t.Fatalf("mapping step (%s): %d selects, %v\n%s", lang, n, err, body)
		}
		fitsThePhone(t, staff, "mapping step "+lang)
		runAxe(t, staff, axe, "mapping step "+lang)
		st.open(talent, thread+"?lang="+lang)
		fitsThePhone(t, talent, "entrant's "+thread+" "+lang)
		runAxe(t, talent, axe, "entrant's "+thread+" "+lang)
	}
}
