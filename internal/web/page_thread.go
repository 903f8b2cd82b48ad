package web

import (
	"net/http"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// threadPages are the conversations before the match: a scout's, between
// the talent and the scouting staff.
type threadPages struct{ *kit }

type threadData struct {
	Scout  app.ScoutThread
	Action string // where a message is posted
	Back   string // the participant's way back
	Posted bool
	Opened bool
	Form   *form
}

// scoutThread shows a scout's conversation to one of its participants.
func (s threadPages) scoutThread(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	th, err := s.app.Threads.Scout(r.Context(), pathID(r, "id"))
	if err != nil {
		return err
	}
	return s.renderScout(w, r, lang, http.StatusOK, th, newForm())
}

func (s threadPages) renderScout(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, th app.ScoutThread,
	f *form) error {
	d := threadData{Scout: th, Action: "/scouts/" + strconv.FormatInt(th.Scout.ID, 10) + "/messages", Back: "/me#scouts",
		Posted: r.URL.Query().Get("posted") != "", Opened: r.URL.Query().Get("opened") != "", Form: f}
	if th.Staff {
		d.Back = "/admin/" + th.Municipality.LGCode + "/talents"
	}
	return s.render(w, r, lang, status, "thread", s.cat.T(lang, "thread.title", nil), d)
}

// postScout adds a message to a scout's conversation; a blank one comes
// back with the thread and what was typed.
func (s threadPages) postScout(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "body")
	if err != nil {
		return err
	}
	id := pathID(r, "id")
	err = s.app.Threads.PostScout(r.Context(), id, f.Values["body"])
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		th, terr := s.app.Threads.Scout(r.Context(), id)
		if terr != nil {
			return terr
		}
		return s.renderScout(w, r, lang, http.StatusUnprocessableEntity, th, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/scouts/"+strconv.FormatInt(id, 10)+"/messages?posted=1#messages", http.StatusSeeOther)
	return nil
}

type entryThreadData struct {
	Thread app.EntryThread
	Back   string
	Posted bool
	Form   *form
}

// entryThread shows an entry's conversation to one of its participants.
func (s threadPages) entryThread(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	th, err := s.app.Threads.Entry(r.Context(), pathID(r, "id"))
	if err != nil {
		return err
	}
	return s.renderEntry(w, r, lang, http.StatusOK, th, newForm())
}

func (s threadPages) renderEntry(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, th app.EntryThread,
	f *form) error {
	d := entryThreadData{Thread: th, Back: "/me", Posted: r.URL.Query().Get("posted") != "", Form: f}
	if !th.Entrant {
		d.Back = "/admin"
	}
	return s.render(w, r, lang, status, "entry_thread", s.cat.T(lang, "thread.entry_title", nil), d)
}

// postEntry adds a message to an entry's conversation; a blank one comes
// back with the thread and what was typed.
func (s threadPages) postEntry(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "body")
	if err != nil {
		return err
	}
	id := pathID(r, "id")
	err = s.app.Threads.PostEntry(r.Context(), id, f.Values["body"])
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		th, terr := s.app.Threads.Entry(r.Context(), id)
		if terr != nil {
			return terr
		}
		return s.renderEntry(w, r, lang, http.StatusUnprocessableEntity, th, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/entries/"+strconv.FormatInt(id, 10)+"/messages?posted=1#messages", http.StatusSeeOther)
	return nil
}
