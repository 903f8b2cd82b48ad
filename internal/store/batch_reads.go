package store

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// The reads in this file take many ids at once, so that a page listing
// many items reads what it shows beside them in one statement instead of
// one per item.

// MunicipalitiesByID loads several hub municipalities at once, keyed by
// id; ids that do not exist are left out.
func (s Directory) MunicipalitiesByID(ctx context.Context, ids []int64) (map[int64]domain.Municipality, error) {
	s.core = s.replicaSafe(ctx)
	out := make(map[int64]domain.Municipality, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	in, args := inList(ids, 1)
	rows, err := s.query(ctx, `SELECT `+municipalityColumns+` FROM municipalities WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMunicipality(rows)
		if err != nil {
			return nil, err
		}
		out[m.ID] = m
	}
	return out, rows.Err()
}

// ProgramsByID loads several programs with their hosts at once, keyed by
// id; ids that do not exist are left out.
func (s Directory) ProgramsByID(ctx context.Context, ids []int64) (map[int64]domain.Program, error) {
	s.core = s.replicaSafe(ctx)
	out := make(map[int64]domain.Program, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	in, args := inList(ids, 1)
	rows, err := s.query(ctx, `SELECT `+programColumns+` FROM programs WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	var list []domain.Program
	for rows.Next() {
		p, err := scanProgram(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ptrs := make([]*domain.Program, len(list))
	for i := range list {
		ptrs[i] = &list[i]
	}
	if err := s.loadHosts(ctx, ptrs); err != nil {
		return nil, err
	}
	for _, p := range list {
		out[p.ID] = p
	}
	return out, nil
}

// InterviewsOfEntries lists the interviews of several entries at once,
// keyed by entry, each entry's soonest first (as Interviews).
func (s Entries) InterviewsOfEntries(ctx context.Context, entryIDs []int64) (map[int64][]domain.Interview, error) {
	out := make(map[int64][]domain.Interview, len(entryIDs))
	if len(entryIDs) == 0 {
		return out, nil
	}
	in, args := inList(entryIDs, 1)
	rows, err := s.query(ctx, `SELECT `+interviewColumns+` FROM interviews WHERE entry_id IN (`+in+`)
		ORDER BY entry_id, starts_at, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		iv, err := scanInterview(rows)
		if err != nil {
			return nil, err
		}
		out[iv.EntryID] = append(out[iv.EntryID], iv)
	}
	return out, rows.Err()
}

// EngagementsOfProjects finds the workspaces of several projects at once,
// keyed by project; projects without one are left out.
func (s Workspaces) EngagementsOfProjects(ctx context.Context, projectIDs []int64) (map[int64]domain.Engagement, error) {
	out := make(map[int64]domain.Engagement, len(projectIDs))
	if len(projectIDs) == 0 {
		return out, nil
	}
	in, args := inList(projectIDs, 1)
	rows, err := s.query(ctx, `SELECT `+engagementColumns+` FROM engagements WHERE project_id IN (`+in+`)
		ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		g, err := scanEngagement(rows)
		if err != nil {
			return nil, err
		}
		if _, seen := out[g.ProjectID]; !seen {
			out[g.ProjectID] = g
		}
	}
	return out, rows.Err()
}
