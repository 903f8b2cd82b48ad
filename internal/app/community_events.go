package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// EventRow is an event with how many said they come.
type EventRow = store.EventRow

// EventCard is an event with the municipality that holds it.
type EventCard struct {
	EventRow
	Municipality domain.Municipality
}

func eventCards(ctx context.Context, n *hubNames, rows []EventRow) ([]EventCard, error) {
	ids := make([]int64, len(rows))
	for i, e := range rows {
		ids[i] = e.MunicipalityID
	}
	if err := n.preload(ctx, ids, nil); err != nil {
		return nil, err
	}
	out := make([]EventCard, len(rows))
	for i, e := range rows {
		m, err := n.municipality(ctx, e.MunicipalityID)
		if err != nil {
			return nil, err
		}
		out[i] = EventCard{EventRow: e, Municipality: m}
	}
	return out, nil
}

// Events lists the coming events of every municipality, soonest first.
func (c *Community) Events(ctx context.Context) ([]EventCard, error) {
	rows, err := c.app.st.Community().Events(ctx, 0, c.app.now())
	if err != nil {
		return nil, err
	}
	return eventCards(ctx, newHubNames(c.app.st), rows)
}

// MunicipalityEvents lists a municipality's events of the past year and to
// come, for its staff; the caller has checked that they may manage them.
func (c *Community) MunicipalityEvents(ctx context.Context, mu domain.Municipality) ([]EventCard, error) {
	rows, err := c.app.st.Community().Events(ctx, mu.ID, c.app.now().AddDate(-1, 0, 0))
	if err != nil {
		return nil, err
	}
	n := newHubNames(c.app.st)
	n.knowMunicipalities(mu)
	return eventCards(ctx, n, rows)
}

// EventPage is one event as the person asking sees it.
type EventPage struct {
	Event    EventCard
	SignedIn bool
	Going    bool // the person said they come, and may see the online link
}

// Event reads one event, and whether the signed-in person comes.
func (c *Community) Event(ctx context.Context, id int64) (EventPage, error) {
	var ep EventPage
	e, err := c.app.st.Community().EventByID(ctx, id)
	if err != nil {
		return ep, err
	}
	cards, err := eventCards(ctx, newHubNames(c.app.st), []EventRow{e})
	if err != nil {
		return ep, err
	}
	ep.Event = cards[0]
	if uid := PrincipalFrom(ctx).UserID; uid != 0 {
		ep.SignedIn = true
		if ep.Going, err = c.app.st.Community().Going(ctx, e.ID, uid); err != nil {
			return ep, err
		}
	}
	return ep, nil
}

// RSVPCancel is the reply that takes a coming back.
const RSVPCancel = "cancel"

// RSVP records the signed-in person's reply to an event: RSVPCancel takes
// it back, anything else says they come (a full event refuses) and sends
// them a notice with the time in lang. The reply is audited as
// event.rsvp.<reply>.
func (c *Community) RSVP(ctx context.Context, lang i18n.Lang, eventID int64, reply string) error {
	userID := PrincipalFrom(ctx).UserID
	if userID == 0 {
		return ErrSignIn
	}
	e, err := c.app.st.Community().EventByID(ctx, eventID)
	if err != nil {
		return err
	}
	return c.app.Change(ctx, func(tx *Tx) error {
		if reply == RSVPCancel {
			if err := tx.Community().CancelRSVP(ctx, eventID, userID); err != nil {
				return err
			}
		} else {
			if err := tx.Community().RSVP(ctx, eventID, userID); err != nil {
				return err
			}
			if err := tx.Messaging().Notify(ctx, userID, "notice.rsvp", map[string]any{"Title": e.Title,
				"When": i18n.FormatDateTime(lang, e.StartsAt)}, eventLink(eventID)); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "event.rsvp." + reply, SubjectType: "event", SubjectID: eventID,
			MunicipalityID: e.MunicipalityID})
	})
}

// CreateEvent holds a new event of the municipality, created by the
// actor, whom the caller has allowed to manage its community.
func (c *Community) CreateEvent(ctx context.Context, a policy.Actor, mu domain.Municipality, e *domain.Event) error {
	if !policy.Can(a, policy.ManageCommunity, policy.Resource{MunicipalityID: mu.ID}) {
		return Refused("error.forbidden", mu.ID, "municipality", mu.ID)
	}
	e.MunicipalityID, e.CreatedBy = mu.ID, a.UserID
	return c.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Community().CreateEvent(ctx, e); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "event.create", SubjectType: "event", SubjectID: e.ID,
			MunicipalityID: mu.ID})
	})
}

func eventLink(id int64) string { return "/events/" + strconv.FormatInt(id, 10) }
