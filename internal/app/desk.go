package app

import (
	"context"
	"slices"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Read models of a person's desk, as the store lists them.
type (
	// DeskProject is a project with its state.
	DeskProject = store.DeskProject
	// DeskEntry is an entry waiting for someone.
	DeskEntry = store.DeskEntry
	// ProgramQueue is how many entries of a program stand in a stage.
	ProgramQueue = store.ProgramQueue
	// DeskAgreement is an agreement waiting for a party.
	DeskAgreement = store.DeskAgreement
	// DeskTeam is a team's workspace.
	DeskTeam = store.DeskTeam
	// DeskReport is a member's monthly report, submitted or not.
	DeskReport = store.DeskReport
)

// Desk is what waits for the signed-in person in each of their roles, for
// their own page. A part is nil when they hold no such role.
type Desk struct {
	// Month is the month whose reports are asked for: the one before now,
	// in Japan ("2006-01").
	Month  string
	Host   *HostDesk
	Staff  *StaffDesk
	Leader *LeaderDesk
	// ReportsDue are the talent's own reports of Month not yet submitted.
	ReportsDue []DeskReport
}

// HostDesk is a business owner's: their projects, the candidates for
// them, their teams, the agreements waiting for them to accept and their
// teams' reports.
type HostDesk struct {
	Projects   []DeskProject
	Candidates []DeskEntry
	Teams      []DeskTeam
	ToAccept   []DeskAgreement
	Reports    []DeskReport
}

// StaffDesk is municipal or partner staff's: entries waiting in the first
// stages, projects submitted for review, agreements waiting for the
// municipality's acceptance, and the month's reports, submitted and late.
type StaffDesk struct {
	// What the person may act on, so that a list they could do nothing
	// about is not shown empty.
	Screens, Reviews, Decides, Follows bool

	Queues   []ProgramQueue
	ToReview []DeskProject
	ToDecide []DeskAgreement
	Reports  []DeskReport
	Late     []DeskReport
}

// LeaderDesk is a leader side-jobber's: the entries assigned to them that
// they have not reviewed, the teams they lead and those teams' late
// reports.
type LeaderDesk struct {
	Assigned []DeskEntry
	Teams    []DeskTeam
	Late     []DeskReport
}

// hostSees are the stages in which a business owner sees the candidates
// for their projects: after 書類選考 (DESIGN §10).
var hostSees = []domain.EntryStatus{domain.EntryInterview, domain.EntryOffered, domain.EntryAgreed}

// staffQueue are the stages whose entries wait for the municipality's
// screening.
var staffQueue = []domain.EntryStatus{domain.EntrySubmitted, domain.EntryScreening}

// reviewOpen are the stages in which an assigned reviewer's review is
// still of use.
var reviewOpen = []domain.EntryStatus{domain.EntrySubmitted, domain.EntryScreening, domain.EntryInterview}

// reportMonth is the month before now in Japan, whose reports are due.
func reportMonth(now time.Time) string {
	jst := now.In(domain.Japan())
	return time.Date(jst.Year(), jst.Month(), 1, 0, 0, 0, 0, domain.Japan()).AddDate(0, -1, 0).Format("2006-01")
}

// Desk reads what waits for the signed-in person, each list in one query
// and only what the policy lets them see.
func (m *Members) Desk(ctx context.Context) (Desk, error) {
	a, err := m.app.SignedIn(ctx)
	if err != nil {
		return Desk{}, err
	}
	d := Desk{Month: reportMonth(m.app.now())}
	st := m.app.st
	if t, err := st.Talents().TalentByUser(ctx, a.UserID); err == nil {
		if d.ReportsDue, err = st.Workspaces().DeskReports(ctx, store.DeskScope{TalentID: t.ID}, d.Month, false); err != nil {
			return d, err
		}
	} else if domain.ErrorCode(err) != domain.CodeNotFound {
		return d, err
	}
	if hosts := ownedHosts(a); len(hosts) > 0 {
		if d.Host, err = m.hostDesk(ctx, hosts, d.Month); err != nil {
			return d, err
		}
	}
	if d.Staff, err = m.staffDesk(ctx, a, d.Month); err != nil {
		return d, err
	}
	if leads(a) {
		if d.Leader, err = m.leaderDesk(ctx, a.UserID, d.Month); err != nil {
			return d, err
		}
	}
	return d, nil
}

// ownedHosts are the organizations the person owns and may manage the
// projects of.
func ownedHosts(a policy.Actor) []int64 {
	var out []int64
	for _, ms := range a.Memberships {
		res := policy.Resource{MunicipalityID: ms.MunicipalityID, OrganizationID: ms.OrganizationID}
		if policy.IsOwner(a, ms.OrganizationID) && policy.Can(a, policy.ManageProjects, res) &&
			!slices.Contains(out, ms.OrganizationID) {
			out = append(out, ms.OrganizationID)
		}
	}
	return out
}

// leads reports whether the person is a leader side-jobber somewhere.
func leads(a policy.Actor) bool {
	for _, ms := range a.Memberships {
		if ms.UserID == a.UserID && ms.Role == domain.RoleLeaderTalent {
			return true
		}
	}
	return false
}

// everywhere lists the municipalities where the action reaches every
// thing, not only some (a leader's or a business's own).
func everywhere(a policy.Actor, act policy.Action) []int64 {
	var out []int64
	for _, id := range policy.Municipalities(a, act) {
		if policy.Can(a, act, policy.Resource{MunicipalityID: id}) {
			out = append(out, id)
		}
	}
	return out
}

func (m *Members) hostDesk(ctx context.Context, hosts []int64, month string) (*HostDesk, error) {
	st, scope := m.app.st, store.DeskScope{HostIDs: hosts}
	h := &HostDesk{}
	var err error
	if h.Projects, err = st.Projects().DeskProjects(ctx, scope); err != nil {
		return nil, err
	}
	if h.Candidates, err = st.Entries().Candidates(ctx, hosts, hostSees); err != nil {
		return nil, err
	}
	if h.Teams, err = st.Workspaces().DeskTeams(ctx, scope); err != nil {
		return nil, err
	}
	if h.ToAccept, err = st.Agreements().AwaitingParty(ctx, scope, domain.PartyBusiness); err != nil {
		return nil, err
	}
	h.Reports, err = st.Workspaces().DeskReports(ctx, scope, month, true)
	return h, err
}

// staffDesk is nil for someone who screens, reviews, decides and follows
// teams nowhere.
func (m *Members) staffDesk(ctx context.Context, a policy.Actor, month string) (*StaffDesk, error) {
	screen, review := everywhere(a, policy.ScreenEntries), everywhere(a, policy.ReviewProjects)
	decide, teams := everywhere(a, policy.DecideEntries), everywhere(a, policy.ViewTeams)
	if len(screen)+len(review)+len(decide)+len(teams) == 0 {
		return nil, nil
	}
	st := m.app.st
	s := &StaffDesk{Screens: len(screen) > 0, Reviews: len(review) > 0, Decides: len(decide) > 0, Follows: len(teams) > 0}
	var err error
	if s.Queues, err = st.Entries().Queues(ctx, screen, staffQueue); err != nil {
		return nil, err
	}
	if len(review) > 0 {
		if s.ToReview, err = st.Projects().DeskProjects(ctx, store.DeskScope{MunicipalityIDs: review}, domain.ProjectReview); err != nil {
			return nil, err
		}
	}
	if len(decide) > 0 {
		if s.ToDecide, err = st.Agreements().AwaitingParty(ctx, store.DeskScope{MunicipalityIDs: decide}, domain.PartyMunicipality); err != nil {
			return nil, err
		}
	}
	if len(teams) > 0 {
		scope := store.DeskScope{MunicipalityIDs: teams}
		if s.Reports, err = st.Workspaces().DeskReports(ctx, scope, month, true); err != nil {
			return nil, err
		}
		if s.Late, err = st.Workspaces().DeskReports(ctx, scope, month, false); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (m *Members) leaderDesk(ctx context.Context, userID int64, month string) (*LeaderDesk, error) {
	st, scope := m.app.st, store.DeskScope{LeaderID: userID}
	l := &LeaderDesk{}
	var err error
	if l.Assigned, err = st.Entries().AssignedToReview(ctx, userID, reviewOpen); err != nil {
		return nil, err
	}
	if l.Teams, err = st.Workspaces().DeskTeams(ctx, scope); err != nil {
		return nil, err
	}
	l.Late, err = st.Workspaces().DeskReports(ctx, scope, month, false)
	return l, err
}
