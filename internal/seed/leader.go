package seed

import (
	"context"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
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
		// The leader scores it over the next days, in the evenings.
		s.set(s.closed2021.AddDate(0, 0, 1+assigned%5).Add(20*time.Hour + time.Duration(assigned)*3*time.Minute))
		r := domain.Review{EntryID: m.ent[e.ID], ReviewerID: leader, Note: leaderNotes[assigned%len(leaderNotes)],
			Scores: map[domain.Criterion]int{}}
		for k, c := range domain.Criteria() {
			r.Scores[c] = 2 + int(e.ID+int64(k))%4
		}
		if err := tx.Entries().SaveReview(ctx, &r); err != nil {
			return err
		}
		assigned++
	}
	if err := interviews2021(ctx, tx, ds, m, staff, s); err != nil {
		return err
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

// leaderNotes are the leader's notes on the entries they scored.
var leaderNotes = []string{
	"経験は案件にぴったり。稼働時間の見通しを面談で確認したい。",
	"志望動機が具体的で、地域への関心も高い。",
	"スキルは十分。オンライン中心での進め方に慣れている。",
	"副業は初めてとのこと。面談で期待値をすり合わせたい。",
}

// interviews2021 records the online interview each 2021 offer followed:
// held by the staff from 2 to 9 September 2021, before the offers on the
// 10th, 45 minutes each in the afternoon.
func interviews2021(ctx context.Context, tx *store.Store, ds *demo.Dataset, m ids, staff int64, s *story) error {
	n := 0
	for _, e := range ds.Entries {
		if _, ok := ds.Offers[e.ID]; !ok {
			continue
		}
		start := s.closed2021.AddDate(0, 0, 1+n%8).Add(time.Duration(13*60+(n/8)*50) * time.Minute)
		s.set(start.AddDate(0, 0, -1))
		iv := domain.Interview{EntryID: m.ent[e.ID], StartsAt: start, EndsAt: start.Add(45 * time.Minute),
			VideoURL: "https://meet.demo.tsunagu.example/ota-2021", CreatedBy: staff}
		if err := tx.Entries().RecordPastInterview(ctx, &iv); err != nil {
			return err
		}
		n++
	}
	return nil
}
