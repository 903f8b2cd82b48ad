package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type workspace struct {
	Engagement   domain.Engagement
	Project      domain.Project
	Host         domain.Organization
	Municipality domain.Municipality
	Team         []store.TeamMember
	Leaders      []store.TeamLeader
	Part         policy.TeamPart // how the viewer takes part
	actor        policy.Actor
	// auditAction and auditDetail, when a change sets them, replace the
	// change's audit action and add a detail (a correction's reason and
	// values).
	auditAction, auditDetail string
}

// may is the viewer's right to a team action in the team's current state.
func (ws *workspace) may(act policy.TeamAction) bool { return ws.Part.May(act, ws.Engagement.Status) }

// loadWorkspace finds the engagement in the path; it is visible only to
// its team, the business, its leaders and the program's staff (the
// policy's PartIn). Anyone else is told it does not exist.
func (s *Server) loadWorkspace(w http.ResponseWriter, r *http.Request) (*workspace, error) {
	a, err := s.signedInActor(r)
	if err != nil {
		return nil, err
	}
	id, err := parseID(r.PathValue("id"), "engagement")
	if err != nil {
		return nil, err
	}
	ws := &workspace{actor: a}
	ctx := r.Context()
	if ws.Engagement, err = s.store.Engagement(ctx, id); err != nil {
		return nil, err
	}
	if ws.Project, err = s.store.Project(ctx, ws.Engagement.ProjectID); err != nil {
		return nil, err
	}
	if ws.Team, err = s.store.Team(ctx, ws.Engagement); err != nil {
		return nil, err
	}
	if ws.Leaders, err = s.store.TeamLeaders(ctx, 0, ws.Engagement.ID); err != nil {
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
		return nil, hiddenFrom(ws.Engagement.MunicipalityID, "engagement", ws.Engagement.ID)
	}
	if ws.Host, err = s.store.Organization(ctx, ws.Project.HostID); err != nil {
		return nil, err
	}
	h, err := s.loadHub(ctx)
	if err != nil {
		return nil, err
	}
	ws.Municipality = h.municipalities[ws.Engagement.MunicipalityID]
	return ws, nil
}

type reportLine struct {
	domain.Report
	Name string
}

type indicatorLine struct {
	domain.Indicator
	Change float64
}

// workspaceRights are the viewer's rights in the team as it stands, for
// the page to show only the forms that work.
type workspaceRights struct {
	Goal, Milestones, Meetings, Messages, Report, Outcomes, Correct, Complete, Story, Review, Leaders bool
}

// teamLine is a member of the team, with whether the viewer may open
// their agreement.
type teamLine struct {
	store.TeamMember
	Terms bool
}

// meetingLine is a meeting with the name of the member a one-to-one was
// held with.
type meetingLine struct {
	domain.Meeting
	With string
}

type workspaceData struct {
	*workspace
	May        workspaceRights
	Members    []teamLine
	Candidates []store.Screener // leaders who may be assigned, for those who assign
	Milestones []domain.Milestone
	Meetings   []meetingLine
	Reports    []reportLine
	Messages   []store.MessageRow
	Indicators []indicatorLine
	Reviews    []domain.TeamReview
	Names      map[int64]string // talent id → name
	Kinds      []domain.IndicatorKind
	Goals      []int
	Form       *form
	Done       string
	ThisMonth  string
	Active     bool
}

// workspacePage is the team's shared page: goal, milestones, meetings,
// monthly reports, messages, outcomes and, once completed, reviews.
func (s *Server) workspacePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ws, err := s.loadWorkspace(w, r)
	if err != nil || ws == nil {
		return err
	}
	return s.renderWorkspace(w, r, lang, http.StatusOK, ws, newForm())
}

