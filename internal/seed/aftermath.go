package seed

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// actors are the demo accounts that act in the 2021 program's workspaces.
type actors struct {
	staff   int64           // accepts terms for Ota City
	partner int64           // the coordinator who runs meetings and writes for the office
	owner   int64           // the owner of ownerOrg
	talents map[int64]int64 // dataset talent ID -> user ID, for linked profiles
	// ownerOrg is the dataset ID of the business the owner account runs.
	ownerOrg int64
}

// demoActors finds the demo accounts that act in the workspaces.
func demoActors(ds *demo.Dataset, plan *demo.Aftermath, users map[string]int64) actors {
	a := actors{staff: users["ota-staff@demo.tsunagu.example"], partner: users["partner@demo.tsunagu.example"],
		owner:   users["owner@demo.tsunagu.example"],
		talents: map[int64]int64{demoTalent(ds, plan): users["talent@demo.tsunagu.example"]}}
	for _, o := range ds.Organizations {
		if o.MunicipalityID == ds.Municipalities[0].ID && o.Kind == domain.OrgBusiness {
			a.ownerOrg = o.ID
			break
		}
	}
	return a
}

// of returns the user acting for a party of a project: the owner for their
// own business, a linked talent for themselves, the staff for Ota; 0 when
// the person has no account.
func (a actors) of(party domain.Party, host, talent int64) int64 {
	switch {
	case party == domain.PartyMunicipality:
		return a.staff
	case party == domain.PartyTalent:
		return a.talents[talent]
	case host == a.ownerOrg:
		return a.owner
	}
	return 0
}

// aftermath loads the 2021 program's life after its offers: the agreements
// and their acceptances, which open the teams' workspaces, then each
// team's work, each dated by the story. It returns how many agreements and
// workspaces it made.
func aftermath(ctx context.Context, tx *store.Store, ds *demo.Dataset, plan *demo.Aftermath, m ids,
	act actors, s *story) (int, int, error) {
	hosts := map[int64]int64{}
	for _, p := range ds.Projects {
		hosts[p.ID] = p.HostID
	}
	for i, planned := range plan.Agreements {
		a := planned
		a.EntryID, a.ProjectID, a.Accepted = m.ent[planned.EntryID], m.proj[planned.ProjectID], nil
		s.set(s.agreed[i])
		if err := tx.Agreements().SaveAgreement(ctx, &a, act.staff); err != nil {
			return 0, 0, fmt.Errorf("agreement of entry %d: %w", planned.EntryID, err)
		}
		for k, x := range planned.Accepted {
			s.set(s.acceptance(i, k))
			by := act.of(x.Party, hosts[planned.ProjectID], planned.TalentID)
			if _, err := tx.Agreements().AcceptAgreement(ctx, a.ID, a.Version, x.Party, by); err != nil {
				return 0, 0, fmt.Errorf("acceptance of entry %d: %w", planned.EntryID, err)
			}
		}
	}
	if err := declineOpenOffers(ctx, tx, ds, plan, m, s); err != nil {
		return 0, 0, err
	}
	for _, t := range plan.Teams {
		if err := teamWork(ctx, tx, t, m, act, hosts[t.ProjectID], s); err != nil {
			return 0, 0, fmt.Errorf("team of project %d: %w", t.ProjectID, err)
		}
	}
	return len(plan.Agreements), len(plan.Teams), nil
}

// declineOpenOffers closes the 2021 offers whose terms were never accepted
// by all: before the work started on 1 October each entrant declined
// (辞退), on 26 September 2021, so no 2021 offer is left open.
func declineOpenOffers(ctx context.Context, tx *store.Store, ds *demo.Dataset, plan *demo.Aftermath, m ids, s *story) error {
	agreed := map[int64]bool{}
	for _, a := range plan.Agreements {
		agreed[a.EntryID] = len(a.Accepted) == len(domain.Parties())
	}
	n := 0
	for _, e := range ds.Entries {
		if _, offered := ds.Offers[e.ID]; !offered || e.Status != domain.EntryOffered || agreed[e.ID] {
			continue
		}
		s.set(s.closed2021.AddDate(0, 0, 25).Add(10*time.Hour + time.Duration(n)*17*time.Minute))
		if _, err := tx.Entries().AnswerOffer(ctx, m.ent[e.ID], m.tal[e.TalentID], false); err != nil {
			return fmt.Errorf("decline the offer of entry %d: %w", e.ID, err)
		}
		n++
	}
	return nil
}

