package web

import (
	"net/http"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/ics"
)

type noticeLine struct {
	app.Notification
	Text string
}

type notificationsData struct {
	Notices []noticeLine
}

// notificationsPage lists the person's in-app notices, newest first, in
// their language now (arguments that name catalog keys are translated).
func (p talentPages) notificationsPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ns, err := p.app.Talents.Notices(r.Context())
	if err != nil {
		return err
	}
	var d notificationsData
	for _, n := range ns {
		d.Notices = append(d.Notices, noticeLine{Notification: n, Text: p.noticeText(lang, n)})
	}
	return p.render(w, r, lang, http.StatusOK, "notifications", p.cat.T(lang, "notices.title", nil), d)
}

// noticeText renders a notice; an argument holding a catalog key (such
// as a stage name) is shown translated.
func (p talentPages) noticeText(lang i18n.Lang, n app.Notification) string {
	args := make(map[string]any, len(n.Args))
	for k, v := range n.Args {
		if str, ok := v.(string); ok && p.cat.Has(str) {
			v = p.cat.T(lang, str, nil)
		}
		args[k] = v
	}
	return p.cat.T(lang, n.Key, args)
}

// readNotifications marks every notice read.
func (p talentPages) readNotifications(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if err := p.app.Talents.ReadNotices(r.Context()); err != nil {
		return err
	}
	seeOtherWith(w, r, "/me/notifications", "notices_read")
	return nil
}

// answerOffer records the entrant's answer to a 内定: accept (合意) or
// decline (辞退).
func (p talentPages) answerOffer(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := p.requireUser(r); err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "entry")
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "answer")
	if err != nil {
		return err
	}
	if f.Values["answer"] != "accept" && f.Values["answer"] != "decline" {
		return invalidParam("answer", "error.choice", "Value", f.Values["answer"])
	}
	if err := p.app.Talents.AnswerOffer(r.Context(), id, f.Values["answer"] == "accept"); err != nil {
		return err
	}
	seeOtherWith(w, r, "/me", "offer_"+f.Values["answer"]+"ed")
	return nil
}

// interviewICS downloads an interview as a calendar file, for the entrant,
// staff of its municipality, and a leader assigned to review the entry
// (app.Talents.InterviewCalendar).
func (p talentPages) interviewICS(w http.ResponseWriter, r *http.Request) {
	lang := p.language(w, r)
	err := func() error {
		if _, err := p.requireUser(r); err != nil {
			return err
		}
		id, err := parseID(r.PathValue("id"), "interview")
		if err != nil {
			return err
		}
		cal, err := p.app.Talents.InterviewCalendar(r.Context(), lang, id)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", ics.Publish.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="interview-`+strconv.FormatInt(id, 10)+`.ics"`)
		w.Write(cal)
		return nil
	}()
	if err != nil {
		p.renderError(w, r, lang, err)
	}
}

type outboxData struct {
	Municipality domain.Municipality
	Mail         []app.OutboxMail
}

// adminOutbox shows staff the mail their municipality's work caused, with
// whether it was sent (app.Members.Outbox).
func (p memberPages) adminOutbox(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := p.pathMunicipality(r)
	if err != nil {
		return err
	}
	d := outboxData{Municipality: mu}
	if d.Mail, err = p.app.Members.Outbox(r.Context(), mu); err != nil {
		return err
	}
	return p.render(w, r, lang, http.StatusOK, "outbox", p.cat.T(lang, "outbox.title", nil), d)
}
