package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// ProgramForm is what the form that opens a program offers: the
// municipality and the organizations that may co-host it.
type ProgramForm struct {
	Municipality  domain.Municipality
	Organizations []domain.Organization
}

// Form is the context of the form that opens a program, for the staff
// who decide on the municipality's projects.
func (s *Programs) Form(ctx context.Context, lgcode string) (ProgramForm, error) {
	var f ProgramForm
	mu, err := s.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return f, err
	}
	if _, err := s.app.Authorize(ctx, policy.ReviewProjects, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return f, err
	}
	f.Municipality = mu
	f.Organizations, err = s.app.st.Directory().Organizations(ctx, mu.ID)
	return f, err
}

// Open opens a recruitment program in the municipality, co-hosted by the
// organizations p names, and records it. A program the store rejects
// (invalid or a slug already taken) comes back with the form's context, to
// be shown again.
func (s *Programs) Open(ctx context.Context, lgcode string, p *domain.Program) (ProgramForm, error) {
	f, err := s.Form(ctx, lgcode)
	if err != nil {
		return f, err
	}
	p.MunicipalityID = f.Municipality.ID
	return f, s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Directory().CreateProgram(ctx, p); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "program.create", SubjectType: "program", SubjectID: p.ID,
			MunicipalityID: f.Municipality.ID})
	})
}
