package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestEntriesOfTalentInTwoQueries: a talent's entries, read in one pass
// with their choices, are exactly what reading each entry gives, newest
// first, choices in rank order.
func TestEntriesOfTalentInTwoQueries(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		ts := domain.Project{MunicipalityID: f.tsubame.ID, ProgramID: f.program2.ID, HostID: f.other.ID, TeamSize: 1,
			HoursPerMonth: 10, WorkStyle: domain.WorkRemote, RewardType: domain.RewardProBono, Status: domain.ProjectPublished,
			Title: "洋食器の海外販路", Description: "説明", SDGs: []int{9}, RequiredSkills: []string{"dx-kintone"}}
		mustNil(t, s.Projects().CreateProject(ctx, &ts))
		first := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: f.talent.ID,
			Choices: []int64{f.green.ID, f.web.ID, f.cafe.ID}, Motivation: "一つ目", Status: domain.EntrySubmitted,
			SubmittedAt: time.Date(2021, 7, 1, 9, 0, 0, 0, time.UTC)}
		second := domain.Entry{MunicipalityID: f.tsubame.ID, ProgramID: f.program2.ID, TalentID: f.talent.ID,
			Choices: []int64{ts.ID}, Motivation: "二つ目", Status: domain.EntrySubmitted,
			SubmittedAt: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)}
		mustNil(t, s.Entries().CreateEntry(ctx, &first))
		mustNil(t, s.Entries().CreateEntry(ctx, &second))
		got, err := s.Entries().EntriesOfTalent(ctx, f.talent.ID)
		mustNil(t, err)
		var want []domain.Entry
		for _, id := range []int64{second.ID, first.ID} {
			e, err := s.Entries().Entry(ctx, id)
			mustNil(t, err)
			want = append(want, e)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("EntriesOfTalent:\n got %+v\nwant %+v", got, want)
		}
		if none, err := s.Entries().EntriesOfTalent(ctx, f.talent.ID+1000); err != nil || none == nil || len(none) != 0 {
			t.Errorf("a talent without entries: %v %v", none, err)
		}
	})
}
