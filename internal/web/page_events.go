package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/ics"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// communityPages are the events and the idea board, and their staff pages
// (app.Community).
type communityPages struct{ *kit }

type eventView struct {
	app.EventCard
	Full bool
	Left int
}

// eventViews adds the seats left to each event.
func eventViews(cards []app.EventCard) []eventView {
	out := make([]eventView, len(cards))
	for i, e := range cards {
		out[i] = eventView{EventCard: e}
		if e.Capacity > 0 {
			out[i].Left = max(e.Capacity-e.Going, 0)
			out[i].Full = out[i].Left == 0
		}
	}
	return out
}

// eventsPage lists the upcoming community events of every municipality.
func (c communityPages) eventsPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	events, err := c.app.Community.Events(r.Context())
	if err != nil {
		return err
	}
	d := struct{ Events []eventView }{eventViews(events)}
	return c.render(w, r, lang, http.StatusOK, "events", c.cat.T(lang, "event.title", nil), d)
}

type eventData struct {
	Event    eventView
	SignedIn bool
	Going    bool
	Done     string
}

func (d eventData) footerMunicipality() domain.Municipality { return d.Event.Municipality }

func (c communityPages) loadEvent(r *http.Request) (eventData, error) {
	var d eventData
	id, err := parseID(r.PathValue("id"), "event")
	if err != nil {
		return d, err
	}
	ep, err := c.app.Community.Event(r.Context(), id)
	if err != nil {
		return d, err
	}
	d.Event, d.SignedIn, d.Going = eventViews([]app.EventCard{ep.Event})[0], ep.SignedIn, ep.Going
	return d, nil
}

// eventPage shows one event; those who said they come see its link.
func (c communityPages) eventPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := c.loadEvent(r)
	if err != nil {
		return err
	}
	d.Done = r.URL.Query().Get("done")
	return c.render(w, r, lang, http.StatusOK, "event", d.Event.Title, d)
}

// rsvp says the signed-in person comes, or no longer comes.
func (c communityPages) rsvp(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := c.requireUser(r); err != nil {
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
	if err := c.app.Community.RSVP(r.Context(), lang, id, f.Values["action"]); err != nil {
		return err
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(id, 10)+"?done="+f.Values["action"], http.StatusSeeOther)
	return nil
}

// eventICS gives the event as a calendar file; the online link is in it
// only for those who said they come.
func (c communityPages) eventICS(w http.ResponseWriter, r *http.Request) {
	lang := c.language(w, r)
	err := func() error {
		d, err := c.loadEvent(r)
		if err != nil {
			return err
		}
		e := d.Event
		ev := ics.Event{UID: "event-" + strconv.FormatInt(e.ID, 10) + "@" + c.mailHost(), Summary: e.Title,
			Description: e.Description, Location: e.Place, Start: e.StartsAt, End: e.EndsAt, Stamp: c.now(),
			Organizer: ics.Person{Name: pick(lang, e.Municipality.Name, e.Municipality.NameEN), Email: "noreply@" + c.mailHost()}}
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
		c.renderError(w, r, lang, err)
	}
}

type adminEventsData struct {
	Municipality domain.Municipality
	Events       []eventView
	Form         *form
}

// adminEvents lists the municipality's events with a form to hold one.
func (c communityPages) adminEvents(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return c.renderAdminEvents(w, r, lang, http.StatusOK, newForm())
}

func (c communityPages) renderAdminEvents(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, f *form) error {
	mu, err := c.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := c.allow(r, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	events, err := c.app.Community.MunicipalityEvents(r.Context(), mu)
	if err != nil {
		return err
	}
	d := adminEventsData{Municipality: mu, Form: f, Events: eventViews(events)}
	return c.render(w, r, lang, status, "admin_events", c.cat.T(lang, "event.admin_title", nil), d)
}

// createEvent holds a new event; a form with errors is shown again (422).
func (c communityPages) createEvent(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := c.pathMunicipality(r)
	if err != nil {
		return err
	}
	a, err := c.allow(r, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID})
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "title", "date", "time", "minutes", "place", "url", "capacity", "online")
	if err != nil {
		return err
	}
	e := domain.Event{Title: domain.NormalizeText(f.Values["title"]), Online: f.Values["online"] == "yes",
		Description: strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get("description"), "\r\n", "\n")),
		Place:       f.Values["place"], URL: f.Values["url"]}
	f.Values["description"] = e.Description
	start, err := domain.ParseDateTime(f.Values["date"], f.Values["time"])
	if err == nil {
		minutes, _ := domain.ParseNumber(f.Values["minutes"])
		e.StartsAt, e.EndsAt = start, start.Add(time.Duration(minutes)*time.Minute)
	}
	e.Capacity, _ = domain.ParseNumber(f.Values["capacity"])
	err = c.app.Community.CreateEvent(r.Context(), a, mu, &e)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		c.fieldErrors(lang, f, err)
		return c.renderAdminEvents(w, r, lang, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	seeOtherWith(w, r, "/events/"+strconv.FormatInt(e.ID, 10), "event_created")
	return nil
}
