package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Read models of a team, as the store lists them.
type (
	// TeamMember is a talent of a team, with their agreement.
	TeamMember = store.TeamMember
	// TeamLeader is a leader side-jobber assigned to a team.
	TeamLeader = store.TeamLeader
	// MessageRow is a workspace message with its author's name.
	MessageRow = store.MessageRow
)

// Workspace is a team as one person takes part in it: the engagement,
// its project, business, municipality, members and leaders, and the
// person's part (policy.PartIn).
type Workspace struct {
	Engagement   domain.Engagement
	Project      domain.Project
	Host         domain.Organization
	Municipality domain.Municipality
	Program      domain.Program // the project's, for its timeline
	Team         []TeamMember
	Leaders      []TeamLeader
	Part         policy.TeamPart // how the person takes part
	Actor        policy.Actor
}

// May is the person's right to a team action in the team's current state.
func (ws *Workspace) May(act policy.TeamAction) bool { return ws.Part.May(act, ws.Engagement.Status) }

// WorkspacePage is the team's shared page for one person: what they may
// read of its milestones, meetings, reports, messages, outcomes and
// reviews, and the leaders they may assign.
type WorkspacePage struct {
	*Workspace
	Candidates []Screener // leaders who may be assigned, for those who assign
	Milestones []domain.Milestone
	Meetings   []domain.Meeting
	Reports    []domain.Report
	Messages   []MessageRow
	Indicators []domain.Indicator
	Reviews    []domain.TeamReview
}

// Workspace finds a team for the signed-in person; it is visible only to
// its team, the business, its leaders and the program's staff. Anyone
// else is told it does not exist. An id that is not one (0) is not found.
func (s *Engagements) Workspace(ctx context.Context, id int64) (*Workspace, error) {
	a, err := s.app.SignedIn(ctx)
	if err != nil {
		return nil, err
	}
	if id < 1 {
		return nil, domain.NotFound("engagement")
	}
	st := s.app.st
	ws := &Workspace{Actor: a}
	if ws.Engagement, err = st.Workspaces().Engagement(ctx, id); err != nil {
		return nil, err
	}
	if ws.Project, err = st.Projects().Project(ctx, ws.Engagement.ProjectID); err != nil {
		return nil, err
	}
	if ws.Engagement, err = s.withPause(ctx, ws.Engagement); err != nil {
		return nil, err
	}
	if ws.Team, err = st.Workspaces().Team(ctx, ws.Engagement); err != nil {
		return nil, err
	}
	if ws.Leaders, err = st.Workspaces().TeamLeaders(ctx, 0, ws.Engagement.ID); err != nil {
		return nil, err
	}
	team := policy.Team{MunicipalityID: ws.Engagement.MunicipalityID, HostID: ws.Project.HostID, Members: map[int64]int64{}}
	for _, m := range ws.Team {
		if m.UserID != 0 {
			team.Members[m.UserID] = m.TalentID
		}
	}
	for _, l := range ws.Leaders {
		team.Leaders = append(team.Leaders, l.UserID)
	}
	if ws.Part = policy.PartIn(a, team); !ws.Part.Any() {
		return nil, Hidden(ws.Engagement.MunicipalityID, "engagement", ws.Engagement.ID)
	}
	if ws.Host, err = st.Directory().Organization(ctx, ws.Project.HostID); err != nil {
		return nil, err
	}
	if ws.Municipality, err = st.Directory().MunicipalityByID(ctx, ws.Engagement.MunicipalityID); err != nil {
		return nil, err
	}
	if ws.Program, err = st.Directory().ProgramByID(ctx, ws.Project.ProgramID); err != nil {
		return nil, err
	}
	return ws, nil
}

// withPause shows an active team as paused while amended terms of one of
// its members await acceptance: its work waits for them.
func (s *Engagements) withPause(ctx context.Context, g domain.Engagement) (domain.Engagement, error) {
	if g.Status != domain.EngagementActive {
		return g, nil
	}
	waiting, err := s.app.st.Workspaces().AwaitingTerms(ctx, g.ProjectID)
	if waiting {
		g.Status = domain.EngagementPaused
	}
	return g, err
}

// View finds a team for the signed-in person and reads its page.
func (s *Engagements) View(ctx context.Context, id int64) (WorkspacePage, error) {
	ws, err := s.Workspace(ctx, id)
	if err != nil {
		return WorkspacePage{Workspace: ws}, err
	}
	return s.Page(ctx, ws)
}

