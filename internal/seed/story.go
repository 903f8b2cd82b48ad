package seed

import (
	"fmt"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// story dates the demo: it knows when each record was made in the story the
// dataset and its aftermath tell, and is the clock the store reads while
// the demo loads (store.WithClock), so every row the store stamps itself
// carries the day it happened, not the day the demo was loaded. Nothing is
// dated after now, the moment the demo is loaded for.
//
// The story, in Japan's time: a municipality joins the hub 22 days before
// it creates its first program, its office and partners at once and its
// businesses over the two weeks after a week; a program is created 30 days
// before its entries open and its projects are posted in between; a talent
// signs up a few days before their first entry. After Ota's 2021 program
// closes, staff assign reviewers the next morning; terms are drafted from
// the 13th day and the three sides accept them within days, before the work
// starts; each team then works through its agreed period (reports near the
// end of each month, the workspace closed on its last day at 18:00) and
// reviews both ways three days later.
type story struct {
	now time.Time // the moment the demo is loaded for
	at  time.Time // what the clock says: when the record being written was made
	// late is the first record dated after now.
	late error

	made [kinds]map[int64]time.Time // when each dataset record was made, by kind and dataset ID

	// Ota's 2021 program after its offers.
	closed2021 time.Time        // the day after its entry window closed, midnight in Japan
	agreed     []time.Time      // when each planned agreement was drafted, parallel to plan.Agreements
	periods    map[int64]period // each team's agreed period, by dataset project ID
	workStart  time.Time        // the earliest agreed period's start
	memberRank map[[2]int64]int // a member's position in their team, by dataset project and talent ID
}

// kind is a kind of dataset record that loadMapped writes.
type kind int

const (
	municipalityKind kind = iota
	organizationKind
	programKind
	projectKind
	talentKind
	entryKind
	kinds
)

// period is a team's agreed work period: first and last day, midnight in
// Japan.
type period struct{ from, to time.Time }

// jstDay returns the day t falls on in Japan at the given hour and minute.
func jstDay(t time.Time, hour, minute int) time.Time {
	d := domain.DateInJapan(t)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, domain.Japan())
}

// spread returns the i-th of n moments evenly spread over span from
// from, to the minute.
func spread(from time.Time, span time.Duration, i, n int) time.Time {
	if n <= 0 {
		return from
	}
	return from.Add(span * time.Duration(i) / time.Duration(n)).Truncate(time.Minute)
}

