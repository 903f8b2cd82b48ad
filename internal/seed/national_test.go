package seed

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// TestNationalLoadsSmall loads the national dataset at a reduced size and
// checks the rows, their ids and the sign-ins.
func TestNationalLoadsSmall(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		ref, err := refdata.Load()
		if err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(ctx, url, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		size := demo.NationalSize{ProgramShare: 0.05, Projects: 300, Talents: 3000, Entries: 2500, BoardEntries: 440,
			PoolConsents: 1000, TeamShare: 0.3}
		c, err := National(ctx, st, ref, demo.DefaultSeed, now, size, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(c)
		if c.Municipalities != 1741 || c.Projects != 300 || c.Talents != 3000 || c.Entries != 2500 || c.Users != 3000 {
			t.Fatalf("loaded %s", c)
		}
		if c.Agreements == 0 || c.Engagements == 0 || c.Reports == 0 || c.Completed == 0 {
			t.Fatalf("no aftermath: %s", c)
		}
		events, err := st.Compliance().AuditLog(ctx, 0, 4)
		if err != nil || len(events) != 4 || !strings.HasPrefix(events[0].Action, "agreement.") {
			t.Fatalf("audit log: %+v, %v", events, err)
		}
		creds, err := st.Accounts().Credentials(ctx, NationalAlumnusEmail)
		if err != nil {
			t.Fatal(err)
		}
		me, err := st.Talents().TalentByUser(ctx, creds.User.ID)
		if err != nil {
			t.Fatal(err)
		}
		ags, err := st.Agreements().AgreementsOfTalent(ctx, me.ID)
		if err != nil || len(ags) == 0 {
			t.Fatalf("alumnus %d: %d agreements, %v", me.ID, len(ags), err)
		}
		tsubame, err := st.Directory().MunicipalityByLGCode(ctx, demo.TsubameLGCode)
		if err != nil {
			t.Fatal(err)
		}
		pool, err := st.Talents().Pool(ctx, tsubame.ID, store.PoolFilter{})
		if err != nil || len(pool) != store.PoolLimit {
			t.Fatalf("pool of Tsubame: %d, %v", len(pool), err)
		}
		// A user made the ordinary way after the bulk load gets a fresh id.
		u := domain.User{Email: "after@example.com", Name: "後 太郎"}
		if err := st.Accounts().CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Accounts().Credentials(ctx, NationalOtaStaffEmail); err != nil {
			t.Fatal(err)
		}
	})
}
