package seed

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// AlumnusEmail signs in the demo's alumnus: a member of a team that
// completed its project in Ota's 2021 program who grew up in Niigata
// Prefecture, where Tsubame is, and lets Tsubame's staff find them.
const AlumnusEmail = "alumnus@demo.tsunagu.example"

// niigata is the prefecture code of Niigata, the first two digits of its
// municipalities' lgcodes.
const niigata = "15"

// alumni lists the dataset IDs of the talents in teams that completed
// their project, in ID order.
func alumni(plan *demo.Aftermath) []int64 {
	var out []int64
	for _, t := range plan.Teams {
		if t.Completed {
			out = append(out, t.Members...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// tiedTo reports whether the talent has a tie of the kind ("" for any) to
// a municipality of the prefecture.
func tiedTo(t domain.Talent, kind domain.AffinityKind, pref string) bool {
	return slices.ContainsFunc(t.Affinities, func(a domain.Affinity) bool {
		return (kind == "" || a.Kind == kind) && strings.HasPrefix(a.LGCode, pref)
	})
}

// talentOf finds a dataset talent by its ID.
func talentOf(ds *demo.Dataset, id int64) domain.Talent {
	i := slices.IndexFunc(ds.Talents, func(t domain.Talent) bool { return t.ID == id })
	if i < 0 {
		return domain.Talent{}
	}
	return ds.Talents[i]
}

// demoAlumnus is the dataset ID of the alumnus who signs in: the first
// alumnus born in Niigata Prefecture (0 when the plan has none).
func demoAlumnus(ds *demo.Dataset, plan *demo.Aftermath) int64 {
	for _, id := range alumni(plan) {
		if tiedTo(talentOf(ds, id), domain.AffinityBorn, niigata) {
			return id
		}
	}
	return 0
}

// findableByTsubame reports whether an alumnus agreed to be found by
// Tsubame: those tied to Niigata Prefecture, and those who grew up
// outside Tokyo and might take their experience home.
func findableByTsubame(t domain.Talent) bool {
	return tiedTo(t, "", niigata) || (tiedTo(t, domain.AffinityBorn, "") && !tiedTo(t, domain.AffinityBorn, "13"))
}

// alumniConsents records, a month after their team completed, the answers
// of the 2021 program's alumni who let Tsubame's staff find them; every
// other one of them (and the alumnus who signs in) also lets those staff
// read the businesses' reviews of their work.
func alumniConsents(ctx context.Context, tx *store.Store, ds *demo.Dataset, plan *demo.Aftermath, m ids, tsubameID int64,
	s *story) error {
	done := map[int64]time.Time{}
	for _, t := range plan.Teams {
		for _, id := range t.Members {
			if t.Completed && (done[id].IsZero() || s.completed(t.ProjectID).After(done[id])) {
				done[id] = s.completed(t.ProjectID)
			}
		}
	}
	signsIn := demoAlumnus(ds, plan)
	for i, id := range alumni(plan) {
		t := talentOf(ds, id)
		if !findableByTsubame(t) {
			continue
		}
		at := jstDay(done[id].AddDate(0, 1, 0), 21, i%60)
		s.set(at)
		user, err := memberAccount(ctx, tx, m.tal[id])
		if err != nil {
			return err
		}
		if err := tx.Compliance().RecordConsent(ctx, &domain.Consent{UserID: user, MunicipalityID: tsubameID,
			Purpose: domain.ConsentScout, Granted: true}); err != nil {
			return err
		}
		if i%2 == 0 || id == signsIn {
			s.set(at.Add(time.Minute))
			if err := tx.Compliance().RecordConsent(ctx, &domain.Consent{UserID: user, Purpose: domain.ConsentReviews,
				Granted: true}); err != nil {
				return err
			}
		}
	}
	return nil
}
