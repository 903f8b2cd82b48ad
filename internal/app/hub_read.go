package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// ProgramStats are a program's figures for its page.
type ProgramStats = store.ProgramStats

// Municipalities lists the hub's municipalities.
func (h *Hub) Municipalities(ctx context.Context) ([]domain.Municipality, error) {
	return h.app.st.Directory().Municipalities(ctx)
}

// Programs lists the programs of one municipality, or of all with 0.
func (h *Hub) Programs(ctx context.Context, municipalityID int64) ([]domain.Program, error) {
	return h.app.st.Directory().Programs(ctx, municipalityID)
}

// Organizations finds organizations by id, for the names beside projects
// and programs.
func (h *Hub) Organizations(ctx context.Context, ids []int64) (map[int64]domain.Organization, error) {
	return h.app.st.Directory().OrganizationsByID(ctx, ids)
}

// ProgramStats counts a program's projects and entrants.
func (h *Hub) ProgramStats(ctx context.Context, programID int64) (ProgramStats, error) {
	return h.app.st.Insights().ProgramStats(ctx, programID)
}
