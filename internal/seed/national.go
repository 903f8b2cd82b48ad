package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Sign-ins of the national dataset, all with DemoPassword: the staff of
// the board program's municipality (Ota), of the pool municipality
// (Tsubame), an alumnus of a completed team and a talent who entered the
// board program. Every municipality running a program also has a staff
// account, NationalStaffEmail(lgcode).
const (
	NationalOtaStaffEmail     = "national-ota-staff@demo.tsunagu.example"
	NationalTsubameStaffEmail = "national-tsubame-staff@demo.tsunagu.example"
	NationalAlumnusEmail      = "national-alumnus@demo.tsunagu.example"
	NationalTalentEmail       = "national-talent@demo.tsunagu.example"
)

// NationalStaffEmail is the staff sign-in of a municipality running a
// program in the national dataset.
func NationalStaffEmail(lgcode string) string {
	return "national-staff-" + lgcode + "@demo.tsunagu.example"
}

// nationalTalentEmail is the address of a talent's account, by dataset ID.
func nationalTalentEmail(id int64) string {
	return fmt.Sprintf("talent-%d@national.demo.tsunagu.example", id)
}

// NationalCounts says what the national load made, beyond Counts.
type NationalCounts struct {
	Counts
	Users, Consents, Reports, Completed int
}

func (c NationalCounts) String() string {
	return fmt.Sprintf("%s, %d users, %d consents, %d reports, %d completed teams", c.Counts, c.Users, c.Consents,
		c.Reports, c.Completed)
}

// National generates the national dataset and loads it into an empty
// database in one transaction: municipalities, organizations, programs
// and projects row by row (projects go through the search indexer), the
// users, talents, entries and consents in bulk, then the agreements of
// the closed programs through the store, so their workspaces, entry
// changes and audit rows follow, with monthly reports and completions.
// Credentials are issued by serve for the completed teams.
func National(ctx context.Context, st *store.Store, ref *refdata.Data, seed uint64, now time.Time,
	size demo.NationalSize, progress Progress) (NationalCounts, error) {
	ds, err := demo.National(ref, seed, now, size)
	if err != nil {
		return NationalCounts{}, fmt.Errorf("generate: %w", err)
	}
	hash, err := auth.HashPassword(DemoPassword, auth.DefaultParams())
	if err != nil {
		return NationalCounts{}, err
	}
	var c NationalCounts
	err = st.InTx(ctx, func(tx *store.Store) error {
		empty, err := tx.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return fmt.Errorf("the database already has data; the national dataset loads only into an empty one")
		}
		c, err = loadNational(ctx, tx, ds, hash, now, progress)
		return err
	})
	if err != nil {
		return c, err
	}
	// A million rows loaded at once: give the planner their statistics
	// now rather than when autovacuum comes round (the alumni pool took 2 s
	// instead of 86 ms on stale ones).
	return c, st.Analyze(ctx)
}

// nationalLoad carries one load's state.
type nationalLoad struct {
	ds       *demo.NationalData
	tx       *store.Store
	m        ids
	userOf   func(talent int64) int64 // dataset talent ID -> user ID
	talentOf func(talent int64) int64 // dataset talent ID -> talent ID
	staff    map[int64]int64          // dataset municipality ID -> staff user ID
	at       time.Time                // the clock of the rows written through the store
	done     int
	total    int
	progress Progress
}

func (l *nationalLoad) tick(n int) {
	l.done += n
	if l.progress != nil {
		l.progress(min(l.done, l.total), l.total)
	}
}

func loadNational(ctx context.Context, tx *store.Store, ds *demo.NationalData, hash string, now time.Time,
	progress Progress) (NationalCounts, error) {
	l := &nationalLoad{ds: ds, progress: progress, at: now.AddDate(-5, 0, 0)}
	l.tx = tx.WithClock(func() time.Time { return l.at })
	small := len(ds.Municipalities) + len(ds.Organizations) + len(ds.Programs) + len(ds.Projects)
	l.total = small + 2*len(ds.Talents) + len(ds.Entries) + len(ds.Scouts) + len(ds.Agreements)
	var c NationalCounts
	// The directory and projects the ordinary way, so the search index
	// is built as on a live site.
	dir := ds.Dataset
	dir.Talents, dir.Entries = nil, nil
	var err error
	c.Counts, l.m, err = loadMapped(ctx, l.tx, &dir, func(done, _ int) {
		if l.progress != nil {
			l.progress(done, l.total)
		}
	}, nil)
	if err != nil {
		return c, err
	}
	l.done += small
	if err := l.bulk(ctx, &c); err != nil {
		return c, err
	}
	if err := l.accounts(ctx, hash); err != nil {
		return c, err
	}
	if err := l.aftermath(ctx, &c, now); err != nil {
		return c, err
	}
	return c, nil
}

