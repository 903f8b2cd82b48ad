package app

import (
	"context"
	"slices"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// EntryThread is an entry's conversation: between the entrant and the
// staff of the program's municipality and its partners, joined by the
// owners of the chosen projects' businesses from the interview (面談) on.
type EntryThread struct {
	Entry        domain.Entry
	Program      domain.Program
	Municipality domain.Municipality
	Messages     []ThreadMessage
	Entrant      bool // the reader is the entrant
}

// hostsJoin reports whether the entry has reached the stage where the
// host businesses take part.
func hostsJoin(s domain.EntryStatus) bool {
	return s == domain.EntryInterview || s == domain.EntryOffered || s == domain.EntryAgreed
}

// entryHosts lists the businesses hosting the entry's projects: its
// placement, or before one its choices.
func (s *Threads) entryHosts(ctx context.Context, e domain.Entry) ([]int64, error) {
	var hosts []int64
	for _, id := range e.Projects() {
		p, err := s.app.st.Projects().Project(ctx, id)
		if domain.ErrorCode(err) == domain.CodeNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		hosts = append(hosts, p.HostID)
	}
	return hosts, nil
}

// entryParty checks the signed-in person takes part in the entry's
// conversation; to anyone else it does not exist.
func (s *Threads) entryParty(ctx context.Context, entryID int64) (domain.Entry, domain.Talent, bool, error) {
	who, err := s.app.SignedIn(ctx)
	if err != nil {
		return domain.Entry{}, domain.Talent{}, false, err
	}
	e, err := s.app.st.Entries().Entry(ctx, entryID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return e, domain.Talent{}, false, Hidden(0, "entry", entryID)
	}
	if err != nil {
		return e, domain.Talent{}, false, err
	}
	t, err := s.app.st.Talents().Talent(ctx, e.TalentID)
	if err != nil {
		return e, t, false, err
	}
	if t.UserID != 0 && t.UserID == who.UserID {
		return e, t, true, nil
	}
	if policy.Can(who, policy.ViewContacts, policy.Resource{MunicipalityID: e.MunicipalityID}) {
		return e, t, false, nil
	}
	if hostsJoin(e.Status) {
		hosts, err := s.entryHosts(ctx, e)
		if err != nil {
			return e, t, false, err
		}
		if slices.ContainsFunc(hosts, func(h int64) bool { return policy.IsOwner(who, h) }) {
			return e, t, false, nil
		}
	}
	return e, t, false, Hidden(e.MunicipalityID, "entry", entryID)
}

// Entry opens an entry's conversation, for one of its participants.
func (s *Threads) Entry(ctx context.Context, entryID int64) (EntryThread, error) {
	e, _, entrant, err := s.entryParty(ctx, entryID)
	if err != nil {
		return EntryThread{}, err
	}
	th := EntryThread{Entry: e, Entrant: entrant}
	if th.Program, err = s.app.st.Directory().ProgramByID(ctx, e.ProgramID); err != nil {
		return th, err
	}
	if th.Municipality, err = s.app.st.Directory().MunicipalityByID(ctx, e.MunicipalityID); err != nil {
		return th, err
	}
	rows, err := s.app.st.Messaging().ThreadMessages(ctx, entryID, 0, threadLimit)
	for _, m := range rows {
		th.Messages = append(th.Messages, ThreadMessage{ThreadRow: m})
	}
	return th, err
}

// PostEntry adds the signed-in participant's message to an entry's
// conversation; every other participant hears of it by notice and mail:
// the entrant, the municipality's staff and partners, and from the
// interview on the host businesses' owners.
func (s *Threads) PostEntry(ctx context.Context, entryID int64, body string) error {
	e, t, _, err := s.entryParty(ctx, entryID)
	if err != nil {
		return err
	}
	hosts := []int64{}
	if hostsJoin(e.Status) {
		if hosts, err = s.entryHosts(ctx, e); err != nil {
			return err
		}
	}
	author := PrincipalFrom(ctx).UserID
	m := domain.ThreadMessage{EntryID: entryID, AuthorID: author, Body: body}
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Messaging().PostThreadMessage(ctx, &m); err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "thread.message", SubjectType: "entry", SubjectID: entryID,
			MunicipalityID: e.MunicipalityID}); err != nil {
			return err
		}
		members, err := tx.Accounts().Members(ctx, e.MunicipalityID)
		if err != nil {
			return err
		}
		to := []int64{t.UserID}
		for _, mb := range members {
			switch {
			case mb.Role == domain.RoleMunicipalityStaff || mb.Role == domain.RoleMunicipalityAdmin ||
				mb.Role == domain.RolePartnerStaff:
				to = append(to, mb.UserID)
			case mb.Role == domain.RoleBusinessOwner && slices.Contains(hosts, mb.OrganizationID):
				to = append(to, mb.UserID)
			}
		}
		link := "/entries/" + strconv.FormatInt(entryID, 10) + "/messages"
		for _, u := range distinctOthers(to, author) {
			if err := tx.Tell(ctx, e.MunicipalityID, u, "notice.thread_message", nil, link); err != nil {
				return err
			}
		}
		return nil
	})
}
