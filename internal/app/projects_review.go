package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// projectStep says where a review step takes a project: the business
// submits; staff publish, return with a comment, or close.
func projectStep(step string) (domain.ProjectStatus, bool) {
	switch step {
	case "submit":
		return domain.ProjectReview, true
	case "publish":
		return domain.ProjectPublished, true
	case "return":
		return domain.ProjectDraft, true
	case "close":
		return domain.ProjectClosed, true
	}
	return "", false
}

// Move takes a review step on a project: whoever manages it may submit
// it; only those who review publish, return (with a comment) or close
// it. The host business's owners hear that their project was published
// or returned. An unknown step is a *BadParam for "action"; a step the
// store refuses as invalid (a return without a comment) comes back with
// the project's form, to be shown again.
func (s *Projects) Move(ctx context.Context, lgcode string, id int64, step, comment string) (ProjectForm, error) {
	d, p, err := s.deskProject(ctx, lgcode, id)
	if err != nil {
		return ProjectForm{}, err
	}
	mu := d.municipality
	to, ok := projectStep(step)
	if !ok {
		return ProjectForm{}, badChoice("action", step)
	}
	if to != domain.ProjectReview && !d.reviews(p.ProgramID) {
		return ProjectForm{}, Refused("error.forbidden", mu.ID, "project", p.ID)
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		moved, err := tx.Projects().MoveProject(ctx, p.ID, to, d.actor.UserID, comment)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "project." + step, SubjectType: "project", SubjectID: p.ID,
			MunicipalityID: mu.ID}); err != nil {
			return err
		}
		if step == "submit" {
			// The staff who review projects hear that one waits for them.
			if err := tx.tellStaff(ctx, mu.ID, policy.ReviewProjects, "notice.project_submitted",
				map[string]any{"Title": moved.Title}, "/admin/"+mu.LGCode+"/projects/"+strconv.FormatInt(p.ID, 10)); err != nil {
				return err
			}
		}
		return tx.tellProjectHost(ctx, mu, moved, step, comment)
	})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		return s.formAfter(ctx, d, p, err)
	}
	return ProjectForm{Municipality: mu, Project: p}, err
}

// tellProjectHost lets the host business's owners know that their
// project was published or returned: an in-app notice and a mail in their
// language, with the reviewer's comment.
func (tx *Tx) tellProjectHost(ctx context.Context, mu domain.Municipality, p domain.Project, step, comment string) error {
	if step != "publish" && step != "return" {
		return nil
	}
	members, err := tx.Accounts().Members(ctx, mu.ID)
	if err != nil {
		return err
	}
	link := "/admin/" + mu.LGCode + "/projects/" + strconv.FormatInt(p.ID, 10)
	for _, m := range members {
		if m.OrganizationID != p.HostID || m.Role != domain.RoleBusinessOwner {
			continue
		}
		if err := tx.TellNote(ctx, mu.ID, m.UserID, "notice.project_"+step, map[string]any{"Title": p.Title}, link,
			comment); err != nil {
			return err
		}
	}
	return nil
}