// bulk inserts the users (one per talent), talents, entries and consents
// with ids after the highest ones there are.
func (l *nationalLoad) bulk(ctx context.Context, c *NationalCounts) error {
	b := l.tx.Bulk()
	firstUser, err := b.MaxID(ctx, "users")
	if err != nil {
		return err
	}
	firstTalent, err := b.MaxID(ctx, "talents")
	if err != nil {
		return err
	}
	firstEntry, err := b.MaxID(ctx, "entries")
	if err != nil {
		return err
	}
	l.userOf = func(t int64) int64 { return firstUser + t }
	l.talentOf = func(t int64) int64 { return firstTalent + t }
	ds := l.ds
	alumnus, talent := l.signIns()
	made := l.at
	const chunk = 50_000 // talents per batch of users and profiles, to bound the extra memory
	for from := 0; from < len(ds.Talents); from += chunk {
		part := ds.Talents[from:min(from+chunk, len(ds.Talents))]
		users := make([]domain.User, len(part))
		profiles := make([]domain.Talent, len(part))
		for i, t := range part {
			email := nationalTalentEmail(t.ID)
			switch t.ID {
			case alumnus:
				email = NationalAlumnusEmail
			case talent:
				email = NationalTalentEmail
			}
			users[i] = domain.User{ID: l.userOf(t.ID), Email: email, Name: t.Name, NameKana: t.NameKana}
			profiles[i] = t
			profiles[i].ID, profiles[i].UserID = l.talentOf(t.ID), l.userOf(t.ID)
		}
		if err := b.Users(ctx, users, made); err != nil {
			return err
		}
		l.tick(len(users))
		if err := b.Talents(ctx, profiles, made); err != nil {
			return err
		}
		l.tick(len(profiles))
		c.Users += len(users)
		c.Talents += len(profiles)
	}
	es := make([]domain.Entry, len(ds.Entries))
	for i, e := range ds.Entries {
		e.ID = firstEntry + e.ID
		e.MunicipalityID, e.ProgramID, e.TalentID = l.m.muni[e.MunicipalityID], l.m.prog[e.ProgramID], l.talentOf(e.TalentID)
		e.Choices = remap(l.m.proj, e.Choices)
		if e.Placement != 0 {
			e.Placement = l.m.proj[e.Placement]
		}
		es[i] = e
	}
	// In parts, so that the progress moves.
	for from := 0; from < len(es); from += 10_000 {
		to := min(from+10_000, len(es))
		if err := b.Entries(ctx, es[from:to]); err != nil {
			return err
		}
		l.tick(to - from)
	}
	c.Entries = len(es)
	l.m.ent = map[int64]int64{}
	for _, e := range ds.Entries {
		l.m.ent[e.ID] = firstEntry + e.ID
	}
	cs := make([]domain.Consent, len(ds.Scouts))
	for i, s := range ds.Scouts {
		cs[i] = domain.Consent{UserID: l.userOf(s.TalentID), MunicipalityID: l.m.muni[s.MunicipalityID],
			Purpose: domain.ConsentScout, Granted: true, At: made.Add(time.Duration(i) * time.Second)}
	}
	if err := b.Consents(ctx, cs); err != nil {
		return err
	}
	l.tick(len(cs))
	c.Consents = len(cs)
	return b.SyncIDs(ctx, "users", "talents", "entries", "consents")
}

// signIns picks the dataset talents whose accounts sign in: the first
// member of a completed team, and the first entrant of the board program.
func (l *nationalLoad) signIns() (alumnus, talent int64) {
	for _, a := range l.ds.Agreements {
		if l.ds.Completed[a.ProjectID] {
			alumnus = a.TalentID
			break
		}
	}
	for _, e := range l.ds.Entries {
		if e.ProgramID == l.ds.Board && e.TalentID != alumnus {
			return alumnus, e.TalentID
		}
	}
	return alumnus, 0
}

