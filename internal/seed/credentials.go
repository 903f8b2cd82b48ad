package seed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/keyring"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// DemoCredentialPath is the public credential of the demo's talent, which
// the README's tour opens as a visitor.
const DemoCredentialPath = "/credentials/" + demoCredentialID

// demoCredentialID is the talent account's credential: its project and
// holder are fixed by the demo's seed, and so is its name.
const demoCredentialID = "382f7b9894d571aa9de0ab199ce538b3"

// demoCredentialName names a demo credential from its project and holder,
// the same in every load: the talent account's is DemoCredentialPath.
func demoCredentialName(projectTitle, talentName string) string {
	sum := sha256.Sum256([]byte("tsunagu-demo|" + projectTitle + "|" + talentName))
	return hex.EncodeToString(sum[:16])
}

// IssueDemoCredentials issues the credentials of the demo's 2021 teams as
// Ota City did, an hour after each team completed, and shows the demo
// talent's in public, as they chose to. It does nothing where the demo is
// not loaded or its credentials are issued; serve runs it before issuing
// any other missing credentials, since only it knows the base URL they
// name. It returns how many it issued.
func IssueDemoCredentials(ctx context.Context, st *store.Store, baseURL string, keys *keyring.Ring) (int, error) {
	p, err := st.Directory().ProgramBySlug(ctx, demo.Ota2021Slug)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	creds, err := st.Accounts().Credentials(ctx, "talent@demo.tsunagu.example")
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	missing, err := st.Issuance().EngagementsMissingCredentials(ctx)
	if err != nil {
		return 0, err
	}
	// In the order the teams completed: the signing key is made with the
	// first credential, and serves from then on.
	var teams []domain.Engagement
	for _, id := range missing {
		g, err := st.Workspaces().Engagement(ctx, id)
		if err != nil {
			return 0, err
		}
		pr, err := st.Projects().Project(ctx, g.ProjectID)
		if err != nil {
			return 0, err
		}
		if pr.ProgramID == p.ID {
			teams = append(teams, g)
		}
	}
	slices.SortStableFunc(teams, func(a, b domain.Engagement) int { return a.CompletedAt.Compare(b.CompletedAt) })
	issued := 0
	for _, g := range teams {
		id := g.ID
		at := g.CompletedAt.Add(time.Hour)
		clock := func() time.Time { return at }
		n, err := issuer.New(st.WithClock(clock), baseURL, clock, keys).WithIDs(demoCredentialName).IssueFor(ctx, id)
		if err != nil {
			return issued, err
		}
		issued += n
	}
	talent, err := st.Talents().TalentByUser(ctx, creds.User.ID)
	if err != nil {
		return issued, err
	}
	own, err := st.Issuance().IssuedCredentials(ctx, 0, talent.ID)
	if err != nil {
		return issued, err
	}
	for _, c := range own {
		if c.ID == demoCredentialID && !c.Public {
			if err := st.Issuance().SetCredentialPublic(ctx, c.ID, talent.ID, true); err != nil {
				return issued, err
			}
		}
	}
	return issued, nil
}
