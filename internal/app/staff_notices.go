package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// staffFor lists, each once, the municipality's members who may take the
// action on all of its things: the staff whom an event of that kind
// concerns (policy decides who they are).
func (tx *Tx) staffFor(ctx context.Context, municipalityID int64, act policy.Action) ([]int64, error) {
	members, err := tx.Accounts().Members(ctx, municipalityID)
	if err != nil {
		return nil, err
	}
	actors := map[int64]*policy.Actor{}
	var order []int64
	for _, m := range members {
		a, ok := actors[m.UserID]
		if !ok {
			a = &policy.Actor{UserID: m.UserID}
			actors[m.UserID] = a
			order = append(order, m.UserID)
		}
		a.Memberships = append(a.Memberships, m.Membership)
	}
	var out []int64
	for _, id := range order {
		if policy.Can(*actors[id], act, policy.Resource{MunicipalityID: municipalityID}) {
			out = append(out, id)
		}
	}
	return out, nil
}

// tellStaff gives the staff an event concerns an in-app notice, in the
// change that records the event. The person who caused it is not told
// about their own act.
func (tx *Tx) tellStaff(ctx context.Context, municipalityID int64, act policy.Action, key string,
	args map[string]any, link string) error {
	staff, err := tx.staffFor(ctx, municipalityID, act)
	if err != nil {
		return err
	}
	for _, id := range staff {
		if id == tx.by.UserID {
			continue
		}
		if err := tx.Messaging().Notify(ctx, id, key, args, link); err != nil {
			return err
		}
	}
	return nil
}

// DigestHour is the hour of the day, in Japan, from which the digest of
// the day before's new entries goes out.
const DigestHour = 8

// DigestNewEntries sends each municipality's screening staff the digest
// of the entries that came in on the day before (Japan's calendar day),
// once it is DigestHour: an in-app notice and a mail each. Each
// municipality's digest of a day is claimed in the transaction that
// writes its notices and mails, so a crash or a second run never loses
// or repeats it; a day without entries sends nothing. It returns how many
// municipalities were told.
func (s *Screening) DigestNewEntries(ctx context.Context) (int, error) {
	now := s.app.now().In(domain.Japan())
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, domain.Japan())
	if now.Hour() < DigestHour {
		return 0, nil
	}
	since := today.AddDate(0, 0, -1)
	day := since.Format("2006-01-02")
	counts, err := s.app.st.Entries().NewEntries(ctx, since, today)
	if err != nil {
		return 0, err
	}
	byMu := map[int64][]store.NewEntryCount{}
	var order []int64
	for _, c := range counts {
		if _, ok := byMu[c.MunicipalityID]; !ok {
			order = append(order, c.MunicipalityID)
		}
		byMu[c.MunicipalityID] = append(byMu[c.MunicipalityID], c)
	}
	sent := 0
	for _, muID := range order {
		told, err := s.digest(ctx, muID, day, byMu[muID])
		if err != nil {
			return sent, err
		}
		if told {
			sent++
		}
	}
	return sent, nil
}

// digest tells one municipality's staff of a day's new entries.
func (s *Screening) digest(ctx context.Context, muID int64, day string, counts []store.NewEntryCount) (bool, error) {
	mu, err := s.app.st.Directory().MunicipalityByID(ctx, muID)
	if err != nil {
		return false, err
	}
	total := 0
	var titles []string
	link := "/admin/" + mu.LGCode
	for _, c := range counts {
		p, err := s.app.st.Directory().ProgramByID(ctx, c.ProgramID)
		if err != nil {
			return false, err
		}
		total += c.Count
		titles = append(titles, p.Title+" "+strconv.Itoa(c.Count))
		link = "/admin/" + mu.LGCode + "/programs/" + p.Slug + "/entries"
	}
	if len(counts) > 1 {
		link = "/admin"
	}
	told := false
	err = s.app.Change(ctx, func(tx *Tx) error {
		first, err := tx.Entries().ClaimDigest(ctx, muID, day, total)
		if err != nil || !first {
			return err
		}
		staff, err := tx.staffFor(ctx, muID, policy.ViewContacts) // who screens: staff and partners, not leaders
		if err != nil {
			return err
		}
		args := map[string]any{"Count": total, "Date": day, "Programs": strings.Join(titles, ", ")}
		for _, id := range staff {
			if err := tx.Tell(ctx, muID, id, "notice.staff_digest", args, link); err != nil {
				return err
			}
		}
		told = true
		return nil
	})
	return told, err
}