// accounts gives every municipality running a program a staff account,
// and the sign-ins their password, all confirmed.
func (l *nationalLoad) accounts(ctx context.Context, hash string) error {
	l.staff = map[int64]int64{}
	acc := l.tx.Accounts()
	for _, p := range l.ds.Programs {
		m := l.ds.Municipalities[p.MunicipalityID-1]
		if _, ok := l.staff[m.ID]; ok {
			continue
		}
		email := NationalStaffEmail(m.LGCode)
		switch m.LGCode {
		case demo.OtaLGCode:
			email = NationalOtaStaffEmail
		case demo.TsubameLGCode:
			email = NationalTsubameStaffEmail
		}
		u := domain.User{Email: email, Name: m.Name + " 職員"}
		if err := acc.CreateUser(ctx, &u); err != nil {
			return fmt.Errorf("staff of %s: %w", m.LGCode, err)
		}
		if err := acc.AddMembership(ctx, &domain.Membership{UserID: u.ID, OrganizationID: l.m.org[m.ID],
			Role: domain.RoleMunicipalityStaff}); err != nil {
			return err
		}
		if err := acc.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := acc.MarkEmailVerified(ctx, u.ID); err != nil {
			return err
		}
		l.staff[m.ID] = u.ID
	}
	alumnus, talent := l.signIns()
	for _, t := range []int64{alumnus, talent} {
		if t == 0 {
			continue
		}
		if err := acc.SetPassword(ctx, l.userOf(t), hash); err != nil {
			return err
		}
		if err := acc.MarkEmailVerified(ctx, l.userOf(t)); err != nil {
			return err
		}
	}
	return nil
}

// aftermath makes the closed programs' agreements through the store: the
// staff drafts the terms two weeks after the window closed, the talent,
// the business and the staff accept them that day, which opens the
// team's workspace; each member reports each month, and most teams
// complete on the last day. Each save and acceptance is audited as the
// services audit them.
func (l *nationalLoad) aftermath(ctx context.Context, c *NationalCounts, now time.Time) error {
	type team struct {
		ends    time.Time
		months  []string
		members []int64 // talent IDs
	}
	teams := map[int64]*team{}
	var order []int64
	for _, planned := range l.ds.Agreements {
		a := planned
		staff := l.staff[a.MunicipalityID]
		a.EntryID, a.ProjectID, a.MunicipalityID, a.TalentID = l.m.ent[a.EntryID], l.m.proj[a.ProjectID],
			l.m.muni[a.MunicipalityID], l.talentOf(a.TalentID)
		a.Accepted = nil
		l.at = a.StartsOn.AddDate(0, 0, -14)
		if err := l.tx.Agreements().SaveAgreement(ctx, &a, staff); err != nil {
			return fmt.Errorf("agreement of entry %d: %w", a.EntryID, err)
		}
		if err := l.tx.Compliance().Audit(ctx, store.AuditEvent{ActorID: staff, Action: "agreement.save",
			SubjectType: "agreement", SubjectID: a.ID, MunicipalityID: a.MunicipalityID}); err != nil {
			return err
		}
		for i, x := range []struct {
			party domain.Party
			by    int64
		}{
			{domain.PartyTalent, l.userOf(planned.TalentID)}, {domain.PartyBusiness, 0}, {domain.PartyMunicipality, staff},
		} {
			l.at = a.StartsOn.AddDate(0, 0, -13).Add(time.Duration(i) * time.Hour)
			if _, err := l.tx.Agreements().AcceptAgreement(ctx, a.ID, a.Version, x.party, x.by); err != nil {
				return fmt.Errorf("acceptance of entry %d: %w", a.EntryID, err)
			}
			if err := l.tx.Compliance().Audit(ctx, store.AuditEvent{ActorID: x.by,
				Action: "agreement.accept." + string(x.party), SubjectType: "agreement", SubjectID: a.ID,
				MunicipalityID: a.MunicipalityID}); err != nil {
				return err
			}
		}
		c.Agreements++
		t := teams[a.ProjectID]
		if t == nil {
			t = &team{ends: a.EndsOn}
			for m := a.StartsOn; m.Before(a.EndsOn) && m.Before(now); m = m.AddDate(0, 1, 0) {
				t.months = append(t.months, m.Format("2006-01"))
			}
			teams[a.ProjectID] = t
			order = append(order, planned.ProjectID)
		}
		t.members = append(t.members, a.TalentID)
		l.tick(1)
	}
	for _, pid := range order {
		t := teams[l.m.proj[pid]]
		g, err := l.tx.Workspaces().EngagementOfProject(ctx, l.m.proj[pid])
		if err != nil {
			return err
		}
		c.Engagements++
		for _, month := range t.months {
			first, _ := time.Parse("2006-01", month)
			l.at = first.AddDate(0, 1, -3).Add(11 * time.Hour)
			for _, member := range t.members {
				r := domain.Report{EngagementID: g.ID, TalentID: member, Month: month, Hours: 8 + int(member%12),
					Done: "ヒアリングと資料づくりを進めた。", Next: "次月は試作と振り返りを行う。"}
				if err := l.tx.Workspaces().SubmitReport(ctx, &r); err != nil {
					return err
				}
				c.Reports++
			}
		}
		if !l.ds.Completed[pid] || !t.ends.Before(now) {
			continue
		}
		l.at = t.ends.Add(15 * time.Hour)
		if err := l.tx.Workspaces().CompleteEngagement(ctx, g.ID); err != nil {
			return err
		}
		c.Completed++
	}
	return nil
}
