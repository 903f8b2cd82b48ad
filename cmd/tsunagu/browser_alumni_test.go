package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
	"github.com/tsunagu-hub/tsunagu/internal/seed"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// TestBrowserAlumnusScoutedHome is the journey of experience carried home,
// in Chromium on a 390px-wide phone: Tsubame's staff look in their pool
// for people born in Niigata Prefecture, find the Ota alumnus with the
// project they completed and its credential, and scout them; the alumnus
// answers with interest, sharing their address, and writes; the staff
// read the message with the address and answer.
func TestBrowserAlumnusScoutedHome(t *testing.T) {
	dir := t.TempDir()
	s := startServe(t, "--data", dir, "--demo")
	do := steps{t, s.url}
	must, click, text := do.must, do.click, do.text
	// Which profile is the alumnus's, read beside the running server.
	st, err := store.Open(context.Background(), "", dir)
	must(err)
	defer st.Close()
	creds, err := st.Accounts().Credentials(context.Background(), seed.AlumnusEmail)
	must(err)
	profile, err := st.Talents().TalentByUser(context.Background(), creds.User.ID)
	must(err)
	alumnusID := strconv.FormatInt(profile.ID, 10)

	// 1. Tsubame's staff narrow their pool to people born in Niigata.
	staff := browsertest.New(t, 3*time.Minute)
	must(chromedp.Do(staff, chromedp.EmulateViewport(390, 844)))
	browserLogin(t, staff, s.url, "tsubame-staff@demo.tsunagu.example")
	do.open(staff, "/admin/152137/talents?lang=ja")
	must(chromedp.Do(staff,
		chromedp.SetValue(chromedp.CSS(`#f-tie`), "born"),
		chromedp.SetValue(chromedp.CSS(`#f-pref`), "15")))
	click(staff, `form.filters button[type=submit]`)
	overflow, err := chromedp.Run(staff, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	must(err)
	if overflow {
		t.Error("the pool scrolls sideways on a 390px-wide phone")
	}
	// The alumnus's card shows the Ota project they completed, vouched for
	// by a credential; their name does not show.
	card := text(staff, `article[aria-labelledby="t-`+alumnusID+`"]`)
	for _, want := range []string{"人材 #" + alumnusID, "出身: 新潟県", "証明書あり", "大田区"} {
		if !strings.Contains(card, want) {
			t.Errorf("the alumnus's card lacks %q: %q", want, card)
		}
	}
	if strings.Contains(card, profile.Name) {
		t.Errorf("the pool shows the alumnus's name")
	}

	// 2. They scout the alumnus about one of Tsubame's projects.
	must(chromedp.Do(staff, chromedp.SendKeys(chromedp.CSS(`#sm-`+alumnusID), "大田区での経験を、燕の工場でも活かしませんか。")))
	click(staff, `form[action$="/talents/`+alumnusID+`/scout"] button[type=submit]`)
	if note := text(staff, `.note-box`); !strings.Contains(note, "声をかけました") {
		t.Fatalf("scout: %q", note)
	}

	// 3. The alumnus answers with interest, sharing their address, and
	// writes in the conversation it opens.
	alumnus := browsertest.New(t, 3*time.Minute)
	must(chromedp.Do(alumnus, chromedp.EmulateViewport(390, 844)))
	browserLogin(t, alumnus, s.url, seed.AlumnusEmail)
	do.open(alumnus, "/me?lang=ja")
	if scouts := text(alumnus, `#scouts`); !strings.Contains(scouts, "燕市") || !strings.Contains(scouts, "燕の工場でも") {
		t.Fatalf("the alumnus's offers: %q", scouts)
	}
	must(chromedp.Do(alumnus, chromedp.Click(chromedp.CSS(`#scouts input[name=share_contact]`))))
	click(alumnus, `#scouts input[value=accept] ~ button[type=submit]`)
	if note := text(alumnus, `.note-box`); !strings.Contains(note, "興味ありと答えました") {
		t.Fatalf("answer: %q", note)
	}
	must(chromedp.Do(alumnus, chromedp.SendKeys(chromedp.CSS(`#t-body`), "新潟の出身です。ぜひ詳しく聞かせてください。")))
	click(alumnus, `#messages button[type=submit]`)
	if note := text(alumnus, `.note-box`); !strings.Contains(note, "メッセージを送りました") {
		t.Fatalf("post: %q", note)
	}
	thread, err := chromedp.Run(alumnus, chromedp.Location())
	must(err)
	threadPath := strings.SplitN(strings.TrimPrefix(thread, s.url), "?", 2)[0]

	// 4. The staff find the conversation from their pool, read the message
	// with the address the alumnus shared, and answer.
	do.open(staff, "/admin/152137/talents?lang=ja")
	click(staff, `a[href="`+threadPath+`"]`)
	if msgs := text(staff, `#messages`); !strings.Contains(msgs, "新潟の出身です。ぜひ詳しく聞かせてください。") {
		t.Fatalf("the staff do not see the message: %q", msgs)
	}
	if about := text(staff, `#h-about ~ dl`); !strings.Contains(about, "alumnus@demo.tsunagu.example") {
		t.Errorf("the shared address does not show: %q", about)
	}
	must(chromedp.Do(staff, chromedp.SendKeys(chromedp.CSS(`#t-body`), "ありがとうございます。来週お電話します。")))
	click(staff, `#messages button[type=submit]`)
	overflow, err = chromedp.Run(staff, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	must(err)
	if overflow {
		t.Error("the conversation scrolls sideways on a 390px-wide phone")
	}
	do.open(alumnus, threadPath+"?lang=ja")
	if msgs := text(alumnus, `#messages`); !strings.Contains(msgs, "来週お電話します") {
		t.Errorf("the alumnus does not see the answer: %q", msgs)
	}

	// The new pages meet WCAG 2.1 AA in both languages, when the checker
	// is installed.
	src, err := os.ReadFile(filepath.Join("..", "..", "tools", "checkers", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("TSUNAGU_REQUIRE_BROWSER") == "1" {
			t.Fatal("axe-core is not installed (npm ci --prefix tools/checkers)")
		}
		return
	}
	entries, err := st.Entries().EntriesOfTalent(context.Background(), profile.ID)
	must(err)
	if len(entries) == 0 {
		t.Fatal("the alumnus has no entry")
	}
	entryThread := "/entries/" + strconv.FormatInt(entries[0].ID, 10) + "/messages"
	for _, lang := range []string{"ja", "en"} {
		for _, page := range []string{"/admin/152137/talents?tie=born&prefecture=15&lang=" + lang, threadPath + "?lang=" + lang} {
			must(chromedp.Do(staff, chromedp.Navigate(s.url+page)))
			runAxe(t, staff, src, page)
		}
		for _, page := range []string{"/me?lang=" + lang, threadPath + "?lang=" + lang, entryThread + "?lang=" + lang} {
			must(chromedp.Do(alumnus, chromedp.Navigate(s.url+page)))
			runAxe(t, alumnus, src, page)
		}
	}
}