// teamWork loads one team's work into its workspace, dated within its
// agreed period: the goal at the kickoff, a milestone done on its due day,
// each meeting on its day, the reports near the end of their months, the
// messages spread over the period from the office's welcome on its first
// day, and the outcomes on its last day.
func teamWork(ctx context.Context, tx *store.Store, t demo.Team, m ids, act actors, host int64, s *story) error {
	g, err := tx.Workspaces().EngagementOfProject(ctx, m.proj[t.ProjectID])
	if err != nil {
		return err
	}
	work := s.periods[t.ProjectID]
	s.set(work.from.Add(10 * time.Hour))
	if err := tx.Workspaces().SetGoal(ctx, g.ID, t.Goal); err != nil {
		return err
	}
	for _, x := range t.Milestones {
		ms := domain.Milestone{EngagementID: g.ID, Title: x.Title, DueOn: x.DueOn}
		if err := tx.Workspaces().AddMilestone(ctx, &ms); err != nil {
			return err
		}
		if x.Done {
			s.set(jstDay(x.DueOn, 17, 0))
			if err := tx.Workspaces().SetMilestoneDone(ctx, g.ID, ms.ID, true); err != nil {
				return err
			}
			s.set(work.from.Add(10 * time.Hour))
		}
	}
	for _, x := range t.Meetings {
		x.EngagementID, x.AuthorID = g.ID, act.partner
		if x.TalentID != 0 {
			x.TalentID = m.tal[x.TalentID]
		}
		s.set(jstDay(x.HeldOn, 19, 0))
		if err := tx.Workspaces().LogMeeting(ctx, &x); err != nil {
			return err
		}
	}
	for _, x := range t.Reports {
		s.set(s.report(t.ProjectID, x.TalentID, x.Month))
		x.EngagementID, x.TalentID = g.ID, m.tal[x.TalentID]
		if err := tx.Workspaces().SubmitReport(ctx, &x); err != nil {
			return err
		}
	}
	for i, x := range t.Messages {
		by := act.of(x.From, host, x.TalentID)
		if x.From == domain.PartyMunicipality {
			by = act.partner
		}
		s.set(jstDay(spread(work.from, work.to.Sub(work.from), i, len(t.Messages)), 10+2*i, 0))
		if err := tx.Workspaces().PostMessage(ctx, &domain.Message{EngagementID: g.ID, AuthorID: by, Body: x.Body}); err != nil {
			return err
		}
	}
	s.set(work.to.Add(12 * time.Hour))
	for _, x := range t.Indicators {
		in := domain.Indicator{EngagementID: g.ID, Kind: x.Kind, SDG: x.SDG, Baseline: x.Baseline, Result: math.NaN(),
			Evidence: x.Evidence}
		if x.Recorded {
			in.Result = x.Result
		}
		if err := tx.Workspaces().SaveIndicator(ctx, &in); err != nil {
			return err
		}
	}
	if !t.Completed {
		return nil
	}
	return completeTeam(ctx, tx, g, t, m, act, host, s)
}

// completeTeam closes a workspace on the last day of its period, with its
// reviews both ways three days later, two hours apart, and the story
// consents a week after that.
func completeTeam(ctx context.Context, tx *store.Store, g domain.Engagement, t demo.Team, m ids, act actors, host int64,
	s *story) error {
	done := s.completed(t.ProjectID)
	s.set(done)
	if err := tx.Workspaces().CompleteEngagement(ctx, g.ID); err != nil {
		return err
	}
	for i, x := range t.Reviews {
		s.set(jstDay(done.AddDate(0, 0, 3), 10, 0).Add(time.Duration(i) * 2 * time.Hour))
		party := domain.PartyBusiness
		if x.Side == domain.ReviewByTalent {
			party = domain.PartyTalent
		}
		x.EngagementID, x.AuthorID, x.TalentID = g.ID, act.of(party, host, x.TalentID), m.tal[x.TalentID]
		if err := tx.Workspaces().SaveTeamReview(ctx, &x); err != nil {
			return err
		}
	}
	consented := jstDay(done.AddDate(0, 0, 10), 10, 0)
	s.set(consented)
	if t.StoryConsent {
		if err := tx.Workspaces().SetStoryConsent(ctx, g.ID, true); err != nil {
			return err
		}
	}
	for i, talent := range t.StoryTalents {
		s.set(consented.Add(time.Duration(i+1) * time.Hour))
		user := act.talents[talent]
		if user == 0 {
			// Consent needs an account: these team members have one in
			// the demo, without a password (they never sign in).
			var err error
			if user, err = memberAccount(ctx, tx, m.tal[talent]); err != nil {
				return err
			}
		}
		c := domain.Consent{UserID: user, Purpose: domain.ConsentStory, Granted: true}
		if err := tx.Compliance().RecordConsent(ctx, &c); err != nil {
			return err
		}
	}
	return nil
}

// memberAccount gives a demo talent an account, so their consent can be
// recorded.
func memberAccount(ctx context.Context, tx *store.Store, talentID int64) (int64, error) {
	t, err := tx.Talents().Talent(ctx, talentID)
	if err != nil {
		return 0, err
	}
	if t.UserID != 0 {
		return t.UserID, nil
	}
	u := domain.User{Email: fmt.Sprintf("member-%d@demo.tsunagu.example", talentID), Name: t.Name, NameKana: t.NameKana}
	if err := tx.Accounts().CreateUser(ctx, &u); err != nil {
		return 0, err
	}
	return u.ID, tx.Talents().LinkTalentUser(ctx, talentID, u.ID)
}
