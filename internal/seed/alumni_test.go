package seed

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// TestDemoAlumniForTsubame checks the demo's alumni as Tsubame's staff
// find them: only 2021 completers, among them the alumnus who signs in,
// born in Niigata Prefecture with a completed Ota project; and that the
// dashboard counts Tsubame's scout of an Ota alumnus.
func TestDemoAlumniForTsubame(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		d := loadDemo(t, url)
		ota, err := d.st.Directory().MunicipalityByLGCode(ctx, demo.OtaLGCode)
		if err != nil {
			t.Fatal(err)
		}
		tsubame, err := d.st.Directory().MunicipalityByLGCode(ctx, demo.TsubameLGCode)
		if err != nil {
			t.Fatal(err)
		}
		pool, err := d.st.Talents().Pool(ctx, tsubame.ID, store.PoolFilter{})
		if err != nil || len(pool) < 10 {
			t.Fatalf("Tsubame's pool: %d %v", len(pool), err)
		}
		ids := make([]int64, len(pool))
		for i, p := range pool {
			ids[i] = p.ID
		}
		xs, err := d.st.Talents().Experiences(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		completed := map[int64]bool{}
		for _, x := range xs {
			if x.MunicipalityID == ota.ID {
				completed[x.TalentID] = true
			}
		}
		for _, p := range pool {
			if !completed[p.ID] {
				t.Errorf("talent %d is in Tsubame's pool without a completed Ota project", p.ID)
			}
		}
		c, err := d.st.Accounts().Credentials(ctx, AlumnusEmail)
		if err != nil {
			t.Fatal(err)
		}
		alumnus, err := d.st.Talents().TalentByUser(ctx, c.User.ID)
		if err != nil {
			t.Fatal(err)
		}
		niigata, err := d.st.Talents().Pool(ctx, tsubame.ID, store.PoolFilter{Tie: domain.AffinityBorn, Prefecture: "15"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(niigata, func(t domain.Talent) bool { return t.ID == alumnus.ID }) {
			t.Errorf("the alumnus %d is not among those born in Niigata: %d talents", alumnus.ID, len(niigata))
		}
		for _, n := range niigata {
			if !slices.ContainsFunc(n.Affinities, func(a domain.Affinity) bool {
				return a.Kind == domain.AffinityBorn && strings.HasPrefix(a.LGCode, "15")
			}) {
				t.Errorf("talent %d was not born in Niigata: %+v", n.ID, n.Affinities)
			}
		}
		flows, err := d.st.Insights().ScoutFlows(ctx)
		if err != nil || len(flows) != 1 || flows[0] != (store.Flow{FromID: ota.ID, ToID: tsubame.ID, Talents: 1}) {
			t.Errorf("scout flows: %+v %v", flows, err)
		}
	})
}
