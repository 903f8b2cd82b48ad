package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// DashboardFigures are a municipality's figures for its staff.
type DashboardFigures = store.Dashboard

// OutcomeTotal sums one kind of outcome indicator over the teams.
type OutcomeTotal = store.OutcomeTotal

// Flow counts talents whose experience gained in one municipality was
// used in another.
type Flow = store.Flow

// Dashboard is what a municipality's dashboard shows, for one program or
// every program.
type Dashboard struct {
	Programs []domain.Program // the municipality's, to choose from
	Program  domain.Program   // the one counted; zero for every program
	Figures  DashboardFigures
	// Flows are the mobility flows into or out of the municipality, and
	// Places names the municipalities at their other ends.
	Flows  []Flow
	Places map[int64]domain.Municipality
	// Scouted are talents with experience in one municipality scouted
	// by another, into or out of this one (names in Places too).
	Scouted []Flow
}

// Dashboard computes a municipality's figures, for the program with the
// slug, or every program when the slug is "" (an unknown slug is not
// found). The caller has checked that the person may see its dashboard.
func (in *Insights) Dashboard(ctx context.Context, mu domain.Municipality, slug string) (Dashboard, error) {
	var d Dashboard
	var err error
	if d.Programs, err = in.app.st.Directory().Programs(ctx, mu.ID); err != nil {
		return d, err
	}
	sc := store.DashboardScope{MunicipalityID: mu.ID}
	if slug != "" {
		for _, p := range d.Programs {
			if p.Slug == slug {
				d.Program, sc.ProgramID = p, p.ID
			}
		}
		if sc.ProgramID == 0 {
			return d, domain.NotFound("program")
		}
	}
	if d.Figures, err = in.app.st.Insights().Dashboard(ctx, sc); err != nil {
		return d, err
	}
	flows, err := in.app.st.Insights().MobilityFlows(ctx)
	if err != nil {
		return d, err
	}
	n := newHubNames(in.app.st)
	n.knowMunicipalities(mu)
	if err := preloadFlowPlaces(ctx, n, mu.ID, flows); err != nil {
		return d, err
	}
	d.Places = map[int64]domain.Municipality{mu.ID: mu}
	for _, f := range flows {
		if f.FromID != mu.ID && f.ToID != mu.ID {
			continue
		}
		d.Flows = append(d.Flows, f)
		for _, id := range []int64{f.FromID, f.ToID} {
			if d.Places[id], err = n.municipality(ctx, id); err != nil {
				return d, err
			}
		}
	}
	return d, in.scoutFlows(ctx, mu, n, &d)
}

// scoutFlows adds the talents whose experience in one municipality another
// sought with a scout, where this municipality is either end.
func (in *Insights) scoutFlows(ctx context.Context, mu domain.Municipality, n *hubNames, d *Dashboard) error {
	flows, err := in.app.st.Insights().ScoutFlows(ctx)
	if err != nil {
		return err
	}
	if err := preloadFlowPlaces(ctx, n, mu.ID, flows); err != nil {
		return err
	}
	for _, f := range flows {
		if f.FromID != mu.ID && f.ToID != mu.ID {
			continue
		}
		d.Scouted = append(d.Scouted, f)
		for _, id := range []int64{f.FromID, f.ToID} {
			if d.Places[id], err = n.municipality(ctx, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// preloadFlowPlaces reads at once the municipalities at either end of the
// flows that touch municipality id.
func preloadFlowPlaces(ctx context.Context, n *hubNames, id int64, flows []store.Flow) error {
	var ids []int64
	for _, f := range flows {
		if f.FromID == id || f.ToID == id {
			ids = append(ids, f.FromID, f.ToID)
		}
	}
	return n.preload(ctx, ids, nil)
}
