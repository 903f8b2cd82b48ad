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

// workspaceRole is how the viewer takes part in an engagement.
type workspaceRole struct {
	Member   bool  // a talent of the team
	TalentID int64 // theirs, when a member
	Business bool  // an owner of the host business
	Staff    bool  // staff (or leader) of the municipality who see entries
}

func (wr workspaceRole) any() bool { return wr.Member || wr.Business || wr.Staff }

type workspace struct {
	Engagement   domain.Engagement
	Project      domain.Project
	Host         domain.Organization
	Municipality domain.Municipality
	Team         []store.TeamMember
	Role         workspaceRole
	actor        policy.Actor
}

// loadWorkspace finds the engagement in the path; it is visible only to
// its team, the business and the program's staff. Anyone else gets 404.
func (s *Server) loadWorkspace(w http.ResponseWriter, r *http.Request) (*workspace, error) {
	a, err := s.actor(r)
	if err != nil {
		return nil, err
	}
	if a.UserID == 0 {
		http.Redirect(w, r, "/login?next="+r.URL.RequestURI(), http.StatusSeeOther)
		return nil, nil
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
	for _, m := range ws.Team {
		if m.UserID == a.UserID {
			ws.Role.Member, ws.Role.TalentID = true, m.TalentID
		}
	}
	for _, m := range a.Memberships {
		if m.Role == domain.RoleBusinessOwner && m.OrganizationID == ws.Project.HostID {
			ws.Role.Business = true
		}
	}
	ws.Role.Staff = policy.Can(a, policy.ViewEntries, policy.Resource{MunicipalityID: ws.Engagement.MunicipalityID})
	if !ws.Role.any() {
		return nil, notFound("engagement")
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

type workspaceData struct {
	*workspace
	Milestones []domain.Milestone
	Meetings   []domain.Meeting
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
		ThisMonth: s.now().In(domain.Japan()).Format("2006-01")}
	for _, m := range ws.Team {
		d.Names[m.TalentID] = m.Name
	}
	var err error
	if d.Milestones, err = s.store.Milestones(ctx, g.ID); err != nil {
		return err
	}
	if d.Meetings, err = s.store.Meetings(ctx, g.ID); err != nil {
		return err
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

// engagementsPage lists the municipality's teams for its staff.
func (s *Server) engagementsPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, ok, err := s.allow(w, r, policy.ViewEntries, policy.Resource{MunicipalityID: mu.ID}); err != nil || !ok {
		return err
	}
	gs, err := s.store.Engagements(r.Context(), mu.ID)
	if err != nil {
		return err
	}
	type row struct {
		domain.Engagement
		Title string
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
		d.Rows = append(d.Rows, row{Engagement: g, Title: p.Title})
	}
	return s.render(w, r, lang, http.StatusOK, "engagements", s.cat.T(lang, "work.list_title", nil), d)
}

// parseDay reads a date typed in a form, in Japan time.
func parseDay(v string) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02", v, domain.Japan())
	return t, err == nil
}
