package app

import (
	"context"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Create saves p as a new draft of the municipality for a host the person
// may post for, in a program that still takes projects, and records it.
// With save false (the form that sent p had problems of its own) p is
// only checked. A draft with problems comes back with the form's context
// (without the project: p is it) and an invalid error that names each
// field; nothing is saved.
func (s *Projects) Create(ctx context.Context, lgcode string, p *domain.Project, save bool) (ProjectForm, error) {
	var f ProjectForm
	d, err := s.desk(ctx, lgcode)
	if err != nil {
		return f, err
	}
	mu := d.municipality
	f.Municipality, f.Hosts = mu, d.hosts
	if f.Programs, err = s.openPrograms(ctx, mu.ID); err != nil {
		return f, err
	}
	p.MunicipalityID, p.Status = mu.ID, domain.ProjectDraft
	var v domain.ValidationErrors
	if !hasOrganization(d.hosts, p.HostID) {
		v.Add("host", "error.host_choose")
	}
	if !hasProgram(f.Programs, p.ProgramID) {
		v.Add("program", "error.program_choose")
	}
	if err := checkProject(&v, p); err != nil || !save {
		return f, err
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Projects().CreateProject(ctx, p); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "project.create", SubjectType: "project", SubjectID: p.ID,
			MunicipalityID: mu.ID})
	})
	return f, err
}

// Save saves the fields a project form edits (edit's title, description,
// team, hours, place, reward, period, goals and required skills) on the
// draft with the id, and records it. With save false (the form had
// problems of its own) the edit is only checked. An edit with problems
// comes back, applied to the project, with the form's context and an
// invalid error that names each field.
func (s *Projects) Save(ctx context.Context, lgcode string, id int64, edit domain.Project, save bool) (ProjectForm, error) {
	d, p, err := s.deskProject(ctx, lgcode, id)
	if err != nil {
		return ProjectForm{}, err
	}
	applyEdit(&p, edit)
	var v domain.ValidationErrors
	if err := checkProject(&v, &p); err != nil || !save {
		return s.formAfter(ctx, d, p, err)
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Projects().UpdateProject(ctx, &p); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "project.edit", SubjectType: "project", SubjectID: p.ID,
			MunicipalityID: d.municipality.ID})
	})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		return s.formAfter(ctx, d, p, err)
	}
	return ProjectForm{Municipality: d.municipality, Project: p}, err
}

// formAfter is the form of p to show again after err, or err itself when
// the form cannot be read.
func (s *Projects) formAfter(ctx context.Context, d projectDesk, p domain.Project, err error) (ProjectForm, error) {
	f, ferr := s.editForm(ctx, d, p)
	if ferr != nil {
		return f, ferr
	}
	return f, err
}

// applyEdit copies onto p what a project form edits; its host, program
// and status stay.
func applyEdit(p *domain.Project, e domain.Project) {
	p.Title, p.Description = e.Title, e.Description
	p.TeamSize, p.HoursPerMonth, p.RewardYen = e.TeamSize, e.HoursPerMonth, e.RewardYen
	p.WorkStyle, p.RewardType, p.Place = e.WorkStyle, e.RewardType, e.Place
	p.StartsOn, p.EndsOn = e.StartsOn, e.EndsOn
	p.SDGs, p.RequiredSkills = e.SDGs, e.RequiredSkills
}

// checkProject adds the project's own problems to those found so far and
// returns them all as one invalid error (those found first come first), or
// nil.
func checkProject(v *domain.ValidationErrors, p *domain.Project) error {
	var e *domain.Error
	if errors.As(p.Validate(), &e) {
		v.Fields = append(v.Fields, e.Fields...)
	}
	return v.Err()
}

func hasOrganization(orgs []domain.Organization, id int64) bool {
	for _, o := range orgs {
		if o.ID == id {
			return true
		}
	}
	return false
}

func hasProgram(progs []domain.Program, id int64) bool {
	for _, p := range progs {
		if p.ID == id {
			return true
		}
	}
	return false
}
