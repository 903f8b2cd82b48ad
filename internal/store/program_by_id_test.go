package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestProgramByID finds one program by id, hosts included, as by its slug.
func TestProgramByID(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		byID, err := s.Directory().ProgramByID(ctx, f.program.ID)
		mustNil(t, err)
		bySlug, err := s.Directory().ProgramBySlug(ctx, f.program.Slug)
		mustNil(t, err)
		if !reflect.DeepEqual(byID, bySlug) || len(byID.HostIDs) == 0 {
			t.Errorf("by id %+v, by slug %+v", byID, bySlug)
		}
		if _, err := s.Directory().ProgramByID(ctx, f.program2.ID+1000); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("an unknown id: %v", err)
		}
	})
}