// newStory dates the dataset and its aftermath for a demo loaded at now.
func newStory(ds *demo.Dataset, plan *demo.Aftermath, now time.Time) *story {
	s := &story{now: now.Round(0).UTC(), periods: map[int64]period{}, memberRank: map[[2]int64]int{}}
	for k := range s.made {
		s.made[k] = map[int64]time.Time{}
	}
	// Programs are created 30 days before their entries open; a
	// municipality joins 22 days before its first program.
	first := map[int64]time.Time{}
	for _, p := range ds.Programs {
		c := jstDay(p.EntryOpensAt.AddDate(0, 0, -30), 10, 0)
		s.made[programKind][p.ID] = c
		if f, ok := first[p.MunicipalityID]; !ok || c.Before(f) {
			first[p.MunicipalityID] = c
		}
		if p.Slug == demo.Ota2021Slug {
			s.closed2021 = domain.DateInJapan(p.EntryClosesAt).AddDate(0, 0, 1)
		}
	}
	for _, m := range ds.Municipalities {
		f, ok := first[m.ID]
		if !ok { // a municipality without programs joined with the first one
			f = first[ds.Municipalities[0].ID]
		}
		s.made[municipalityKind][m.ID] = jstDay(f.AddDate(0, 0, -22), 9, 0)
	}
	// Offices, partners and associations join with their municipality;
	// businesses over two weeks from a week later.
	offices, businesses := map[int64][]int64{}, map[int64][]int64{}
	for _, o := range ds.Organizations {
		if o.Kind == domain.OrgBusiness {
			businesses[o.MunicipalityID] = append(businesses[o.MunicipalityID], o.ID)
		} else {
			offices[o.MunicipalityID] = append(offices[o.MunicipalityID], o.ID)
		}
	}
	for muni, ids := range offices {
		for i, id := range ids {
			s.made[organizationKind][id] = s.made[municipalityKind][muni].Add(time.Duration(i+1) * 10 * time.Minute)
		}
	}
	for muni, ids := range businesses {
		from := s.made[municipalityKind][muni].AddDate(0, 0, 7)
		for i, id := range ids {
			s.made[organizationKind][id] = spread(from, 14*24*time.Hour, i, len(ids))
		}
	}
	// Projects are posted between their program's creation and the day
	// before its entries open.
	byProgram := map[int64][]int64{}
	for _, p := range ds.Projects {
		byProgram[p.ProgramID] = append(byProgram[p.ProgramID], p.ID)
	}
	for _, p := range ds.Programs {
		created := s.made[programKind][p.ID]
		from := created.AddDate(0, 0, 1)
		span := p.EntryOpensAt.Sub(from) - 24*time.Hour
		for i, id := range byProgram[p.ID] {
			s.made[projectKind][id] = spread(from, span, i, len(byProgram[p.ID]))
		}
	}
	// A talent signs up a few days before their first entry.
	firstEntry := map[int64]time.Time{}
	for _, e := range ds.Entries {
		s.made[entryKind][e.ID] = e.SubmittedAt
		if f, ok := firstEntry[e.TalentID]; !ok || e.SubmittedAt.Before(f) {
			firstEntry[e.TalentID] = e.SubmittedAt
		}
	}
	for _, t := range ds.Talents {
		f, ok := firstEntry[t.ID]
		if !ok { // no entry: signed up when the first program opened
			f = ds.Programs[0].EntryOpensAt
		}
		s.made[talentKind][t.ID] = f.Add(-time.Duration(t.ID%10)*24*time.Hour - 2*time.Hour).Truncate(time.Second)
	}
	if plan == nil {
		return s
	}
	// Terms are drafted over four days from the 13th day after the 2021
	// window closed.
	draft := s.closed2021.AddDate(0, 0, 12).Add(10 * time.Hour)
	for i, a := range plan.Agreements {
		s.agreed = append(s.agreed, spread(draft, 4*24*time.Hour, i, len(plan.Agreements)))
		p := period{domain.DateInJapan(a.StartsOn), domain.DateInJapan(a.EndsOn)}
		s.periods[a.ProjectID] = p
		if s.workStart.IsZero() || p.from.Before(s.workStart) {
			s.workStart = p.from
		}
	}
	for _, t := range plan.Teams {
		for i, m := range t.Members {
			s.memberRank[[2]int64{t.ProjectID, m}] = i
		}
	}
	return s
}

// Now is the clock the store reads.
func (s *story) Now() time.Time { return s.at }

// set moves the clock to t; a record dated after now is an error that
// fails the load.
func (s *story) set(t time.Time) {
	if t.After(s.now) && s.late == nil {
		s.late = fmt.Errorf("the demo's story dates a record %s, after its now %s: load it for a later now",
			t.In(domain.Japan()).Format(time.RFC3339), s.now.In(domain.Japan()).Format(time.RFC3339))
	}
	s.at = t
}

// madeAt moves the clock to when a dataset record was made; a load without
// a story keeps the store's own clock.
func (s *story) madeAt(k kind, id int64) {
	if s != nil {
		s.set(s.made[k][id])
	}
}

// acceptance is when the k-th party accepted the i-th planned agreement:
// a day apart, less four hours.
func (s *story) acceptance(i, k int) time.Time {
	return s.agreed[i].Add(time.Duration(k+1) * 20 * time.Hour)
}

// report is when a member submits the report of a month (YYYY-MM): from
// the 22nd of the month, members a day and seven minutes apart, at 20:00.
func (s *story) report(project, talent int64, month string) time.Time {
	m, err := time.ParseInLocation("2006-01", month, domain.Japan())
	if err != nil {
		return s.now.Add(time.Hour) // fails the load as dated after now
	}
	r := s.memberRank[[2]int64{project, talent}]
	return time.Date(m.Year(), m.Month(), 22+r%4, 20, r*7%60, 0, 0, domain.Japan())
}

// completed is when a team's workspace closed: the last day of its period
// at 18:00.
func (s *story) completed(project int64) time.Time {
	return s.periods[project].to.Add(18 * time.Hour)
}
