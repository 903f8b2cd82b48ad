package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// tokenMail is, for every kind of mail, data whose links carry a token.
func tokenMail() map[string]any {
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	link := func(kind string) string { return "http://tsunagu.test/" + kind + "?token=SECRET-" + kind }
	return map[string]any{
		mail.TemplateVerifyEmail:   mail.VerifyEmail{Name: "山田 花子", URL: link("verify"), Expires: at},
		mail.TemplateResetPassword: mail.ResetPassword{Name: "山田 花子", URL: link("reset"), Expires: at},
		mail.TemplateInvite:        mail.Invite{Organization: "大田区 産業経済部", Role: "管理者", URL: link("invite"), Expires: at},
		mail.TemplateEntryReceived: mail.EntryReceived{Name: "山田 花子", Program: "大田区SDGs副業", Projects: []string{"HP"},
			URL: link("entry")},
		mail.TemplateStatusChanged: mail.StatusChanged{Name: "山田 花子", Program: "大田区SDGs副業", Status: "面談",
			URL: link("status")},
		mail.TemplateNotice: mail.Notice{Title: "お知らせ", Body: "本文", URL: link("notice")},
		mail.TemplateInterview: mail.Interview{Name: "山田 花子", Program: "大田区SDGs副業", Starts: at, Minutes: 30,
			VideoURL: link("video"), URL: link("interview")},
		mail.TemplatePasswordChanged: mail.PasswordChanged{Name: "山田 花子", At: at, ResetURL: link("password")},
		mail.TemplateOffer: mail.Offer{Name: "山田 花子", Program: "大田区SDGs副業", Project: "ホームページを刷新したい",
			Host: "有限会社森田製作所", URL: link("offer")},
		mail.TemplateNotSelected: mail.NotSelected{Name: "山田 花子", Program: "大田区SDGs副業", URL: link("projects")},
	}
}

func TestOutboxNeverShowsOneTimeLinks(t *testing.T) { eachEngine(t, outboxScenario) }

// outboxScenario is the review's first step: staff read the outbox. Every
// kind of mail the municipality's work causes is there, with its subject
// and recipient, and no token or token link for any kind.
func outboxScenario(t *testing.T, w *world) {
	ctx := context.Background()
	office := w.orgNamed(t, "大田区 産業経済部")
	_, admin := w.member(t, "admin@city.example.jp", "区 管理者", domain.RoleMunicipalityAdmin, office.ID)
	_, staff := w.member(t, "staff@city.example.jp", "区 職員", domain.RoleMunicipalityStaff, office.ID)
	token := w.inviteByMail(t, admin, "new-admin@city.example.jp", domain.RoleMunicipalityAdmin)
	kinds := tokenMail()
	if names := mail.TemplateNames(); len(names) != len(kinds) {
		t.Fatalf("mail kinds %v, test data for %d: add the new kind here", names, len(kinds))
	}
	for _, name := range mail.TemplateNames() {
		must(t, w.st.InTx(ctx, func(tx *store.Store) error {
			return w.app.app.On(ctx, tx).MailFor(ctx, w.ota.ID, i18n.Japanese, name+"@example.jp", name, kinds[name], nil)
		}))
	}
	for _, lang := range []string{"ja", "en"} {
		status, body, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/outbox?lang="+lang, nil)
		if status != 200 {
			t.Fatalf("outbox (%s): %d", lang, status)
		}
		if strings.Contains(strings.ToLower(body), "token=") || strings.Contains(body, "SECRET") || strings.Contains(body, token) {
			t.Errorf("the outbox (%s) shows a token:\n%s", lang, body)
		}
		for _, name := range mail.TemplateNames() {
			if !strings.Contains(body, name+"@example.jp") {
				t.Errorf("the outbox (%s) does not list the %s mail", lang, name)
			}
		}
		if !strings.Contains(body, "new-admin@city.example.jp") || !strings.Contains(body, "からの招待のお知らせ") {
			t.Errorf("the outbox (%s) does not show that the invitation was sent", lang)
		}
	}
	_, body, _ := send(t, staff, "GET", w.srv.URL+"/admin/131113/outbox?lang=ja", nil)
	if n := strings.Count(body, "受け取った本人だけが使えるリンクが含まれているため"); n != len(kinds)+1 {
		t.Errorf("%d mails shown as hidden, want %d (every kind here carries a token, and the invitation)", n, len(kinds)+1)
	}
}
