package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// ProjectEvent is one step in a project's review: submitted, published,
// returned with a comment, closed.
type ProjectEvent = store.ProjectEvent

// projectDesk is where a person works on a municipality's projects: the
// municipality, who they are, and the organizations whose projects they
// may draft and edit (every business for staff, their own for a business
// owner).
type projectDesk struct {
	actor        policy.Actor
	municipality domain.Municipality
	hosts        []domain.Organization
	programs     map[int64]domain.Program // the municipality's, by id
}

// desk finds the municipality and checks that the person may manage
// projects of at least one of its organizations.
func (s *Projects) desk(ctx context.Context, lgcode string) (projectDesk, error) {
	var d projectDesk
	mu, err := s.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return d, err
	}
	d.municipality = mu
	if d.actor, err = s.app.SignedIn(ctx); err != nil {
		return d, err
	}
	orgs, err := s.app.st.Directory().Organizations(ctx, mu.ID)
	if err != nil {
		return d, err
	}
	for _, o := range orgs {
		if policy.Can(d.actor, policy.ManageProjects, policy.Resource{MunicipalityID: mu.ID, OrganizationID: o.ID}) {
			d.hosts = append(d.hosts, o)
		}
	}
	if len(d.hosts) == 0 {
		return d, Refused("error.forbidden", mu.ID, "municipality", mu.ID)
	}
	programs, err := s.app.st.Directory().Programs(ctx, mu.ID)
	d.programs = make(map[int64]domain.Program, len(programs))
	for _, p := range programs {
		d.programs[p.ID] = p
	}
	return d, err
}

// reviews says whether the person may publish, return and close the
// projects of the program: staff always, a partner when the program's
// operations are delegated to it.
func (d projectDesk) reviews(programID int64) bool {
	res := policy.Resource{MunicipalityID: d.municipality.ID}
	if p, ok := d.programs[programID]; ok {
		res = ProgramResource(p)
	}
	return policy.Can(d.actor, policy.ReviewProjects, res)
}

// reviewsSome says whether the person may review the projects of at least
// one of the municipality's programs.
func (d projectDesk) reviewsSome() bool {
	for id := range d.programs {
		if d.reviews(id) {
			return true
		}
	}
	return policy.Can(d.actor, policy.ReviewProjects, policy.Resource{MunicipalityID: d.municipality.ID})
}

// deskProject opens the desk of the municipality and finds one of its
// projects there.
func (s *Projects) deskProject(ctx context.Context, lgcode string, id int64) (projectDesk, domain.Project, error) {
	d, err := s.desk(ctx, lgcode)
	if err != nil {
		return d, domain.Project{}, err
	}
	p, err := s.project(ctx, d, id)
	return d, p, err
}

// project finds a project of the desk's municipality that the person may
// manage (its host's owner, or staff).
func (s *Projects) project(ctx context.Context, d projectDesk, id int64) (domain.Project, error) {
	if id < 1 {
		return domain.Project{}, domain.NotFound("project")
	}
	p, err := s.app.st.Projects().Project(ctx, id)
	if err != nil {
		return p, err
	}
	mu := d.municipality
	if p.MunicipalityID != mu.ID {
		return p, domain.NotFound("project")
	}
	if !policy.Can(d.actor, policy.ManageProjects, policy.Resource{MunicipalityID: mu.ID, OrganizationID: p.HostID}) {
		return p, Refused("error.forbidden", mu.ID, "project", p.ID)
	}
	return p, nil
}

// ProjectDesk is the list of the projects a person may work on.
type ProjectDesk struct {
	Municipality domain.Municipality
	Review       bool                  // the person may publish or return
	Hosts        []domain.Organization // whose projects the person may manage
	Waiting      []domain.Project      // submitted, for those who review
	Projects     []domain.Project      // the others
	Programs     []domain.Program
}

// List lists the projects a person may work on: a business sees its own
// drafts and posts; staff see every business's, and what waits for their
// review apart.
func (s *Projects) List(ctx context.Context, lgcode string) (ProjectDesk, error) {
	var l ProjectDesk
	d, err := s.desk(ctx, lgcode)
	if err != nil {
		return l, err
	}
	mu := d.municipality
	l.Municipality, l.Hosts, l.Review = mu, d.hosts, d.reviewsSome()
	f := store.ProjectFilter{MunicipalityID: mu.ID, Limit: 100, Statuses: []domain.ProjectStatus{
		domain.ProjectDraft, domain.ProjectReview, domain.ProjectPublished, domain.ProjectClosed}}
	if !l.Review {
		for _, h := range d.hosts {
			f.HostIDs = append(f.HostIDs, h.ID)
		}
	}
	page, err := s.app.st.Projects().ListProjects(ctx, f)
	if err != nil {
		return l, err
	}
	for _, p := range page.Projects {
		if p.Status == domain.ProjectReview && d.reviews(p.ProgramID) {
			l.Waiting = append(l.Waiting, p)
		} else {
			l.Projects = append(l.Projects, p)
		}
	}
	l.Programs, err = s.app.st.Directory().Programs(ctx, mu.ID)
	return l, err
}

// ProjectForm is a project with what its form offers: the hosts the person
// may post for, the programs, and, for a saved project, its review
// history and whether the person may review it.
type ProjectForm struct {
	Municipality domain.Municipality
	Project      domain.Project
	Hosts        []domain.Organization
	Programs     []domain.Program
	History      []ProjectEvent
	CanReview    bool
}

// openPrograms lists the municipality's programs that still take
// projects: those whose entry period has not ended.
func (s *Projects) openPrograms(ctx context.Context, municipalityID int64) ([]domain.Program, error) {
	all, err := s.app.st.Directory().Programs(ctx, municipalityID)
	if err != nil {
		return nil, err
	}
	var out []domain.Program
	for _, p := range all {
		if p.Phase(s.app.now()) != domain.PhaseClosed {
			out = append(out, p)
		}
	}
	return out, nil
}

// New is the form of a new draft: the programs that still take projects,
// and the host chosen when the person may post for only one.
func (s *Projects) New(ctx context.Context, lgcode string) (ProjectForm, error) {
	var f ProjectForm
	d, err := s.desk(ctx, lgcode)
	if err != nil {
		return f, err
	}
	f.Municipality, f.Hosts = d.municipality, d.hosts
	if f.Programs, err = s.openPrograms(ctx, d.municipality.ID); err != nil {
		return f, err
	}
	f.Project = domain.Project{Status: domain.ProjectDraft, TeamSize: 2, HoursPerMonth: 20, WorkStyle: domain.WorkRemote,
		RewardType: domain.RewardProBono}
	if len(d.hosts) == 1 {
		f.Project.HostID = d.hosts[0].ID
	}
	return f, nil
}

// Edit is a project with its review history and the steps the person may
// take.
func (s *Projects) Edit(ctx context.Context, lgcode string, id int64) (ProjectForm, error) {
	d, p, err := s.deskProject(ctx, lgcode, id)
	if err != nil {
		return ProjectForm{}, err
	}
	return s.editForm(ctx, d, p)
}

// editForm is the form of a saved project p, as it stands or as edited.
func (s *Projects) editForm(ctx context.Context, d projectDesk, p domain.Project) (ProjectForm, error) {
	f := ProjectForm{Municipality: d.municipality, Project: p, Hosts: d.hosts, CanReview: d.reviews(p.ProgramID)}
	var err error
	if f.Programs, err = s.app.st.Directory().Programs(ctx, d.municipality.ID); err != nil {
		return f, err
	}
	f.History, err = s.app.st.Projects().ProjectHistory(ctx, p.ID)
	return f, err
}