func (s *Server) renderWorkspace(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, ws *workspace, f *form) error {
	ctx := r.Context()
	g := ws.Engagement
	d := workspaceData{workspace: ws, Names: map[int64]string{}, Kinds: domain.IndicatorKinds(), Goals: ws.Project.SDGs,
		Form: f, Done: r.URL.Query().Get("done"), Active: g.Status == domain.EngagementActive,
		ThisMonth: s.now().In(domain.Japan()).Format("2006-01"),
		May: workspaceRights{Goal: ws.may(policy.TeamGoal), Milestones: ws.may(policy.TeamMilestones),
			Meetings: ws.may(policy.TeamMeetings), Messages: ws.may(policy.TeamMessages), Report: ws.may(policy.TeamReports),
			Outcomes: ws.may(policy.TeamOutcomes), Correct: ws.may(policy.TeamCorrectResult),
			Complete: ws.may(policy.TeamComplete), Story: ws.may(policy.TeamStory), Review: ws.may(policy.TeamReview),
			Leaders: ws.may(policy.TeamLeaders)}}
	for _, m := range ws.Team {
		d.Names[m.TalentID] = m.Name
		d.Members = append(d.Members, teamLine{TeamMember: m, Terms: ws.Part.MayReadTermsOf(m.TalentID)})
	}
	var err error
	if d.May.Leaders {
		if d.Candidates, err = s.store.LeaderCandidates(ctx, g.MunicipalityID); err != nil {
			return err
		}
	}
	if d.Milestones, err = s.store.Milestones(ctx, g.ID); err != nil {
		return err
	}
	meetings, err := s.store.Meetings(ctx, g.ID)
	if err != nil {
		return err
	}
	for _, m := range meetings {
		if ws.Part.MayReadMeeting(ws.actor.UserID, m) {
			d.Meetings = append(d.Meetings, meetingLine{Meeting: m, With: d.Names[m.TalentID]})
		}
	}
	reps, err := s.store.Reports(ctx, g.ID)
	if err != nil {
		return err
	}
	for _, rp := range reps {
		d.Reports = append(d.Reports, reportLine{Report: rp, Name: d.Names[rp.TalentID]})
	}
	if d.Messages, err = s.store.Messages(ctx, g.ID, 50); err != nil {
		return err
	}
	ins, err := s.store.Indicators(ctx, g.ID)
	if err != nil {
		return err
	}
	for _, in := range ins {
		line := indicatorLine{Indicator: in}
		if in.HasResult() {
			line.Change = in.Result - in.Baseline
		}
		d.Indicators = append(d.Indicators, line)
	}
	if d.Reviews, err = s.store.TeamReviews(ctx, g.ID); err != nil {
		return err
	}
	if err := s.audit(ctx, nil, r, "engagement.view", "engagement", g.ID, g.MunicipalityID); err != nil {
		return err
	}
	return s.render(w, r, lang, status, "workspace", ws.Project.Title, d)
}

func workspaceURL(id int64, done string) string {
	return "/engagements/" + strconv.FormatInt(id, 10) + "?done=" + done + "#" + done
}

// engagementsPage lists the municipality's teams: all of them for its
// staff, and for a leader or a business only the teams they lead or host.
func (s *Server) engagementsPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	a, err := s.allowSome(r, policy.ViewTeams, mu.ID)
	if err != nil {
		return err
	}
	gs, err := s.store.Engagements(r.Context(), mu.ID)
	if err != nil {
		return err
	}
	leaders, err := s.store.TeamLeaders(r.Context(), mu.ID, 0)
	if err != nil {
		return err
	}
	led, names := map[int64]bool{}, map[int64][]string{}
	for _, l := range leaders {
		led[l.EngagementID] = led[l.EngagementID] || l.UserID == a.UserID
		names[l.EngagementID] = append(names[l.EngagementID], l.Name)
	}
	type row struct {
		domain.Engagement
		Title   string
		Leaders []string
	}
	d := struct {
		Municipality domain.Municipality
		Rows         []row
	}{Municipality: mu}
	for _, g := range gs {
		p, err := s.store.Project(r.Context(), g.ProjectID)
		if err != nil {
			return err
		}
		if !policy.Can(a, policy.ViewTeams, policy.Resource{MunicipalityID: mu.ID, OrganizationID: p.HostID, TeamLeader: led[g.ID]}) {
			continue
		}
		d.Rows = append(d.Rows, row{Engagement: g, Title: p.Title, Leaders: names[g.ID]})
	}
	return s.render(w, r, lang, http.StatusOK, "engagements", s.cat.T(lang, "work.list_title", nil), d)
}

// parseDay reads a date typed in a form, in Japan time.
func parseDay(v string) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02", v, domain.Japan())
	return t, err == nil
}
