package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// teamPages are the teams' workspaces after 合意 and the list of a
// municipality's teams.
type teamPages struct{ *kit }

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
	Goal, Milestones, Meetings, Messages, Report, Outcomes, Correct, Complete, EndEarly, Story, Review, Leaders bool
}

// teamLine is a member of the team, with whether the viewer may open
// their agreement.
type teamLine struct {
	app.TeamMember
	Terms bool
}

// meetingLine is a meeting with the name of the member a one-to-one was
// held with.
type meetingLine struct {
	domain.Meeting
	With string
}

type workspaceData struct {
	*app.Workspace
	May        workspaceRights
	Members    []teamLine
	Candidates []app.Screener // leaders who may be assigned, for those who assign
	Milestones []domain.Milestone
	Meetings   []meetingLine
	Reports    []reportLine
	Messages   []app.MessageRow
	Indicators []indicatorLine
	Reviews    []domain.TeamReview
	Names      map[int64]string // talent id → name
	Kinds      []domain.IndicatorKind
	Goals      []int
	Form       *form
	Done       string
	ThisMonth  string
	Active     bool                  // at work, or paused while amended terms await acceptance
	Paused     bool                  // amended terms await acceptance
	Steps      []domain.TimelineStep // the program's timeline
}

// engagementID is the team in the path; one that is not a number is not
// found.
func engagementID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

// workspacePage is the team's shared page: goal, milestones, meetings,
// monthly reports, messages, outcomes and, once completed, reviews.
func (s teamPages) workspacePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	pg, err := s.app.Engagements.View(r.Context(), engagementID(r))
	if err != nil {
		return err
	}
	return s.renderWorkspace(w, r, lang, http.StatusOK, pg, newForm())
}

func (s teamPages) renderWorkspace(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, pg app.WorkspacePage,
	f *form) error {
	ws := pg.Workspace
	g := ws.Engagement
	d := workspaceData{Workspace: ws, Names: map[int64]string{}, Kinds: domain.IndicatorKinds(), Goals: ws.Project.SDGs,
		Form: f, Done: r.URL.Query().Get("done"), Active: g.Status == domain.EngagementActive || g.Status == domain.EngagementPaused,
		Paused: g.Status == domain.EngagementPaused, Steps: ws.Program.Steps(s.now()),
		ThisMonth:  s.now().In(domain.Japan()).Format("2006-01"),
		Candidates: pg.Candidates, Milestones: pg.Milestones, Messages: pg.Messages, Reviews: pg.Reviews,
		May: workspaceRights{Goal: ws.May(policy.TeamGoal), Milestones: ws.May(policy.TeamMilestones),
			Meetings: ws.May(policy.TeamMeetings), Messages: ws.May(policy.TeamMessages), Report: ws.May(policy.TeamReports),
			Outcomes: ws.May(policy.TeamOutcomes), Correct: ws.May(policy.TeamCorrectResult),
			Complete: ws.May(policy.TeamComplete), EndEarly: ws.May(policy.TeamEndEarly), Story: ws.May(policy.TeamStory), Review: ws.May(policy.TeamReview),
			Leaders: ws.May(policy.TeamLeaders)}}
	for _, m := range ws.Team {
		d.Names[m.TalentID] = m.Name
		d.Members = append(d.Members, teamLine{TeamMember: m, Terms: ws.Part.MayReadTermsOf(m.TalentID)})
	}
	for _, m := range pg.Meetings {
		d.Meetings = append(d.Meetings, meetingLine{Meeting: m, With: d.Names[m.TalentID]})
	}
	for _, rp := range pg.Reports {
		d.Reports = append(d.Reports, reportLine{Report: rp, Name: d.Names[rp.TalentID]})
	}
	for _, in := range pg.Indicators {
		line := indicatorLine{Indicator: in}
		if in.HasResult() {
			line.Change = in.Result - in.Baseline
		}
		d.Indicators = append(d.Indicators, line)
	}
	return s.render(w, r, lang, status, "workspace", ws.Project.Title, d)
}

func workspaceURL(id int64, done string) string {
	return "/engagements/" + strconv.FormatInt(id, 10) + "?done=" + done + "#" + done
}

// engagementsPage lists the municipality's teams: all of them for its
// staff, and for a leader or a business only the teams they lead or host.
func (s teamPages) engagementsPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, rows, err := s.app.Engagements.Teams(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		return err
	}
	d := struct {
		Municipality domain.Municipality
		Rows         []app.TeamRow
	}{Municipality: mu, Rows: rows}
	return s.render(w, r, lang, http.StatusOK, "engagements", s.cat.T(lang, "work.list_title", nil), d)
}

// parseDay reads a date typed in a form, in Japan time.
func parseDay(v string) (time.Time, bool) {
	t, err := domain.ParseDate(v)
	return t, err == nil
}
