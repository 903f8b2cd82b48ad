package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Partners lists the municipality's partner organizations, those a
// program's operations may be delegated to.
func (s *Programs) Partners(ctx context.Context, municipalityID int64) ([]domain.Organization, error) {
	all, err := s.app.st.Directory().Organizations(ctx, municipalityID)
	var out []domain.Organization
	for _, o := range all {
		if o.Kind == domain.OrgPartner {
			out = append(out, o)
		}
	}
	return out, err
}

// SetDelegate delegates the day-to-day operations of the program in scope
// to a partner of the municipality (which becomes a co-host), or with 0
// takes them back, and records it. The municipality decides: its staff,
// not the partner.
func (s *Programs) SetDelegate(ctx context.Context, sc ProgramScope, delegate int64) error {
	mu, p := sc.Municipality, sc.Program
	if !PrincipalFrom(ctx).System && !policy.Can(sc.Actor, policy.DecideEntries, policy.Resource{MunicipalityID: mu.ID}) {
		return Refused("error.forbidden", mu.ID, "program", p.ID)
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Directory().SetProgramDelegate(ctx, p.ID, delegate); err != nil {
			return err
		}
		action := "program.delegate"
		if delegate == 0 {
			action = "program.undelegate"
		}
		return tx.Audit(ctx, store.AuditEvent{Action: action, SubjectType: "program", SubjectID: p.ID, MunicipalityID: mu.ID})
	})
}
