package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/ics"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type eventView struct {
	store.EventRow
	Municipality domain.Municipality
	Full         bool
	Left         int
}

func (s *Server) eventViews(r *http.Request, rows []store.EventRow) ([]eventView, error) {
	h, err := s.loadHub(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]eventView, len(rows))
	for i, e := range rows {
		out[i] = eventView{EventRow: e, Municipality: h.municipalities[e.MunicipalityID]}
		if e.Capacity > 0 {
			out[i].Left = max(e.Capacity-e.Going, 0)
			out[i].Full = out[i].Left == 0
		}
	}
	return out, nil
}

// eventsPage lists the upcoming community events of every municipality.
func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	rows, err := s.store.Events(r.Context(), 0, s.now())
	if err != nil {
		return err
	}
	var d struct{ Events []eventView }
	if d.Events, err = s.eventViews(r, rows); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "events", s.cat.T(lang, "event.title", nil), d)
}

type eventData struct {
	Event    eventView
	SignedIn bool
	Going    bool
	Done     string
}

func (d eventData) footerMunicipality() domain.Municipality { return d.Event.Municipality }

func (s *Server) loadEvent(r *http.Request) (eventData, error) {
	var d eventData
	id, err := parseID(r.PathValue("id"), "event")
	if err != nil {
		return d, err
	}
	e, err := s.store.EventByID(r.Context(), id)
	if err != nil {
		return d, err
	}
	views, err := s.eventViews(r, []store.EventRow{e})
	if err != nil {
		return d, err
	}
	d.Event = views[0]
	if uid := s.userID(r); uid != 0 {
		d.SignedIn = true
		if d.Going, err = s.store.Going(r.Context(), e.ID, uid); err != nil {
			return d, err
		}
	}
	return d, nil
}

// eventPage shows one event; those who said they come see its link.
func (s *Server) eventPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := s.loadEvent(r)
	if err != nil {
		return err
	}
	d.Done = r.URL.Query().Get("done")
	return s.render(w, r, lang, http.StatusOK, "event", d.Event.Title, d)
}

// rsvp says the signed-in person comes, or no longer comes.
func (s *Server) rsvp(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "event")
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "action")
	if err != nil {
		return err
	}
	e, err := s.store.EventByID(r.Context(), id)
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if f.Values["action"] == "cancel" {
			if err := tx.CancelRSVP(r.Context(), id, userID); err != nil {
				return err
			}
		} else {
			if err := tx.RSVP(r.Context(), id, userID); err != nil {
				return err
			}
			if err := tx.Notify(r.Context(), userID, "notice.rsvp", map[string]any{"Title": e.Title,
				"When": formatDateTime(lang, e.StartsAt)}, "/events/"+strconv.FormatInt(id, 10)); err != nil {
				return err
			}
		}
		return s.audit(r.Context(), tx, r, "event.rsvp."+f.Values["action"], "event", id, e.MunicipalityID)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(id, 10)+"?done="+f.Values["action"], http.StatusSeeOther)
	return nil
}

// eventICS gives the event as a calendar file; the online link is in it
// only for those who said they come.
func (s *Server) eventICS(w http.ResponseWriter, r *http.Request) {
	lang := s.language(w, r)
	err := func() error {
		d, err := s.loadEvent(r)
		if err != nil {
			return err
		}
		e := d.Event
		ev := ics.Event{UID: "event-" + strconv.FormatInt(e.ID, 10) + "@" + s.mailHost(), Summary: e.Title,
			Description: e.Description, Location: e.Place, Start: e.StartsAt, End: e.EndsAt, Stamp: s.now(),
			Organizer: ics.Person{Name: pick(lang, e.Municipality.Name, e.Municipality.NameEN), Email: "noreply@" + s.mailHost()}}
		if e.Online && d.Going {
			ev.URL = e.URL
		}
		cal, err := ics.Marshal(ics.Publish, ev)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", ics.Publish.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="event-`+strconv.FormatInt(e.ID, 10)+`.ics"`)
		w.Write(cal)
		return nil
	}()
	if err != nil {
		s.renderError(w, r, lang, err)
	}
}

type adminEventsData struct {
	Municipality domain.Municipality
	Events       []eventView
	Form         *form
}

// adminEvents lists the municipality's events with a form to hold one.
func (s *Server) adminEvents(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.renderAdminEvents(w, r, lang, http.StatusOK, newForm())
}

func (s *Server) renderAdminEvents(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, f *form) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := s.allow(r, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	rows, err := s.store.Events(r.Context(), mu.ID, s.now().AddDate(-1, 0, 0))
	if err != nil {
		return err
	}
	d := adminEventsData{Municipality: mu, Form: f}
	if d.Events, err = s.eventViews(r, rows); err != nil {
		return err
	}
	return s.render(w, r, lang, status, "admin_events", s.cat.T(lang, "event.admin_title", nil), d)
}

// createEvent holds a new event.
func (s *Server) createEvent(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	a, err := s.allow(r, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID})
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "title", "date", "time", "minutes", "place", "url", "capacity", "online")
	if err != nil {
		return err
	}
	e := domain.Event{MunicipalityID: mu.ID, Title: domain.NormalizeText(f.Values["title"]), Online: f.Values["online"] == "yes",
		Description: strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get("description"), "\r\n", "\n")),
		Place:       f.Values["place"], URL: f.Values["url"], CreatedBy: a.UserID}
	f.Values["description"] = e.Description
	start, err := time.ParseInLocation("2006-01-02 15:04", f.Values["date"]+" "+f.Values["time"], domain.Japan())
	if err == nil {
		minutes, _ := strconv.Atoi(f.Values["minutes"])
		e.StartsAt, e.EndsAt = start, start.Add(time.Duration(minutes)*time.Minute)
	}
	e.Capacity, _ = strconv.Atoi(domain.NormalizeText(f.Values["capacity"]))
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.CreateEvent(r.Context(), &e); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "event.create", "event", e.ID, mu.ID)
	})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.renderAdminEvents(w, r, lang, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
	return nil
}
