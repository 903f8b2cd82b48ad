package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// CandidateStatuses are the stages at which the host business sees an
// entrant to its project: from 書類選考 on, when the municipality has
// taken the entry into selection, until 合意.
func CandidateStatuses() []domain.EntryStatus {
	return []domain.EntryStatus{domain.EntryScreening, domain.EntryInterview, domain.EntryOffered, domain.EntryAgreed}
}

// Candidate is an entrant to a business's project as the business sees
// them: contact details only once an interview is set.
type Candidate struct {
	Entry      EntryRow
	Talent     domain.Talent
	Email      string // "" until an interview is set
	Interviews []domain.Interview
	Mine       domain.Review // the person's own scores and comment
}

// Candidates is a project's entrants for its host business.
type Candidates struct {
	Actor        policy.Actor
	Municipality domain.Municipality
	Program      domain.Program
	Project      domain.Project
	List         []Candidate // in submission order
}

// ProjectCandidates lists the entrants who chose the project and stand
// in selection (CandidateStatuses), for whoever manages the project: its
// business's owners, and staff. An entrant's contact details show once an
// interview with them is set (and not cancelled). Seeing entrants is
// audited.
func (s *Screening) ProjectCandidates(ctx context.Context, lgcode string, projectID int64) (Candidates, error) {
	c, err := s.candidateScope(ctx, lgcode, projectID)
	if err != nil {
		return c, err
	}
	st := s.app.st
	rows, err := st.Entries().CandidatesOfProject(ctx, c.Project.ProgramID, c.Project.ID, CandidateStatuses())
	if err != nil {
		return c, err
	}
	for _, e := range rows {
		cd := Candidate{Entry: e, Mine: domain.Review{Scores: map[domain.Criterion]int{}}}
		if cd.Talent, err = st.Talents().Talent(ctx, e.TalentID); err != nil {
			return c, err
		}
		if cd.Interviews, err = st.Entries().Interviews(ctx, e.ID); err != nil {
			return c, err
		}
		if interviewSet(cd.Interviews) || policy.Can(c.Actor, policy.ViewContacts, policy.Resource{MunicipalityID: c.Municipality.ID}) {
			if cd.Email, err = st.Talents().TalentEmail(ctx, e.TalentID); err != nil {
				return c, err
			}
		}
		reviews, err := st.Entries().Reviews(ctx, 0, e.ID)
		if err != nil {
			return c, err
		}
		for _, rv := range reviews {
			if rv.ReviewerID == c.Actor.UserID {
				cd.Mine = rv.Review
			}
		}
		c.List = append(c.List, cd)
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "entries.view", SubjectType: "project", SubjectID: c.Project.ID,
			MunicipalityID: c.Municipality.ID})
	})
	return c, err
}

// SaveCandidateReview keeps the business's own scores and comment on one
// of its project's candidates, as a review staff read with the others.
func (s *Screening) SaveCandidateReview(ctx context.Context, lgcode string, projectID, entryID int64,
	rv domain.Review) error {
	c, err := s.candidateScope(ctx, lgcode, projectID)
	if err != nil {
		return err
	}
	rows, err := s.app.st.Entries().CandidatesOfProject(ctx, c.Project.ProgramID, c.Project.ID, CandidateStatuses())
	if err != nil {
		return err
	}
	found := false
	for _, e := range rows {
		found = found || e.ID == entryID
	}
	if !found {
		return domain.NotFound("entry")
	}
	rv.EntryID, rv.ReviewerID = entryID, c.Actor.UserID
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Entries().SaveReview(ctx, &rv); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "entry.review.business", SubjectType: "entry", SubjectID: entryID,
			MunicipalityID: c.Municipality.ID})
	})
}

// candidateScope finds the municipality's project and checks that the
// person manages it; a project of another municipality is not found.
func (s *Screening) candidateScope(ctx context.Context, lgcode string, projectID int64) (Candidates, error) {
	var c Candidates
	var err error
	if c.Municipality, err = s.app.st.Directory().MunicipalityByLGCode(ctx, lgcode); err != nil {
		return c, err
	}
	if c.Actor, err = s.app.AuthorizeSome(ctx, policy.ManageProjects, c.Municipality.ID); err != nil {
		return c, err
	}
	if projectID < 1 {
		return c, domain.NotFound("project")
	}
	if c.Project, err = s.app.st.Projects().Project(ctx, projectID); err != nil {
		return c, err
	}
	if c.Project.MunicipalityID != c.Municipality.ID {
		return c, domain.NotFound("project")
	}
	res := policy.Resource{MunicipalityID: c.Municipality.ID, OrganizationID: c.Project.HostID}
	if !policy.Can(c.Actor, policy.ManageProjects, res) {
		return c, Refused("error.forbidden", c.Municipality.ID, "project", c.Project.ID)
	}
	c.Program, err = s.programByID(ctx, c.Project.ProgramID)
	return c, err
}

// interviewSet reports whether an interview stands (not cancelled).
func interviewSet(ivs []domain.Interview) bool {
	for _, iv := range ivs {
		if iv.CancelledAt.IsZero() {
			return true
		}
	}
	return false
}
