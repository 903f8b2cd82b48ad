package web

import (
	"net/http"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/ics"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type noticeLine struct {
	store.Notification
	Text string
}

type notificationsData struct {
	Notices []noticeLine
}

// notificationsPage lists the person's in-app notices, newest first, in
// their language now (arguments that name catalog keys are translated).
func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	ns, err := s.store.Notifications(r.Context(), userID, 100)
	if err != nil {
		return err
	}
	var d notificationsData
	for _, n := range ns {
		d.Notices = append(d.Notices, noticeLine{Notification: n, Text: s.noticeText(lang, n)})
	}
	return s.render(w, r, lang, http.StatusOK, "notifications", s.cat.T(lang, "notices.title", nil), d)
}

// noticeText renders a notice; an argument holding a catalog key (such
// as a stage name) is shown translated.
func (s *Server) noticeText(lang i18n.Lang, n store.Notification) string {
	args := make(map[string]any, len(n.Args))
	for k, v := range n.Args {
		if str, ok := v.(string); ok && s.cat.Has(str) {
			v = s.cat.T(lang, str, nil)
		}
		args[k] = v
	}
	return s.cat.T(lang, n.Key, args)
}

// readNotifications marks every notice read.
func (s *Server) readNotifications(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.MarkNotificationsRead(r.Context(), userID); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "notices.read", "user", userID, 0)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/me/notifications", http.StatusSeeOther)
	return nil
}

// answerOffer records the entrant's answer to a 内定: accept (合意) or
// decline (辞退).
func (s *Server) answerOffer(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
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
	t, err := s.store.TalentByUser(r.Context(), userID)
	if err != nil {
		return err
	}
	if err := s.app.Entries.AnswerOffer(r.Context(), id, t.ID, f.Values["answer"] == "accept"); err != nil {
		return err
	}
	http.Redirect(w, r, "/me?answered="+f.Values["answer"], http.StatusSeeOther)
	return nil
}

// interviewICS downloads an interview as a calendar file, for the entrant,
// staff of its municipality, and a leader assigned to review the entry.
func (s *Server) interviewICS(w http.ResponseWriter, r *http.Request) {
	lang := s.language(w, r)
	err := func() error {
		userID, err := s.requireUser(r)
		if err != nil {
			return err
		}
		id, err := parseID(r.PathValue("id"), "interview")
		if err != nil {
			return err
		}
		iv, err := s.store.InterviewByID(r.Context(), id)
		if err != nil {
			return err
		}
		e, err := s.store.Entry(r.Context(), iv.EntryID)
		if err != nil {
			return err
		}
		t, err := s.store.Talent(r.Context(), e.TalentID)
		if err != nil {
			return err
		}
		if t.UserID != userID {
			a, err := s.actor(r)
			if err != nil {
				return err
			}
			res, err := s.entryResource(r, a, e)
			if err != nil {
				return err
			}
			if !policy.Can(a, policy.ViewEntries, res) {
				return hiddenFrom(e.MunicipalityID, "interview", iv.ID)
			}
		}
		h, err := s.loadHub(r.Context())
		if err != nil {
			return err
		}
		p := h.programs[e.ProgramID]
		cal, err := s.app.InterviewCalendar(lang, h.municipalities[e.MunicipalityID], pick(lang, p.Title, p.TitleEN), nil, iv)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", ics.Publish.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="interview-`+strconv.FormatInt(iv.ID, 10)+`.ics"`)
		w.Write(cal)
		return nil
	}()
	if err != nil {
		s.renderError(w, r, lang, err)
	}
}

type outboxData struct {
	Municipality domain.Municipality
	Mail         []store.Mail
}

// adminOutbox shows staff the mail their municipality's work caused, with
// whether it was sent. Account mail (one-time links) is never shown here.
func (s *Server) adminOutbox(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := s.allow(r, policy.ReadOutbox, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	d := outboxData{Municipality: mu}
	if d.Mail, err = s.store.MunicipalityOutbox(r.Context(), mu.ID, 100); err != nil {
		return err
	}
	if err := s.audit(r.Context(), nil, r, "outbox.view", "municipality", mu.ID, mu.ID); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "outbox", s.cat.T(lang, "outbox.title", nil), d)
}