// Page reads the team's page for the person in ws: a one-to-one meeting
// only for those who may read it. Opening a workspace is audited.
func (s *Engagements) Page(ctx context.Context, ws *Workspace) (WorkspacePage, error) {
	st, g := s.app.st, ws.Engagement
	d := WorkspacePage{Workspace: ws}
	var err error
	if ws.May(policy.TeamLeaders) {
		if d.Candidates, err = st.Workspaces().LeaderCandidates(ctx, g.MunicipalityID); err != nil {
			return d, err
		}
	}
	if d.Milestones, err = st.Workspaces().Milestones(ctx, g.ID); err != nil {
		return d, err
	}
	meetings, err := st.Workspaces().Meetings(ctx, g.ID)
	if err != nil {
		return d, err
	}
	for _, m := range meetings {
		if ws.Part.MayReadMeeting(ws.Actor.UserID, m) {
			d.Meetings = append(d.Meetings, m)
		}
	}
	if d.Reports, err = st.Workspaces().Reports(ctx, g.ID); err != nil {
		return d, err
	}
	if d.Messages, err = st.Workspaces().Messages(ctx, g.ID, 50); err != nil {
		return d, err
	}
	if d.Indicators, err = st.Workspaces().Indicators(ctx, g.ID); err != nil {
		return d, err
	}
	if d.Reviews, err = st.Workspaces().TeamReviews(ctx, g.ID); err != nil {
		return d, err
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "engagement.view", SubjectType: "engagement", SubjectID: g.ID,
			MunicipalityID: g.MunicipalityID})
	})
	return d, err
}

// TeamRow is a team in a municipality's list.
type TeamRow struct {
	domain.Engagement
	Title   string
	Leaders []string
}

// Teams lists the municipality's teams: all of them for its staff, and
// for a leader or a business only the teams they lead or host.
func (s *Engagements) Teams(ctx context.Context, lgcode string) (domain.Municipality, []TeamRow, error) {
	st := s.app.st
	mu, err := st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return mu, nil, err
	}
	a, err := s.app.AuthorizeSome(ctx, policy.ViewTeams, mu.ID)
	if err != nil {
		return mu, nil, err
	}
	gs, err := st.Workspaces().Engagements(ctx, mu.ID)
	if err != nil {
		return mu, nil, err
	}
	leaders, err := st.Workspaces().TeamLeaders(ctx, mu.ID, 0)
	if err != nil {
		return mu, nil, err
	}
	led, names := map[int64]bool{}, map[int64][]string{}
	for _, l := range leaders {
		led[l.EngagementID] = led[l.EngagementID] || l.UserID == a.UserID
		names[l.EngagementID] = append(names[l.EngagementID], l.Name)
	}
	var rows []TeamRow
	for _, g := range gs {
		// One query per team: the store has no list of engagements with
		// their projects' titles and hosts.
		p, err := st.Projects().Project(ctx, g.ProjectID)
		if err != nil {
			return mu, nil, err
		}
		if !policy.Can(a, policy.ViewTeams, policy.Resource{MunicipalityID: mu.ID, OrganizationID: p.HostID, TeamLeader: led[g.ID]}) {
			continue
		}
		if g, err = s.withPause(ctx, g); err != nil {
			return mu, nil, err
		}
		rows = append(rows, TeamRow{Engagement: g, Title: p.Title, Leaders: names[g.ID]})
	}
	return mu, rows, nil
}

// TeamReports is a team's monthly reports for one person, with the team
// they belong to.
type TeamReports struct {
	*Workspace
	Reports []domain.Report // newest month first, then by talent
}

// Reports reads a team's monthly reports for whoever may read them in its
// workspace (everyone who takes part in it); anyone else is told the team
// does not exist. Reading them is audited, as opening the workspace is.
func (s *Engagements) Reports(ctx context.Context, id int64) (TeamReports, error) {
	ws, err := s.Workspace(ctx, id)
	out := TeamReports{Workspace: ws}
	if err != nil {
		return out, err
	}
	g := ws.Engagement
	if !ws.May(policy.TeamRead) {
		return out, Hidden(g.MunicipalityID, "engagement", g.ID)
	}
	if out.Reports, err = s.app.st.Workspaces().Reports(ctx, g.ID); err != nil {
		return out, err
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "engagement.reports.view", SubjectType: "engagement", SubjectID: g.ID,
			MunicipalityID: g.MunicipalityID})
	})
	return out, err
}
