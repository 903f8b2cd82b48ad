package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// projectHosts lists the organizations whose projects the actor may draft
// and edit in the municipality: every business for staff, their own for a
// business owner.
func (s *Server) projectHosts(r *http.Request, a policy.Actor, mu domain.Municipality) ([]domain.Organization, error) {
	orgs, err := s.store.Organizations(r.Context(), mu.ID)
	if err != nil {
		return nil, err
	}
	var out []domain.Organization
	for _, o := range orgs {
		if policy.Can(a, policy.ManageProjects, policy.Resource{MunicipalityID: mu.ID, OrganizationID: o.ID}) {
			out = append(out, o)
		}
	}
	return out, nil
}

// staffOrHost finds the municipality in the path and checks that the
// person may manage projects of at least one of its organizations.
func (s *Server) staffOrHost(r *http.Request) (policy.Actor, domain.Municipality, []domain.Organization, error) {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return policy.Actor{}, mu, nil, err
	}
	a, err := s.signedInActor(r)
	if err != nil {
		return a, mu, nil, err
	}
	hosts, err := s.projectHosts(r, a, mu)
	if err != nil {
		return a, mu, nil, err
	}
	if len(hosts) == 0 {
		return a, mu, nil, forbiddenIn(mu.ID)
	}
	return a, mu, hosts, nil
}

type adminProjectsData struct {
	Municipality domain.Municipality
	Review       bool // the person may publish or return
	Waiting      []domain.Project
	Projects     []domain.Project
	Hosts        map[int64]string
	Programs     map[int64]domain.Program
}

// adminProjects lists the projects a person may work on: a business sees
// its own drafts and posts; staff also see what waits for review.
func (s *Server) adminProjects(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, hosts, err := s.staffOrHost(r)
	if err != nil {
		return err
	}
	d := adminProjectsData{Municipality: mu, Hosts: map[int64]string{}, Programs: map[int64]domain.Program{},
		Review: policy.Can(a, policy.ReviewProjects, policy.Resource{MunicipalityID: mu.ID})}
	f := store.ProjectFilter{MunicipalityID: mu.ID, Limit: 100, Statuses: []domain.ProjectStatus{
		domain.ProjectDraft, domain.ProjectReview, domain.ProjectPublished, domain.ProjectClosed}}
	for _, h := range hosts {
		d.Hosts[h.ID] = h.Name
		if !d.Review {
			f.HostIDs = append(f.HostIDs, h.ID)
		}
	}
	page, err := s.store.ListProjects(r.Context(), f)
	if err != nil {
		return err
	}
	for _, p := range page.Projects {
		if p.Status == domain.ProjectReview && d.Review {
			d.Waiting = append(d.Waiting, p)
		} else {
			d.Projects = append(d.Projects, p)
		}
	}
	progs, err := s.store.Programs(r.Context(), mu.ID)
	if err != nil {
		return err
	}
	for _, p := range progs {
		d.Programs[p.ID] = p
	}
	return s.render(w, r, lang, http.StatusOK, "admin_projects", s.cat.T(lang, "projform.list_title", nil), d)
}

type projectFormData struct {
	Municipality domain.Municipality
	Form         *form
	Project      domain.Project
	Hosts        []domain.Organization
	Programs     []domain.Program
	Categories   []skillGroup
	Required     map[string]bool
	Goals        map[int]bool
	SDGs         []refdata.SDG
	Styles       []domain.WorkStyle
	Rewards      []domain.RewardType
	History      []store.ProjectEvent
	Editable     bool
	CanSubmit    bool
	CanReview    bool
	Saved        string // which step just happened, for the status line
	Host         string
}

func (s *Server) projectFormData(mu domain.Municipality, p domain.Project, f *form, hosts []domain.Organization,
	programs []domain.Program) projectFormData {
	d := projectFormData{Municipality: mu, Form: f, Project: p, Hosts: hosts, Programs: programs,
		Required: map[string]bool{}, Goals: map[int]bool{}, SDGs: s.ref.SDGs(), Styles: domain.WorkStyles(),
		Rewards: domain.RewardTypes(), Editable: p.Status == domain.ProjectDraft}
	for _, c := range p.RequiredSkills {
		d.Required[c] = true
	}
	d.Categories = s.skillGroups(func(code string) bool { return d.Required[code] })
	for _, g := range p.SDGs {
		d.Goals[g] = true
	}
	for _, h := range hosts {
		if h.ID == p.HostID {
			d.Host = h.Name
		}
	}
	for name, t := range map[string]time.Time{"starts_on": p.StartsOn, "ends_on": p.EndsOn} {
		if _, typed := f.Values[name]; !typed && !t.IsZero() {
			f.Values[name] = t.In(domain.Japan()).Format("2006-01-02")
		}
	}
	return d
}

