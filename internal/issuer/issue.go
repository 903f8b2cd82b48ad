package issuer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// IssueFor issues a credential to each talent of a completed engagement
// who has none yet, and returns how many it issued.
func (i *Issuer) IssueFor(ctx context.Context, engagementID int64) (int, error) {
	issued := 0
	err := i.st.InTx(ctx, func(tx *store.Store) error {
		g, err := tx.Workspaces().Engagement(ctx, engagementID)
		if err != nil {
			return err
		}
		if g.Status != domain.EngagementCompleted {
			return domain.Errorf(domain.CodeConflict, "error.engagement_not_completed")
		}
		if g.CredentialWithheld {
			return nil
		}
		p, err := tx.Projects().Project(ctx, g.ProjectID)
		if err != nil {
			return err
		}
		mu, err := tx.Directory().MunicipalityByID(ctx, g.MunicipalityID)
		if err != nil {
			return err
		}
		ks, err := New(tx, i.base, i.now, i.ring).signingKeys(ctx, mu)
		if err != nil {
			return err
		}
		key, err := ks.Active(i.now())
		if err != nil {
			return err
		}
		team, err := tx.Workspaces().Team(ctx, g)
		if err != nil {
			return err
		}
		reports, err := tx.Workspaces().Reports(ctx, g.ID)
		if err != nil {
			return err
		}
		indicators, err := tx.Workspaces().Indicators(ctx, g.ID)
		if err != nil {
			return err
		}
		var outcomes []string
		for _, in := range indicators {
			if in.HasResult() {
				outcomes = append(outcomes, fmt.Sprintf("%s: %g → %g (SDG %d)", in.Kind, in.Baseline, in.Result, in.SDG))
			}
		}
		for _, m := range team {
			has, err := tx.Issuance().HasCredential(ctx, g.ID, m.TalentID)
			if err != nil || has {
				if err != nil {
					return err
				}
				continue
			}
			hours := 0
			for _, r := range reports {
				if r.TalentID == m.TalentID {
					hours += r.Hours
				}
			}
			token := make([]byte, 16)
			if _, err := rand.Read(token); err != nil {
				return err
			}
			id := hex.EncodeToString(token)
			if i.ids != nil {
				id = i.ids(p.Title, m.Name)
			}
			idx, err := tx.Issuance().NextStatusIndex(ctx, mu.ID)
			if err != nil {
				return err
			}
			start, end := domain.WorkedPeriod(m.Agreement.StartsOn, m.Agreement.AcceptedOn(), g.CompletedAt)
			c, err := credential.Build(credential.Experience{CredentialID: id, IssuerLGCode: mu.LGCode, IssuerName: mu.Name,
				BaseURL: i.base, TalentName: m.Name, ProjectTitle: p.Title, ProjectDescription: p.Description,
				Criteria: criteria(mu.Name, g, start, end),
				Role:     "副業人材", Start: start, End: end, Hours: hours, SDGs: p.SDGs,
				Outcomes: outcomes, StatusListURL: i.StatusListURL(mu.LGCode), StatusIndex: idx, IssuedAt: i.now()})
			if err != nil {
				return err
			}
			jwt, err := credential.Sign(c, key)
			if err != nil {
				return err
			}
			if err := tx.Issuance().SaveCredential(ctx, store.IssuedCredential{ID: id, MunicipalityID: mu.ID, TalentID: m.TalentID,
				EngagementID: g.ID, StatusIndex: idx, JWT: jwt, IssuedAt: i.now()}); err != nil {
				return err
			}
			issued++
		}
		return nil
	})
	return issued, err
}

// criteria says what the holder did: completed the agreed work, or worked
// the shortened period of a team ended early (中途終了).
func criteria(issuer string, g domain.Engagement, start, end time.Time) string {
	if g.EndedEarlyReason == "" {
		return "つなぐで合意した期間、チームの一員として活動を完了した（" + issuer + "が確認）。"
	}
	// Days as people in Japan count them: a team ended at 00:30 JST is
	// still 15:30 UTC the day before.
	const day = "2006年1月2日"
	jst := domain.Japan()
	return "つなぐで合意した活動に、" + start.In(jst).Format(day) + "から" + end.In(jst).Format(day) +
		"まで（中途終了により短縮された期間）チームの一員として従事した（" + issuer + "が確認）。"
}

// IssueMissing issues the credentials completed engagements still lack,
// such as the demo's, and returns how many; with none missing it costs
// one query, since it runs at every start.
func (i *Issuer) IssueMissing(ctx context.Context) (int, error) {
	ids, err := i.st.Issuance().EngagementsMissingCredentials(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, id := range ids {
		n, err := i.IssueFor(ctx, id)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}
