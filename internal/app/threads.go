package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Threads is the service for conversations before the match: about a
// scout a talent answered with interest (and, in threads_entry.go, about
// an entry). Only their participants may read or write them.
type Threads struct{ app *App }

// ThreadMessage is a message with its author's name, which the staff
// see of the talent only once the talent shared their contact details.
type ThreadMessage struct {
	store.ThreadRow
	FromTalent bool
}

// threadLimit bounds the messages one page shows.
const threadLimit = 200

// ScoutThread is the conversation a scout answered with interest opened,
// between the talent and the scouting municipality's staff.
type ScoutThread struct {
	Scout        domain.ScoutOffer
	Municipality domain.Municipality
	Project      domain.Project // what the offer is about; zero for none
	Messages     []ThreadMessage
	// Staff is true for the municipality's side; they see the talent's
	// email address only when the talent agreed (ContactShared).
	Staff         bool
	ContactShared bool
	Email         string
}

// scoutParty checks the signed-in person takes part in the scout's
// conversation: the talent it was sent to, or staff who may scout for
// its municipality. To anyone else it does not exist.
func (s *Threads) scoutParty(ctx context.Context, scoutID int64) (domain.ScoutOffer, bool, error) {
	who, err := s.app.SignedIn(ctx)
	if err != nil {
		return domain.ScoutOffer{}, false, err
	}
	o, err := s.app.st.Talents().Scout(ctx, scoutID)
	if domain.ErrorCode(err) == domain.CodeNotFound || (err == nil && o.Status != domain.ScoutAccepted) {
		return o, false, Hidden(0, "scout", scoutID)
	}
	if err != nil {
		return o, false, err
	}
	if policy.Can(who, policy.ScoutTalents, policy.Resource{MunicipalityID: o.MunicipalityID}) {
		return o, true, nil
	}
	t, err := s.app.st.Talents().TalentByUser(ctx, who.UserID)
	if domain.ErrorCode(err) == domain.CodeNotFound || (err == nil && t.ID != o.TalentID) {
		return o, false, Hidden(o.MunicipalityID, "scout", scoutID)
	}
	return o, false, err
}

// Scout opens the conversation of a scout, for one of its participants.
func (s *Threads) Scout(ctx context.Context, scoutID int64) (ScoutThread, error) {
	o, staff, err := s.scoutParty(ctx, scoutID)
	if err != nil {
		return ScoutThread{}, err
	}
	th := ScoutThread{Scout: o, Staff: staff, ContactShared: o.ShareContact}
	if th.Municipality, err = s.app.st.Directory().MunicipalityByID(ctx, o.MunicipalityID); err != nil {
		return th, err
	}
	if o.ProjectID != 0 {
		if th.Project, err = s.app.st.Projects().Project(ctx, o.ProjectID); err != nil {
			return th, err
		}
	}
	if staff && o.ShareContact {
		if th.Email, err = s.app.st.Talents().TalentEmail(ctx, o.TalentID); err != nil {
			return th, err
		}
	}
	rows, err := s.app.st.Messaging().ThreadMessages(ctx, 0, scoutID, threadLimit)
	if err != nil {
		return th, err
	}
	t, err := s.app.st.Talents().Talent(ctx, o.TalentID)
	if err != nil {
		return th, err
	}
	for _, m := range rows {
		tm := ThreadMessage{ThreadRow: m, FromTalent: m.AuthorID != 0 && m.AuthorID == t.UserID}
		if tm.FromTalent && staff && !o.ShareContact {
			tm.Author = ""
		}
		th.Messages = append(th.Messages, tm)
	}
	return th, nil
}

// PostScout adds the signed-in participant's message to a scout's
// conversation; the other side hears of it by notice and mail: the
// talent, or the staff member who sent the offer and any other staff who
// wrote in it.
func (s *Threads) PostScout(ctx context.Context, scoutID int64, body string) error {
	o, staff, err := s.scoutParty(ctx, scoutID)
	if err != nil {
		return err
	}
	author := PrincipalFrom(ctx).UserID
	m := domain.ThreadMessage{ScoutID: scoutID, AuthorID: author, Body: body}
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Messaging().PostThreadMessage(ctx, &m); err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "thread.message", SubjectType: "scout", SubjectID: scoutID,
			MunicipalityID: o.MunicipalityID}); err != nil {
			return err
		}
		var to []int64
		if staff {
			t, err := tx.Talents().Talent(ctx, o.TalentID)
			if err != nil {
				return err
			}
			to = append(to, t.UserID)
		} else {
			to = append(to, o.SenderID)
			earlier, err := tx.Messaging().ThreadMessages(ctx, 0, scoutID, threadLimit)
			if err != nil {
				return err
			}
			for _, e := range earlier {
				to = append(to, e.AuthorID)
			}
		}
		link := "/scouts/" + strconv.FormatInt(scoutID, 10) + "/messages"
		for _, u := range distinctOthers(to, author) {
			if err := tx.Tell(ctx, o.MunicipalityID, u, "notice.thread_message", nil, link); err != nil {
				return err
			}
		}
		return nil
	})
}

// distinctOthers drops zeros, repeats and the author from the recipients.
func distinctOthers(ids []int64, author int64) []int64 {
	seen := map[int64]bool{0: true, author: true}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
