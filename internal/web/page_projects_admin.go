package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// projectAdminPages are where businesses draft their projects and staff
// review them.
type projectAdminPages struct{ *kit }

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
func (s projectAdminPages) adminProjects(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	l, err := s.app.Projects.List(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		return err
	}
	d := adminProjectsData{Municipality: l.Municipality, Review: l.Review, Waiting: l.Waiting, Projects: l.Projects,
		Hosts: map[int64]string{}, Programs: map[int64]domain.Program{}}
	for _, h := range l.Hosts {
		d.Hosts[h.ID] = h.Name
	}
	for _, p := range l.Programs {
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
	History      []app.ProjectEvent
	Editable     bool
	CanSubmit    bool
	CanReview    bool
	Saved        string // which step just happened, for the status line
	Host         string
}

// projectFormData is the form of project p (as typed, when f holds what
// was typed) with what the service offers beside it.
func (s projectAdminPages) projectFormData(pf app.ProjectForm, p domain.Project, f *form) projectFormData {
	d := projectFormData{Municipality: pf.Municipality, Form: f, Project: p, Hosts: pf.Hosts, Programs: pf.Programs,
		History: pf.History, CanReview: pf.CanReview, Required: map[string]bool{}, Goals: map[int]bool{},
		SDGs: s.ref.SDGs(), Styles: domain.WorkStyles(), Rewards: domain.RewardTypes(),
		Editable: p.Status == domain.ProjectDraft}
	for _, c := range p.RequiredSkills {
		d.Required[c] = true
	}
	d.Categories = s.skillGroups(func(code string) bool { return d.Required[code] })
	for _, g := range p.SDGs {
		d.Goals[g] = true
	}
	for _, h := range pf.Hosts {
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

// newProjectPage is the empty form, explained field by field.
func (s projectAdminPages) newProjectPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	pf, err := s.app.Projects.New(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		return err
	}
	d := s.projectFormData(pf, pf.Project, newForm())
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
		n, err := domain.ParseNumber(v)
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
		t, err := domain.ParseDate(v)
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

// checkProjectFields translates the form's parse problems and checks the
// chosen skills against the reference list; the project's own validation
// is the service's.
func (s *kit) checkProjectFields(lang i18n.Lang, p *domain.Project, f *form) {
	for name, key := range f.Errors {
		f.Errors[name] = s.cat.T(lang, key, nil)
	}
	for _, code := range p.RequiredSkills {
		if _, ok := s.ref.Skill(code); !ok {
			f.Errors["skills"] = s.cat.T(lang, "error.choice", map[string]any{"Value": code})
		}
	}
}

// projectProblems adds a service's verdict on a form to the form's own
// problems. It reports whether the form is to be shown again (422), or
// returns the error to show instead.
func (s projectAdminPages) projectProblems(lang i18n.Lang, f *form, err error) (bool, error) {
	switch c := domain.ErrorCode(err); {
	case c == domain.CodeInvalid:
		s.fieldErrors(lang, f, err)
		return true, nil
	case err != nil:
		return false, err
	}
	return f.Has(), nil
}

// createProject saves a new draft for a host the person may post for.
func (s projectAdminPages) createProject(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "host", "program")
	if err != nil {
		return err
	}
	var p domain.Project
	p.HostID, _ = strconv.ParseInt(f.Values["host"], 10, 64)
	p.ProgramID, _ = strconv.ParseInt(f.Values["program"], 10, 64)
	readProject(r, &p, f)
	s.checkProjectFields(lang, &p, f)
	pf, err := s.app.Projects.Create(r.Context(), r.PathValue("lgcode"), &p, !f.Has())
	again, err := s.projectProblems(lang, f, err)
	if err != nil {
		return err
	}
	if !again {
		http.Redirect(w, r, projectAdminURL(pf.Municipality, p.ID)+"?saved=draft", http.StatusSeeOther)
		return nil
	}
	d := s.projectFormData(pf, p, f)
	return s.render(w, r, lang, http.StatusUnprocessableEntity, "project_form", s.cat.T(lang, "projform.new_title", nil), d)
}

func projectAdminURL(mu domain.Municipality, id int64) string {
	return "/admin/" + mu.LGCode + "/projects/" + strconv.FormatInt(id, 10)
}

// editProjectPage shows a project with its review history and the steps
// the person may take.
func (s projectAdminPages) editProjectPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	pf, err := s.app.Projects.Edit(r.Context(), r.PathValue("lgcode"), pathID(r, "id"))
	if err != nil {
		return err
	}
	return s.renderProjectForm(w, r, lang, http.StatusOK, pf, newForm())
}

func (s projectAdminPages) renderProjectForm(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int,
	pf app.ProjectForm, f *form) error {
	d := s.projectFormData(pf, pf.Project, f)
	d.CanSubmit = pf.Project.Status == domain.ProjectDraft
	d.Saved = r.URL.Query().Get("saved")
	return s.render(w, r, lang, status, "project_form", pf.Project.Title, d)
}

// saveProject saves an edited draft.
func (s projectAdminPages) saveProject(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	var edit domain.Project
	readProject(r, &edit, f)
	s.checkProjectFields(lang, &edit, f)
	pf, err := s.app.Projects.Save(r.Context(), r.PathValue("lgcode"), pathID(r, "id"), edit, !f.Has())
	again, err := s.projectProblems(lang, f, err)
	if err != nil {
		return err
	}
	if !again {
		http.Redirect(w, r, projectAdminURL(pf.Municipality, pf.Project.ID)+"?saved=draft", http.StatusSeeOther)
		return nil
	}
	return s.renderProjectForm(w, r, lang, http.StatusUnprocessableEntity, pf, f)
}

// moveProject takes a review step: the business submits; staff publish,
// return with a comment, or close. The business hears of the outcome.
func (s projectAdminPages) moveProject(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "action", "comment")
	if err != nil {
		return err
	}
	pf, err := s.app.Projects.Move(r.Context(), r.PathValue("lgcode"), pathID(r, "id"), f.Values["action"],
		f.Values["comment"])
	var step *app.BadParam
	if domain.ErrorCode(err) == domain.CodeInvalid && !errors.As(err, &step) {
		s.fieldErrors(lang, f, err)
		return s.renderProjectForm(w, r, lang, http.StatusUnprocessableEntity, pf, f)
	}
	if err != nil {
		return badParam(err)
	}
	http.Redirect(w, r, projectAdminURL(pf.Municipality, pf.Project.ID)+"?saved="+f.Values["action"], http.StatusSeeOther)
	return nil
}
