package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// flashBox is how the layout shows an action's message.
func flashBox(text string) string {
	return `<div class="note-box flash" role="status"><p>` + text + `</p></div>`
}

// TestActionsAnswerWithAMessage: an action that redirects says what it
// did on the page it lands on, in the reader's language; a flag that
// names no message shows none.
func TestActionsAnswerWithAMessage(t *testing.T) { eachEngine(t, flashScenario) }

func flashScenario(t *testing.T, w *world) {
	ctx := context.Background()
	c := w.signedIn(t, "flash@example.jp", "蒲田 花")
	u, err := w.st.Accounts().Credentials(ctx, "flash@example.jp")
	must(t, err)
	tal := domain.Talent{UserID: u.User.ID, Name: "蒲田 花", NameKana: "カマタ ハナ", ResidenceCountry: "JP"}
	must(t, w.st.Talents().SaveTalent(ctx, &tal))
	pNow, err := w.st.Directory().ProgramBySlug(ctx, "ota-sdgs-2026")
	must(t, err)
	e := domain.Entry{MunicipalityID: w.ota.ID, ProgramID: pNow.ID, TalentID: tal.ID, Choices: []int64{w.shop.ID},
		Motivation: "x", Status: domain.EntryOffered, SubmittedAt: testNow}
	must(t, w.st.Entries().CreateEntry(ctx, &e))
	base, entry := w.srv.URL, "/me/entries/"+itoa(e.ID)

	for _, x := range []struct {
		name, path string
		form       url.Values
		location   string
		ja, en     string
	}{
		{"accepting an offer", entry + "/offer", url.Values{"answer": {"accept"}}, "/me?flash=offer_accepted",
			"内定を受けると回答しました。条件の提示をお待ちください。", "You accepted the offer. The terms will follow."},
		{"bookmarking", "/projects/" + itoa(w.shop.ID) + "/bookmark", url.Values{"on": {"1"}},
			"/projects/" + itoa(w.shop.ID) + "?flash=bookmark_added",
			"「気になる」に追加しました。マイページから見返せます。", "Added to your saved projects. You will find it on My page."},
		{"reading the notices", "/me/notifications/read", url.Values{}, "/me/notifications?flash=notices_read",
			"お知らせをすべて既読にしました。", "All notices are marked as read."},
		{"supporting an idea", "/ideas/" + w.ideaID(t) + "/support", url.Values{}, "/ideas?flash=idea_supported#idea-" + w.ideaID(t),
			"アイデアへの応援を記録しました。", "Your support for the idea was recorded."},
	} {
		status, _, h := send(t, c, "POST", base+x.path, x.form)
		if status != http.StatusSeeOther || h.Get("Location") != x.location {
			t.Fatalf("%s: %d %q, want 303 %q", x.name, status, h.Get("Location"), x.location)
		}
		landing := strings.SplitN(x.location, "#", 2)[0]
		// (the language chosen stays for the next pages)
		if status, body, _ := send(t, c, "GET", base+landing+"&lang=ja", nil); status != http.StatusOK || !strings.Contains(body, flashBox(x.ja)) {
			t.Errorf("%s: %d, the page does not say %q", x.name, status, x.ja)
		}
		if status, body, _ := send(t, c, "GET", base+landing+"&lang=en", nil); status != http.StatusOK || !strings.Contains(body, flashBox(x.en)) {
			t.Errorf("%s in English: %d, the page does not say %q", x.name, status, x.en)
		}
	}
	// Withdrawing (the offer was accepted, so a second entry is withdrawn).
	e2 := domain.Entry{MunicipalityID: w.tsubame.ID, ProgramID: w.program(t, "tsubame-2026"), TalentID: tal.ID,
		Choices: []int64{w.ts1.ID}, Motivation: "x", Status: domain.EntrySubmitted, SubmittedAt: testNow}
	must(t, w.st.Entries().CreateEntry(ctx, &e2))
	status, _, h := send(t, c, "POST", base+"/me/entries/"+itoa(e2.ID)+"/withdraw", url.Values{})
	if status != http.StatusSeeOther || h.Get("Location") != "/me?flash=withdrawn" {
		t.Fatalf("withdrawing: %d %q", status, h.Get("Location"))
	}
	if _, body, _ := send(t, c, "GET", base+"/me?flash=withdrawn&lang=ja", nil); !strings.Contains(body, flashBox("応募を取り下げました。")) {
		t.Error("withdrawing: /me does not say so")
	}
	// A flag naming no message, or naming another catalog entry, shows nothing.
	for _, bad := range []string{"nonsense", "me.title", "../error.forbidden"} {
		if status, body, _ := send(t, c, "GET", base+"/me?flash="+url.QueryEscape(bad), nil); status != http.StatusOK ||
			strings.Contains(body, "note-box flash") {
			t.Errorf("flash=%s: %d, a message shows", bad, status)
		}
	}
	// Logging out lands on the home page, which says so.
	status, _, h = send(t, c, "POST", base+"/logout", url.Values{})
	if status != http.StatusSeeOther || h.Get("Location") != "/?flash=signed_out" {
		t.Fatalf("logging out: %d %q", status, h.Get("Location"))
	}
	if _, body, _ := send(t, c, "GET", base+"/?flash=signed_out&lang=ja", nil); !strings.Contains(body, flashBox("ログアウトしました。")) {
		t.Error("logging out: the home page does not say so")
	}
}

// ideaID is the id of an idea of Ota, made the first time it is asked for.
func (w *world) ideaID(t *testing.T) string {
	t.Helper()
	ideas, err := w.st.Community().Ideas(context.Background(), w.ota.ID)
	must(t, err)
	if len(ideas) > 0 {
		return itoa(ideas[0].ID)
	}
	idea := domain.Idea{MunicipalityID: w.ota.ID, Title: "工場見学", Body: "ツアーを"}
	must(t, w.st.Community().CreateIdea(context.Background(), &idea))
	return itoa(idea.ID)
}

// program is the id of a program by its slug.
func (w *world) program(t *testing.T, slug string) int64 {
	t.Helper()
	p, err := w.st.Directory().ProgramBySlug(context.Background(), slug)
	must(t, err)
	return p.ID
}
