package main

import (
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
)

// TestBrowserEnteringOnAPhone: on a 390px-wide phone, without any script
// of ours, the entry form, its confirmation and its completion, the
// business's candidates and the interviews on an entry's page fit the
// screen and meet WCAG 2.1 AA, in Japanese and English.
func TestBrowserEnteringOnAPhone(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--demo")
	axe, err := os.ReadFile(checkerPath(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	st := steps{t: t, base: s.url}
	talent := browsertest.New(t, 3*time.Minute)
	st.must(chromedp.Do(talent, chromedp.EmulateViewport(390, 844)))
	browserLogin(t, talent, s.url, "talent@demo.tsunagu.example")
	form := "/programs/" + programSlug() + "/entry"
	for _, lang := range []string{"en", "ja"} {
		st.open(talent, form+"?lang="+lang)
		fitsThePhone(t, talent, form+" "+lang)
		runAxe(t, talent, axe, form+" "+lang)
		project, err := chromedp.Run(talent, chromedp.Evaluate[string](`document.querySelector("#c-0 option[value]:not([value=''])").value`))
		st.must(err)
		st.must(chromedp.Do(talent, chromedp.SetValue(chromedp.CSS(`#c-0`), project),
			chromedp.SetValue(chromedp.CSS(`#f-motivation`), "町工場の発信を手伝いたいです。")))
		st.click(talent, `form.account button[value=confirm]`)
		if step := st.text(talent, `.steps [aria-current=step]`); step != map[string]string{"ja": "確認", "en": "Review"}[lang] {
			t.Errorf("confirmation (%s): step %q", lang, step)
		}
		fitsThePhone(t, talent, "confirmation "+lang)
		runAxe(t, talent, axe, "confirmation "+lang)
	}
	st.click(talent, `button[name=step][value=submit]`)
	if step := st.text(talent, `.steps [aria-current=step]`); step != "完了" {
		t.Fatalf("completion: step %q", step)
	}
	for _, lang := range []string{"ja", "en"} {
		st.open(talent, form+"/done?lang="+lang)
		fitsThePhone(t, talent, "completion "+lang)
		runAxe(t, talent, axe, "completion "+lang)
	}

	owner := browsertest.New(t, 3*time.Minute)
	st.must(chromedp.Do(owner, chromedp.EmulateViewport(390, 844)))
	browserLogin(t, owner, s.url, "owner@demo.tsunagu.example")
	st.open(owner, "/admin/131113/projects")
	project, err := chromedp.Run(owner, chromedp.Evaluate[string](`document.querySelector("a[href^='/admin/131113/projects/']:not([href$='/new'])").getAttribute("href")`))
	st.must(err)
	staff := browsertest.New(t, 3*time.Minute)
	st.must(chromedp.Do(staff, chromedp.EmulateViewport(390, 844)))
	browserLogin(t, staff, s.url, "ota-staff@demo.tsunagu.example")
	for _, lang := range []string{"ja", "en"} {
		st.open(owner, project+"/candidates?lang="+lang)
		fitsThePhone(t, owner, "candidates "+lang)
		runAxe(t, owner, axe, "candidates "+lang)
		st.open(staff, "/admin/131113/entries/1?lang="+lang)
		_, err := chromedp.Run(staff, chromedp.Evaluate[bool](`document.querySelectorAll("details").forEach(d => d.open = true); true`))
		st.must(err)
		fitsThePhone(t, staff, "entry with interviews "+lang)
		runAxe(t, staff, axe, "entry with interviews "+lang)
	}
}
