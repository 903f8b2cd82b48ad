package app

import (
	"context"
	"reflect"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/match"
)

// TestHubRarityIsThePoolsOwn: the rarity counted by the database is the
// one a pool of every talent profile computes, so that a pool of one
// talent scores as that pool would.
func TestHubRarityIsThePoolsOwn(t *testing.T) {
	engines(t, func(t *testing.T, url string) {
		ctx := context.Background()
		a, st := demoApp(t, url)
		talents, err := st.Talents().TalentsForMatching(ctx)
		if err != nil {
			t.Fatal(err)
		}
		in := make([]match.Talent, len(talents))
		for i, tl := range talents {
			in[i] = talentToMatch(tl, a.ref)
		}
		all, err := match.NewPool(in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.Catalogue.hubRarity(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := all.RarityOf(); !reflect.DeepEqual(*got, want) || want.Talents < 100 || len(want.Holders) < 10 {
			t.Errorf("rarity:\n got %+v\nwant %+v", *got, want)
		}
		// Every demo talent's recommendations score as before.
		checked := 0
		for _, tl := range talents[:20] {
			full, err := st.Talents().Talent(ctx, tl.ID)
			if err != nil {
				t.Fatal(err)
			}
			one, err := a.Catalogue.talentPool(ctx, full)
			if err != nil {
				t.Fatal(err)
			}
			page, err := a.Catalogue.Recommend(ctx, full, 5)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page {
				mu, err := st.Directory().MunicipalityByID(ctx, r.Project.Project.MunicipalityID)
				if err != nil {
					t.Fatal(err)
				}
				mp := MatchProject(r.Project.Project, mu, a.ref)
				want, err := all.Score(mp, talentToMatch(full, a.ref).ID, match.DefaultWeights())
				if err != nil {
					t.Fatal(err)
				}
				got, _ := one.Score(mp, talentToMatch(full, a.ref).ID, match.DefaultWeights())
				checked++
				if got.Score != want.Score || r.Score != want.Score {
					t.Errorf("talent %d, project %d: %d and %d, want %d", tl.ID, r.Project.Project.ID, r.Score, got.Score, want.Score)
				}
			}
		}
		if checked < 20 {
			t.Errorf("only %d recommendations checked", checked)
		}
	})
}
