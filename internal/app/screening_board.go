package app

import (
	"context"
	"slices"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Board is a program's entries as the screening board shows them to one
// person: only the entries they may see, with the program's projects,
// who reviews each entry and how it was scored.
type Board struct {
	ProgramScope
	Entries   []EntryRow       // in submission order
	Projects  []domain.Project // the program's, for titles and the filter
	Reviewers map[int64][]string
	Mine      map[int64]bool // entries assigned to the person
	Scores    map[int64]ReviewScore
}

// ReviewScore sums up an entry's scored reviews.
type ReviewScore struct {
	Reviews int
	Mean    float64
}

// Board lists a program's entries for its screening board. A leader sees
// only the entries assigned to them. Seeing entrants is a view of
// personal data, so it is audited.
func (s *Screening) Board(ctx context.Context, lgcode, slug string) (Board, error) {
	sc, err := s.ProgramListFor(ctx, lgcode, slug, policy.ViewEntries)
	b := Board{ProgramScope: sc, Reviewers: map[int64][]string{}, Mine: map[int64]bool{}, Scores: map[int64]ReviewScore{}}
	if err != nil {
		return b, err
	}
	st, p, mu := s.app.st, sc.Program, sc.Municipality
	entries, err := st.Entries().EntriesOfProgram(ctx, p.ID)
	if err != nil {
		return b, err
	}
	page, err := st.Projects().ListProjects(ctx, store.ProjectFilter{ProgramID: p.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectDraft, domain.ProjectReview, domain.ProjectPublished, domain.ProjectClosed}})
	if err != nil {
		return b, err
	}
	b.Projects = page.Projects
	reviewers, err := st.Entries().ReviewersOfProgram(ctx, p.ID)
	if err != nil {
		return b, err
	}
	for _, rv := range reviewers {
		b.Reviewers[rv.EntryID] = append(b.Reviewers[rv.EntryID], rv.Name)
		b.Mine[rv.EntryID] = b.Mine[rv.EntryID] || rv.UserID == sc.Actor.UserID
	}
	reviews, err := st.Entries().Reviews(ctx, p.ID, 0)
	if err != nil {
		return b, err
	}
	sums := map[int64][2]float64{}
	for _, rv := range reviews {
		if len(rv.Scores) > 0 {
			x := sums[rv.EntryID]
			sums[rv.EntryID] = [2]float64{x[0] + rv.Mean(), x[1] + 1}
		}
	}
	for id, x := range sums {
		b.Scores[id] = ReviewScore{Reviews: int(x[1]), Mean: x[0] / x[1]}
	}
	for _, e := range entries {
		if policy.Can(sc.Actor, policy.ViewEntries, policy.Resource{MunicipalityID: mu.ID, AssignedReviewer: b.Mine[e.ID]}) {
			b.Entries = append(b.Entries, e)
		}
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "entries.view", SubjectType: "program", SubjectID: p.ID,
			MunicipalityID: mu.ID})
	})
	return b, err
}

// SetStages chooses which optional stages (書類選考, 面談) the program
// uses; the municipality decides.
func (s *Screening) SetStages(ctx context.Context, sc ProgramScope, optional []domain.EntryStatus) error {
	if !policy.Can(sc.Actor, policy.DecideEntries, policy.Resource{MunicipalityID: sc.Municipality.ID}) {
		return Refused("error.forbidden", sc.Municipality.ID, "municipality", sc.Municipality.ID)
	}
	var stages []domain.EntryStatus
	for _, st := range domain.Stages() {
		if !slices.Contains(domain.OptionalStages(), st) || slices.Contains(optional, st) {
			stages = append(stages, st)
		}
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Directory().SetProgramStages(ctx, sc.Program.ID, stages); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "program.stages", SubjectType: "program", SubjectID: sc.Program.ID,
			MunicipalityID: sc.Municipality.ID})
	})
}
