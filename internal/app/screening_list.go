package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// MaxEntryPage is the most entries one page of a program's entry list
// holds.
const MaxEntryPage = 200

// EntryList is one page of a program's entries as one person may see
// them: the entries the board would show them, in submission order.
type EntryList struct {
	ProgramScope
	Total   int        // the entries the person may see, on every page
	Offset  int        // where this page begins among them
	Entries []EntryRow // at most the page's limit, from Offset on
}

// ProgramEntries reads one page of a program's entries for whoever may
// open its screening board, with the same scope: a leader sees only the
// entries assigned to them, and nobody sees contact details here. The
// order is the board's (submission time, then id), so paging with offset
// and limit sees each entry once while entries arrive: a new one sorts
// last, and only an import of older submissions shifts later pages.
// Seeing entrants is a view of personal data, so it is audited as the
// board is. An offset past the end gives an empty page; limit is held to
// 1…MaxEntryPage.
func (s *Screening) ProgramEntries(ctx context.Context, lgcode, slug string, offset, limit int) (EntryList, error) {
	sc, err := s.ProgramListFor(ctx, lgcode, slug, policy.ViewEntries)
	l := EntryList{ProgramScope: sc, Offset: max(offset, 0)}
	if err != nil {
		return l, err
	}
	limit = min(max(limit, 1), MaxEntryPage)
	st, p, mu := s.app.st, sc.Program, sc.Municipality
	entries, err := st.Entries().EntriesOfProgram(ctx, p.ID)
	if err != nil {
		return l, err
	}
	visible := entries
	if !PrincipalFrom(ctx).System && !policy.Can(sc.Actor, policy.ViewEntries, policy.Resource{MunicipalityID: mu.ID}) {
		// Someone who may see only some entries (a leader): those assigned
		// to them, as on the board.
		reviewers, err := st.Entries().ReviewersOfProgram(ctx, p.ID)
		if err != nil {
			return l, err
		}
		mine := map[int64]bool{}
		for _, rv := range reviewers {
			mine[rv.EntryID] = mine[rv.EntryID] || rv.UserID == sc.Actor.UserID
		}
		visible = nil
		for _, e := range entries {
			if policy.Can(sc.Actor, policy.ViewEntries, policy.Resource{MunicipalityID: mu.ID, AssignedReviewer: mine[e.ID]}) {
				visible = append(visible, e)
			}
		}
	}
	l.Total = len(visible)
	if l.Offset < len(visible) {
		l.Entries = visible[l.Offset:min(l.Offset+limit, len(visible))]
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "entries.view", SubjectType: "program", SubjectID: p.ID,
			MunicipalityID: mu.ID})
	})
	return l, err
}
