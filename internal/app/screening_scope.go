package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Read models of screening, as the store lists them.
type (
	// EntryRow is an entry as staff see it in a list, with its entrant's names.
	EntryRow = store.EntryRow
	// Moved is one entry moved to a stage, with whom to tell.
	Moved = store.Moved
	// Reviewer is a person assigned to screen an entry.
	Reviewer = store.Reviewer
	// ReviewRow is a review with its reviewer's name.
	ReviewRow = store.ReviewRow
	// Screener is someone who may be assigned to entries (or lead a team).
	Screener = store.Screener
	// EntryEvent is one step of an entry's history.
	EntryEvent = store.EntryEvent
	// EntryVersion is an entry as it stood before its talent changed it.
	EntryVersion = store.EntryVersion
)

// ProgramScope is a program of a municipality and who acts on its
// entries.
type ProgramScope struct {
	Actor        policy.Actor
	Municipality domain.Municipality
	Program      domain.Program
}

// EntryScope is one entry, where it belongs, who acts on it and how the
// policy sees it for them.
type EntryScope struct {
	Actor        policy.Actor
	Municipality domain.Municipality
	Program      domain.Program
	Entry        domain.Entry
	Resource     policy.Resource
}

// ProgramFor finds the municipality (by its code) and its program (by
// slug) for an action the policy must allow on all of the program's
// entries. An unknown municipality is 404 before anything is checked; a
// program of another municipality is 404 too.
//
// An action the municipality may delegate to a partner is checked on the
// program itself, once it is found.
func (s *Screening) ProgramFor(ctx context.Context, lgcode, slug string, act policy.Action) (ProgramScope, error) {
	sc, err := s.program(ctx, lgcode, slug, func(mu domain.Municipality) (policy.Actor, error) {
		return s.app.AuthorizeSome(ctx, act, mu.ID)
	})
	if err != nil {
		return sc, err
	}
	return sc, s.app.authorizeProgram(ctx, sc.Actor, act, sc.Program)
}

// ProgramListFor is ProgramFor for a list that is then narrowed, entry by
// entry, to what the person may see (a leader's own).
func (s *Screening) ProgramListFor(ctx context.Context, lgcode, slug string, act policy.Action) (ProgramScope, error) {
	return s.program(ctx, lgcode, slug, func(mu domain.Municipality) (policy.Actor, error) {
		return s.app.AuthorizeSome(ctx, act, mu.ID)
	})
}

func (s *Screening) program(ctx context.Context, lgcode, slug string,
	check func(domain.Municipality) (policy.Actor, error)) (ProgramScope, error) {
	var sc ProgramScope
	var err error
	if sc.Municipality, err = s.app.st.Directory().MunicipalityByLGCode(ctx, lgcode); err != nil {
		return sc, err
	}
	if sc.Actor, err = check(sc.Municipality); err != nil {
		return sc, err
	}
	if sc.Program, err = s.app.st.Directory().ProgramBySlug(ctx, slug); err != nil {
		return sc, err
	}
	if sc.Program.MunicipalityID != sc.Municipality.ID {
		return sc, domain.NotFound("program")
	}
	return sc, nil
}

// EntryFor finds an entry of the municipality and checks the action on
// it. Someone who may take the action on some entries but not this one (a
// leader not assigned to review it) is told it does not exist. An id
// that is not one (0) is not found.
func (s *Screening) EntryFor(ctx context.Context, lgcode string, id int64, act policy.Action) (EntryScope, error) {
	var sc EntryScope
	var err error
	if sc.Municipality, err = s.app.st.Directory().MunicipalityByLGCode(ctx, lgcode); err != nil {
		return sc, err
	}
	if sc.Actor, err = s.app.AuthorizeSome(ctx, act, sc.Municipality.ID); err != nil {
		return sc, err
	}
	if id < 1 {
		return sc, domain.NotFound("entry")
	}
	if sc.Entry, err = s.app.st.Entries().Entry(ctx, id); err != nil {
		return sc, err
	}
	if sc.Entry.MunicipalityID != sc.Municipality.ID {
		return sc, domain.NotFound("entry")
	}
	if sc.Program, err = s.programByID(ctx, sc.Entry.ProgramID); err != nil {
		return sc, err
	}
	if sc.Resource, err = s.EntryResource(ctx, sc.Actor, sc.Entry, sc.Program); err != nil {
		return sc, err
	}
	if !policy.Can(sc.Actor, act, sc.Resource) {
		// Whoever sees the entry (a partner of a program not delegated to
		// it) is refused; for anyone else it does not exist.
		if policy.Can(sc.Actor, policy.ViewEntries, sc.Resource) {
			return sc, Refused("error.forbidden", sc.Municipality.ID, "program", sc.Program.ID)
		}
		return sc, Hidden(sc.Municipality.ID, "entry", sc.Entry.ID)
	}
	return sc, nil
}

// EntryResource is an entry of program p as the policy sees it: its
// municipality, whether the person is assigned to review it, and the
// partner the program's operations are delegated to.
func (s *Screening) EntryResource(ctx context.Context, a policy.Actor, e domain.Entry, p domain.Program) (policy.Resource, error) {
	assigned, err := s.app.st.Entries().IsReviewer(ctx, e.ID, a.UserID)
	return policy.Resource{MunicipalityID: e.MunicipalityID, AssignedReviewer: assigned, Delegate: p.Delegate}, err
}

// programByID finds a program among the hub's; one that is gone is the
// zero program.
func (s *Screening) programByID(ctx context.Context, id int64) (domain.Program, error) {
	p, err := s.app.st.Directory().ProgramByID(ctx, id)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return domain.Program{}, nil
	}
	return p, err
}