// openPrograms lists the municipality's programs that still take projects:
// those whose entry period has not ended.
func (s *Server) openPrograms(r *http.Request, mu domain.Municipality) ([]domain.Program, error) {
	all, err := s.store.Programs(r.Context(), mu.ID)
	if err != nil {
		return nil, err
	}
	var out []domain.Program
	for _, p := range all {
		if p.Phase(s.now()) != domain.PhaseClosed {
			out = append(out, p)
		}
	}
	return out, nil
}

// newProjectPage is the empty form, explained field by field.
func (s *Server) newProjectPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	_, mu, hosts, err := s.staffOrHost(r)
	if err != nil {
		return err
	}
	progs, err := s.openPrograms(r, mu)
	if err != nil {
		return err
	}
	p := domain.Project{Status: domain.ProjectDraft, TeamSize: 2, HoursPerMonth: 20, WorkStyle: domain.WorkRemote,
		RewardType: domain.RewardProBono}
	if len(hosts) == 1 {
		p.HostID = hosts[0].ID
	}
	d := s.projectFormData(mu, p, newForm(), hosts, progs)
	return s.render(w, r, lang, http.StatusOK, "project_form", s.cat.T(lang, "projform.new_title", nil), d)
}

// readProject reads the project form into p; what cannot be parsed is
// reported on its field and the rest is kept.
func readProject(r *http.Request, p *domain.Project, f *form) {
	get := func(name string) string {
		v := domain.NormalizeText(r.PostForm.Get(name))
		f.Values[name] = v
		return v
	}
	num := func(name string) int {
		v := get(name)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(strings.ReplaceAll(v, ",", ""))
		if err != nil {
			f.Errors[name] = "error.number"
		}
		return n
	}
	date := func(name string) time.Time {
		v := get(name)
		if v == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation("2006-01-02", v, domain.Japan())
		if err != nil {
			f.Errors[name] = "error.date"
		}
		return t
	}
	p.Title = get("title")
	p.Description = strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get("description"), "\r\n", "\n"))
	f.Values["description"] = p.Description
	p.TeamSize, p.HoursPerMonth, p.RewardYen = num("team_size"), num("hours"), num("reward_yen")
	p.WorkStyle, p.RewardType = domain.WorkStyle(get("work_style")), domain.RewardType(get("reward_type"))
	p.Place = get("place")
	p.StartsOn, p.EndsOn = date("starts_on"), date("ends_on")
	p.SDGs, p.RequiredSkills = nil, nil
	for _, v := range r.PostForm["sdg"] {
		if g, err := strconv.Atoi(v); err == nil {
			p.SDGs = append(p.SDGs, g)
		}
	}
	p.RequiredSkills = append(p.RequiredSkills, r.PostForm["skill"]...)
}

// checkProjectForm adds the form's parse problems and the project's own
// validation, translated.
func (s *Server) checkProjectForm(lang i18n.Lang, p *domain.Project, f *form) bool {
	for name, key := range f.Errors {
		f.Errors[name] = s.cat.T(lang, key, nil)
	}
	for _, code := range p.RequiredSkills {
		if _, ok := s.ref.Skill(code); !ok {
			f.Errors["skills"] = s.cat.T(lang, "error.choice", map[string]any{"Value": code})
		}
	}
	if err := p.Validate(); err != nil {
		s.fieldErrors(lang, f, err)
	}
	return !f.Has()
}

// createProject saves a new draft for a host the person may post for.
func (s *Server) createProject(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	_, mu, hosts, err := s.staffOrHost(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "host", "program")
	if err != nil {
		return err
	}
	progs, err := s.openPrograms(r, mu)
	if err != nil {
		return err
	}
	p := domain.Project{MunicipalityID: mu.ID, Status: domain.ProjectDraft}
	p.HostID, _ = strconv.ParseInt(f.Values["host"], 10, 64)
	p.ProgramID, _ = strconv.ParseInt(f.Values["program"], 10, 64)
	readProject(r, &p, f)
	hostOK, progOK := false, false
	for _, h := range hosts {
		hostOK = hostOK || h.ID == p.HostID
	}
	for _, g := range progs {
		progOK = progOK || g.ID == p.ProgramID
	}
	if !hostOK {
		f.Errors["host"] = "error.host_choose"
	}
	if !progOK {
		f.Errors["program"] = "error.program_choose"
	}
	if s.checkProjectForm(lang, &p, f) {
		err = s.store.CreateProject(r.Context(), &p)
		if err == nil {
			if err := s.audit(r.Context(), nil, r, "project.create", "project", p.ID, mu.ID); err != nil {
				return err
			}
			http.Redirect(w, r, s.projectAdminURL(mu, p.ID)+"?saved=draft", http.StatusSeeOther)
			return nil
		}
		if domain.ErrorCode(err) != domain.CodeInvalid {
			return err
		}
		s.fieldErrors(lang, f, err)
	}
	d := s.projectFormData(mu, p, f, hosts, progs)
	return s.render(w, r, lang, http.StatusUnprocessableEntity, "project_form", s.cat.T(lang, "projform.new_title", nil), d)
}

