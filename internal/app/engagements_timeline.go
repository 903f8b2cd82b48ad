package app

import (
	"context"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TimelineNoticeDays is how many days before a step of a program's
// timeline its people are told of it.
const TimelineNoticeDays = 3

// teamSteps are the steps that concern the teams rather than the entrants.
var teamSteps = map[string]bool{domain.StepKickoff: true, domain.StepMidterm: true, domain.StepFinal: true, domain.StepEnd: true}

// RemindTimeline tells a program's people of each step of its timeline
// that comes within TimelineNoticeDays: the entrants still in the running
// of the selection and the announcement, the teams' members and their
// businesses' owners of the kickoff, the midterm review, the final
// presentation and the end, and the municipality's staff of every step.
// Each person hears of a step once: the claim, the notice and the mail
// are one transaction. It returns how many were told.
func (s *Engagements) RemindTimeline(ctx context.Context) (int, error) {
	st := s.app.st
	today := domain.DateInJapan(s.app.now())
	programs, err := st.Directory().Programs(ctx, 0)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, p := range programs {
		for _, step := range domain.TimelineSteps() {
			day := p.Timeline.Day(step)
			if day.IsZero() || day.Before(today) || day.After(today.AddDate(0, 0, TimelineNoticeDays)) {
				continue
			}
			people, err := s.timelinePeople(ctx, p, teamSteps[step])
			if err != nil {
				return sent, err
			}
			for _, uid := range people {
				err := s.app.Change(ctx, func(tx *Tx) error {
					first, err := tx.Directory().ClaimTimelineNotice(ctx, p.ID, step, uid)
					if err != nil || !first {
						return err
					}
					sent++
					return tx.Tell(ctx, p.MunicipalityID, uid, "notice.timeline_step", map[string]any{"Program": p.Title,
						"Step": "timeline." + step, "Date": day.Format(time.DateOnly)}, "/programs/"+p.Slug+"#h-timeline")
				})
				if err != nil {
					return sent, err
				}
			}
		}
	}
	return sent, nil
}

// timelinePeople are the users a step concerns, staff of the program's
// municipality included, each once.
func (s *Engagements) timelinePeople(ctx context.Context, p domain.Program, teams bool) ([]int64, error) {
	people, err := s.app.st.Directory().ProgramPeople(ctx, p.ID, teams)
	if err != nil {
		return nil, err
	}
	members, err := s.app.st.Accounts().Members(ctx, p.MunicipalityID)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, id := range people {
		seen[id] = true
	}
	for _, m := range members {
		if m.Role == domain.RoleMunicipalityStaff && !seen[m.UserID] {
			seen[m.UserID] = true
			people = append(people, m.UserID)
		}
	}
	return people, nil
}
