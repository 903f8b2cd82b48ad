package seed

import (
	"context"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// demoLeaderEntries is how many 2021 entries the demo's leader reviews.
const demoLeaderEntries = 12

// demoLeader gives the demo's leader side-jobber, who sees only what is
// assigned to them, something to see: the staff assigned them to review
// the first entries of the 2021 program, and to lead every team still at
// work and the first completed one. The entries were assigned the morning
// after the 2021 window closed, the teams on the first day of their work.
func demoLeader(ctx context.Context, tx *store.Store, ds *demo.Dataset, plan *demo.Aftermath, m ids,
	users map[string]int64, s *story) error {
	leader, staff := users["leader@demo.tsunagu.example"], users["ota-staff@demo.tsunagu.example"]
	var program int64
	for _, p := range ds.Programs {
		if p.Slug == demo.Ota2021Slug {
			program = p.ID
		}
	}
	assigned := 0
	for _, e := range ds.Entries {
		if e.ProgramID != program || assigned == demoLeaderEntries {
			continue
		}
		s.set(s.closed2021.Add(10*time.Hour + time.Duration(assigned)*time.Minute))
		if err := tx.Entries().AssignReviewer(ctx, m.ent[e.ID], leader, staff); err != nil {
			return err
		}
		assigned++
	}
	firstCompleted := true
	for _, t := range plan.Teams {
		if t.Completed && !firstCompleted {
			continue
		}
		firstCompleted = firstCompleted && !t.Completed
		g, err := tx.Workspaces().EngagementOfProject(ctx, m.proj[t.ProjectID])
		if err != nil {
			return err
		}
		s.set(s.periods[t.ProjectID].from.Add(9 * time.Hour))
		if err := tx.Workspaces().AssignTeamLeader(ctx, g.ID, leader); err != nil {
			return err
		}
	}
	return nil
}