func (s *Server) projectAdminURL(mu domain.Municipality, id int64) string {
	return "/admin/" + mu.LGCode + "/projects/" + strconv.FormatInt(id, 10)
}

// pathProject finds the project in the path and checks the person may
// manage it (its host's owner, or staff).
func (s *Server) pathProject(r *http.Request) (policy.Actor, domain.Municipality, domain.Project, []domain.Organization, error) {
	var p domain.Project
	a, mu, hosts, err := s.staffOrHost(r)
	if err != nil {
		return a, mu, p, hosts, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return a, mu, p, hosts, notFound("project")
	}
	if p, err = s.store.Project(r.Context(), id); err != nil {
		return a, mu, p, hosts, err
	}
	if p.MunicipalityID != mu.ID {
		return a, mu, p, hosts, notFound("project")
	}
	if !policy.Can(a, policy.ManageProjects, policy.Resource{MunicipalityID: mu.ID, OrganizationID: p.HostID}) {
		return a, mu, p, hosts, forbiddenOn(mu.ID, "project", p.ID)
	}
	return a, mu, p, hosts, nil
}

// editProjectPage shows a project with its review history and the steps
// the person may take.
func (s *Server) editProjectPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, hosts, err := s.pathProject(r)
	if err != nil {
		return err
	}
	return s.renderProjectForm(w, r, lang, http.StatusOK, a, mu, p, hosts, newForm())
}

func (s *Server) renderProjectForm(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, a policy.Actor,
	mu domain.Municipality, p domain.Project, hosts []domain.Organization, f *form) error {
	progs, err := s.store.Programs(r.Context(), mu.ID)
	if err != nil {
		return err
	}
	d := s.projectFormData(mu, p, f, hosts, progs)
	if d.History, err = s.store.ProjectHistory(r.Context(), p.ID); err != nil {
		return err
	}
	d.CanSubmit = p.Status == domain.ProjectDraft
	d.CanReview = policy.Can(a, policy.ReviewProjects, policy.Resource{MunicipalityID: mu.ID})
	d.Saved = r.URL.Query().Get("saved")
	return s.render(w, r, lang, status, "project_form", p.Title, d)
}

// saveProject saves an edited draft.
func (s *Server) saveProject(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, hosts, err := s.pathProject(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	readProject(r, &p, f)
	if s.checkProjectForm(lang, &p, f) {
		err = s.store.UpdateProject(r.Context(), &p)
		if err == nil {
			if err := s.audit(r.Context(), nil, r, "project.edit", "project", p.ID, mu.ID); err != nil {
				return err
			}
			http.Redirect(w, r, s.projectAdminURL(mu, p.ID)+"?saved=draft", http.StatusSeeOther)
			return nil
		}
		if domain.ErrorCode(err) != domain.CodeInvalid {
			return err
		}
		s.fieldErrors(lang, f, err)
	}
	return s.renderProjectForm(w, r, lang, http.StatusUnprocessableEntity, a, mu, p, hosts, f)
}

// moveProject takes a review step: the business submits; staff publish,
// return with a comment, or close. The business hears of the outcome.
func (s *Server) moveProject(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, hosts, err := s.pathProject(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "action", "comment")
	if err != nil {
		return err
	}
	to := map[string]domain.ProjectStatus{"submit": domain.ProjectReview, "publish": domain.ProjectPublished,
		"return": domain.ProjectDraft, "close": domain.ProjectClosed}[f.Values["action"]]
	if to == "" {
		return invalidParam("action", "error.choice", "Value", f.Values["action"])
	}
	if to != domain.ProjectReview && !policy.Can(a, policy.ReviewProjects, policy.Resource{MunicipalityID: mu.ID}) {
		return forbiddenOn(mu.ID, "project", p.ID)
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		moved, err := tx.MoveProject(r.Context(), p.ID, to, a.UserID, f.Values["comment"])
		if err != nil {
			return err
		}
		if err := s.audit(r.Context(), tx, r, "project."+f.Values["action"], "project", p.ID, mu.ID); err != nil {
			return err
		}
		return s.tellHost(r, tx, mu, moved, f.Values["action"], f.Values["comment"])
	})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.renderProjectForm(w, r, lang, http.StatusUnprocessableEntity, a, mu, p, hosts, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, s.projectAdminURL(mu, p.ID)+"?saved="+f.Values["action"], http.StatusSeeOther)
	return nil
}

// tellHost lets the host business's owners know that their project was
// published or returned: an in-app notice and a mail in their language.
func (s *Server) tellHost(r *http.Request, tx *store.Store, mu domain.Municipality, p domain.Project, action, comment string) error {
	if action != "publish" && action != "return" {
		return nil
	}
	owners, err := s.hostOwners(r.Context(), tx, mu, p.HostID)
	if err != nil {
		return err
	}
	for _, id := range owners {
		if err := s.tellNote(r.Context(), tx, mu.ID, id, "notice.project_"+action, map[string]any{"Title": p.Title},
			s.projectAdminURL(mu, p.ID), comment); err != nil {
			return err
		}
	}
	return nil
}
